// The medium-term financial plan (DOMAIN.md "Funding and the gap"). Net spending(n) = base(n−1) + pay and non-pay
// inflation + growth − savings, where base(n−1) is the previous year's net spending (the year before the plan: its
// approved budget). Funding = each grant line + precept income + the collection fund surplus (a deficit is negative).
// The gap = net spending − funding − planned use of reserves + contributions to reserves. The budget year (the plan's
// first) must balance (Local Government Finance Act 1992 s.42A); only later years may show a gap. Pure, unrounded.
import { Decimal, formatMoney, type DecimalValue } from './money'
import { fyLabel } from './financial-year'

export interface GrantLine {
  name: string
  amount: DecimalValue
  status: 'provisional' | 'final'
}

export interface PlanYearInput {
  fyStart: number
  grants: readonly GrantLine[]
  preceptIncome: DecimalValue
  /** Surplus positive, deficit negative. */
  collectionFund: DecimalValue
  payInflation: DecimalValue
  nonPayInflation: DecimalValue
  growth: DecimalValue
  savings: DecimalValue
  useOfReserves: DecimalValue
  contributionsToReserves: DecimalValue
  /** The part of growth that is one-off (reserves may fund it without funding recurring spending). */
  oneOffSpending?: DecimalValue
}

export interface PlanYear {
  fyStart: number
  base: Decimal
  payInflation: Decimal
  nonPayInflation: Decimal
  growth: Decimal
  savings: Decimal
  netSpending: Decimal
  grants: Decimal
  preceptIncome: Decimal
  collectionFund: Decimal
  funding: Decimal
  useOfReserves: Decimal
  contributionsToReserves: Decimal
  /** Net spending − funding − use of reserves + contributions: positive is a shortfall, negative a surplus. */
  gap: Decimal
  /** Reserves are used beyond the year's one-off spending: they fund recurring spending. */
  reservesFundRecurring: boolean
}

const d = (v: DecimalValue | undefined) => new Decimal(v ?? 0)

/** The plan year by year from `base`, the net spending of the year before its first. */
export function buildPlan(base: DecimalValue, years: readonly PlanYearInput[]): PlanYear[] {
  let previous = new Decimal(base)
  return years.map((y) => {
    const payInflation = d(y.payInflation)
    const nonPayInflation = d(y.nonPayInflation)
    const growth = d(y.growth)
    const savings = d(y.savings)
    const netSpending = previous.plus(payInflation).plus(nonPayInflation).plus(growth).minus(savings)
    const grants = y.grants.reduce((sum, g) => sum.plus(g.amount), new Decimal(0))
    const preceptIncome = d(y.preceptIncome)
    const collectionFund = d(y.collectionFund)
    const funding = grants.plus(preceptIncome).plus(collectionFund)
    const useOfReserves = d(y.useOfReserves)
    const contributionsToReserves = d(y.contributionsToReserves)
    const gap = netSpending.minus(funding).minus(useOfReserves).plus(contributionsToReserves)
    const year: PlanYear = {
      fyStart: y.fyStart,
      base: previous,
      payInflation,
      nonPayInflation,
      growth,
      savings,
      netSpending,
      grants,
      preceptIncome,
      collectionFund,
      funding,
      useOfReserves,
      contributionsToReserves,
      gap,
      reservesFundRecurring: useOfReserves.greaterThan(d(y.oneOffSpending)),
    }
    previous = netSpending
    return year
  })
}

/**
 * Why a plan cannot be adopted, or null when it can: its first year (the budget year) must balance to the penny
 * (LGFA 1992 s.42A). The refusal names the amount and whether it is a shortfall or a surplus.
 */
export function adoptionRefusal(plan: readonly PlanYear[]): string | null {
  const first = plan[0]
  if (!first) return 'The plan has no years'
  const gap = first.gap.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  if (gap.isZero()) return null
  const amount = formatMoney(gap.abs(), 'pence')
  return gap.isPositive()
    ? `${fyLabel(first.fyStart)} does not balance: spending exceeds funding and planned use of reserves by ${amount}. The budget year must balance (Local Government Finance Act 1992 s.42A): find savings, funding or reserves for it before the plan is adopted.`
    : `${fyLabel(first.fyStart)} does not balance: funding exceeds spending by ${amount}. The budget year must balance (Local Government Finance Act 1992 s.42A): plan a contribution to reserves or lower the precept before the plan is adopted.`
}

/** Inflation on a base at a rate (0.02 is 2%). */
export function inflationOn(base: DecimalValue, rate: DecimalValue): Decimal {
  return new Decimal(base).times(rate)
}
