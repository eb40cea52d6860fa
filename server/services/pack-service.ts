// The Panel pack (issue #14): the finance items of a Police and Crime Panel agenda pack, assembled from live data as at
// a period of a year. Each section comes from the service of the page it summarises (the dashboard as at the period,
// the capital programme and its financing, the plan, the savings register, the appraisal portfolio, the registers of
// changes and decisions, the precept): the pack is what those pages say, on paper, with finance's commentary. A fixed
// number of queries whatever the number of transactions or programmes.
import type { Knex } from 'knex'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, fySlug, parseFy, periodLabel, periodMonth } from '../domain/financial-year'
import { readLedgerPeriod } from '../domain/ledger'
import { GLOSSARY } from '../domain/glossary'
import { formatLongDate } from '../domain/uk-date'
import { fromPence } from '../domain/money'
import { findCommentary, type PackCommentary } from '../data/commentary-repository'
import { listChanges } from '../data/change-repository'
import { listProgrammes } from '../data/programme-repository'
import { monthlyByProgramme, previousMeeting } from '../data/pack-repository'
import { dashboardService, type Dashboard, type LabelledFigures } from './dashboard-service'
import { capitalService } from './capital-service'
import { mtfpService } from './mtfp-service'
import { savingsService } from './savings-service'
import { appraisalService } from './appraisal-service'
import { decisionService, type DecisionView } from './decision-service'
import { preceptService, type PreceptView } from './precept-service'
import { monthViews, type MonthView } from './programme-service'

export interface PackSection {
  id: string
  /** The section's heading as printed, numbered ("3. Capital programme and financing"): the PDF's contents find the
   * page a section starts on by this heading in the document outline. */
  title: string
  /** Indented under the section before it in the contents (each programme under "Programmes"). */
  sub: boolean
}

export interface PackProgramme extends LabelledFigures {
  id: string
  title: string
  months: MonthView[]
  commentary: string | null
}

/** What a pack as at a year and period is asked for: /reports/panel-pack?fy=2017-18&period=P8. */
export interface PackAsked {
  fy: unknown
  period: unknown
}

/** The year and period asked for; either may be left out (the latest published year; its latest posted period). */
function readAsked(asked: PackAsked): { fy: string | undefined; period: number | undefined } {
  const given = (v: unknown, what: string): string | undefined => {
    if (v === undefined || v === '') return undefined
    if (typeof v === 'string') return v
    throw new BadRequestError(`The ${what} was given more than once`, 'give one, like ?fy=2017-18&period=P8')
  }
  const fy = given(asked.fy, 'financial year')
  if (fy !== undefined && parseFy(fy) === null)
    throw new BadRequestError(`"${fy}" is not a financial year`, FY_FORMAT_HINT)
  const period = given(asked.period, 'period')
  if (period === undefined) return { fy, period: undefined }
  const read = readLedgerPeriod(period)
  if ('reason' in read) throw new BadRequestError(read.reason, 'give one like P8')
  return { fy, period: read.period }
}

/** The meeting the pack goes to, the one before it, and the window "since the last meeting" covers. */
async function meetingOf(db: Knex, at: { fyStart: number; commentary: PackCommentary | null }) {
  const date = at.commentary?.meeting_date ?? null
  const previous = date ? await previousMeeting(db, date) : null
  const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return {
    date,
    dateWords: date ? formatLongDate(date) : null,
    previous,
    previousWords: previous ? formatLongDate(previous) : null,
    /** Decided on or after `from` (the day after the last meeting; with none recorded, the start of the pack's year) and
     * before `before` (the meeting, or tomorrow). */
    window: {
      from: previous ? dayAfter(previous) : `${at.fyStart}-04-01`,
      before: date ?? dayAfter(new Date().toISOString().slice(0, 10)),
    },
    /** The February meeting scrutinises next year's precept. */
    february: date !== null && date.slice(5, 7) === '02',
  }
}

function programmePages(
  dashboard: Dashboard,
  monthly: Awaited<ReturnType<typeof monthlyByProgramme>>,
  at: { ids: Map<string, number>; commentary: PackCommentary | null; number: number },
): PackProgramme[] {
  return dashboard.programmes.map((p) => {
    const id = at.ids.get(p.code)
    const rows = monthly.filter((m) => m.programme_id === id)
    const months = monthViews(rows, dashboard.asAtPeriod)
    return {
      ...p,
      id: `programme-${p.code.toLowerCase()}`,
      title: `${at.number}.${dashboard.programmes.indexOf(p) + 1} ${p.name}`,
      months: months.some((m) => !m.profile.isZero() || (m.actual && !m.actual.isZero())) ? months : [],
      commentary: at.commentary?.programmes.find((c) => c.programme_id === id)?.body ?? null,
    }
  })
}

