// Dates as the office's documents write them: UK day/month/year, often with a two-digit year (`6/5/17`).
// A date that cannot exist (`17/13/17`) is kept as written and reported as not a valid date, never guessed.
import { isRealDate } from './financial-year'

export type UkDateReading =
  | { ok: true; iso: string; written: string; twoDigitYear: boolean }
  | { ok: false; written: string; problem: string }

/** Read a UK d/m/y date. Two-digit years are 20yy (the documents are all after 2000). */
export function readUkDate(written: string): UkDateReading {
  const text = written.trim()
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text)
  if (!match) return { ok: false, written, problem: 'not a date in the form day/month/year' }
  const day = Number(match[1])
  const month = Number(match[2])
  const twoDigitYear = (match[3] ?? '').length === 2
  const year = twoDigitYear ? 2000 + Number(match[3]) : Number(match[3])
  if (month < 1 || month > 12) return { ok: false, written, problem: `there is no month ${month}` }
  if (!isRealDate(year, month, day)) return { ok: false, written, problem: `there is no day ${day} in that month` }
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { ok: true, iso, written, twoDigitYear }
}

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `6 March 2017` from `2017-03-06`. */
export function formatLongDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  return `${Number(match[3])} ${LONG_MONTHS[Number(match[2]) - 1] ?? '?'} ${match[1]}`
}
