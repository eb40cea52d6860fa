// The monthly list of spending over £500 (issue #14): what the OPCC and the Chief Constable spent with suppliers in a
// month, published for anyone. Payments to individuals name no one; an item withheld (national security, safety, the
// prevention or detection of crime) shows only its date, body and reason, and still counts in the month's total.
import type { Knex } from 'knex'
import { BadRequestError } from '../domain/errors'
import { fromPence, type Decimal } from '../domain/money'
import { PUBLICATION_THRESHOLD_PENCE, monthBeside, readMonth, type PublishedMonth } from '../domain/published-spend'
import { WITHHELD_REASONS, WITHHELD_WORDS, type WithheldReason } from '../domain/ledger'
import { latestPublishedMonth, publishedSpend, type PublishedSpendRow } from '../data/published-spend-repository'

export const REDACTED_INDIVIDUAL = 'Redacted: a payment to an individual'

export interface PublishedItem {
  date: string
  body: 'OPCC' | 'Force'
  /** Null for a withheld item: only its date, body and reason are published. */
  department: string | null
  supplier: string | null
  purpose: string | null
  amount: Decimal | null
  irrecoverableVat: Decimal | null
  merchantCategory: string | null
  transaction: string | null
  invoice: string | null
  procurementRoute: string | null
  withheld: string | null
  redacted: boolean
}

export interface PublishedSpendMonth {
  month: PublishedMonth
  previous: string
  next: string
  items: PublishedItem[]
  /** Everything published for the month, withheld items included. */
  total: Decimal
  withheld: { count: number; amount: Decimal }
  redacted: number
}

const withheldWords = (reason: string | null): string | null =>
  reason === null
    ? null
    : (WITHHELD_REASONS as readonly string[]).includes(reason)
      ? WITHHELD_WORDS[reason as WithheldReason]
      : 'Withheld'

function itemOf(r: PublishedSpendRow): PublishedItem {
  const withheld = withheldWords(r.withheld_reason)
  const base = { date: r.posted_on, body: r.body, withheld, redacted: r.individual && withheld === null }
  if (withheld !== null)
    return {
      ...base,
      department: null,
      supplier: null,
      purpose: null,
      amount: null,
      irrecoverableVat: null,
      merchantCategory: null,
      transaction: null,
      invoice: null,
      procurementRoute: null,
    }
  return {
    ...base,
    department: r.department,
    supplier: r.individual ? REDACTED_INDIVIDUAL : r.supplier,
    purpose: r.description,
    amount: fromPence(r.net_pence),
    irrecoverableVat: r.irrecoverable_vat_pence === null ? null : fromPence(r.irrecoverable_vat_pence),
    merchantCategory: r.merchant_category,
    transaction: r.ledger_ref,
    invoice: r.invoice_ref,
    procurementRoute: r.procurement_route,
  }
}

async function monthOf(db: Knex, asked: unknown): Promise<PublishedSpendMonth> {
  if (asked !== undefined && typeof asked !== 'string')
    throw new BadRequestError('The month was given more than once', 'give one, like ?month=2017-06')
  const slug = asked === undefined || asked === '' ? await latestPublishedMonth(db) : asked
  const month = readMonth(slug)
  if ('reason' in month) throw new BadRequestError(month.reason, 'give one like ?month=2017-06')
  const rows = await publishedSpend(db, { ...month, thresholdPence: PUBLICATION_THRESHOLD_PENCE })
  const withheldRows = rows.filter((r) => r.withheld_reason !== null)
  return {
    month,
    previous: monthBeside(month.slug, -1),
    next: monthBeside(month.slug, 1),
    items: rows.map(itemOf),
    total: fromPence(rows[0]?.month_total_pence ?? 0),
    withheld: { count: withheldRows.length, amount: fromPence(rows[0]?.month_withheld_pence ?? 0) },
    redacted: rows.filter((r) => r.individual && r.withheld_reason === null).length,
  }
}

export function publishedSpendService(db: Knex) {
  return {
    /** The list for ?month=2017-06 (the latest month the ledger has posted in a published year when absent). */
    month: (asked: unknown): Promise<PublishedSpendMonth> => monthOf(db, asked),
  }
}
