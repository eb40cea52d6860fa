// The monthly list of spending over £500 (Elected Local Policing Bodies (Specified Information) Order 2011): which
// month a list covers, and the test an invoice must pass to be published. Pure.
import { periodMonth } from './financial-year'

/** An item is published when its invoice's total, net of recoverable VAT, exceeds £500: £500.00 is out, £500.01 in. */
export const PUBLICATION_THRESHOLD_PENCE = 50_000n

export const exceedsThreshold = (invoiceTotalPence: bigint): boolean => invoiceTotalPence > PUBLICATION_THRESHOLD_PENCE

export interface PublishedMonth {
  /** 2017-06 */
  slug: string
  fyStart: number
  /** The ledger periods the month's list covers: its own, and for March the year-end adjustments (P13) too. */
  periods: number[]
  /** June 2017 */
  label: string
}

/** The month of ?month=2017-06: a list covers what the ledger posted in that month's period (not the invoice date). */
export function readMonth(text: string): PublishedMonth | { reason: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim())
  const year = Number(m?.[1])
  const month = Number(m?.[2])
  if (!m || month < 1 || month > 12 || year < 2000 || year > 2100)
    return { reason: `"${text}" is not a month: give one like 2017-06` }
  const fyStart = month >= 4 ? year : year - 1
  const period = month >= 4 ? month - 3 : month + 9
  return {
    slug: `${m[1]}-${m[2]}`,
    fyStart,
    periods: period === 12 ? [12, 13] : [period],
    label: periodMonth(fyStart, period),
  }
}

/** The month before or after one, as its slug. */
export function monthBeside(slug: string, step: 1 | -1): string {
  const [y, m] = slug.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + step
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}
