// Budget, profile to date, actual to date and forecast outturn, summed in SQL by line and financial year and
// then grouped as a page needs. Each function is one query whatever the number of transactions.
import type { Knex } from 'knex'
import type { Db } from './db'
import type { PenceValue } from '../domain/money'

export interface FigureFilter {
  /** One financial year, or every year when absent. */
  fyStart?: number
  /** Profile and actuals up to and including this period (13 = the whole year with adjustments). */
  toPeriod?: number
  programmeId?: number
  nature?: 'capital' | 'revenue'
  /** Only lines tagged to a programme. */
  programmesOnly?: boolean
}

export interface FigureSums {
  budget: PenceValue
  profile: PenceValue
  actual: PenceValue
  forecast: PenceValue
  /** Lines with a budget but no forecast made yet: their forecast is taken as the budget. */
  without_forecast: PenceValue
  illustrative_lines: PenceValue
  line_count: PenceValue
}

/** Narrows a per-line subquery to the year and programme asked for, so it reads only those rows' index. */
function restrict(db: Db, q: Knex.QueryBuilder, filter: FigureFilter, alias = ''): Knex.QueryBuilder {
  if (filter.fyStart !== undefined) q.where(`${alias}fy_start`, filter.fyStart)
  if (filter.programmeId !== undefined) {
    q.whereIn(`${alias}budget_line_id`, db('budget_lines').select('id').where('programme_id', filter.programmeId))
  }
  return q
}

function byLineYear(db: Db, table: string, filter: FigureFilter, periodColumn?: string): Knex.QueryBuilder {
  const q = db(table).select('budget_line_id', 'fy_start').sum({ total: 'amount_pence' }).groupBy('budget_line_id', 'fy_start')
  restrict(db, q, filter)
  if (periodColumn && filter.toPeriod !== undefined) q.where(periodColumn, '<=', filter.toPeriod)
  return q
}

/** The latest forecast of each line and year (the one made in the highest period). */
function latestForecasts(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  const q = db('forecasts as f')
    .select('f.budget_line_id', 'f.fy_start', 'f.amount_pence as total')
    .whereRaw(
      'f.made_in_period = (select max(f2.made_in_period) from forecasts f2 where f2.budget_line_id = f.budget_line_id and f2.fy_start = f.fy_start)',
    )
  return restrict(db, q, filter, 'f.')
}

/** Every (line, year) with a budget, actuals or a forecast. */
function lineYearKeys(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  const part = (table: string) => {
    return restrict(db, db(table).distinct('budget_line_id', 'fy_start'), filter)
  }
  return part('budget_amounts').union([part('spend_transactions'), part('forecasts')])
}

/**
 * A query over budget lines joined to their figures, filtered as asked; the caller adds its own
 * group-by columns with `select` and `groupBy`, and the sums come from `figureSums`.
 */
export function figuresQuery(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  const q = db
    .from(lineYearKeys(db, filter).as('k'))
    .join('budget_lines as l', 'l.id', 'k.budget_line_id')
    .leftJoin(byLineYear(db, 'budget_amounts', filter).as('b'), (j) =>
      j.on('b.budget_line_id', 'k.budget_line_id').andOn('b.fy_start', 'k.fy_start'),
    )
    .leftJoin(byLineYear(db, 'budget_profiles', filter, 'period').as('p'), (j) =>
      j.on('p.budget_line_id', 'k.budget_line_id').andOn('p.fy_start', 'k.fy_start'),
    )
    .leftJoin(byLineYear(db, 'spend_transactions', filter, 'period').as('a'), (j) =>
      j.on('a.budget_line_id', 'k.budget_line_id').andOn('a.fy_start', 'k.fy_start'),
    )
    .leftJoin(latestForecasts(db, filter).as('f'), (j) =>
      j.on('f.budget_line_id', 'k.budget_line_id').andOn('f.fy_start', 'k.fy_start'),
    )
  if (filter.programmeId !== undefined) q.where('l.programme_id', filter.programmeId)
  if (filter.programmesOnly) q.whereNotNull('l.programme_id')
  if (filter.nature) q.where('l.nature', filter.nature)
  return q
}

/** The SUM columns every figures query returns (see FigureSums). */
export function figureSums(db: Db): Knex.Raw[] {
  return [
    db.raw('coalesce(sum(b.total), 0) as budget'),
    db.raw('coalesce(sum(p.total), 0) as profile'),
    db.raw('coalesce(sum(a.total), 0) as actual'),
    db.raw('coalesce(sum(coalesce(f.total, b.total, 0)), 0) as forecast'),
    db.raw('sum(case when f.total is null and b.total is not null then 1 else 0 end) as without_forecast'),
    db.raw('sum(case when l.illustrative then 1 else 0 end) as illustrative_lines'),
    db.raw('count(*) as line_count'),
  ]
}

export interface SpendTypeFigures extends FigureSums {
  code: string
  name: string
}

export async function revenueBySpendType(db: Db, fyStart: number, toPeriod: number): Promise<SpendTypeFigures[]> {
  return (await figuresQuery(db, { fyStart, toPeriod, nature: 'revenue' })
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .select('st.code', 'st.name', 'st.sort_order', ...figureSums(db))
    .groupBy('st.code', 'st.name', 'st.sort_order')
    .orderBy('st.sort_order')) as SpendTypeFigures[]
}

