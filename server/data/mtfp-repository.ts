// The medium-term financial plan's data (issue #10): the plans, a plan's lines with their amounts by year, its
// workforce groups with their figures by year, the savings register totalled by year (in SQL), and the planned use of
// and contributions to the reserves that fund the revenue budget (in SQL). A fixed number of queries a page.
import type { Db } from './db'
import type { PlanLineKind } from '../domain/mtfp'

export interface PlanRow {
  id: number
  first_fy: number
  status: 'draft' | 'adopted' | 'superseded'
  base_pence: string
  base_local_income_pence: string
  base_source: string | null
  note: string | null
  adopted_at: string | null
  adopted_by: string | null
  rolled_from: number | null
  illustrative: boolean
  version: number
}

export interface PlanLineRow {
  id: number
  plan_id: number
  kind: PlanLineKind
  name: string
  one_off: boolean
  sort: number
  note: string | null
  version: number
}

export interface PlanAmountRow {
  line_id: number
  fy_start: number
  amount_pence: string
  status: 'provisional' | 'final' | null
  basis: 'published' | 'assumption'
  source: string | null
  illustrative: boolean
}

export interface WorkforceGroupRow {
  id: number
  plan_id: number
  code: string
  name: string
  base_salary_pence: string
  sort: number
  source: string | null
  illustrative: boolean
  version: number
}

export interface WorkforceYearRow {
  group_id: number
  fy_start: number
  fte: string
  award_percent: string
  ni_percent: string
  pension_percent: string
  vacancy_percent: string
  source: string | null
  illustrative: boolean
}

export interface SavingRow {
  id: number
  code: string
  name: string
  owner: string
  fy_start: number
  amount_pence: string
  recurring: boolean
  confidence: 'green' | 'amber' | 'red'
  delivered: boolean
  delivered_line_id: number | null
  delivered_line_name: string | null
  delivered_fy: number | null
  source: string | null
  note: string | null
  illustrative: boolean
  version: number
}

type Raw = Record<string, unknown>
const n = (v: unknown) => Number(v)
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const when = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null) ?? null))

export const planRow = (r: Raw): PlanRow => ({
  ...(r as unknown as PlanRow),
  id: n(r.id),
  first_fy: n(r.first_fy),
  base_pence: String(r.base_pence),
  base_local_income_pence: String(r.base_local_income_pence),
  adopted_at: when(r.adopted_at),
  rolled_from: nOrNull(r.rolled_from),
  illustrative: Boolean(r.illustrative),
  version: n(r.version),
})

export const lineRow = (r: Raw): PlanLineRow => ({
  ...(r as unknown as PlanLineRow),
  id: n(r.id),
  plan_id: n(r.plan_id),
  one_off: Boolean(r.one_off),
  sort: n(r.sort),
  version: n(r.version),
})

export const amountRow = (r: Raw): PlanAmountRow => ({
  ...(r as unknown as PlanAmountRow),
  line_id: n(r.line_id),
  fy_start: n(r.fy_start),
  amount_pence: String(r.amount_pence),
  illustrative: Boolean(r.illustrative),
})

export const groupRow = (r: Raw): WorkforceGroupRow => ({
  ...(r as unknown as WorkforceGroupRow),
  id: n(r.id),
  plan_id: n(r.plan_id),
  base_salary_pence: String(r.base_salary_pence),
  sort: n(r.sort),
  illustrative: Boolean(r.illustrative),
  version: n(r.version),
})

export const workforceYearRow = (r: Raw): WorkforceYearRow => ({
  ...(r as unknown as WorkforceYearRow),
  group_id: n(r.group_id),
  fy_start: n(r.fy_start),
  illustrative: Boolean(r.illustrative),
})

export const savingRow = (r: Raw): SavingRow => ({
  ...(r as unknown as SavingRow),
  id: n(r.id),
  fy_start: n(r.fy_start),
  amount_pence: String(r.amount_pence),
  recurring: Boolean(r.recurring),
  delivered: Boolean(r.delivered),
  delivered_line_id: nOrNull(r.delivered_line_id),
  delivered_line_name: (r.delivered_line_name as string | null | undefined) ?? null,
  delivered_fy: nOrNull(r.delivered_fy),
  illustrative: Boolean(r.illustrative),
  version: n(r.version),
})

/** Every plan, the latest first. */
export async function listPlans(db: Db): Promise<PlanRow[]> {
  return ((await db('mtfp_plans').orderBy('first_fy', 'desc')) as Raw[]).map(planRow)
}

/** A plan's live lines and their amounts. */
export async function planLines(db: Db, planId: number): Promise<{ lines: PlanLineRow[]; amounts: PlanAmountRow[] }> {
  const [lines, amounts] = await Promise.all([
    db('mtfp_lines').where('plan_id', planId).whereNull('retired_at').orderBy(['sort', 'id']),
    db('mtfp_amounts as a')
      .join('mtfp_lines as l', 'l.id', 'a.line_id')
      .where('l.plan_id', planId)
      .whereNull('l.retired_at')
      .select('a.line_id', 'a.fy_start', 'a.amount_pence', 'a.status', 'a.basis', 'a.source', 'a.illustrative')
      .orderBy(['a.line_id', 'a.fy_start']),
  ])
  return { lines: (lines as Raw[]).map(lineRow), amounts: (amounts as Raw[]).map(amountRow) }
}

