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

/** Items a page of the list shows: a month of a large force's ledger runs to thousands (the CSV has them all). */
export const ITEMS_A_PAGE = 500

export interface Paging {
  page: number
  pages: number
  /** The items this page shows, counted from 1 (0 and 0 for a month with none). */
  first: number
  last: number
  /** The page links to offer: numbers, with null for a gap (first, last, and the pages beside this one). */
  links: (number | null)[]
}

export interface PublishedSpendMonth {
  month: PublishedMonth
  previous: string
  next: string
  /** Every item of the month (the exports), or one page of them (the page). */
  items: PublishedItem[]
  /** How many items the month has (not `count`: a view helper has that name). */
  itemCount: number
  itemsAPage: number
  paging: Paging | null
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

/** ?page=: absent or empty is the first; otherwise a whole number from 1. */
function pageOf(asked: string | undefined): number {
  if (asked === undefined || asked === '') return 1
  if (!/^\d{1,6}$/.test(asked) || Number(asked) < 1)
    throw new BadRequestError(`The page "${asked}" is not a page number`, 'give a whole number from 1, like ?page=2')
  return Number(asked)
}

function pagingOf(page: number, count: number, shown: number): Paging {
  const pages = Math.max(1, Math.ceil(count / ITEMS_A_PAGE))
  const wanted = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages)
  const links = wanted.flatMap((n, i) => (i > 0 && n - (wanted[i - 1] ?? n) > 1 ? [null, n] : [n]))
  const first = shown === 0 ? 0 : (page - 1) * ITEMS_A_PAGE + 1
  return { page, pages, first, last: shown === 0 ? 0 : first + shown - 1, links }
}

async function monthOf(
  db: Knex,
  asked: { month: string | undefined; page?: string | undefined; all?: boolean },
): Promise<PublishedSpendMonth> {
  const slug = asked.month === undefined || asked.month === '' ? await latestPublishedMonth(db) : asked.month
  const month = readMonth(slug)
  if ('reason' in month) throw new BadRequestError(month.reason, 'give one like ?month=2017-06')
  const page = asked.all ? null : pageOf(asked.page)
  const rows = await publishedSpend(db, {
    ...month,
    thresholdPence: PUBLICATION_THRESHOLD_PENCE,
    page: page === null ? undefined : { offset: (page - 1) * ITEMS_A_PAGE, limit: ITEMS_A_PAGE },
  })
  if (page !== null && page > 1 && rows.length === 0)
    throw new BadRequestError(`There is no page ${page} of ${month.label}'s list`, 'it starts at ?page=1')
  const [first] = rows
  const count = first?.month_items ?? 0
  return {
    itemCount: count,
    itemsAPage: ITEMS_A_PAGE,
    month,
    previous: monthBeside(month.slug, -1),
    next: monthBeside(month.slug, 1),
    items: rows.map(itemOf),
    paging: page === null ? null : pagingOf(page, count, rows.length),
    total: fromPence(first?.month_total_pence ?? 0),
    withheld: { count: first?.month_withheld_count ?? 0, amount: fromPence(first?.month_withheld_pence ?? 0) },
    redacted: first?.month_redacted ?? 0,
  }
}

export function publishedSpendService(db: Knex) {
  return {
    /** A page of the list for ?month=2017-06&page=2 (the latest month the ledger has posted in a published year when
     * the month is absent; the first page when the page is). */
    page: (month: string | undefined, page: string | undefined): Promise<PublishedSpendMonth> =>
      monthOf(db, { month, page }),
    /** The whole list for the month (the exports). */
    month: (month: string | undefined): Promise<PublishedSpendMonth> => monthOf(db, { month, all: true }),
  }
}
