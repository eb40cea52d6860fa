// Reserves year by year (DOMAIN.md "Reserves"): closing(n) = opening(n) + contributions(n) − use(n), and
// opening(n+1) = closing(n). The minimum general reserve is the CFO's risk-based judgement in the section 25 report,
// usually a percentage of the net revenue budget (Kent: 3%, about £10m); a general reserve above 5% of it is expected
// to be justified. Pure: figures in, figures out, unrounded.
import { Decimal, type DecimalValue } from './money'

export interface ReserveYear {
  opening: Decimal
  contribution: Decimal
  use: Decimal
  closing: Decimal
  /** The closing balance is below the minimum for the year (false when no minimum is given). */
  belowMinimum: boolean
}

/**
 * The reserve's balance a year at a time, from `opening`. `minimum` is one figure for every year, or a figure a
 * year (a percentage of each year's net budget moves with it); a year without one is never below it.
 */
export function projectReserves(
  opening: DecimalValue,
  years: readonly { contribution: DecimalValue; use: DecimalValue }[],
  minimum?: DecimalValue | readonly (DecimalValue | null)[],
): ReserveYear[] {
  const minimumOf = (i: number): Decimal | null => {
    if (minimum === undefined) return null
    if (Array.isArray(minimum)) {
      const m = (minimum as readonly (DecimalValue | null)[])[i]
      return m === undefined || m === null ? null : new Decimal(m)
    }
    return new Decimal(minimum as DecimalValue)
  }
  let balance = new Decimal(opening)
  return years.map((y, i) => {
    const contribution = new Decimal(y.contribution)
    const use = new Decimal(y.use)
    const closing = balance.plus(contribution).minus(use)
    const floor = minimumOf(i)
    const year = {
      opening: balance,
      contribution,
      use,
      closing,
      belowMinimum: floor !== null && closing.lessThan(floor),
    }
    balance = closing
    return year
  })
}

/** The minimum general reserve as a percentage of the net revenue budget (3 for Kent's 3%). */
export function minimumReserve(netBudget: DecimalValue, percent: DecimalValue): Decimal {
  return new Decimal(netBudget).times(percent).dividedBy(100)
}

/** A general reserve as a percentage of the net revenue budget, and whether it is above the 5% that is expected to
 * be justified; null share when there is no budget. */
export function reserveShare(
  general: DecimalValue,
  netBudget: DecimalValue,
): { percent: Decimal | null; aboveFivePercent: boolean } {
  const budget = new Decimal(netBudget)
  if (budget.isZero()) return { percent: null, aboveFivePercent: false }
  const percent = new Decimal(general).times(100).dividedBy(budget.abs())
  return { percent, aboveFivePercent: percent.greaterThan(5) }
}
