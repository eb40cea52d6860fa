// Financial years run 1 April to 31 March and are keyed by the calendar year they start in
// (fy_start 2017 = 2017/18). Periods: P1 April … P12 March, P13 for year-end adjustments (DOMAIN.md).
import { CALENDAR_MONTHS } from './months'

export interface FyPeriod {
  fyStart: number
  period: number
}

export const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const
export const ADJUSTMENT_PERIOD = 13

/** The months of the periods: P1 is April, P12 March. */
const MONTHS: readonly string[] = [...CALENDAR_MONTHS.slice(3), ...CALENDAR_MONTHS.slice(0, 3)]
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3))

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether y-m-d is a real calendar date (no 31 April, 29 February only in a leap year). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= daysInMonth
}

/** The financial year and ledger period of an ISO date (`YYYY-MM-DD`). */
export function fyPeriodOf(isoDate: string): FyPeriod {
  const match = ISO_DATE.exec(isoDate)
  if (!match) throw new RangeError(`"${isoDate}" is not a date in the form YYYY-MM-DD`)
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (!isRealDate(year, month, day)) throw new RangeError(`"${isoDate}" is not a real date`)
  const fyStart = month >= 4 ? year : year - 1
  const period = month >= 4 ? month - 3 : month + 9
  return { fyStart, period }
}

/** `2017/18` (DOMAIN.md's written form). */
export function fyLabel(fyStart: number): string {
  return `${fyStart}/${String((fyStart + 1) % 100).padStart(2, '0')}`
}

/** `2017-18`, the form used in URLs. */
export function fySlug(fyStart: number): string {
  return `${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`
}

export const FY_FORMAT_HINT =
  'a financial year looks like 2017-18 (or 2017/18): the year it starts, then the next two digits'

/** Parse `2017-18` or `2017/18`; null when malformed (the second part must be the following year). */
export function parseFy(text: string): number | null {
  const match = /^(\d{4})[-/](\d{2})$/.exec(text.trim())
  if (!match) return null
  const start = Number(match[1])
  if (start < 1900 || start > 2999) return null
  return (start + 1) % 100 === Number(match[2]) ? start : null
}

/** `P1 (April)`; P13 is the year-end adjustment period. */
export function periodLabel(period: number): string {
  if (period === ADJUSTMENT_PERIOD) return 'P13 (year-end adjustments)'
  const month = MONTHS[period - 1]
  if (!month) throw new RangeError(`Period ${period} is not between 1 and 13`)
  return `P${period} (${month})`
}

/** The calendar month and year a period falls in, e.g. P8 of 2020/21 is `November 2020`. */
export function periodMonth(fyStart: number, period: number, short = false): string {
  if (period === ADJUSTMENT_PERIOD) return `year end ${fyStart + 1}`
  const month = (short ? SHORT_MONTHS : MONTHS)[period - 1]
  if (!month) throw new RangeError(`Period ${period} is not between 1 and 13`)
  return `${month} ${period <= 9 ? fyStart : fyStart + 1}`
}

/** The first and last day of a financial year, as ISO dates. */
export function fyRange(fyStart: number): { from: string; to: string } {
  return { from: `${fyStart}-04-01`, to: `${fyStart + 1}-03-31` }
}

/** A year whose ledger has posted its last month (P12, or P13 for year-end adjustments) is closed: its outturn is
 * what was spent, no longer a forecast. */
export function isClosedYear(latestPostedPeriod: number): boolean {
  return latestPostedPeriod >= 12
}

/** How far ahead the tracker plans: a capital programme's ten years. */
export const YEARS_AHEAD = 10

/** The financial year a date (ISO, yyyy-mm-dd) falls in: April to March. */
export function fyOfDate(iso: string): number {
  const [year, month] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))]
  return month >= 4 ? year : year - 1
}

/** Why a year cannot be added as a year of the plan (null when it can): not before 2000, at most ten years ahead. */
export function unplannableYear(fyStart: number, currentFy: number): string | null {
  if (fyStart > currentFy + YEARS_AHEAD) {
    return `${fyLabel(fyStart)} is more than ${YEARS_AHEAD} years ahead of this year (${fyLabel(currentFy)}): the plan runs to ${fyLabel(currentFy + YEARS_AHEAD)}`
  }
  if (fyStart < 2000) return `${fyLabel(fyStart)} is before 2000/01: enter a year of this office's budgets`
  return null
}

/** Whether a year's figures are locked: closed (its ledger posted to P12) and not reopened by an administrator. */
export function isLockedYear(latestPostedPeriod: number, reopened: boolean): boolean {
  return isClosedYear(latestPostedPeriod) && !reopened
}