/** The sections in order, numbered; the precept and section 25 only for the February meeting. */
function sectionsOf(february: { precept: boolean; section25: boolean }, programmes: PackProgramme[]): PackSection[] {
  const names: [string, string][] = [
    ['summary', 'Summary and commentary'],
    ['revenue', 'Revenue budget'],
    ['capital', 'Capital programme and financing'],
    ['programmes', 'Programmes'],
    ['changes', 'Budget changes approved since the last meeting'],
    ['decisions', 'Decisions taken since the last meeting'],
    ['appraisal', 'Invest-to-save appraisal'],
    ['plan', 'Medium-term financial plan, reserves and savings'],
    ...(february.precept ? [['precept', 'The precept proposal'] as [string, string]] : []),
    ...(february.section25
      ? [['section25', "The Chief Finance Officer's section 25 statement"] as [string, string]]
      : []),
    ['glossary', 'Glossary'],
  ]
  return names.flatMap(([id, name], i) => [
    { id, title: `${i + 1}. ${name}`, sub: false },
    ...(id === 'programmes' ? programmes.map((p) => ({ id: p.id, title: p.title, sub: true })) : []),
  ])
}

const decidedWithin = (d: DecisionView, w: { from: string | null; before: string }) =>
  d.decided?.iso != null && (w.from === null || d.decided.iso >= w.from) && d.decided.iso < w.before

/** Next year's precept for a February pack, or null when none is recorded. */
async function nextPrecept(db: Knex, viewer: Viewer, fyStart: number): Promise<PreceptView | null> {
  try {
    return await preceptService(db).year(viewer, fySlug(fyStart + 1))
  } catch (err) {
    if (err instanceof NotFoundError) return null
    throw err
  }
}

async function parts(db: Knex, viewer: Viewer, asked: ReturnType<typeof readAsked>) {
  const dashboard = await dashboardService(db).asAt(viewer, { fy: asked.fy, asAt: asked.period })
  const at = { period: asked.period ?? Math.max(dashboard.asAtPeriod, 1) }
  const commentary = await findCommentary(db, dashboard.fyStart, at.period)
  const meeting = await meetingOf(db, { fyStart: dashboard.fyStart, commentary })
  const [monthly, capital, financing, plan, savings, appraisal, decisions, changes, precept, ids] = await Promise.all([
    monthlyByProgramme(db, { fyStart: dashboard.fyStart, publishedOnly: !canSeeDrafts(viewer) }),
    capitalService(db).programme(viewer),
    capitalService(db).financing(viewer),
    mtfpService(db).plan(viewer, undefined),
    savingsService(db).register(),
    appraisalService(db).portfolio(viewer, { investToSaveOnly: false, rankBy: 'cashable' }),
    decisionService(db).list(viewer),
    listChanges(db, { status: 'approved', decided: meeting.window }),
    meeting.february ? nextPrecept(db, viewer, dashboard.fyStart) : Promise.resolve(null),
    programmeIds(db),
  ])
  return {
    at,
    dashboard,
    commentary,
    meeting,
    monthly,
    capital,
    financing,
    plan,
    savings,
    appraisal,
    decisions,
    changes,
    precept,
    ids,
  }
}

async function programmeIds(db: Knex): Promise<Map<string, number>> {
  const rows = await listProgrammes(db, true)
  return new Map(rows.map((r) => [r.code, Number(r.id)]))
}

async function packOf(db: Knex, viewer: Viewer, asked: PackAsked) {
  const p = await parts(db, viewer, readAsked(asked))
  const { at, dashboard, meeting } = p
  const programmes = programmePages(dashboard, p.monthly, { ids: p.ids, commentary: p.commentary, number: 4 })
  const section25 = p.precept?.section25 ?? null
  const sections = sectionsOf({ precept: p.precept !== null, section25: section25 !== null }, programmes)
  return {
    ...dashboard,
    fyStart: dashboard.fyStart,
    packPeriod: at.period,
    periodWords: `P${at.period} (${at.period === 13 ? 'the year-end adjustments' : periodMonth(dashboard.fyStart, at.period)})`,
    /** The ledger has not posted the period asked for yet: figures are to the latest posted. */
    notYetPosted: dashboard.asAtPeriod < at.period,
    title: `Budget monitoring report ${fyLabel(dashboard.fyStart)}, as at ${periodLabel(at.period)}`,
    meeting,
    commentary: p.commentary,
    programmes,
    capitalProgramme: p.capital,
    financing: { ...p.financing, years: p.financing.years.filter((y) => y.fyStart >= dashboard.fyStart).slice(0, 5) },
    plan: p.plan,
    savings: p.savings,
    appraisal: p.appraisal.filter((a) => a.hasBenefits),
    approvedChanges: p.changes.map((c) => ({ ...c, added: fromPence(c.added), taken: fromPence(c.taken) })),
    decisionsSince: p.decisions.filter((d) => decidedWithin(d, meeting.window)),
    precept: p.precept,
    section25,
    sections,
    /** Each section's numbered heading by its id, as the view prints it. */
    headings: Object.fromEntries(sections.map((s) => [s.id, s.title])),
    glossary: GLOSSARY,
  }
}

export type PanelPack = Awaited<ReturnType<typeof packOf>>

export function packService(db: Knex) {
  return {
    /** The pack as at a year and period. Malformed → 400; a year with no budget (or a draft the viewer cannot see)
     * → 404. */
    get: (viewer: Viewer, asked: PackAsked): Promise<PanelPack> => packOf(db, viewer, asked),
  }
}
