// Money: exact decimal arithmetic. Stored as integer pence (STYLE.md "Money"); turned into Decimal
// pounds only in the app; rounded only to store or to show, half away from zero (DOMAIN.md "Formulas").
import DecimalBase from 'decimal.js'

export const Decimal = DecimalBase.clone({ precision: 34, rounding: DecimalBase.ROUND_HALF_UP })
export type Decimal = InstanceType<typeof Decimal>
export type DecimalValue = DecimalBase.Value

/** Integer pence as read from a database: sqlite3 gives numbers, pg gives strings for BIGINT and SUM. */
export type PenceValue = string | number | bigint | null | undefined

/** Pounds (unrounded Decimal) from integer pence; null/undefined (an empty SQL SUM) is zero. */
export function fromPence(value: PenceValue): Decimal {
  if (value === null || value === undefined) return new Decimal(0)
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`Pence value ${value} is not a safe integer: it may already have lost precision`)
  }
  const text = typeof value === 'string' ? value.trim() : value.toString()
  if (!/^-?\d+$/.test(text)) throw new RangeError(`Pence value "${text}" is not a whole number of pence`)
  return new Decimal(text).dividedBy(100)
}

/** Integer pence for storing, rounded half away from zero. */
export function toPence(pounds: DecimalValue): bigint {
  return BigInt(decimalText(new Decimal(pounds).times(100), 0))
}

/** Round to the penny, half away from zero. */
export function roundPounds(pounds: DecimalValue): Decimal {
  return new Decimal(pounds).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}

export function sum(values: DecimalValue[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), new Decimal(0))
}

export type MoneyUnit = 'pounds' | 'pence' | 'k' | 'm'

const UNIT_DIVISOR: Record<MoneyUnit, number> = { pence: 1, pounds: 1, k: 1_000, m: 1_000_000 }
const UNIT_PLACES: Record<MoneyUnit, number> = { pence: 2, pounds: 0, k: 0, m: 1 }

/** Round to the unit a table shows: whole pounds, pounds and pence, £k (whole), £m (one place). */
export function roundToUnit(pounds: DecimalValue, unit: MoneyUnit, places = UNIT_PLACES[unit]): Decimal {
  return new Decimal(pounds).dividedBy(UNIT_DIVISOR[unit]).toDecimalPlaces(places, Decimal.ROUND_HALF_UP)
}

/** A Decimal written with exactly `places` decimal places (rounded half away from zero), never in exponent form. */
export function decimalText(value: DecimalValue, places: number): string {
  return new Decimal(value).toFixed(places, Decimal.ROUND_HALF_UP)
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Format pounds for a page: `£1,234,567` ('pounds'), `£1,234,567.89` ('pence'), `£1,235k` ('k'), `£1.2m` ('m').
 * Negative amounts use a leading minus sign (screen readers read it; brackets are ambiguous to many users).
 */
export function formatMoney(pounds: DecimalValue, unit: MoneyUnit = 'pounds', places = UNIT_PLACES[unit]): string {
  const rounded = roundToUnit(pounds, unit, places)
  const sign = rounded.isNegative() && !rounded.isZero() ? '−' : ''
  const [whole = '0', fraction] = decimalText(rounded.abs(), places).split('.')
  const suffix = unit === 'k' ? 'k' : unit === 'm' ? 'm' : ''
  return `${sign}£${groupThousands(whole)}${fraction ? `.${fraction}` : ''}${suffix}`
}

/** Format a bare number in a unit (for table cells whose heading carries the unit, e.g. "£k"). */
export function formatInUnit(pounds: DecimalValue, unit: MoneyUnit, places = UNIT_PLACES[unit]): string {
  const rounded = roundToUnit(pounds, unit, places)
  const sign = rounded.isNegative() && !rounded.isZero() ? '−' : ''
  const [whole = '0', fraction] = decimalText(rounded.abs(), places).split('.')
  return `${sign}${groupThousands(whole)}${fraction ? `.${fraction}` : ''}`
}

export interface RoundedTotal {
  parts: Decimal[]
  /** The total of the unrounded parts, rounded once. This is the figure a table shows as its total. */
  total: Decimal
  /** What the rounded parts add up to; may differ from `total` by rounding. Reported, never forced. */
  sumOfRoundedParts: Decimal
  difference: Decimal
}

/**
 * Round each part and the total independently (DOMAIN.md: totals are computed from unrounded parts).
 * Where the rounded rows do not add to the rounded total, the difference is reported beside it.
 */
export function roundedTotal(parts: DecimalValue[], unit: MoneyUnit, places = UNIT_PLACES[unit]): RoundedTotal {
  const rounded = parts.map((p) => roundToUnit(p, unit, places))
  const total = roundToUnit(sum(parts), unit, places)
  const sumOfRoundedParts = sum(rounded)
  return { parts: rounded, total, sumOfRoundedParts, difference: sumOfRoundedParts.minus(total) }
}

/** A note for beneath a rounded table: says whether its rows add to its total once rounded. */
export function roundingNote(parts: DecimalValue[], unit: MoneyUnit): string {
  const r = roundedTotal(parts, unit)
  const unitName = unit === 'k' ? 'nearest £k' : unit === 'm' ? 'nearest £0.1m' : 'nearest pound'
  if (r.difference.isZero()) return `Figures are rounded to the ${unitName}; totals are of the unrounded figures.`
  return (
    `Figures are rounded to the ${unitName}. The rounded budget rows add to ${formatMoney(r.sumOfRoundedParts.times(UNIT_DIVISOR[unit]), unit)}; ` +
    `the total of the unrounded figures is ${formatMoney(r.total.times(UNIT_DIVISOR[unit]), unit)} (difference from rounding).`
  )
}