export async function revenueByOwner(db: Db, fyStart: number, toPeriod: number): Promise<SpendTypeFigures[]> {
  return (await figuresQuery(db, { fyStart, toPeriod, nature: 'revenue' })
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .select('o.code', 'o.name', 'o.sort_order', ...figureSums(db))
    .groupBy('o.code', 'o.name', 'o.sort_order')
    .orderBy('o.sort_order')) as SpendTypeFigures[]
}

export interface ProgrammeFigures extends FigureSums {
  code: string
  name: string
  status: string
  capital_budget: PenceValue
  revenue_budget: PenceValue
}

export async function programmeFiguresForYear(db: Db, fyStart: number, toPeriod: number): Promise<ProgrammeFigures[]> {
  return (await figuresQuery(db, { fyStart, toPeriod, programmesOnly: true })
    .join('programmes as pr', 'pr.id', 'l.programme_id')
    .select(
      'pr.code',
      'pr.name',
      'pr.status',
      ...figureSums(db),
      db.raw("coalesce(sum(case when l.nature = 'capital' then b.total else 0 end), 0) as capital_budget"),
      db.raw("coalesce(sum(case when l.nature = 'revenue' then b.total else 0 end), 0) as revenue_budget"),
    )
    .groupBy('pr.code', 'pr.name', 'pr.status')
    .orderBy('pr.name')) as ProgrammeFigures[]
}

export interface NatureFigures extends FigureSums {
  nature: 'capital' | 'revenue'
}

export async function programmeTotalsByNature(db: Db, fyStart: number, toPeriod: number): Promise<NatureFigures[]> {
  return (await figuresQuery(db, { fyStart, toPeriod, programmesOnly: true })
    .select('l.nature', ...figureSums(db))
    .groupBy('l.nature')
    .orderBy('l.nature')) as NatureFigures[]
}

export interface YearFigures extends FigureSums {
  fy_start: number
}

/** One programme's figures by financial year (whole years, including P13). */
export async function programmeFiguresByYear(db: Db, programmeId: number): Promise<YearFigures[]> {
  const rows = (await figuresQuery(db, { programmeId })
    .select('k.fy_start', ...figureSums(db))
    .groupBy('k.fy_start')
    .orderBy('k.fy_start')) as YearFigures[]
  return rows.map((r) => ({ ...r, fy_start: Number(r.fy_start) }))
}

export interface PeriodFigures {
  period: number
  profile: PenceValue
  actual: PenceValue
}

/** One programme's monthly profile against actuals for a year, by period. */
export async function programmeMonthly(db: Db, programmeId: number, fyStart: number): Promise<PeriodFigures[]> {
  const lines = db('budget_lines').select('id').where('programme_id', programmeId)
  const profiles = db('budget_profiles')
    .select('period', db.raw('amount_pence as profile'), db.raw('0 as actual'))
    .where('fy_start', fyStart)
    .whereIn('budget_line_id', lines)
  const actuals = db('spend_transactions')
    .select('period', db.raw('0 as profile'), db.raw('amount_pence as actual'))
    .where('fy_start', fyStart)
    .whereIn('budget_line_id', lines)
  const rows = (await db
    .from(profiles.unionAll([actuals]).as('u'))
    .select('period', db.raw('sum(profile) as profile'), db.raw('sum(actual) as actual'))
    .groupBy('period')
    .orderBy('period')) as PeriodFigures[]
  return rows.map((r) => ({ ...r, period: Number(r.period) }))
}

/** The latest ledger period with actuals posted in a year; 0 when none has been. */
export async function latestPostedPeriod(db: Db, fyStart: number): Promise<number> {
  const row = (await db('spend_transactions').max({ p: 'period' }).where('fy_start', fyStart).first()) as
    | { p: number | string | null }
    | undefined
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p)
}

/** Financial years that have any budget, oldest first. */
export async function yearsWithBudget(db: Db): Promise<number[]> {
  const rows = (await db('budget_amounts').distinct('fy_start').orderBy('fy_start')) as { fy_start: number | string }[]
  return rows.map((r) => Number(r.fy_start))
}

export interface IllustrativeFlags {
  transactions: boolean
  forecasts: boolean
  profiles: boolean
}

/** Whether any illustrative (not sourced) actuals, forecasts or profiles exist: pages say so where they show. */
export async function illustrativeFlags(db: Db): Promise<IllustrativeFlags> {
  const exists = (table: string) =>
    db.raw(`case when exists (select 1 from ${table} where illustrative = ?) then 1 else 0 end`, [true])
  const row = (await db
    .select({ transactions: exists('spend_transactions'), forecasts: exists('forecasts'), profiles: exists('budget_profiles') })
    .first()) as Record<keyof IllustrativeFlags, number | string>
  return {
    transactions: Number(row.transactions) === 1,
    forecasts: Number(row.forecasts) === 1,
    profiles: Number(row.profiles) === 1,
  }
}
