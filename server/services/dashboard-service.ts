// The office dashboard for one financial year: the whole revenue budget by type of spend and by budget
// owner (beside the net revenue budget the office published, where there is one), then each programme. A fixed
// number of queries whatever the number of transactions.
import type { Knex } from 'knex'
import { frozenYears } from '../data/year-repository'
import { listChanges, type ChangeRow } from '../data/change-repository'
import * as figures from '../data/figures-repository'
import { defaultRagPolicy, publishedBudget } from '../data/reference-repository'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, isClosedYear, parseFy } from '../domain/financial-year'
import { Decimal, fromPence, roundingNote } from '../domain/money'
import { describeRagPolicy } from '../domain/variance'
import { toFigures as figuresOf, type Figures } from './figures'
import { canSeeDrafts, type Viewer } from '../domain/access'

export interface LabelledFigures extends Figures {
  code: string
  name: string
  status?: string
  capitalBudget?: Figures['budget']
  revenueBudget?: Figures['budget']
}

export interface Dashboard {
  fyStart: number
  years: number[]
  /** The years still drafts (finance only): labelled so, and never the default. */
  drafts: number[]
  draft: boolean
  asAtPeriod: number
  /** The year's last month is posted: its columns are the outturn and the actual, not forecasts. */
  closed: boolean
  /** The year's original budget is frozen: the tables show it beside the revised budget. */
  frozen: boolean
  /** The year's approved budget changes: how many, and the latest. */
  changes: {
    count: number
    latest: (ChangeRow & { added: Decimal; taken: Decimal })[]
  }
  bySpendType: LabelledFigures[]
  bySpendTypeTotal: Figures
  byOwner: LabelledFigures[]
  programmes: LabelledFigures[]
  capital: Figures
  revenue: Figures
  programmeTotal: Figures
  illustrative: figures.IllustrativeFlags
  ragPolicyText: string
  roundingNote: { spendType: string; owner: string }
  /** The budget the office published for the year (spending before local income), and how far the tracker's spending
   * before local income (the net revenue budget less its income lines) differs from it. */
  published: {
    amount: Decimal
    note: string | null
    source: string | null
    spendingBeforeIncome: Decimal
    difference: Decimal
  } | null
}

/** The year asked for in `?fy=`, or the latest year with budget (the latest of `preferred`, the published years, when
 * there are any: a new draft year is never shown by default). Malformed → 400; no budget → 404. */
export function chooseYear(requested: string | undefined, years: number[], preferred: number[] = []): number {
  if (requested === undefined || requested === '') {
    const latest = preferred[preferred.length - 1] ?? years[years.length - 1]
    if (latest === undefined) throw new NotFoundError('A financial year with budget')
    return latest
  }
  const fy = parseFy(requested)
  if (fy === null) throw new BadRequestError(`"${requested}" is not a financial year`, FY_FORMAT_HINT)
  if (!years.includes(fy)) throw new NotFoundError(`A budget for ${fyLabel(fy)}`)
  return fy
}

function total(rows: figures.FigureSums[]): figures.FigureSums {
  // Totals of a table come from the same SQL sums as its rows (bigint-safe string addition).
  const add = (key: keyof figures.FigureSums) =>
    rows.reduce((acc, r) => acc + BigInt(String(r[key] ?? 0)), 0n).toString()
  return {
    budget: add('budget'),
    original: rows.some((r) => r.original !== null && r.original !== undefined) ? add('original') : null,
    profile: add('profile'),
    actual: add('actual'),
    forecast: add('forecast'),
    without_forecast: add('without_forecast'),
    illustrative_lines: add('illustrative_lines'),
    line_count: add('line_count'),
    capital_budget: add('capital_budget'),
    revenue_budget: add('revenue_budget'),
  }
}

/** The income lines' figures (their budget is negative). */
const incomeOf = (types: figures.GroupFigures[]) => total(types.filter((t) => t.code === 'income'))

/** The office dashboard for a year: the revenue budget and the programmes, as at the latest period posted. */
const budgetsOf = (rows: LabelledFigures[]) => rows.map((r) => r.budget)

/** The budget the office published for the year, beside the tracker's spending before local income. */
function publishedComparison(
  published: Awaited<ReturnType<typeof publishedBudget>>,
  budget: Decimal,
): Dashboard['published'] {
  if (!published) return null
  const amount = fromPence(published.amount_pence)
  return {
    amount,
    note: published.note,
    source: published.source_title,
    spendingBeforeIncome: budget,
    difference: budget.minus(amount),
  }
}

/** The years the dashboard offers and the one it shows: the year asked for, or the latest published one. */
async function dashboardYear(db: Knex, asked: { publishedOnly: boolean; requestedFy: string | undefined }) {
  const withBudget = await figures.budgetYears(db, asked.publishedOnly)
  const years = withBudget.map((y) => y.fyStart)
  const drafts = withBudget.filter((y) => y.draft).map((y) => y.fyStart)
  const published = withBudget.filter((y) => !y.draft).map((y) => y.fyStart)
  return { years, drafts, fyStart: chooseYear(asked.requestedFy, years, published) }
}

