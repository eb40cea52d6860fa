// The monthly list of spending over £500 (issue #14), in one query: the month's ledger transactions that are supplier
// spend (not payroll, tax, pensions or journals) of a published year, each with its invoice's total net of recoverable
// VAT (a line of an invoice over £500 is published however small), and the month's total of what is published
// (withheld items included) as a window sum.
import type { Db } from './db'
import { text } from './values'
import { publishedYears } from './figures-repository'

type Raw = Record<string, unknown>

export interface PublishedSpendRow {
  id: number
  ledger_ref: string
  posted_on: string
  period: number
  body: 'OPCC' | 'Force'
  department: string | null
  supplier: string | null
  description: string | null
  /** The line's amount net of recoverable VAT (its amount plus its irrecoverable VAT), in pence. */
  net_pence: string
  irrecoverable_vat_pence: string | null
  merchant_category: string | null
  invoice_ref: string | null
  procurement_route: string | null
  individual: boolean
  withheld_reason: string | null
  invoice_total_pence: string
  month_total_pence: string
  /** What the month's withheld items come to (in the total, not on their rows). */
  month_withheld_pence: string
  /** The month's items, withheld items and payments to individuals, whichever page of them this row is on. */
  month_items: number
  month_withheld_count: number
  month_redacted: number
}

function spendRowOf(r: Raw): PublishedSpendRow {
  return {
    id: Number(r.id),
    ledger_ref: String(r.ledger_ref),
    posted_on: String(text(r.posted_on)).slice(0, 10),
    period: Number(r.period),
    body: r.body_of === 'Force' ? 'Force' : 'OPCC',
    department: text(r.department),
    supplier: text(r.supplier),
    description: text(r.description),
    net_pence: text(r.net_pence) ?? '0',
    irrecoverable_vat_pence: text(r.irrecoverable_vat_pence),
    merchant_category: text(r.merchant_category),
    invoice_ref: text(r.invoice_ref),
    procurement_route: text(r.procurement_route),
    individual: Boolean(r.individual) && r.individual !== 0 && r.individual !== '0',
    withheld_reason: text(r.withheld_reason),
    invoice_total_pence: text(r.invoice_total_pence) ?? '0',
    month_total_pence: text(r.month_total_pence) ?? '0',
    month_withheld_pence: text(r.month_withheld_pence) ?? '0',
    month_items: Number(r.month_items ?? 0),
    month_withheld_count: Number(r.month_withheld_count ?? 0),
    month_redacted: Number(r.month_redacted ?? 0),
  }
}

const NOT_SUPPLIER_SPEND = ['payroll', 'tax', 'pension', 'journal']

/** The month's list, or one page of it (`page`: rows from `offset`, at most `limit`); either way each row carries the
 * month's totals and counts, so a page of a month of thousands of items reads and renders only its own rows. */
export async function publishedSpend(
  db: Db,
  month: { fyStart: number; periods: number[]; thresholdPence: bigint; page?: { offset: number; limit: number } },
): Promise<PublishedSpendRow[]> {
  const net = 't.amount_pence + coalesce(t.irrecoverable_vat_pence, 0)'
  const lines = db('spend_transactions as t')
    .join('budget_lines as l', 'l.id', 't.budget_line_id')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .where('t.fy_start', month.fyStart)
    .whereIn('t.period', month.periods)
    .whereIn('t.fy_start', publishedYears(db))
    .where((q) => q.whereNull('t.kind').orWhereNotIn('t.kind', NOT_SUPPLIER_SPEND))
    .select(
      't.*',
      db.raw(`${net} as net_pence`),
      // Without an invoice number a transaction is its own invoice; an invoice is one supplier's.
      db.raw(
        `sum(${net}) over (partition by coalesce(t.invoice_ref, t.ledger_ref), t.supplier) as invoice_total_pence`,
      ),
      db.raw("case when t.body is not null then t.body when o.code = 'force' then 'Force' else 'OPCC' end as body_of"),
    )
  const list = db
    .from(lines.as('x'))
    // A number, not text: SQLite ranks any number below any text.
    .where('x.invoice_total_pence', '>', Number(month.thresholdPence))
    .select<Raw[]>(
      'x.*',
      db.raw('sum(x.net_pence) over () as month_total_pence'),
      db.raw(
        'sum(case when x.withheld_reason is not null then x.net_pence else 0 end) over () as month_withheld_pence',
      ),
      db.raw('count(*) over () as month_items'),
      db.raw('sum(case when x.withheld_reason is not null then 1 else 0 end) over () as month_withheld_count'),
      db.raw(
        'sum(case when x.withheld_reason is null and x.individual = ? then 1 else 0 end) over () as month_redacted',
        [true],
      ),
    )
    .orderBy([{ column: 'x.posted_on' }, { column: 'x.ledger_ref' }, { column: 'x.id' }])
  const rows = await (month.page ? list.limit(month.page.limit).offset(month.page.offset) : list)
  return rows.map(spendRowOf)
}

/** The latest month the ledger has posted in a published year (its period's calendar month), as 2017-06; this month
 * when none has been. */
export async function latestPublishedMonth(db: Db): Promise<string> {
  const row = await db('spend_summaries')
    .whereIn('fy_start', publishedYears(db))
    .where('period', '<=', 12)
    .orderBy([
      { column: 'fy_start', order: 'desc' },
      { column: 'period', order: 'desc' },
    ])
    .first<Raw | undefined>('fy_start', 'period')
  if (!row) return new Date().toISOString().slice(0, 7)
  const fy = Number(row.fy_start)
  const period = Number(row.period)
  const month = period <= 9 ? period + 3 : period - 9
  const year = period <= 9 ? fy : fy + 1
  return `${year}-${String(month).padStart(2, '0')}`
}
