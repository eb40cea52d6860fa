// Budget, profile to date, actual to date and forecast outturn, summed in SQL by line and financial year and
// then grouped as a page needs. Actuals come from the ledger's summaries (spend-summaries.ts), never the raw
// transactions, so each function is one query and its cost does not grow with the ledger.
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
  /** Only published financial years (the public and the Panel never see draft figures). */
  publishedOnly?: boolean
  /** Only forecasts made up to and including this period (a report as at a past period: the Panel pack). */
  forecastsTo?: number
}

/** The published financial years, as a subquery. */
export function publishedYears(db: Db): Knex.QueryBuilder {
  return db('financial_years').select('fy_start').where('status', 'published')
}

export interface FigureSums {
  budget: PenceValue
  /** The original budget (frozen by the February decision); null when the year's original is not frozen. */
  original?: PenceValue | null
  profile: PenceValue
  actual: PenceValue
  forecast: PenceValue
  /** Lines with a budget but no forecast made yet: their forecast is taken as the budget. */
  without_forecast: PenceValue
  illustrative_lines: PenceValue
  line_count: PenceValue
  capital_budget: PenceValue
  revenue_budget: PenceValue
}

/** Narrows a per-line subquery to the year and programme asked for, so it reads only those rows' index. */
function restrict(db: Db, q: Knex.QueryBuilder, filter: FigureFilter & { alias?: string }): Knex.QueryBuilder {
  const alias = filter.alias ?? ''
  if (filter.fyStart !== undefined) q.where(`${alias}fy_start`, filter.fyStart)
  if (filter.publishedOnly) q.whereIn(`${alias}fy_start`, publishedYears(db))
  if (filter.programmeId !== undefined) {
    q.whereIn(`${alias}budget_line_id`, db('budget_lines').select('id').where('programme_id', filter.programmeId))
  }
  return q
}

function byLineYear(db: Db, table: string, filter: FigureFilter & { periodColumn?: string }): Knex.QueryBuilder {
  const { periodColumn } = filter
  const q = db(table)
    .select('budget_line_id', 'fy_start')
    .sum({ total: 'amount_pence' })
    .groupBy('budget_line_id', 'fy_start')
  restrict(db, q, filter)
  if (periodColumn && filter.toPeriod !== undefined) q.where(periodColumn, '<=', filter.toPeriod)
  return q
}

/** Each line-year's revised budget (`total`) and its original (null until the year's original budget is frozen; a line
 * a budget change brought into a frozen year has an original of nothing). */
function budgetsByLineYear(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  const q = db('budget_amounts').select(
    'budget_line_id',
    'fy_start',
    db.raw('amount_pence as total'),
    db.raw('original_pence as original'),
  )
  return restrict(db, q, filter)
}

/** The latest forecast of each line and year (the one made in the highest period). */
function latestForecasts(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  const to = filter.forecastsTo
  const q = db('forecasts as f')
    .select('f.budget_line_id', 'f.fy_start', 'f.amount_pence as total')
    .whereRaw(
      `f.made_in_period = (select max(f2.made_in_period) from forecasts f2 where f2.budget_line_id = f.budget_line_id and f2.fy_start = f.fy_start${to === undefined ? '' : ' and f2.made_in_period <= ?'})`,
      to === undefined ? [] : [to],
    )
  return restrict(db, q, { ...filter, alias: 'f.' })
}

/**
 * Common table expressions ending in `lf`: one row per budget line and year with that line's budget, profile
 * and actuals to date, and latest forecast, filtered as asked. The per-line sums are CTEs of their own, so a
 * statement reads the transactions once: for the actuals and for the (line, year) keys, which include lines
 * with spend but no budget.
 */
