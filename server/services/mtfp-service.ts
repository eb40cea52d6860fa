// The medium-term financial plan as users read it (issue #10): a plan's funding (each grant, precept income, the
// collection fund), its spending year on year (pay from the workforce, non-pay inflation, capital financing costs,
// growth, the change in local income, savings from the register), the gap, the use of and contributions to the
// reserves that fund the budget, and the reserves forecast against the minimum. Every amount carries whether it is
// published or an assumption, with its source. A fixed number of queries whatever the plan's size.
import { memoOnRead } from './read-memo'
import type { Knex } from 'knex'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { fyLabel, parseFy } from '../domain/financial-year'
import { Decimal, fromPence } from '../domain/money'
import {
  adoptionRefusal,
  buildPlan,
  planInputs,
  type PlanLineKind,
  type PlanYear,
  type SpendingChanges,
} from '../domain/mtfp'
import { payBudget, payCostByYear, type PayCostYear } from '../domain/workforce'
import {
  budgetReserveFlows,
  hasPlan,
  listPlans,
  planLines,
  savingsByYear,
  workforce,
  type PlanAmountRow,
  type PlanLineRow,
  type PlanRow,
  type WorkforceGroupRow,
  type WorkforceYearRow,
} from '../data/mtfp-repository'
import { reserveService, type ReserveTotalYear } from './reserve-service'
import { capitalCosts } from './capital-costs'
import { preceptIncome } from './precept-income'

/** One cell of the plan: its amount, whether it is published, its source and (grants) its status. */
export interface PlanCell {
  fyStart: number
  amount: Decimal | null
  basis: 'published' | 'assumption' | null
  status: 'provisional' | 'final' | null
  source: string | null
  illustrative: boolean
  /** The number of its source in the list under the table (published figures only). */
  note: number | null
}

export interface PlanLineView extends PlanLineRow {
  cells: PlanCell[]
}

export interface WorkforceGroupView extends WorkforceGroupRow {
  years: (WorkforceYearRow & PayCostYear)[]
}

export interface PlanView {
  plan: PlanRow
  plans: PlanRow[]
  years: number[]
  baseFy: number
  base: Decimal
  lines: Record<PlanLineKind, PlanLineView[]>
  years_: (PlanYear & {
    changes: SpendingChanges
    spendingBeforeIncome: Decimal
    reserves: ReserveTotalYear | null
    /** The spending, and the funding with the net use of reserves, that the gap is the difference of. */
    fundingWithReserves: Decimal
  })[]
  sources: { number: number; text: string; basis: 'published' | 'assumption' }[]
  refusal: string | null
  recurringReserveYears: number[]
  /** The capital financing costs come from the capital programme (MRP + interest − investment income). */
  capitalFromProgramme: boolean
  /** Some year's precept income is the precept set for it, and some year's collection fund as declared. */
  preceptFromPrecept: boolean
  collectionFundFromAuthorities: boolean
  workforce: WorkforceGroupView[]
  illustrative: boolean
}

/** The kinds in the order the plan shows them (the sources are numbered in this order). */
const KINDS: PlanLineKind[] = [
  'grant',
  'precept',
  'collection_fund',
  'non_pay_inflation',
  'capital_financing',
  'growth',
  'local_income',
]

/** The plan asked for (`?plan=2017-18`), or the latest. A draft plan is finance's working copy: the Panel and the
 * public see adopted (and superseded) plans only. */
async function choosePlan(
  db: Knex,
  asked: string | undefined,
  viewer: Viewer | null,
): Promise<{ plan: PlanRow; plans: PlanRow[] }> {
  const plans = (await memoOnRead(db, 'listPlans', () => listPlans(db))).filter(
    (p) => viewer === null || canSeeDrafts(viewer) || p.status !== 'draft',
  )
  if (asked !== undefined) {
    const fy = parseFy(asked)
    if (fy === null)
      throw new BadRequestError(`The plan “${asked}” is not a financial year`, 'give one like ?plan=2017-18')
    const plan = plans.find((p) => p.first_fy === fy)
    if (!plan) throw new NotFoundError(`A plan starting in ${fyLabel(fy)}`)
    return { plan, plans }
  }
  const plan = plans[0]
  if (!plan) throw new NotFoundError('A medium-term financial plan')
  return { plan, plans }
}

/** The plan's years: its first year to the last year any line or workforce figure reaches (four or five). */
function planYears(plan: PlanRow, amounts: PlanAmountRow[], years: WorkforceYearRow[]): number[] {
  const last = Math.max(plan.first_fy, ...amounts.map((a) => a.fy_start), ...years.map((y) => y.fy_start))
  return Array.from({ length: last - plan.first_fy + 1 }, (_, i) => plan.first_fy + i)
}

