// Invest-to-save appraisal by HM Treasury's Green Book (DOMAIN.md "Appraisal"): discounting on the declining
// long-term schedule, net present value, benefit-cost ratio, simple and discounted payback, sensitivity and the
// switching value. Pure: Decimals in, Decimals out, unrounded (round only to show).
import { Decimal, type DecimalValue } from './money'

/** The Green Book's real discount rate for year t (t ≥ 1). */
function rateFor(year: number): Decimal {
  if (year <= 30) return new Decimal('0.035')
  if (year <= 75) return new Decimal('0.03')
  if (year <= 125) return new Decimal('0.025')
  if (year <= 200) return new Decimal('0.02')
  if (year <= 300) return new Decimal('0.015')
  return new Decimal('0.01')
}

// DF(0) = 1 and DF(t) = DF(t−1) / (1 + r(t)). Memoised: each factor depends on all the earlier ones.
const factors: Decimal[] = [new Decimal(1)]

/** The Green Book discount factor for year `year` (0 = the first year of the appraisal, undiscounted). */
export function discountFactor(year: number): Decimal {
  if (!Number.isInteger(year) || year < 0) {
    throw new RangeError(`The appraisal year must be a whole number of 0 or more: ${String(year)} is not`)
  }
  for (let t = factors.length; t <= year; t++) {
    const previous = factors[t - 1] ?? new Decimal(1)
    factors.push(previous.dividedBy(rateFor(t).plus(1)))
  }
  return factors[year] ?? new Decimal(1)
}

export interface Flow {
  year: number
  cost: DecimalValue
  benefit: DecimalValue
}

export interface AppraisalOptions {
  /** The last year appraised (flows after it are left out); default: the last year with a flow. */
  horizon?: number
  /** Optimism bias on costs, e.g. 0.2 = +20%. */
  costUplift?: DecimalValue
  /** A fall in benefits, e.g. 0.1 = −10%. */
  benefitReduction?: DecimalValue
}

export interface YearResult {
  year: number
  cost: Decimal
  benefit: Decimal
  net: Decimal
  discountFactor: Decimal
  presentValue: Decimal
  cumulative: Decimal
  cumulativeDiscounted: Decimal
}

export interface Appraisal {
  npv: Decimal
  presentValueCosts: Decimal
  presentValueBenefits: Decimal
  /** PV benefits ÷ PV costs; null when there is no cost. */
  benefitCostRatio: Decimal | null
  /** Years to pay back on undiscounted flows, interpolated within the year; null when it never does. */
  simplePayback: Decimal | null
  /** The same on discounted flows. */
  discountedPayback: Decimal | null
  /** The years appraised, 0 to the horizon, with missing years as zero. */
  years: YearResult[]
}

/** Costs and benefits by year, summed where a year repeats, with missing years between as zero. */
function byYear(flows: readonly Flow[], horizon: number | undefined): { cost: Decimal; benefit: Decimal }[] {
  for (const f of flows) discountFactor(f.year) // validates the year
  const last = horizon ?? flows.reduce((m, f) => Math.max(m, f.year), 0)
  if (!Number.isInteger(last) || last < 0)
    throw new RangeError(`The horizon must be a whole number of years of 0 or more: ${String(horizon)} is not`)
  const years = Array.from({ length: last + 1 }, () => ({ cost: new Decimal(0), benefit: new Decimal(0) }))
  for (const f of flows) {
    const y = years[f.year]
    if (!y) continue // after the horizon
    y.cost = y.cost.plus(f.cost)
    y.benefit = y.benefit.plus(f.benefit)
  }
  return years
}

/**
 * The first year in which the cumulative net flow reaches zero or more, made fractional by linear interpolation
 * inside that year: (t − 1) + (−cumulative(t−1)) / net(t). Year 0 pays back at 0 when it is not negative.
 */
export function paybackOf(nets: readonly Decimal[]): Decimal | null {
  let cumulative = new Decimal(0)
  for (const [t, net] of nets.entries()) {
    const before = cumulative
    cumulative = cumulative.plus(net)
    if (cumulative.greaterThanOrEqualTo(0)) {
      if (t === 0) return new Decimal(0)
      return new Decimal(t - 1).plus(before.negated().dividedBy(net))
    }
  }
  return null
}

/** Appraise flows already in real (base-year) prices. Years may come in any order and repeat. */
export function appraise(flows: readonly Flow[], options: AppraisalOptions = {}): Appraisal {
  const uplift = new Decimal(options.costUplift ?? 0).plus(1)
  const keep = new Decimal(1).minus(options.benefitReduction ?? 0)
  const years = byYear(flows, options.horizon)
  let pvCosts = new Decimal(0)
  let pvBenefits = new Decimal(0)
  let cumulative = new Decimal(0)
  let cumulativeDiscounted = new Decimal(0)
  const results: YearResult[] = years.map((y, year) => {
    const cost = y.cost.times(uplift)
    const benefit = y.benefit.times(keep)
    const df = discountFactor(year)
    const net = benefit.minus(cost)
    pvCosts = pvCosts.plus(cost.times(df))
    pvBenefits = pvBenefits.plus(benefit.times(df))
    cumulative = cumulative.plus(net)
    cumulativeDiscounted = cumulativeDiscounted.plus(net.times(df))
    return {
      year,
      cost,
      benefit,
      net,
      discountFactor: df,
      presentValue: net.times(df),
      cumulative,
      cumulativeDiscounted,
    }
  })
  return {
    npv: pvBenefits.minus(pvCosts),
    presentValueCosts: pvCosts,
    presentValueBenefits: pvBenefits,
    benefitCostRatio: pvCosts.isZero() ? null : pvBenefits.dividedBy(pvCosts),
    simplePayback: paybackOf(results.map((r) => r.net)),
    discountedPayback: paybackOf(results.map((r) => r.presentValue)),
    years: results,
  }
}

/** The fraction by which benefits may fall before NPV reaches zero; null when NPV is already zero or less. */
export function switchingValue(
  flows: readonly Flow[],
  options: Pick<AppraisalOptions, 'horizon'> = {},
): Decimal | null {
  const a = appraise(flows, options)
  if (a.npv.lessThanOrEqualTo(0) || a.presentValueBenefits.isZero()) return null
  return a.npv.dividedBy(a.presentValueBenefits)
}

/** Cash-price flows to base-year (year 0) real prices at a constant inflation rate (e.g. 0.02). */
export function deflate(
  flows: readonly Flow[],
  inflation: DecimalValue,
): { year: number; cost: Decimal; benefit: Decimal }[] {
  const rate = new Decimal(inflation)
  if (rate.lessThanOrEqualTo(-1))
    throw new RangeError(`An inflation rate of ${rate.toString()} would deflate by zero or less`)
  return flows.map((f) => {
    discountFactor(f.year) // validates the year
    const index = rate.plus(1).pow(f.year)
    return {
      year: f.year,
      cost: new Decimal(f.cost).dividedBy(index),
      benefit: new Decimal(f.benefit).dividedBy(index),
    }
  })
}
