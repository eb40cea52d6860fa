// Setting the precept (DOMAIN.md "Council tax requirement and Band D", "Referendum principles", "Setting the precept").
// Band amounts by the statutory ratios; the referendum test by the principles' own wording (a percent limit is breached
// by "X%, or more than X%", a pound limit by "more than £X", and where a year has both the rise is excessive only when
// it breaches both); the council tax requirement from the plan, Band D from it rounded to the penny, and each billing
// authority's share of the requirement to the penny. Pure: figures in, figures out, unrounded unless said.
import { Decimal, roundPounds, type DecimalValue } from './money'

export const BANDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const
export type Band = (typeof BANDS)[number]

/** Each band's ninths of Band D (Local Government Finance Act 1992 s.5). */
export const BAND_NINTHS: Record<Band, number> = { A: 6, B: 7, C: 8, D: 9, E: 11, F: 13, G: 15, H: 18 }

/** Every band's amount from Band D, unrounded (A is 6/9 of D … H is 18/9). */
export function bandAmounts(bandD: DecimalValue): Record<Band, Decimal> {
  const d = new Decimal(bandD)
  return Object.fromEntries(BANDS.map((b) => [b, d.times(BAND_NINTHS[b]).dividedBy(9)])) as Record<Band, Decimal>
}

export interface ReferendumRule {
  /** A rise of this percent or more is excessive. */
  percent?: DecimalValue | null
  /** A rise of more than this many pounds on Band D is excessive. */
  pounds?: DecimalValue | null
}

export interface ReferendumResult {
  increase: Decimal
  /** In percent of the previous Band D (3.2862… for £152.15 → £157.15). */
  increasePercent: Decimal
  exceeds: boolean
}

const given = (v: DecimalValue | null | undefined): v is DecimalValue => v !== null && v !== undefined && v !== ''

/**
 * The referendum test of a proposed Band D against the year's principle. With a percent limit only, a rise of
 * exactly that percent is excessive; with a pound limit only, a rise of exactly that many pounds is allowed; with
 * both, the body may rise by the greater of the two, so the rise is excessive only when it breaches both. A year with
 * no limit never triggers a referendum.
 */
export function referendumCheck(
  previousBandD: DecimalValue,
  proposedBandD: DecimalValue,
  rule: ReferendumRule,
): ReferendumResult {
  const previous = new Decimal(previousBandD)
  if (!previous.isPositive() || previous.isZero())
    throw new RangeError('The previous Band D must be more than nothing to test a rise against it')
  const increase = new Decimal(proposedBandD).minus(previous)
  const increasePercent = increase.dividedBy(previous).times(100)
  const breaches: boolean[] = []
  if (given(rule.percent)) breaches.push(increasePercent.greaterThanOrEqualTo(rule.percent))
  if (given(rule.pounds)) breaches.push(increase.greaterThan(rule.pounds))
  return { increase, increasePercent, exceeds: breaches.length > 0 && breaches.every(Boolean) }
}

/** The largest Band D that passes the year's principle (to the penny), or null when the year has no limit. */
export function largestAllowedBandD(previousBandD: DecimalValue, rule: ReferendumRule): Decimal | null {
  const previous = new Decimal(previousBandD)
  const limits: Decimal[] = []
  // A percent limit allows anything below it: the largest penny under previous × (1 + X%).
  if (given(rule.percent)) {
    const edge = previous.times(new Decimal(100).plus(rule.percent)).dividedBy(100)
    const below = edge.toDecimalPlaces(2, Decimal.ROUND_CEIL).minus('0.01')
    limits.push(below)
  }
  if (given(rule.pounds)) limits.push(previous.plus(rule.pounds).toDecimalPlaces(2, Decimal.ROUND_FLOOR))
  if (limits.length === 0) return null
  // Both: excessive only when both are breached, so the greater of the two is allowed.
  return Decimal.max(...limits)
}

/** Precept income: the tax base (Band D equivalent properties) × Band D, unrounded. */
export function preceptIncome(taxBase: DecimalValue, bandD: DecimalValue): Decimal {
  return new Decimal(taxBase).times(bandD)
}

export interface RequirementInputs {
  netBudget: DecimalValue
  grants: DecimalValue
  /** Surplus positive, deficit negative. */
  collectionFund: DecimalValue
  useOfReserves: DecimalValue
  contributionsToReserves: DecimalValue
}

/** The council tax requirement: net budget − grants − collection fund surplus (+ deficit) − use of reserves +
 * contributions to reserves. Unrounded. */
export function councilTaxRequirement(i: RequirementInputs): Decimal {
  return new Decimal(i.netBudget)
    .minus(i.grants)
    .minus(i.collectionFund)
    .minus(i.useOfReserves)
    .plus(i.contributionsToReserves)
}

/** Band D from a requirement and a tax base, rounded to the penny (the referendum test is made on this figure). */
export function bandDFor(requirement: DecimalValue, taxBase: DecimalValue): Decimal {
  const base = new Decimal(taxBase)
  if (!base.isPositive() || base.isZero()) throw new RangeError('The tax base must be more than nothing')
  return roundPounds(new Decimal(requirement).dividedBy(base))
}

export interface AuthorityBase {
  code: string
  taxBase: DecimalValue
}