function withLineFigures(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  const keys = (cte: string) => db.select('budget_line_id', 'fy_start').from(cte)
  const on = (alias: string) => (j: Knex.JoinClause) =>
    j.on(`${alias}.budget_line_id`, 'k.budget_line_id').andOn(`${alias}.fy_start`, 'k.fy_start')
  const lines = db
    .from('k')
    .join('budget_lines as l', 'l.id', 'k.budget_line_id')
    .leftJoin('b', on('b'))
    .leftJoin('p', on('p'))
    .leftJoin('a', on('a'))
    .leftJoin('f', on('f'))
    .select(
      'k.budget_line_id',
      'k.fy_start',
      'l.nature',
      'l.programme_id',
      'l.spend_type_id',
      'l.budget_owner_id',
      'l.illustrative',
      'b.total as budget',
      'b.original as original',
      'p.total as profile',
      'a.total as actual',
      'f.total as forecast',
    )
  if (filter.programmeId !== undefined) lines.where('l.programme_id', filter.programmeId)
  if (filter.programmesOnly) lines.whereNotNull('l.programme_id')
  lines.whereNull('l.retired_at')
  if (filter.nature) lines.where('l.nature', filter.nature)
  return db
    .with('b', budgetsByLineYear(db, filter))
    .with('p', byLineYear(db, 'budget_profiles', { ...filter, periodColumn: 'period' }))
    .with('a', byLineYear(db, 'spend_summaries', { ...filter, periodColumn: 'period' }))
    .with('f', latestForecasts(db, filter))
    .with('k', keys('b').union([keys('a'), keys('f')]))
    .with('lf', lines)
}

/** A query over `lf` (see withLineFigures): callers join what they group by and sum with `figureSums`. */
export function figuresQuery(db: Db, filter: FigureFilter): Knex.QueryBuilder {
  return withLineFigures(db, filter).from('lf')
}

/** The SUM columns every figures query returns (see FigureSums). */
export function figureSums(db: Db): Knex.Raw[] {
  return [
    db.raw('coalesce(sum(lf.budget), 0) as budget'),
    // Null where no line's original is frozen: the year's original budget is not yet set apart from its revised one.
    db.raw('sum(lf.original) as original'),
    db.raw('coalesce(sum(lf.profile), 0) as profile'),
    db.raw('coalesce(sum(lf.actual), 0) as actual'),
    db.raw('coalesce(sum(coalesce(lf.forecast, lf.budget, 0)), 0) as forecast'),
    db.raw('sum(case when lf.forecast is null and lf.budget is not null then 1 else 0 end) as without_forecast'),
    db.raw('sum(case when lf.illustrative then 1 else 0 end) as illustrative_lines'),
    db.raw('count(*) as line_count'),
    db.raw("coalesce(sum(case when lf.nature = 'capital' then lf.budget else 0 end), 0) as capital_budget"),
    db.raw("coalesce(sum(case when lf.nature = 'revenue' then lf.budget else 0 end), 0) as revenue_budget"),
  ]
}

export type Grouping = 'spend_type' | 'owner' | 'programme' | 'nature'

export interface GroupFigures extends FigureSums {
  grouping: Grouping
  code: string
  name: string
  status: string | null
}

/**
 * Every table of the dashboard in one statement: the revenue budget by type of spend and by budget owner,
 * and the programme budgets by programme and by capital/revenue. The year's transactions are read once.
 */
export async function dashboardFigures(
  db: Db,
  asAt: { fyStart: number; toPeriod: number; publishedOnly: boolean; forecastsTo?: number },
): Promise<GroupFigures[]> {
  const { fyStart, toPeriod, publishedOnly, forecastsTo } = asAt
  const tag = (grouping: Grouping) => db.raw('? as grouping', [grouping])
  const noStatus = db.raw('null as status')
  const bySpendType = db
    .from('lf')
    .join('spend_types as st', 'st.id', 'lf.spend_type_id')
    .where('lf.nature', 'revenue')
    .select(tag('spend_type'), 'st.code', 'st.name', noStatus, 'st.sort_order', ...figureSums(db))
    .groupBy('st.code', 'st.name', 'st.sort_order')
  const byOwner = db
    .from('lf')
    .join('budget_owners as o', 'o.id', 'lf.budget_owner_id')
    .where('lf.nature', 'revenue')
    .select(tag('owner'), 'o.code', 'o.name', noStatus, 'o.sort_order', ...figureSums(db))
    .groupBy('o.code', 'o.name', 'o.sort_order')
  const byProgramme = db
    .from('lf')
    .join('programmes as pr', 'pr.id', 'lf.programme_id')
    .modify((q: Knex.QueryBuilder) => (publishedOnly ? q.whereNot('pr.status', 'proposed') : q))
    .select(tag('programme'), 'pr.code', 'pr.name', 'pr.status', db.raw('0 as sort_order'), ...figureSums(db))
    .groupBy('pr.code', 'pr.name', 'pr.status')
  const byNature = db
    .from('lf')
    .whereNotNull('lf.programme_id')
    .select(
      tag('nature'),
      'lf.nature as code',
      'lf.nature as name',
      noStatus,
      db.raw('0 as sort_order'),
      ...figureSums(db),
    )
    .groupBy('lf.nature')
  return (await withLineFigures(db, { fyStart, toPeriod, publishedOnly, forecastsTo })
    .select('*')
    .from(db.queryBuilder().unionAll([bySpendType, byOwner, byProgramme, byNature]).as('g'))
    .orderBy(['grouping', 'sort_order', 'name'])) as GroupFigures[]
}

