// Reserves (issue #10): each reserve with its planned contributions and uses by year, and the net revenue budget of
// each year (the tracker's own, or the published figure where the tracker has no budget for the year) that the
// minimum general reserve is a percentage of. A fixed number of queries.
import type { Db } from './db'

export interface ReserveRow {
  id: number
  code: string
  name: string
  kind: 'general' | 'earmarked'
  purpose: string | null
  opening_fy: number
  opening_pence: string
  minimum_percent: string | null
  minimum_basis: string | null
  source: string | null
  illustrative: boolean
  in_budget: boolean
  retired_at: string | null
}

export interface ReserveFlowRow {
  reserve_id: number
  fy_start: number
  contribution_pence: string
  use_pence: string
  note: string | null
  source: string | null
  illustrative: boolean
}

/** A reserve as either driver reads it: numbers as numbers, pence as text, flags as booleans. */
const reserveRow = (r: Record<string, unknown>): ReserveRow => ({
  ...(r as unknown as ReserveRow),
  id: Number(r.id),
  opening_fy: Number(r.opening_fy),
  opening_pence: String(r.opening_pence),
  illustrative: Boolean(r.illustrative),
  in_budget: Boolean(r.in_budget),
  retired_at: r.retired_at instanceof Date ? r.retired_at.toISOString() : ((r.retired_at as string | null) ?? null),
})

const flowRow = (f: Record<string, unknown>): ReserveFlowRow => ({
  ...(f as unknown as ReserveFlowRow),
  reserve_id: Number(f.reserve_id),
  fy_start: Number(f.fy_start),
  contribution_pence: String(f.contribution_pence),
  use_pence: String(f.use_pence),
  illustrative: Boolean(f.illustrative),
})

/** Rows of (reserve, year, pence) as a map by reserve id, then year. */
function byReserveYear(rows: Record<string, unknown>[]): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>()
  for (const r of rows) {
    const id = Number(r.reserve_id)
    const byYear = out.get(id) ?? new Map<number, string>()
    byYear.set(Number(r.fy_start), String(r.pence))
    out.set(id, byYear)
  }
  return out
}

/** What the capital programme draws on each reserve, by year: its financing from reserves is a use of the reserve, so
 * moving a scheme's financing (slippage) moves the reserve's use with it. Keyed by reserve id, then year (pence). */
export async function capitalDraws(db: Db, reserveId?: number): Promise<Map<number, Map<number, string>>> {
  const rows: Record<string, unknown>[] = await db('capital_financing as f')
    .join('budget_lines as l', 'l.id', 'f.budget_line_id')
    .whereNull('l.retired_at')
    .whereNotNull('f.reserve_id')
    .modify((q) => (reserveId === undefined ? q : q.where('f.reserve_id', reserveId)))
    .groupBy('f.reserve_id', 'f.fy_start')
    .select('f.reserve_id', 'f.fy_start', db.raw('sum(f.amount_pence) as pence'))
  return byReserveYear(rows)
}

/** What approved budget changes draw on each reserve, net, by the year of their movements (issue #13): a draw on an
 * earmarked reserve adds budget to a line and is a use of the reserve; a transfer to one (a year-end underspend, say)
 * takes budget off lines and adds to the reserve, a negative use. Keyed by reserve id, then year (pence). */
export async function changeDraws(db: Db, reserveId?: number): Promise<Map<number, Map<number, string>>> {
  const rows: Record<string, unknown>[] = await db('budget_change_movements as m')
    .join('budget_changes as c', 'c.id', 'm.change_id')
    .join('reserves as r', 'r.id', 'c.reserve_id')
    // A change before the reserve's opening year is in its opening balance already.
    .whereRaw('m.fy_start >= r.opening_fy')
    .where('c.status', 'approved')
    .whereIn('c.type', ['reserve_draw', 'reserve_transfer'])
    .whereNotNull('c.reserve_id')
    .modify((q) => (reserveId === undefined ? q : q.where('c.reserve_id', reserveId)))
    .groupBy('c.reserve_id', 'm.fy_start')
    .select('c.reserve_id', 'm.fy_start', db.raw('sum(m.amount_pence) as pence'))
  return byReserveYear(rows)
}

export async function listReserves(db: Db): Promise<{
  reserves: ReserveRow[]
  flows: ReserveFlowRow[]
  capital: Map<number, Map<number, string>>
  changes: Map<number, Map<number, string>>
}> {
  const [reserves, flows, capital, changes] = await Promise.all([
    // A retired reserve stays in the forecast: its earlier years are part of the totals.
    db('reserves').orderByRaw("case when kind = 'general' then 0 else 1 end").orderBy('name'),
    db('reserve_flows as f')
      .join('reserves as r', 'r.id', 'f.reserve_id')
      .select(
        'f.reserve_id',
        'f.fy_start',
        'f.contribution_pence',
        'f.use_pence',
        'f.note',
        'f.source',
        'f.illustrative',
      )
      .orderBy(['f.reserve_id', 'f.fy_start']),
    capitalDraws(db),
    changeDraws(db),
  ])
  return {
    reserves: (reserves as Record<string, unknown>[]).map(reserveRow),
    flows: (flows as Record<string, unknown>[]).map(flowRow),
    capital,
    changes,
  }
}

/** Each year's net revenue budget: the sum of the tracker's live revenue lines (income lines negative). The published
 * budgets are spending before local income, so they are not a net budget. */
export async function netBudgets(db: Db): Promise<Map<number, string>> {
  const own: { fy_start: number; pence: string | number }[] = await db('budget_amounts as a')
    .join('budget_lines as l', 'l.id', 'a.budget_line_id')
    .where('l.nature', 'revenue')
    .whereNull('l.retired_at')
    .groupBy('a.fy_start')
    .select('a.fy_start', db.raw('sum(a.amount_pence) as pence'))
  return new Map(own.map((o) => [Number(o.fy_start), String(o.pence)]))
}

/** One reserve with its flows by year, for its edit form; undefined when there is no live reserve with the code. */
export async function findReserve(
  db: Db,
  code: string,
): Promise<
  | (ReserveRow & {
      version: number
      flows: ReserveFlowRow[]
      capital: Map<number, string>
      changes: Map<number, string>
    })
  | undefined
> {
  const row = (await db('reserves').where('code', code).whereNull('retired_at').first()) as
    Record<string, unknown> | undefined
  if (!row) return undefined
  const [flows, capital, changes] = await Promise.all([
    db('reserve_flows').where('reserve_id', Number(row.id)).orderBy('fy_start') as Promise<Record<string, unknown>[]>,
    capitalDraws(db, Number(row.id)),
    changeDraws(db, Number(row.id)),
  ])
  return {
    ...reserveRow(row),
    version: Number(row.version),
    flows: flows.map(flowRow),
    capital: capital.get(Number(row.id)) ?? new Map<number, string>(),
    changes: changes.get(Number(row.id)) ?? new Map<number, string>(),
  }
}

/** The years the reserves forecast runs over: from the first reserve's opening year to the last year with a flow. */
export async function reserveYears(db: Db): Promise<number[]> {
  const row = await db('reserves as r')
    .leftJoin('reserve_flows as f', 'f.reserve_id', 'r.id')
    .first<{ first: number | null; last: number | null } | undefined>(
      db.raw('min(r.opening_fy) as first'),
      db.raw('max(f.fy_start) as last'),
    )
  const first = row?.first === null || row?.first === undefined ? null : Number(row.first)
  if (first === null) return []
  const last = Math.max(first, Number(row?.last ?? first))
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}