/** Each workforce group's cost by year from the base year, from domain/workforce. A plan year a group has no figures
 * for carries the group's latest cost before it (no change), and is listed in `missing`. */
export function workforceCosts(
  groups: WorkforceGroupRow[],
  years: WorkforceYearRow[],
  planYears: readonly number[] = [],
): { views: WorkforceGroupView[]; total: Map<number, Decimal>; missing: Set<number> } {
  const total = new Map<number, Decimal>()
  const missing = new Set<number>()
  const add = (fy: number, cost: Decimal) => total.set(fy, (total.get(fy) ?? new Decimal(0)).plus(cost))
  const pct = (v: string) => new Decimal(v).dividedBy(100)
  const views = groups.map((g) => {
    const own = years.filter((y) => y.group_id === g.id)
    const costs = payCostByYear(
      fromPence(g.base_salary_pence),
      own.map((y) => ({
        fte: y.fte,
        award: pct(y.award_percent),
        niRate: pct(y.ni_percent),
        pensionRate: pct(y.pension_percent),
        vacancyFactor: pct(y.vacancy_percent),
      })),
    )
    const held = new Map(own.map((y, i) => [y.fy_start, payBudget(costs[i]?.cost ?? 0)]))
    for (const [fy, cost] of held) add(fy, cost)
    for (const fy of planYears.filter((y) => !held.has(y))) {
      const earlier = [...held.keys()].filter((k) => k < fy)
      missing.add(fy)
      if (earlier.length > 0) add(fy, held.get(Math.max(...earlier)) ?? new Decimal(0))
    }
    return { ...g, years: own.map((y, i) => ({ ...y, ...(costs[i] as PayCostYear) })) }
  })
  return { views, total, missing }
}

/** Each line's cells by year, in the order the plan shows them; published sources numbered as they first appear. */
function lineViews(years: number[], data: { lines: PlanLineRow[]; amounts: PlanAmountRow[] }) {
  const sources: { number: number; text: string; basis: 'published' | 'assumption' }[] = []
  const noteFor = (a: PlanAmountRow | undefined) => {
    if (!a?.source) return null
    const text = a.source
    const found = sources.find((s) => s.text === text && s.basis === a.basis)
    if (found) return found.number
    sources.push({ number: sources.length + 1, text, basis: a.basis })
    return sources.length
  }
  const cellsOf = (line: PlanLineRow): PlanCell[] =>
    years.map((fy) => {
      const a = data.amounts.find((x) => x.line_id === line.id && x.fy_start === fy)
      return {
        fyStart: fy,
        amount: a ? fromPence(a.amount_pence) : null,
        basis: a?.basis ?? null,
        status: a?.status ?? null,
        source: a?.source ?? null,
        illustrative: a?.illustrative ?? false,
        note: noteFor(a),
      }
    })
  const views = Object.fromEntries(KINDS.map((k) => [k, [] as PlanLineView[]])) as Record<PlanLineKind, PlanLineView[]>
  for (const kind of KINDS)
    for (const line of data.lines.filter((l) => l.kind === kind)) views[kind].push({ ...line, cells: cellsOf(line) })
  return { views, sources }
}

/** Everything the plan is built from, read in a fixed number of queries. The capital programme's draft years count
 * only for a viewer who may see drafts. */
function planData(db: Knex, plan: PlanRow, publishedOnly = false) {
  return memoOnRead(db, `planData:${plan.id}:${plan.version}:${publishedOnly}`, () =>
    computePlan(db, plan, publishedOnly),
  )
}

async function computePlan(db: Knex, plan: PlanRow, publishedOnly: boolean) {
  const [{ lines, amounts }, staff, savings, reserveFlows] = await Promise.all([
    planLines(db, plan.id),
    workforce(db, plan.id),
    savingsByYear(db),
    budgetReserveFlows(db),
  ])
  const years = planYears(plan, amounts, staff.years)
  const [capital, precept] = await Promise.all([
    capitalCosts(db, years[years.length - 1] ?? plan.first_fy, publishedOnly),
    preceptIncome(db),
  ])
  const costs = workforceCosts(staff.groups, staff.years, years)
  const { inputs, changes } = planInputs({
    years,
    base: fromPence(plan.base_pence),
    baseLocalIncome: fromPence(plan.base_local_income_pence),
    lines: lines.map((l) => ({
      kind: l.kind,
      name: l.name,
      oneOff: l.one_off,
      amounts: new Map(amounts.filter((a) => a.line_id === l.id).map((a) => [a.fy_start, fromPence(a.amount_pence)])),
    })),
    payCost: costs.total,
    payMissing: costs.missing,
    capitalCosts: capital.size > 0 ? capital : undefined,
    precept: precept.precept,
    collectionFund: precept.collectionFund,
    savings: new Map(
      [...savings].map(([fy, s]) => [fy, { recurring: fromPence(s.recurring), oneOff: fromPence(s.oneOff) }]),
    ),
    reserves: new Map(
      [...reserveFlows].map(([fy, r]) => [fy, { use: fromPence(r.use), contribution: fromPence(r.contribution) }]),
    ),
  })
  return { lines, amounts, years, costs, changes, precept, built: buildPlan(fromPence(plan.base_pence), inputs) }
}

