// Programmes: the list, and one programme's lines by year, budget vs actual vs forecast, the monthly profile of
// a year against actuals, and its decisions. Each page runs a fixed number of queries.
import type { Knex } from 'knex'
import { programmeChanges, type ProgrammeChangeRow } from '../data/change-repository'
import { latestProgrammeCommentary } from '../data/commentary-repository'
import * as figures from '../data/figures-repository'
import * as programmes from '../data/programme-repository'
import * as decisions from '../data/decision-repository'
import { defaultRagPolicy } from '../data/reference-repository'
import { NotFoundError } from '../domain/errors'
import { ADJUSTMENT_PERIOD, PERIODS, isClosedYear } from '../domain/financial-year'
import { fromPence, type Decimal } from '../domain/money'
import { variance, type Variance } from '../domain/variance'
import { decisionKey, governanceFlags, type GovernanceFlag } from '../domain/decisions'
import { chooseYear } from './dashboard-service'
import { toFigures, type Figures } from './figures'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { decisionVisibility } from './decision-service'

export interface ProgrammeSummary {
  code: string
  name: string
  status: string
  investToSave: boolean
  wholeLifeBudget: Decimal
  capitalBudget: Decimal
  revenueBudget: Decimal
  firstFy: number | null
  lastFy: number | null
  sourceTitle: string | null
  sourceCode: string | null
  sourceNote: string | null
}

export interface LineView extends programmes.LineRow {
  amounts: { fyStart: number; amount: Decimal | null; note: string | null }[]
  total: Decimal
}

export interface MonthView {
  period: number
  profile: Decimal
  /** Null for a period not yet posted in the ledger. */
  actual: Decimal | null
  variance: Variance | null
  cumulativeProfile: Decimal
  cumulativeActual: Decimal | null
}

export interface LinkedDecision extends decisions.DecisionLinkRow {
  key: string
  amount: Decimal | null
  flags: GovernanceFlag[]
}

export interface ProgrammeDetail {
  programme: ProgrammeSummary
  years: number[]
  fyStart: number | null
  lines: LineView[]
  yearTotals: { fyStart: number; amount: Decimal }[]
  byYear: (Figures & { fyStart: number })[]
  months: MonthView[]
  /** The latest period posted in the ledger for the selected year (12 or 13 when the year is closed). */
  asAtPeriod: number
  monthsTotal: { profile: Decimal; actual: Decimal }
  decisions: LinkedDecision[]
  benefits: (programmes.ProgrammeBenefitRow & { amount: Decimal | null })[]
  changes: (Omit<ProgrammeChangeRow, 'net'> & { net: Decimal })[]
  /** Finance's latest commentary on the programme in the year, for the Panel pack. */
  commentary: { period: number; body: string } | null
  illustrative: figures.IllustrativeFlags
}

function summary(row: programmes.ProgrammeRow & Partial<programmes.ProgrammeSummaryRow>): ProgrammeSummary {
  return {
    code: row.code,
    name: row.name,
    status: row.status,
    investToSave: Boolean(row.invest_to_save),
    wholeLifeBudget: fromPence(row.whole_life_budget),
    capitalBudget: fromPence(row.capital_budget),
    revenueBudget: fromPence(row.revenue_budget),
    firstFy: row.first_fy === null || row.first_fy === undefined ? null : Number(row.first_fy),
    lastFy: row.last_fy === null || row.last_fy === undefined ? null : Number(row.last_fy),
    sourceTitle: row.source_title,
    sourceCode: row.source_code,
    sourceNote: row.source_note,
  }
}

export function monthViews(rows: figures.PeriodFigures[], asAtPeriod: number): MonthView[] {
  const byPeriod = new Map(rows.map((r) => [r.period, r]))
  const periods: number[] = [...PERIODS]
  if (byPeriod.has(ADJUSTMENT_PERIOD)) periods.push(ADJUSTMENT_PERIOD)
  let cumulativeProfile = fromPence(0)
  let cumulativeActual = fromPence(0)
  return periods.map((period) => {
    const row = byPeriod.get(period)
    const profile = fromPence(row?.profile)
    cumulativeProfile = cumulativeProfile.plus(profile)
    if (period > asAtPeriod && asAtPeriod < 12) {
      return { period, profile, actual: null, variance: null, cumulativeProfile, cumulativeActual: null }
    }
    const actual = fromPence(row?.actual)
    cumulativeActual = cumulativeActual.plus(actual)
    return { period, profile, actual, variance: variance(actual, profile), cumulativeProfile, cumulativeActual }
  })
}

function lineViews(lines: programmes.LineRow[], amounts: programmes.AmountRow[], years: number[]): LineView[] {
  const key = (line: number, fy: number) => `${line}:${fy}`
  const byKey = new Map(amounts.map((a) => [key(a.budget_line_id, a.fy_start), a]))
  return lines.map((line) => {
    const cells = years.map((fyStart) => {
      const a = byKey.get(key(line.id, fyStart))
      return { fyStart, amount: a ? fromPence(a.amount_pence) : null, note: a?.note ?? null }
    })
    const total = cells.reduce((acc, c) => (c.amount ? acc.plus(c.amount) : acc), fromPence(0))
    return { ...line, amounts: cells, total }
  })
}

