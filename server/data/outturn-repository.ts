// The year-end outturn (issue #13): every line's original and revised budget for a year beside its outturn (every
// period's actuals, P13 adjustments included) and the P13 adjustments alone, summed in SQL from the ledger summaries;
// and whether finance has closed the year. A fixed number of queries whatever the ledger's size.
import type { Db } from './db'
import { text } from './values'

type Raw = Record<string, unknown>
export interface OutturnLineRow {
  budget_line_id: number
  name: string
  nature: 'capital' | 'revenue'
  income: boolean
  owner_code: string
  owner_name: string
  programme_code: string | null
  original_pence: string | null
  revised_pence: string
  outturn_pence: string
  p13_pence: string
}

/** Every live line with a budget or spend in the year: budgets and outturn side by side. */
export async function outturnLines(db: Db, fy: number): Promise<OutturnLineRow[]> {
  const spend = db('spend_summaries')
    .where('fy_start', fy)
    .groupBy('budget_line_id')
    .select(
      'budget_line_id',
      db.raw('sum(amount_pence) as outturn'),
      db.raw('sum(case when period = 13 then amount_pence else 0 end) as p13'),
    )
    .as('s')
  const budgets = db('budget_amounts')
    .where('fy_start', fy)
    .select('budget_line_id', 'amount_pence', 'original_pence')
    .as('b')
  const rows = await db('budget_lines as l')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .leftJoin(budgets, 'b.budget_line_id', 'l.id')
    .leftJoin(spend, 's.budget_line_id', 'l.id')
    .whereNull('l.retired_at')
    .where((q) => q.whereNotNull('b.budget_line_id').orWhereNotNull('s.budget_line_id'))
    .orderBy(['o.sort_order', 'l.nature', 'l.name'])
    .select<Raw[]>(
      'l.id as budget_line_id',
      'l.name',
      'l.nature',
      'st.code as spend_type',
      'o.code as owner_code',
      'o.name as owner_name',
      'p.code as programme_code',
      'b.original_pence',
      'b.amount_pence as revised',
      's.outturn',
      's.p13',
    )
  return rows.map((r) => ({
    budget_line_id: Number(r.budget_line_id),
    name: String(r.name),
    nature: r.nature === 'capital' ? 'capital' : 'revenue',
    income: r.spend_type === 'income',
    owner_code: String(r.owner_code),
    owner_name: String(r.owner_name),
    programme_code: text(r.programme_code),
    original_pence: text(r.original_pence),
    revised_pence: text(r.revised) ?? '0',
    outturn_pence: text(r.outturn) ?? '0',
    p13_pence: text(r.p13) ?? '0',
  }))
}

/** Whether finance has closed the year's outturn, when and by whom. */
export async function yearClose(
  db: Db,
  fy: number,
): Promise<{ closed_at: string | null; closed_by_name: string | null } | null> {
  const row = await db('financial_years').where('fy_start', fy).first<Raw | undefined>('closed_at', 'closed_by_name')
  return row ? { closed_at: text(row.closed_at), closed_by_name: text(row.closed_by_name) } : null
}

/** The year-end changes of a year that are still waiting for approval (the year cannot close while they wait). */
export async function waitingYearEndChanges(db: Db, fy: number): Promise<number[]> {
  const rows = await db('budget_changes')
    .where({ fy_start: fy, year_end: true })
    .whereIn('status', ['draft', 'submitted'])
    .select<Raw[]>('id')
  return rows.map((r) => Number(r.id))
}