/** A plan's workforce groups and their figures by year. */
export async function workforce(
  db: Db,
  planId: number,
): Promise<{ groups: WorkforceGroupRow[]; years: WorkforceYearRow[] }> {
  const [groups, years] = await Promise.all([
    db('workforce_groups').where('plan_id', planId).orderBy(['sort', 'id']),
    db('workforce_years as y')
      .join('workforce_groups as g', 'g.id', 'y.group_id')
      .where('g.plan_id', planId)
      .select('y.*')
      .orderBy(['y.group_id', 'y.fy_start']),
  ])
  return { groups: (groups as Raw[]).map(groupRow), years: (years as Raw[]).map(workforceYearRow) }
}

/** The live savings register's totals by year, recurring and one-off apart. */
export async function savingsByYear(
  db: Db,
): Promise<Map<number, { recurring: string; oneOff: string; count: number }>> {
  const rows: Raw[] = await db('savings')
    .whereNull('retired_at')
    .groupBy('fy_start')
    .select(
      'fy_start',
      db.raw('sum(case when recurring then amount_pence else 0 end) as recurring'),
      db.raw('sum(case when recurring then 0 else amount_pence end) as one_off'),
      db.raw('count(*) as count'),
    )
  return new Map(
    rows.map((r) => [n(r.fy_start), { recurring: String(r.recurring), oneOff: String(r.one_off), count: n(r.count) }]),
  )
}

/** Each year's planned use of and contributions to the reserves that fund the revenue budget. */
export async function budgetReserveFlows(db: Db): Promise<Map<number, { use: string; contribution: string }>> {
  const rows: Raw[] = await db('reserve_flows as f')
    .join('reserves as r', 'r.id', 'f.reserve_id')
    .where('r.in_budget', true)
    .groupBy('f.fy_start')
    .select('f.fy_start', db.raw('sum(f.use_pence) as use'), db.raw('sum(f.contribution_pence) as contribution'))
  return new Map(rows.map((r) => [n(r.fy_start), { use: String(r.use), contribution: String(r.contribution) }]))
}

/** The savings register, every live scheme with the budget line a delivered saving came off. */
export async function listSavings(db: Db): Promise<SavingRow[]> {
  return (
    (await db('savings as s')
      .leftJoin('budget_lines as l', 'l.id', 's.delivered_line_id')
      .whereNull('s.retired_at')
      .select('s.*', 'l.name as delivered_line_name')
      .orderBy(['s.fy_start', 's.name'])) as Raw[]
  ).map(savingRow)
}

/** The live register's totals by year: all, recurring, delivered, and by delivery confidence (pence as text). */
/** What approved reductions that bank a saving took off the budget, by the year of their movements (pence, positive),
 * and the change that banked each saving. */
export async function bankedSavings(db: Db): Promise<{ byYear: Map<number, string>; changeOf: Map<number, number> }> {
  const [years, changes] = await Promise.all([
    db('budget_change_movements as m')
      .join('budget_changes as c', 'c.id', 'm.change_id')
      .where({ 'c.status': 'approved', 'c.type': 'reduction' })
      .whereNotNull('c.saving_id')
      .groupBy('m.fy_start')
      .select<Raw[]>('m.fy_start', db.raw('-sum(m.amount_pence) as pence')),
    db('budget_changes')
      .where({ status: 'approved', type: 'reduction' })
      .whereNotNull('saving_id')
      .select<Raw[]>('id', 'saving_id'),
  ])
  return {
    byYear: new Map(years.map((r) => [Number(r.fy_start), String(r.pence)])),
    changeOf: new Map(changes.map((r) => [Number(r.saving_id), Number(r.id)])),
  }
}

export async function savingsTotals(db: Db): Promise<
  {
    fy_start: number
    total: string
    recurring: string
    delivered: string
    green: string
    amber: string
    red: string
  }[]
> {
  const sumWhen = (condition: string, as: string) =>
    db.raw(`sum(case when ${condition} then amount_pence else 0 end) as ${as}`)
  const rows: Raw[] = await db('savings')
    .whereNull('retired_at')
    .groupBy('fy_start')
    .orderBy('fy_start')
    .select(
      'fy_start',
      db.raw('sum(amount_pence) as total'),
      sumWhen('recurring', 'recurring'),
      sumWhen('delivered', 'delivered'),
      sumWhen("confidence = 'green'", 'green'),
      sumWhen("confidence = 'amber'", 'amber'),
      sumWhen("confidence = 'red'", 'red'),
    )
  return rows.map((r) => ({
    fy_start: n(r.fy_start),
    total: String(r.total),
    recurring: String(r.recurring),
    delivered: String(r.delivered),
    green: String(r.green),
    amber: String(r.amber),
    red: String(r.red),
  }))
}

/** Whether any plan is kept. */
export async function hasPlan(db: Db): Promise<boolean> {
  return Boolean(await db('mtfp_plans').first('id'))
}

/** One live plan line, for its form; undefined when there is none with the id. */
export async function findLine(db: Db, id: number): Promise<PlanLineRow | undefined> {
  const row = await db('mtfp_lines').where('id', id).whereNull('retired_at').first<Raw | undefined>()
  return row ? lineRow(row) : undefined
}

/** One live saving with its delivered line's name, for its form. */
export async function findSaving(db: Db, id: number): Promise<SavingRow | undefined> {
  const row = await db('savings as s')
    .leftJoin('budget_lines as l', 'l.id', 's.delivered_line_id')
    .where('s.id', id)
    .whereNull('s.retired_at')
    .first<Raw | undefined>('s.*', 'l.name as delivered_line_name')
  return row ? savingRow(row) : undefined
}

/** The savings codes (retired or not) that start with `stem`. */
export async function savingCodes(db: Db, stem: string): Promise<string[]> {
  const rows: { code: string }[] = await db('savings').where('code', 'like', `${stem}%`).select('code')
  return rows.map((r) => r.code)
}