export interface YearFigures extends FigureSums {
  fy_start: number
  /** The latest period the ledger has posted in the year, whatever the programme (0 when none). */
  latest_period: number
}

/** One programme's figures by financial year (whole years, including P13). */
export async function programmeFiguresByYear(
  db: Db,
  programmeId: number,
  publishedOnly: boolean,
): Promise<YearFigures[]> {
  // The latest posted period of each year: an index seek per year in the summaries.
  const latest = db('spend_summaries as s').max('s.period').whereRaw('s.fy_start = lf.fy_start')
  const rows = (await figuresQuery(db, { programmeId, publishedOnly })
    .select('lf.fy_start', latest.as('latest_period'), ...figureSums(db))
    .groupBy('lf.fy_start')
    .orderBy('lf.fy_start')) as YearFigures[]
  return rows.map((r) => ({ ...r, fy_start: Number(r.fy_start), latest_period: Number(r.latest_period ?? 0) }))
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
  const actuals = db('spend_summaries')
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
  const row = (await db('spend_summaries').max({ p: 'period' }).where('fy_start', fyStart).first()) as
    { p: number | string | null } | undefined
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p)
}

/** Financial years that have any budget, oldest first, with whether each is still a draft. */
export async function budgetYears(db: Db, publishedOnly: boolean): Promise<{ fyStart: number; draft: boolean }[]> {
  const q = db('budget_amounts as ba')
    .join('financial_years as y', 'y.fy_start', 'ba.fy_start')
    .distinct('ba.fy_start', 'y.status')
    .orderBy('ba.fy_start')
  if (publishedOnly) q.where('y.status', 'published')
  const rows = (await q) as { fy_start: number | string; status: string }[]
  return rows.map((r) => ({ fyStart: Number(r.fy_start), draft: r.status !== 'published' }))
}

/** Financial years that have any budget, oldest first. */
export async function yearsWithBudget(db: Db, publishedOnly: boolean): Promise<number[]> {
  const q = db('budget_amounts').distinct('fy_start').orderBy('fy_start')
  if (publishedOnly) q.whereIn('fy_start', publishedYears(db))
  const rows = (await q) as { fy_start: number | string }[]
  return rows.map((r) => Number(r.fy_start))
}

export interface IllustrativeFlags {
  transactions: boolean
  forecasts: boolean
  profiles: boolean
}

/** Whether any illustrative (not sourced) actuals, forecasts or profiles exist: pages say so where they show. */
export async function illustrativeFlags(db: Db, programmeId?: number): Promise<IllustrativeFlags> {
  // The ledger's illustrative rows are counted in its summaries.
  const exists = (table: string, illustrative = 'illustrative = ?', flag: boolean | number = true) =>
    programmeId === undefined
      ? db.raw(`case when exists (select 1 from ${table} where ${illustrative}) then 1 else 0 end`, [flag])
      : db.raw(
          `case when exists (select 1 from ${table} where ${illustrative} and budget_line_id in (select id from budget_lines where programme_id = ?)) then 1 else 0 end`,
          [flag, programmeId],
        )
  const row = (await db
    .select({
      transactions: exists('spend_summaries', 'illustrative_count > ?', 0),
      forecasts: exists('forecasts'),
      profiles: exists('budget_profiles'),
    })
    .first()) as Record<keyof IllustrativeFlags, number | string>
  return {
    transactions: Number(row.transactions) === 1,
    forecasts: Number(row.forecasts) === 1,
    profiles: Number(row.profiles) === 1,
  }
}
