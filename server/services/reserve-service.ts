// The reserves forecast (issue #10): the general reserve and each earmarked reserve year by year (opening,
// contributions, use, closing, from domain/reserves.ts), the minimum general reserve (its percentage of each year's
// net revenue budget), a flag in any year below it, and the general reserve's share of the budget (above 5% is
// expected to be justified). Two queries for the reserves and one for the budgets, whatever the number of years.
import { memoOnRead } from './read-memo'
import type { Knex } from 'knex'
import { Decimal, fromPence } from '../domain/money'
import { minimumReserve, projectReserves, reserveShare, type ReserveYear } from '../domain/reserves'
import { listReserves, netBudgets, type ReserveRow } from '../data/reserve-repository'

export interface ReserveView extends ReserveRow {
  /** `use` includes `capitalUse` (what the capital programme's financing draws on the reserve that year) and
   * `changeUse` (what approved budget changes draw on it). */
  years: (ReserveYear & {
    fyStart: number
    capitalUse: Decimal
    changeUse: Decimal
    source: string | null
    illustrative: boolean
  })[]
}

export interface ReserveTotalYear {
  fyStart: number
  general: Decimal
  earmarked: Decimal
  total: Decimal
  use: Decimal
  netBudget: Decimal | null
  /** Where the net budget comes from: the tracker's budget lines or the plan's net spending. */
  netBudgetFrom: 'tracker' | 'plan' | null
  minimum: Decimal | null
  belowMinimum: boolean
  generalPercent: Decimal | null
  aboveFivePercent: boolean
}

export interface ReservesForecast {
  years: number[]
  reserves: ReserveView[]
  totals: ReserveTotalYear[]
  general: ReserveView | null
  opening: Decimal
  illustrative: boolean
}

function reserveViews(
  data: Awaited<ReturnType<typeof listReserves>>,
  years: number[],
  minimumOf: (fy: number) => Decimal | null,
): ReserveView[] {
  return data.reserves.map((r) => {
    const flows = years.map((fy) => data.flows.find((f) => f.reserve_id === r.id && f.fy_start === fy))
    const capital = years.map((fy) => fromPence(data.capital.get(r.id)?.get(fy) ?? 0))
    // Net of what budget changes draw on the reserve (a use) and transfer to it (a contribution).
    const changes = years.map((fy) => fromPence(data.changes.get(r.id)?.get(fy) ?? 0))
    const projected = projectReserves(
      fromPence(r.opening_pence),
      flows.map((f, i) => ({
        contribution: fromPence(f?.contribution_pence ?? 0).plus(Decimal.max(changes[i]?.negated() ?? 0, 0)),
        use: fromPence(f?.use_pence ?? 0)
          .plus(capital[i] ?? 0)
          .plus(Decimal.max(changes[i] ?? 0, 0)),
      })),
      r.kind === 'general' ? years.map(minimumOf) : undefined,
    )
    return {
      ...r,
      years: projected.map((p, i) => ({
        ...p,
        fyStart: years[i] ?? 0,
        capitalUse: capital[i] ?? new Decimal(0),
        changeUse: changes[i] ?? new Decimal(0),
        source: flows[i]?.source ?? null,
        illustrative: flows[i]?.illustrative ?? r.illustrative,
      })),
    }
  })
}

/** The net budget of each year: the tracker's own where it has budget lines, else the plan's net spending. */
export async function budgetsWithPlan(
  db: Knex,
  plan: ReadonlyMap<number, Decimal> | undefined,
): Promise<Map<number, { amount: Decimal; from: 'tracker' | 'plan' }>> {
  const own = await memoOnRead(db, 'netBudgets', () => netBudgets(db))
  const years = new Map<number, { amount: Decimal; from: 'tracker' | 'plan' }>()
  for (const [fy, amount] of plan ?? new Map<number, Decimal>()) years.set(fy, { amount, from: 'plan' })
  for (const [fy, pence] of own) years.set(fy, { amount: fromPence(pence), from: 'tracker' })
  return years
}

async function forecast(db: Knex, plan?: ReadonlyMap<number, Decimal>): Promise<ReservesForecast> {
  const [data, budgets] = await Promise.all([listReserves(db), budgetsWithPlan(db, plan)])
  const first = Math.min(...data.reserves.map((r) => r.opening_fy))
  const drawYears = [...data.capital.values(), ...data.changes.values()].flatMap((byYear) => [...byYear.keys()])
  const last = Math.max(first, ...data.flows.map((f) => f.fy_start), ...drawYears)
  const years = data.reserves.length === 0 ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i)
  const general = data.reserves.find((r) => r.kind === 'general') ?? null
  const minimumOf = (fy: number) => {
    const budget = budgets.get(fy)
    return general?.minimum_percent && budget ? minimumReserve(budget.amount, general.minimum_percent) : null
  }
  const reserves = reserveViews(data, years, minimumOf)
  const sum = (pick: (r: ReserveView, i: number) => Decimal, i: number, only?: ReserveRow['kind']) =>
    reserves.filter((r) => !only || r.kind === only).reduce((acc, r) => acc.plus(pick(r, i)), new Decimal(0))
  const closing = (r: ReserveView, i: number) => r.years[i]?.closing ?? new Decimal(0)
  const totals = years.map((fy, i): ReserveTotalYear => {
    const generalClosing = sum(closing, i, 'general')
    const budget = budgets.get(fy)
    const netBudget = budget?.amount ?? null
    const minimum = minimumOf(fy)
    const share = netBudget ? reserveShare(generalClosing, netBudget) : { percent: null, aboveFivePercent: false }
    return {
      fyStart: fy,
      general: generalClosing,
      earmarked: sum(closing, i, 'earmarked'),
      total: sum(closing, i),
      use: sum((r, j) => (r.years[j]?.use ?? new Decimal(0)).minus(r.years[j]?.contribution ?? 0), i),
      netBudget,
      netBudgetFrom: budget?.from ?? null,
      minimum,
      belowMinimum: minimum !== null && generalClosing.lessThan(minimum),
      generalPercent: share.percent,
      aboveFivePercent: share.aboveFivePercent,
    }
  })
  return {
    years,
    reserves,
    totals,
    general: reserves.find((r) => r.kind === 'general') ?? null,
    opening: reserves.reduce((acc, r) => acc.plus(fromPence(r.opening_pence)), new Decimal(0)),
    illustrative: reserves.some((r) => r.illustrative),
  }
}

export function reserveService(db: Knex) {
  return { forecast: (plan?: ReadonlyMap<number, Decimal>) => forecast(db, plan) }
}
