// Money as people type it: `£1,800,000`, `1.8m`, `535k`, `75000.00`, `-£2,500` (issue #3). Never a float:
// the text becomes a Decimal and then whole pence. Says back exactly what it understood.
import { Decimal, decimalText, formatMoney, type DecimalValue } from './money'

export interface MoneyLimits {
  /** The largest absolute amount accepted, in pounds. Default £10bn: far above any police budget line. */
  maxPounds?: DecimalValue
  /** Whether a negative amount is allowed (income lines carry negative budgets). */
  allowNegative?: boolean
}

export type MoneyReading = { ok: true; pence: bigint; understood: string } | { ok: false; problem: string }

const EXAMPLES = 'like 75000.00, £1,800,000, 535k or 1.8m'
const SUFFIXES: Record<string, number> = { k: 3, thousand: 3, m: 6, million: 6, mn: 6, bn: 9, billion: 9 }
const PATTERN = /^([-−]?)(£?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(k|m|mn|bn|thousand|million|billion)?$/i

/** Read an amount of money typed by a person. Never throws. */
export function parseMoney(input: string, limits: MoneyLimits = {}): MoneyReading {
  const compact = input.replace(/\s+/g, '')
  if (compact === '') return { ok: false, problem: `is empty: enter an amount, ${EXAMPLES}` }
  const signFirst = /^£[-−]/.test(compact) ? compact.replace(/^£([-−])/, '$1£') : compact
  const match = PATTERN.exec(signFirst)
  if (!match) {
    if (/,/.test(compact) && /^[-−]?£?[\d,]+(\.\d+)?$/.test(compact)) {
      return { ok: false, problem: 'has commas in the wrong places: group digits in threes, like 1,800,000' }
    }
    return { ok: false, problem: `must be an amount of money in numbers, ${EXAMPLES}` }
  }
  const [, sign = '', , digits = '', suffixText] = match
  const suffix = suffixText ? SUFFIXES[suffixText.toLowerCase()] : 0
  const number = digits.replace(/,/g, '')
  if (suffix === 0 && (number.split('.')[1]?.length ?? 0) > 2) {
    return { ok: false, problem: 'has more than two decimal places: money is in pounds and pence, like 75000.25' }
  }
  let pounds = new Decimal(number).times(new Decimal(10).pow(suffix ?? 0))
  if (!pounds.times(100).isInteger()) {
    return { ok: false, problem: `is ${pounds.toString()} pounds, which is not a whole number of pence` }
  }
  if (sign) pounds = pounds.negated()
  if (pounds.isNegative() && !pounds.isZero() && !limits.allowNegative) {
    return { ok: false, problem: 'must not be negative here' }
  }
  const max = new Decimal(limits.maxPounds ?? '10000000000')
  if (pounds.abs().greaterThan(max)) {
    return { ok: false, problem: `is more than the largest amount allowed, ${formatMoney(max)}` }
  }
  return { ok: true, pence: BigInt(decimalText(pounds.times(100), 0)), understood: formatMoney(pounds, 'pence') }
}
