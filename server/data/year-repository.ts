// Financial years and their status, with the total of the budget lines of each.
import type { Db } from './db'
import type { PenceValue } from '../domain/money'

export interface YearTotalRow {
  fy_start: number
  status: 'draft' | 'published'
  published_at: string | Date | null
  budget: PenceValue
  lines: PenceValue
}

export async function yearsWithTotals(db: Db): Promise<YearTotalRow[]> {
  const totals = db('budget_amounts as ba')
    .join('budget_lines as l', 'l.id', 'ba.budget_line_id')
    .whereNull('l.retired_at')
    .select('ba.fy_start')
    .sum({ budget: 'ba.amount_pence' })
    .count({ lines: '*' })
    .groupBy('ba.fy_start')
  return db('financial_years as y')
    .leftJoin(totals.as('t'), 't.fy_start', 'y.fy_start')
    .select<YearTotalRow[]>('y.fy_start', 'y.status', 'y.published_at', 't.budget', 't.lines')
    .orderBy('y.fy_start', 'desc')
}

export async function yearStatus(db: Db, fyStart: number): Promise<'draft' | 'published' | null> {
  const row = await db('financial_years')
    .where('fy_start', fyStart)
    .first<{ status: 'draft' | 'published' } | undefined>('status')
  return row?.status ?? null
}
