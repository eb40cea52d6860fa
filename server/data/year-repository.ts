// Financial years and their status, with the total of the budget lines of each.
import type { Db } from './db'
import type { PenceValue } from '../domain/money'

export interface YearTotalRow {
  fy_start: number
  status: 'draft' | 'published'
  published_at: string | Date | null
  original_frozen_at: string | Date | null
  original_decision: string | null
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
    .leftJoin('decisions as d', 'd.id', 'y.original_decision_id')
    .select<YearTotalRow[]>(
      'y.fy_start',
      'y.status',
      'y.published_at',
      'y.original_frozen_at',
      'd.reference as original_decision',
      't.budget',
      't.lines',
    )
    .orderBy('y.fy_start', 'desc')
}

export async function yearStatus(db: Db, fyStart: number): Promise<'draft' | 'published' | null> {
  const row = await db('financial_years')
    .where('fy_start', fyStart)
    .first<{ status: 'draft' | 'published' } | undefined>('status')
  return row?.status ?? null
}

/** What decides whether a year is locked: the latest period its ledger is posted to, and whether it was reopened. */
export async function yearLock(db: Db, fyStart: number): Promise<{ posted: number; reopened: boolean }> {
  const [posted, year] = await Promise.all([
    db('spend_summaries').max({ p: 'period' }).where('fy_start', fyStart).first() as Promise<
      { p: number | string | null } | undefined
    >,
    db('financial_years').where('fy_start', fyStart).first('reopened') as Promise<
      { reopened: boolean | number } | undefined
    >,
  ])
  return {
    posted: posted?.p === null || posted?.p === undefined ? 0 : Number(posted.p),
    reopened: Boolean(year?.reopened),
  }
}

/** Every financial year with the latest period its ledger is posted to and whether it was reopened: one query. */
export async function yearLocks(db: Db): Promise<{ fyStart: number; posted: number; reopened: boolean }[]> {
  const rows = (await db('financial_years as y')
    .select(
      'y.fy_start',
      'y.reopened',
      db('spend_summaries as t').max('t.period').whereRaw('t.fy_start = y.fy_start').as('posted'),
    )
    .orderBy('y.fy_start')) as {
    fy_start: number | string
    reopened: boolean | number
    posted: number | string | null
  }[]
  return rows.map((r) => ({
    fyStart: Number(r.fy_start),
    posted: r.posted === null ? 0 : Number(r.posted),
    reopened: Boolean(r.reopened),
  }))
}

/** The years whose original budget is frozen: their budget moves only by approved budget changes. */
export async function frozenYears(db: Db): Promise<Set<number>> {
  const rows = await db('financial_years')
    .whereNotNull('original_frozen_at')
    .select<{ fy_start: number | string }[]>('fy_start')
  return new Set(rows.map((r) => Number(r.fy_start)))
}

/** Every line's budget for the year (retired lines' too), as the freeze keeps it for its original. */
export async function amountsOfYear(
  db: Db,
  fyStart: number,
): Promise<{ budget_line_id: number; amount_pence: string }[]> {
  const rows = await db('budget_amounts')
    .where('fy_start', fyStart)
    .select<{ budget_line_id: number | string; amount_pence: number | string }[]>('budget_line_id', 'amount_pence')
  return rows.map((r) => ({ budget_line_id: Number(r.budget_line_id), amount_pence: String(r.amount_pence) }))
}
