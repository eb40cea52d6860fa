// Variance and RAG (DOMAIN.md "Variance", "RAG"): variance = forecast (or actual) − budget, overspend positive.
// The thresholds are data (table rag_policies); the default is the DOMAIN.md one. RAG is always shown in words.
import { Decimal, decimalText, type DecimalValue } from './money'

export type Rag = 'red' | 'amber' | 'green'

export const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

export interface RagPolicy {
  /** Within this fraction over budget is green; e.g. 0.02. */
  greenOverLimit: Decimal
  /** Above this fraction over budget is red; between greenOverLimit and this is amber; e.g. 0.05. */
  redOverLimit: Decimal
  /** An underspend beyond this fraction is amber (slippage); e.g. 0.10. */
  amberUnderLimit: Decimal
  /** An underspend beyond this fraction is red; null when no such threshold is set. */
  redUnderLimit: Decimal | null
}

export const DEFAULT_RAG_POLICY: RagPolicy = {
  greenOverLimit: new Decimal('0.02'),
  redOverLimit: new Decimal('0.05'),
  amberUnderLimit: new Decimal('0.10'),
  redUnderLimit: null,
}

export interface Variance {
  amount: Decimal
  /** Variance as a fraction of the absolute budget; null when the budget is zero. */
  fraction: Decimal | null
}

/** Variance of an outturn (forecast or actual) against a budget. Income has a negative budget, so
 * under-recovered income (less negative) is a positive, adverse variance, as DOMAIN.md requires. */
export function variance(outturn: DecimalValue, budget: DecimalValue): Variance {
  const amount = new Decimal(outturn).minus(budget)
  const base = new Decimal(budget).abs()
  return { amount, fraction: base.isZero() ? null : amount.dividedBy(base) }
}

/** A fraction as the pages show it: a percentage to one decimal place (half up), as a fraction again. RAG is decided
 * on this figure, so the status always agrees with the words beside it and the key: £102.04 against £100 reads
 * "2.0% over budget", which the key calls green ("within 2%"); £102.05 reads "2.1%", amber. */
export function shownFraction(fraction: Decimal): Decimal {
  return fraction.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).dividedBy(100)
}

/** RAG status of a variance under a policy, on the percentage as shown. Boundaries: "within 2%" includes 2.0%;
 * "above 5%" excludes 5.0%. */
export function ragOf(v: Variance, policy: RagPolicy = DEFAULT_RAG_POLICY): Rag {
  if (v.fraction === null) return v.amount.isZero() ? 'green' : v.amount.isPositive() ? 'red' : 'amber'
  const f = shownFraction(v.fraction)
  if (f.greaterThan(policy.redOverLimit)) return 'red'
  if (f.greaterThan(policy.greenOverLimit)) return 'amber'
  const under = f.negated()
  if (policy.redUnderLimit && under.greaterThan(policy.redUnderLimit)) return 'red'
  if (under.greaterThan(policy.amberUnderLimit)) return 'amber'
  return 'green'
}

/** Why a status was given, in words, for the page and for screen readers. */
export function ragReason(v: Variance, rag: Rag): string {
  if (v.fraction === null) return v.amount.isZero() ? 'no budget and no spend' : 'spend with no budget'
  const pct = v.fraction.abs().times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
  if (v.amount.isZero()) return 'on budget'
  const direction = v.amount.isPositive() ? 'over' : 'under'
  return `${decimalText(pct, 1)}% ${direction} budget${rag === 'amber' && direction === 'under' ? ' (possible slippage)' : ''}`
}

/** Percentage to one decimal place for display, e.g. "+3.2%", "−12.0%"; "n/a" with no budget. */
export function formatPercent(fraction: Decimal | null): string {
  if (fraction === null) return 'n/a'
  const pct = fraction.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
  const sign = pct.isZero() ? '' : pct.isPositive() ? '+' : '−'
  return `${sign}${decimalText(pct.abs(), 1)}%`
}

function pctText(fraction: Decimal): string {
  return `${fraction.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toString()}%`
}

/** The policy in words, for the key beneath a table. */
export function describeRagPolicy(policy: RagPolicy): string {
  const under = policy.redUnderLimit ? `; red more than ${pctText(policy.redUnderLimit)} under` : ''
  return (
    `Green: within ${pctText(policy.greenOverLimit)} over budget and up to ${pctText(policy.amberUnderLimit)} under. ` +
    `Amber: ${pctText(policy.greenOverLimit)} to ${pctText(policy.redOverLimit)} over, or more than ` +
    `${pctText(policy.amberUnderLimit)} under (possible slippage). Red: more than ${pctText(policy.redOverLimit)} over${under}.`
  )
}
