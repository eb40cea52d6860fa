// Dates as the office's documents write them: UK day/month/year, often with a two-digit year (`6/5/17`).
// A date that cannot exist (`17/13/17`) is kept as written and reported as not a valid date, never guessed.
import { isRealDate } from './financial-year'
import { CALENDAR_MONTHS } from './months'

export type UkDateReading =
  { ok: true; iso: string; written: string; twoDigitYear: boolean } | { ok: false; written: string; problem: string }

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

const LONG_MONTHS: readonly string[] = CALENDAR_MONTHS

/** `6 March 2017` from `2017-03-06`. */
export function formatLongDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  return `${Number(match[3])} ${LONG_MONTHS[Number(match[2]) - 1] ?? '?'} ${match[1]}`
}

export type DateInputReading =
  { ok: true; iso: string; understood: string; note: string | null } | { ok: false; problem: string }

const MONTH_NAMES = LONG_MONTHS.map((m) => m.toLowerCase())

/**
 * A date typed by a person, read as UK day/month/year (`6/3/2017`, `6/3/17`, `6 March 2017`, `2017-03-06`).
 * A two-digit year is stated back ("17 read as 2017"). An impossible date is refused with the reason. Never throws.
 */
export function parseDateInput(input: string, today: Date = new Date()): DateInputReading {
  const thisYear = today.getFullYear()
  const text = input.trim().replace(/\s+/g, ' ')
  if (text === '') return { ok: false, problem: 'is empty: enter a date, like 6/3/2017' }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    return checked({ year: y, month: m, day: d }, null)
  }
  const named = /^(\d{1,2}) ([a-z]+) (\d{4}|\d{2})$/i.exec(text)
  if (named) {
    const word = (named[2] ?? '').toLowerCase()
    const month = MONTH_NAMES.findIndex((m) => m === word || (word.length >= 3 && m.startsWith(word))) + 1
    if (month === 0) return { ok: false, problem: `has "${named[2] ?? ''}", which is not a month` }
    return withYear({ day: Number(named[1]), month }, named[3] ?? '', thisYear)
  }
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text)
  if (!numeric) return { ok: false, problem: 'must be a date as day/month/year, like 6/3/2017' }
  return withYear({ day: Number(numeric[1]), month: Number(numeric[2]) }, numeric[3] ?? '', thisYear)
}

/** A two-digit year is this century's unless that is more than a year ahead: "17" is 2017, "99" is 1999. */
function withYear(date: { day: number; month: number }, yearText: string, thisYear: number): DateInputReading {
  const { day, month } = date
  const twoDigit = 2000 + Number(yearText)
  const year = yearText.length === 2 ? (twoDigit > thisYear + 1 ? twoDigit - 100 : twoDigit) : Number(yearText)
  return checked({ year, month, day }, yearText.length === 2 ? `the year "${yearText}" was read as ${year}` : null)
}

function checked(date: { year: number; month: number; day: number }, note: string | null): DateInputReading {
  const { year, month, day } = date
  if (month < 1 || month > 12)
    return { ok: false, problem: `has month ${month}: there are only 12 months (dates are day/month/year)` }
  if (year < 1990 || year > 2100)
    return { ok: false, problem: `has the year ${year}: enter a year between 1990 and 2100` }
  if (!isRealDate(year, month, day))
    return { ok: false, problem: `has day ${day}, which ${LONG_MONTHS[month - 1] ?? ''} ${year} does not have` }
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { ok: true, iso, understood: formatLongDate(iso), note }
}

/** An ISO date as a form shows it back for editing: day/month/year ("27/01/2017"); blank for none. */
export function formDate(iso: string | null | undefined): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : ''
}