/** A programme's page: its lines, figures by year and period, decisions and benefits. */
/** The decisions linked to a programme, each with what it commits and its governance flags. */
function decisionViews(links: decisions.DecisionLinkRow[], signoffs: decisions.SignoffRow[]) {
  return links.map((l) => ({
    ...l,
    key: decisionKey(l.reference, l.decision_id),
    amount: l.commitment_pence === null || l.commitment_pence === undefined ? null : fromPence(l.commitment_pence),
    flags: governanceFlags(signoffs.filter((s) => s.decision_id === l.decision_id).map(toSignoff)),
  }))
}

const benefitView = (b: programmes.ProgrammeBenefitRow) => ({
  ...b,
  amount: b.amount_pence === null || b.amount_pence === undefined ? null : fromPence(b.amount_pence),
})

/** The budget changes that move a programme's lines (the Panel and public see those asked for, not drafts). */
async function changeHistory(db: Knex, programmeId: number, viewer: Viewer) {
  const rows = await programmeChanges(
    db,
    programmeId,
    canSeeDrafts(viewer) ? null : ['submitted', 'approved', 'rejected'],
  )
  return rows.map((r) => ({ ...r, net: fromPence(r.net) }))
}

/** The chosen year's monthly figures, latest posted period and commentary (none without a year). */
async function yearDetail(
  db: Knex,
  programmeId: number,
  fyStart: number | null,
): Promise<[figures.PeriodFigures[], number, { period: number; body: string } | null]> {
  if (fyStart === null) return [[], 0, null]
  return Promise.all([
    figures.programmeMonthly(db, programmeId, fyStart),
    figures.latestPostedPeriod(db, fyStart),
    latestProgrammeCommentary(db, programmeId, fyStart),
  ])
}

async function programmeDetail(
  db: Knex,
  viewer: Viewer,
  input: { code: string; requestedFy: string | undefined },
): Promise<ProgrammeDetail> {
  const { code, requestedFy } = input
  const drafts = canSeeDrafts(viewer)
  const row = await programmes.findProgrammeByCode(db, code, drafts)
  if (!row) throw new NotFoundError(`A programme with the code "${code}"`)
  const [policy, lines, amounts, byYearRows, links, signoffs, illustrative, benefits, changes] = await Promise.all([
    defaultRagPolicy(db),
    programmes.programmeLines(db, row.id),
    programmes.programmeAmounts(db, row.id, drafts),
    figures.programmeFiguresByYear(db, row.id, !drafts),
    decisions.decisionLinksForProgramme(db, row.id, decisionVisibility(viewer)),
    decisions.signoffsForProgramme(db, row.id),
    figures.illustrativeFlags(db, row.id),
    programmes.programmeBenefits(db, row.id),
    changeHistory(db, row.id, viewer),
  ])
  const years = byYearRows.map((r) => r.fy_start)
  const fyStart = years.length === 0 && requestedFy === undefined ? null : chooseYear(requestedFy, years)
  const [monthly, asAtPeriod, commentary] = await yearDetail(db, row.id, fyStart)
  const months = monthViews(monthly, asAtPeriod)
  const budgetYears = [...new Set(amounts.map((a) => a.fy_start))].sort((a, b) => a - b)
  return {
    programme: summary(row),
    years,
    fyStart,
    lines: lineViews(lines, amounts, budgetYears),
    yearTotals: byYearRows
      .filter((r) => budgetYears.includes(r.fy_start))
      .map((r) => ({ fyStart: r.fy_start, amount: fromPence(r.budget) })),
    byYear: byYearRows.map((r) => ({ ...toFigures(r, policy, isClosedYear(r.latest_period)), fyStart: r.fy_start })),
    months: months.some((m) => !m.profile.isZero() || (m.actual && !m.actual.isZero())) ? months : [],
    asAtPeriod,
    monthsTotal: {
      profile: months[months.length - 1]?.cumulativeProfile ?? fromPence(0),
      actual: months.reduce((acc, m) => m.cumulativeActual ?? acc, fromPence(0)),
    },
    decisions: decisionViews(links, signoffs),
    changes,
    commentary,
    illustrative,
    benefits: benefits.map(benefitView),
  }
}

export function programmeService(db: Knex) {
  return {
    async list(viewer: Viewer): Promise<ProgrammeSummary[]> {
      return (await programmes.listProgrammes(db, canSeeDrafts(viewer))).map(summary)
    },

    get: (viewer: Viewer, code: string, requestedFy: string | undefined): Promise<ProgrammeDetail> =>
      programmeDetail(db, viewer, { code, requestedFy }),
  }
}

export function toSignoff(s: decisions.SignoffRow) {
  return { role: s.role, signedOn: s.signed_on, signedAsWritten: s.signed_as_written }
}