/** What the dashboard's year needs besides its figures: the RAG policy, the latest posted period, the illustrative
 * flags, the published budget and whether its original is frozen (with figures that show the original so). */
async function yearContext(db: Knex, fyStart: number) {
  const [policy, posted, illustrative, published, frozenSet] = await Promise.all([
    defaultRagPolicy(db),
    figures.latestPostedPeriod(db, fyStart),
    figures.illustrativeFlags(db),
    publishedBudget(db, fyStart),
    frozenYears(db),
  ])
  const frozen = frozenSet.has(fyStart)
  // In a year whose original is frozen, a group with no original (its lines came in by a change) had nothing.
  const toFigures = (sums: figures.FigureSums, p: typeof policy, c: boolean) => {
    const f = figuresOf(sums, p, c)
    return frozen && f.original === null ? { ...f, original: new Decimal(0) } : f
  }
  return { policy, posted, illustrative, published, frozen, toFigures }
}

/** How many approved changes moved the year's budget, and the latest five. */
const changeSummary = (rows: Awaited<ReturnType<typeof listChanges>>): Dashboard['changes'] => ({
  count: rows.length,
  latest: rows.slice(0, 5).map((c) => ({ ...c, added: fromPence(c.added), taken: fromPence(c.taken) })),
})

/** What the dashboard is asked for: a year (the latest published when absent) and, for a report as at a past period
 * (the Panel pack), that period: actuals to it, and only the forecasts made by then. */
export interface DashboardAsked {
  fy: string | undefined
  asAt?: number
}

/** The period the figures are to (the one asked for, or the latest posted if earlier), and whether the year is closed
 * by then. */
function asAtOf(asked: DashboardAsked, posted: number): [number, boolean] {
  const period = asked.asAt === undefined ? posted : Math.min(asked.asAt, posted)
  return [period, isClosedYear(period)]
}

async function dashboardOf(db: Knex, viewer: Viewer, asked: DashboardAsked): Promise<Dashboard> {
  const publishedOnly = !canSeeDrafts(viewer)
  const { years, drafts, fyStart } = await dashboardYear(db, { publishedOnly, requestedFy: asked.fy })
  const { policy, posted, illustrative, published, frozen, toFigures } = await yearContext(db, fyStart)
  const [asAtPeriod, closed] = asAtOf(asked, posted)
  const [groups, approvedChanges] = await Promise.all([
    figures.dashboardFigures(db, { fyStart, toPeriod: asAtPeriod, publishedOnly, forecastsTo: asked.asAt }),
    listChanges(db, { fy: fyStart, status: 'approved' }),
  ])
  const of = (grouping: figures.Grouping) => groups.filter((g) => g.grouping === grouping)
  const [types, owners, programmes, natures] = [of('spend_type'), of('owner'), of('programme'), of('nature')]
  const labelled = (r: figures.GroupFigures): LabelledFigures => ({
    ...toFigures(r, policy, closed),
    code: r.code,
    name: r.name,
  })
  const byNature = (nature: string) => total(natures.filter((n) => n.code === nature))
  const bySpendType = types.map(labelled)
  const byOwner = owners.map(labelled)
  const net = toFigures(total(types), policy, closed)
  return {
    fyStart,
    years,
    drafts,
    draft: drafts.includes(fyStart),
    asAtPeriod,
    frozen,
    changes: changeSummary(approvedChanges),
    bySpendType,
    bySpendTypeTotal: net,
    published: publishedComparison(published, net.budget.minus(fromPence(incomeOf(types).budget))),
    byOwner,
    closed,
    programmes: programmes.map((p) => ({
      ...toFigures(p, policy, closed),
      code: p.code,
      name: p.name,
      status: p.status ?? undefined,
    })),
    capital: toFigures(byNature('capital'), policy, closed),
    revenue: toFigures(byNature('revenue'), policy, closed),
    programmeTotal: toFigures(total(natures), policy, closed),
    illustrative,
    ragPolicyText: describeRagPolicy(policy),
    roundingNote: {
      spendType: roundingNote(budgetsOf(bySpendType), 'k'),
      owner: roundingNote(budgetsOf(byOwner), 'k'),
    },
  }
}

export function dashboardService(db: Knex) {
  return {
    get: (viewer: Viewer, requestedFy: string | undefined): Promise<Dashboard> =>
      dashboardOf(db, viewer, { fy: requestedFy }),
    /** The dashboard as at a period of a year (the Panel pack's). */
    asAt: (viewer: Viewer, asked: DashboardAsked): Promise<Dashboard> => dashboardOf(db, viewer, asked),
  }
}