/**
 * Each billing authority's share of the precept, in proportion to its tax base, to the penny, summing exactly to the
 * precept. The rule for the rounding: every share is first rounded down to the penny; the pennies left over go one
 * each to the authorities with the largest remainders, a tie going to the larger tax base, then to the earlier in the
 * list.
 */
export function billingShares(precept: DecimalValue, authorities: readonly AuthorityBase[]): Map<string, Decimal> {
  const total = roundPounds(precept)
  const base = authorities.reduce((a, x) => a.plus(x.taxBase), new Decimal(0))
  if (authorities.length === 0) return new Map()
  if (!base.isPositive() || base.isZero()) throw new RangeError('The tax bases must add up to more than nothing')
  const exact = authorities.map((a, i) => {
    const share = total.times(a.taxBase).dividedBy(base)
    const floor = share.toDecimalPlaces(2, Decimal.ROUND_FLOOR)
    return { code: a.code, i, taxBase: new Decimal(a.taxBase), floor, remainder: share.minus(floor) }
  })
  const left = total.minus(exact.reduce((a, x) => a.plus(x.floor), new Decimal(0)))
  let pennies = left.times(100).toNumber()
  const order = [...exact].sort(
    (a, b) => b.remainder.comparedTo(a.remainder) || b.taxBase.comparedTo(a.taxBase) || a.i - b.i,
  )
  const extra = new Set<number>()
  for (const x of order) {
    if (pennies <= 0) break
    extra.add(x.i)
    pennies -= 1
  }
  return new Map(exact.map((x) => [x.code, extra.has(x.i) ? x.floor.plus('0.01') : x.floor]))
}

export interface BandRise {
  band: Band
  previous: Decimal
  proposed: Decimal
  /** £ a year, a month (÷ 12) and a week (÷ 52), and % of the previous amount (unrounded). */
  year: Decimal
  month: Decimal
  week: Decimal
  percent: Decimal | null
}

/** The rise for every band, as £ a year, £ a month, £ a week and %. */
export function bandRises(previousBandD: DecimalValue, proposedBandD: DecimalValue): BandRise[] {
  const before = bandAmounts(previousBandD)
  const after = bandAmounts(proposedBandD)
  return BANDS.map((band) => {
    const year = after[band].minus(before[band])
    return {
      band,
      previous: before[band],
      proposed: after[band],
      year,
      month: year.dividedBy(12),
      week: year.dividedBy(52),
      percent: before[band].isZero() ? null : year.dividedBy(before[band]).times(100),
    }
  })
}

export type RiseBasis = 'band_d' | 'year' | 'month' | 'week' | 'percent'

export interface ReadRise {
  bandD: Decimal
  /** The rise on Band D in £ a year. */
  yearly: Decimal
  basis: RiseBasis
  /** How the figure was read, said back to the user: "£5.00 a week is £260.00 a year on Band D". */
  understood: string
}

const pounds2 = (d: Decimal) =>
  `${d.isNegative() ? '−' : ''}£${d
    .abs()
    .toFixed(2)
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`

/**
 * Reads a proposal as typed: a Band D ("£157.15"), or a rise on Band D by the year, month or week ("£5 a year",
 * "+£0.42 a month", "£5 per week") or in percent ("3.29%"). A rise per week or per month is turned into its yearly
 * equivalent (× 52, × 12), so "£5 per week" is tested as the £260 a year it is. Null when the text is none of these.
 */
export function readProposal(text: string, previousBandD: DecimalValue): ReadRise | null {
  const previous = new Decimal(previousBandD)
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/\s+/g, ' ')
  const m =
    /^(rise of |increase of |up |\+)?\s*(-)?\s*£?\s*(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*(%|per cent|percent)?\s*(?:(?:a|per|each|every|\/)\s*(year|annum|yr|month|mth|week|wk))?( rise| increase)?$/.exec(
      t,
    )
  if (!m) return null
  const [, risePrefix, minus, digits, percentSign, per, riseSuffix] = m
  const n = new Decimal((digits ?? '0').replace(/,/g, '')).times(minus ? -1 : 1)
  if (percentSign) {
    if (per) return null
    const yearly = roundPounds(previous.times(n).dividedBy(100))
    return {
      bandD: previous.plus(yearly),
      yearly,
      basis: 'percent',
      understood: `a rise of ${n.toString()}% is ${pounds2(yearly)} a year on Band D`,
    }
  }
  if (per) {
    const basis: RiseBasis = per.startsWith('w') ? 'week' : per.startsWith('m') ? 'month' : 'year'
    const yearly = roundPounds(n.times(basis === 'week' ? 52 : basis === 'month' ? 12 : 1))
    const words = basis === 'year' ? `${pounds2(n)} a year` : `${pounds2(n)} a ${basis} is ${pounds2(yearly)} a year`
    return { bandD: previous.plus(yearly), yearly, basis, understood: `${words} on Band D` }
  }
  // A bare figure with "+", "rise" or "increase" is a yearly rise; a bare figure otherwise is the Band D itself.
  if (risePrefix || riseSuffix) {
    const yearly = roundPounds(n)
    return { bandD: previous.plus(yearly), yearly, basis: 'year', understood: `${pounds2(yearly)} a year on Band D` }
  }
  const bandD = roundPounds(n)
  return { bandD, yearly: bandD.minus(previous), basis: 'band_d', understood: `Band D of ${pounds2(bandD)}` }
}