/** The plan a year at a time (not the view): for adoption, and for the net budget of years the tracker has none. */
export async function builtPlan(db: Knex, plan: PlanRow): Promise<PlanYear[]> {
  return (await planData(db, plan)).built
}

async function planView(db: Knex, viewer: Viewer, asked: string | undefined): Promise<PlanView> {
  const { plan, plans } = await choosePlan(db, asked, viewer)
  const { lines, amounts, years, costs, changes, built, precept } = await planData(db, plan, !canSeeDrafts(viewer))
  const { views, sources } = lineViews(years, { lines, amounts })
  const forecast = await reserveService(db).forecast(new Map(built.map((y) => [y.fyStart, y.netSpending])))
  const yearViews = built.map((y, i) => {
    const c = changes[i] as SpendingChanges
    return {
      ...y,
      changes: c,
      spendingBeforeIncome: y.netSpending.plus(c.localIncomeAmount),
      reserves: forecast.totals.find((t) => t.fyStart === y.fyStart) ?? null,
      fundingWithReserves: y.funding.plus(y.useOfReserves).minus(y.contributionsToReserves),
      /** The year's precept income is the precept set for it (tax base × Band D), not the plan's line. */
      precept: precept.detail.get(y.fyStart) ?? null,
      collectionFundDeclared: precept.collectionFund.has(y.fyStart),
      // The plan's own published figure for the year, kept as a footnote beside the precept's (its source numbered).
      preceptNote:
        views.precept.flatMap((l) => l.cells).find((c) => c.fyStart === y.fyStart && c.note !== null) ?? null,
      collectionFundNote:
        views.collection_fund.flatMap((l) => l.cells).find((c) => c.fyStart === y.fyStart && c.note !== null) ?? null,
    }
  })
  return {
    plan,
    plans,
    years,
    baseFy: plan.first_fy - 1,
    base: fromPence(plan.base_pence),
    lines: views,
    years_: yearViews,
    sources,
    refusal: adoptionRefusal(built),
    recurringReserveYears: built.filter((y) => y.reservesFundRecurring).map((y) => y.fyStart),
    capitalFromProgramme: changes.some((c) => c.capitalCosts !== null),
    preceptFromPrecept: years.some((fy) => precept.precept.has(fy)),
    collectionFundFromAuthorities: years.some((fy) => precept.collectionFund.has(fy)),
    workforce: costs.views,
    illustrative: plan.illustrative || amounts.some((a) => a.illustrative),
  }
}

/** The latest plan's net spending by year (empty when there is no plan): the net budget of years the tracker has
 * no budget lines for. */
export async function planNetSpending(db: Knex, viewer: Viewer | null = null): Promise<Map<number, Decimal>> {
  if (!(await hasPlan(db))) return new Map()
  const { plans } = await choosePlan(db, undefined, null)
  const plan = plans.find((p) => viewer === null || canSeeDrafts(viewer) || p.status !== 'draft')
  if (!plan) return new Map()
  const publishedOnly = viewer !== null && !canSeeDrafts(viewer)
  return new Map((await planData(db, plan, publishedOnly)).built.map((y) => [y.fyStart, y.netSpending]))
}

/** The year of the latest plan the viewer may see that covers `fy`, built as the plan page builds it; null when no
 * plan covers the year. */
export async function planYearFor(
  db: Knex,
  viewer: Viewer,
  fy: number,
): Promise<{ plan: PlanRow; year: PlanYear } | null> {
  if (!(await hasPlan(db))) return null
  const { plans } = await choosePlan(db, undefined, viewer)
  for (const plan of plans.filter((p) => p.first_fy <= fy)) {
    const year = (await planData(db, plan, !canSeeDrafts(viewer))).built.find((y) => y.fyStart === fy)
    if (year) return { plan, year }
  }
  return null
}

export function mtfpService(db: Knex) {
  return {
    plan: (viewer: Viewer, asked: string | undefined) => planView(db, viewer, asked),
    netSpending: (viewer: Viewer) => planNetSpending(db, viewer),
  }
}
