// Finance records a year's precept through the statutory process (issue #12), a step at a time, each on the record
// path (one transaction, an audit row a changed field, the version checked): the proposal notified to the Panel (typed
// as Band D or as a rise; a rise per week or per month is said back as its yearly figure and must be confirmed, as must
// a rise above the referendum principle), the Panel's report (a veto needs two-thirds of the members in office), the
// revised precept after a veto (lower if vetoed as too high, higher if too low), the Panel's second report (no second
// veto) and the precept issued. A date outside the timetable, a step out of order or a figure on the wrong side of a
// veto is refused with the rule named; nothing is written.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { BadRequestError, NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, fyOfDate, parseFy, unplannableYear } from '../domain/financial-year'
import { formatLongDate, formDate } from '../domain/uk-date'
import { Decimal, formatMoney, fromPence, toPence } from '../domain/money'
import { readProposal, referendumCheck, type ReferendumRule } from '../domain/precept'
import type { Warning } from '../domain/plausibility'
import * as repo from '../data/precept-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import {
  choice,
  confirmed,
  money,
  optionalDate,
  optionalMoney,
  optionalText,
  optionalVersion,
  parseForm,
  requiredText,
  withConfirmation,
  type FormBody,
  type Parsed,
  type UkDate,
} from './forms'
import { timetable, vetoNeeds } from './precept-service'

const SCHEDULE_5 = 'Police Reform and Social Responsibility Act 2011, Schedule 5'

export interface PreceptForEdit {
  fy: number
  record: repo.PreceptRow | null
  previousBandD: Decimal | null
  principle: repo.PrincipleRow | null
  members: number | null
}

export async function load(db: Knex | Knex.Transaction, fySlug: string): Promise<PreceptForEdit> {
  const fy = parseFy(fySlug)
  if (fy === null) throw new BadRequestError(`"${fySlug}" is not a financial year`, FY_FORMAT_HINT)
  if (unplannableYear(fy, fyOfDate(new Date().toISOString().slice(0, 10))))
    throw new NotFoundError(`A precept for ${fyLabel(fy)}`)
  const [{ now, before }, principle, panel] = await Promise.all([
    repo.preceptsFor(db, fy),
    repo.referendumPrinciple(db, fy),
    repo.panelMembers(db),
  ])
  const previous = before?.issued_band_d_pence ?? before?.revised_band_d_pence ?? before?.proposed_band_d_pence
  return {
    fy,
    record: now ?? null,
    previousBandD: previous ? fromPence(previous) : null,
    principle,
    members: panel?.members ?? null,
  }
}

const penceText = (p: string | null | undefined) => (p ? formatMoney(fromPence(p), 'pence') : '')
const isoOf = (d: UkDate | null) => d?.iso ?? null
const longDate = (iso: string) => formatLongDate(iso)

/** The form's values as the record stands. */
export function preceptFormValues(c: PreceptForEdit): Record<string, string> {
  const r = c.record
  const date = formDate
  return {
    version: r ? String(r.version) : '',
    band_d: r?.proposed_as_typed ?? penceText(r?.proposed_band_d_pence),
    notified_on: date(r?.notified_on),
    note: r?.note ?? '',
    panel_report_on: date(r?.panel_report_on),
    panel_decision: r?.panel_decision ?? '',
    recommended: penceText(r?.panel_recommended_band_d_pence),
    veto_votes: r?.veto_votes === null || r?.veto_votes === undefined ? '' : String(r.veto_votes),
    members_in_office: String(r?.members_in_office ?? c.members ?? ''),
    revised: penceText(r?.revised_band_d_pence),
    revised_on: date(r?.revised_on),
    second_report_on: date(r?.second_report_on),
    second_report_decision: r?.second_report_decision ?? '',
    second_report_note: r?.second_report_note ?? '',
    issued: penceText(r?.issued_band_d_pence),
    issued_on: date(r?.issued_on),
    response: r?.response ?? '',
    response_on: date(r?.response_on),
  }
}

const ruleOf = (p: repo.PrincipleRow | null): ReferendumRule => ({
  percent: p?.percent ?? null,
  pounds: p?.pounds_pence ? fromPence(p.pounds_pence) : null,
})

/** A date must fall on or before the step's deadline, and not before the step it follows. */
function dateProblems(
  field: string,
  at: { date: UkDate | null; deadline: { date: string; words: string }; after?: { iso: string | null; what: string } },
  rule: string,
): FieldError[] {
  if (!at.date) return []
  if (at.date.iso > at.deadline.date)
    return [{ field, message: `${longDate(at.date.iso)} is too late: ${rule} ${at.deadline.words} (${SCHEDULE_5})` }]
  if (at.after?.iso && at.date.iso < at.after.iso)
    return [{ field, message: `${longDate(at.date.iso)} is before ${at.after.what} (${longDate(at.after.iso)})` }]
  return []
}

/** Saves the step's fields on the year's precept record (made by the proposal). */
async function save(
  trx: Knex.Transaction,
  viewer: Viewer,
  at: { c: PreceptForEdit; version: number | null; values: Record<string, unknown>; reason: string | null },
) {
  const who = editorOf(viewer, 'record the precept')
  const { c } = at
  if (!c.record) {
    await createRecord(trx, specs.precepts, { who, values: { fy_start: c.fy, ...at.values }, reason: at.reason })
    return
  }
  await updateRecord(trx, specs.precepts, {
    who,
    id: c.fy,
    version: at.version,
    before: { ...c.record },
    values: at.values,
    reason: at.reason,
  })
}

const done = (c: PreceptForEdit, what: string) => ({
  to: `/precept?fy=${c.fy}-${String((c.fy + 1) % 100).padStart(2, '0')}#process`,
  message: `${fyLabel(c.fy)} precept: ${what} saved.`,
})

// ---- The proposal ----

function proposalWarnings(c: PreceptForEdit, reading: NonNullable<ReturnType<typeof readProposal>>, typed: string) {
  const warnings: Warning[] = []
  if (reading.basis === 'week' || reading.basis === 'month')
    warnings.push({
      field: 'band_d',
      message: `“${typed}” is read as ${reading.understood}: Band D of ${formatMoney(reading.bandD, 'pence')}. Check that you meant a rise a ${reading.basis}, not a year`,
    })
  if (c.previousBandD) {
    const check = referendumCheck(c.previousBandD, reading.bandD, ruleOf(c.principle))
    if (check.exceeds)
      warnings.push({
        field: 'band_d',
        message: `Band D of ${formatMoney(reading.bandD, 'pence')} is a rise of ${formatMoney(check.increase, 'pence')} (${check.increasePercent.toFixed(2)}%): above the ${fyLabel(c.fy)} referendum principle, it would trigger a referendum`,
      })
  }
  return warnings
}

function readBandD(c: PreceptForEdit, typed: string | undefined): FieldError[] | ReturnType<typeof readProposal> {
  if (typed === undefined) return []
  const reading = readProposal(typed, c.previousBandD ?? 0)
  if (!reading)
    return [
      {
        field: 'band_d',
        message:
          'Enter Band D as an amount, like £157.15, or the rise on Band D, like £5 a year, £0.42 a month or 3.29%',
      },
    ]
  if (!c.previousBandD && reading.basis !== 'band_d')
    return [
      {
        field: 'band_d',
        message: `${fyLabel(c.fy - 1)}'s Band D is not recorded, so a rise cannot be read: enter Band D itself, like £157.15`,
      },
    ]
  if (!reading.bandD.isPositive() || reading.bandD.isZero() || reading.bandD.greaterThan(10_000))
    return [{ field: 'band_d', message: `Band D of ${formatMoney(reading.bandD, 'pence')} is not a possible precept` }]
  return reading
}

const PROPOSAL_FIELDS = {
  version: optionalVersion,
  band_d: requiredText('the proposed Band D, or the rise', 100),
  notified_on: optionalDate('The date the proposal was notified to the Panel'),
  note: optionalText('the note', 2000),
}

/** The proposal's rules: Band D read from what was typed (kept in `held`), the proposal unchanged once the Panel has
 * reported, notified in the weeks before 1 February. */
function proposalChecks(c: PreceptForEdit, held: { reading?: NonNullable<ReturnType<typeof readProposal>> }) {
  const t = timetable(c.fy)
  return (v: Partial<Parsed<typeof PROPOSAL_FIELDS>>): FieldError[] => {
    const read = readBandD(c, v.band_d)
    const problems: FieldError[] = Array.isArray(read) ? read : []
    if (read && !Array.isArray(read)) held.reading = read
    if (c.record?.panel_report_on)
      problems.push({
        field: 'band_d',
        message: `The Panel reported on the proposal on ${longDate(c.record.panel_report_on)}: the proposal can no longer be changed (after a veto, enter the revised precept)`,
      })
    if (v.notified_on === null)
      problems.push({ field: 'notified_on', message: 'Enter the date the proposal was notified to the Panel' })
    const earliest = `${c.fy - 1}-11-01`
    if (v.notified_on && v.notified_on.iso < earliest)
      problems.push({
        field: 'notified_on',
        message: `${longDate(v.notified_on.iso)} is too early for the ${fyLabel(c.fy)} proposal: it is made in the weeks before 1 February ${c.fy}`,
      })
    problems.push(
      ...dateProblems(
        'notified_on',
        { date: v.notified_on ?? null, deadline: t.notified },
        'the Commissioner notifies the Panel of the proposed precept',
      ),
    )
    return problems
  }
}

async function saveProposal(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  editorOf(viewer, 'record the precept')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const held: { reading?: NonNullable<ReturnType<typeof readProposal>> } = {}
    const form = parseForm(PROPOSAL_FIELDS, input.body, proposalChecks(c, held))
    const read = held.reading
    if (!read) throw new ValidationError([{ field: 'band_d', message: 'Enter the proposed Band D, or the rise' }])
    const confirmation = confirmed(input.body, proposalWarnings(c, read, form.band_d), { band_d: read.understood })
    await save(trx, viewer, {
      c,
      version: form.version,
      values: {
        proposed_band_d_pence: toPence(read.bandD).toString(),
        proposed_as_typed: form.band_d,
        notified_on: isoOf(form.notified_on),
        note: form.note,
      },
      reason: withConfirmation(null, confirmation),
    })
    return done(c, `the proposal of Band D ${formatMoney(read.bandD, 'pence')}`)
  })
}

// ---- The Panel's report ----

const DECISIONS = ['supported', 'recommended', 'vetoed_too_high', 'vetoed_too_low'] as const
const isVeto = (d: string | null | undefined) => d === 'vetoed_too_high' || d === 'vetoed_too_low'

function wholeNumber(label: string) {
  return optionalText(label, 6).transform((v, ctx) => {
    if (v === null) return null
    if (!/^\d{1,4}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: `${label.charAt(0).toUpperCase()}${label.slice(1)} is a whole number` })
      return null
    }
    return Number(v)
  })
}

function vetoProblems(v: { decision?: string; votes?: number | null; members?: number | null }): FieldError[] {
  const problems: FieldError[] = []
  const members = v.members ?? null
  if (members === null || members < 1)
    return [{ field: 'members_in_office', message: 'Enter how many members of the Panel are in office' }]
  if (v.votes !== null && v.votes !== undefined && v.votes > members)
    problems.push({ field: 'veto_votes', message: `${v.votes} members cannot vote: ${members} are in office` })
  if (isVeto(v.decision)) {
    const needs = vetoNeeds(members)
    if (v.votes === null || v.votes === undefined)
      problems.push({ field: 'veto_votes', message: 'Enter how many members voted to veto' })
    else if (v.votes < needs)
      problems.push({
        field: 'veto_votes',
        message: `A veto needs two-thirds of the members in office: ${needs} of ${members} (${SCHEDULE_5}, paragraph 4); ${v.votes} voted to veto, so the Panel did not veto`,
      })
  }
  return problems
}

const PANEL_REPORT_FIELDS = {
  version: optionalVersion,
  panel_report_on: optionalDate('The date of the Panel’s report'),
  panel_decision: choice('what the Panel decided', DECISIONS),
  recommended: optionalMoney('The Band D the Panel recommended', { maxPounds: 10_000 }),
  veto_votes: wholeNumber('the number of members voting to veto'),
  members_in_office: wholeNumber('the number of members in office'),
}

/** The Panel's report: on a proposal, by 8 February, a veto by two-thirds of the members in office. */
function panelReportChecks(c: PreceptForEdit) {
  const r = c.record
  return (v: Partial<Parsed<typeof PANEL_REPORT_FIELDS>>): FieldError[] => {
    if (!r?.proposed_band_d_pence || !r.notified_on)
      return [{ field: 'panel_report_on', message: 'Record the proposal first: the Panel reports on a proposal' }]
    const problems: FieldError[] = []
    if (r.revised_on)
      problems.push({
        field: 'panel_decision',
        message: `The revised precept was issued on ${longDate(r.revised_on)}: the Panel’s first report can no longer be changed`,
      })
    if (v.panel_report_on === null)
      problems.push({ field: 'panel_report_on', message: 'Enter the date of the Panel’s report' })
    problems.push(
      ...dateProblems(
        'panel_report_on',
        {
          date: v.panel_report_on ?? null,
          deadline: timetable(c.fy).panel_report,
          after: { iso: r.notified_on, what: 'the proposal was notified' },
        },
        'the Panel reports on the proposal',
      ),
    )
    if (v.panel_decision === 'recommended' && !v.recommended)
      problems.push({ field: 'recommended', message: 'Enter the Band D the Panel recommended' })
    if (v.panel_decision !== 'recommended' && v.recommended)
      problems.push({ field: 'recommended', message: 'A recommended Band D goes with a recommendation: clear it' })
    problems.push(...vetoProblems({ decision: v.panel_decision, votes: v.veto_votes, members: v.members_in_office }))
    return problems
  }
}

async function savePanelReport(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  editorOf(viewer, 'record the precept')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const form = parseForm(PANEL_REPORT_FIELDS, input.body, panelReportChecks(c))
    await save(trx, viewer, {
      c,
      version: form.version,
      values: {
        panel_report_on: isoOf(form.panel_report_on),
        panel_decision: form.panel_decision,
        panel_recommended_band_d_pence: form.recommended ? form.recommended.pence.toString() : null,
        veto_votes: form.veto_votes,
        members_in_office: form.members_in_office,
      },
      reason: null,
    })
    return done(c, 'the Panel’s report')
  })
}

// ---- The revised precept, after a veto ----

function sideOfVeto(c: PreceptForEdit, field: string, bandD: bigint): FieldError[] {
  const r = c.record
  if (!r?.proposed_band_d_pence) return []
  const proposed = BigInt(r.proposed_band_d_pence)
  const words = formatMoney(fromPence(bandD.toString()), 'pence')
  const was = penceText(r.proposed_band_d_pence)
  if (r.panel_decision === 'vetoed_too_high' && bandD >= proposed)
    return [
      {
        field,
        message: `The Panel vetoed ${was} as too high: the revised precept must be lower, and ${words} is not (SI 2012/2271, regulation 5)`,
      },
    ]
  if (r.panel_decision === 'vetoed_too_low' && bandD <= proposed)
    return [
      {
        field,
        message: `The Panel vetoed ${was} as too low: the revised precept must be higher, and ${words} is not (SI 2012/2271, regulation 5)`,
      },
    ]
  return []
}

const REVISED_FIELDS = {
  version: optionalVersion,
  revised: money('The revised Band D', { maxPounds: 10_000 }),
  revised_on: optionalDate('The date the revised precept was issued to the Panel'),
}

/** The revised precept: after a veto, by 15 February, on the vetoed side of the proposal. */
function revisedChecks(c: PreceptForEdit) {
  const r = c.record
  return (v: Partial<Parsed<typeof REVISED_FIELDS>>): FieldError[] => {
    if (!isVeto(r?.panel_decision))
      return [
        {
          field: 'revised',
          message: 'A revised precept follows a veto, and the Panel has not vetoed the proposal',
        },
      ]
    const problems: FieldError[] = []
    if (r?.second_report_on)
      problems.push({
        field: 'revised',
        message: `The Panel made its second report on ${longDate(r.second_report_on)}: the revised precept can no longer be changed`,
      })
    if (v.revised_on === null)
      problems.push({ field: 'revised_on', message: 'Enter the date the revised precept was issued to the Panel' })
    problems.push(
      ...dateProblems(
        'revised_on',
        {
          date: v.revised_on ?? null,
          deadline: timetable(c.fy).revised,
          after: { iso: r?.panel_report_on ?? null, what: 'the Panel’s report' },
        },
        'after a veto the Commissioner issues the revised precept',
      ),
    )
    if (v.revised) problems.push(...sideOfVeto(c, 'revised', v.revised.pence))
    return problems
  }
}

async function saveRevised(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  editorOf(viewer, 'record the precept')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const form = parseForm(REVISED_FIELDS, input.body, revisedChecks(c))
    await save(trx, viewer, {
      c,
      version: form.version,
      values: { revised_band_d_pence: form.revised.pence.toString(), revised_on: isoOf(form.revised_on) },
      reason: null,
    })
    return done(c, `the revised precept of Band D ${form.revised.understood}`)
  })
}

// ---- The Panel's second report ----

const SECOND_REPORT_FIELDS = {
  version: optionalVersion,
  second_report_on: optionalDate('The date of the Panel’s second report'),
  second_report_decision: choice('what the Panel’s second report says', ['accepted', 'recommended', 'vetoed'] as const),
  second_report_note: optionalText('the second report', 2000),
}

/** The Panel's second report: on the revised precept, by 22 February, never a second veto. */
function secondReportChecks(c: PreceptForEdit) {
  const r = c.record
  return (v: Partial<Parsed<typeof SECOND_REPORT_FIELDS>>): FieldError[] => {
    if (!r?.revised_on)
      return [
        {
          field: 'second_report_on',
          message: 'The Panel’s second report is on a revised precept: record the revised precept first',
        },
      ]
    const problems: FieldError[] = []
    if (v.second_report_decision === 'vetoed')
      problems.push({
        field: 'second_report_decision',
        message: `The Panel cannot veto the revised precept: a precept may be vetoed once (${SCHEDULE_5}, paragraph 5). Record its report as accepting it or making recommendations`,
      })
    if (r.issued_on)
      problems.push({
        field: 'second_report_on',
        message: `The precept was issued on ${longDate(r.issued_on)}: the Panel’s second report can no longer be changed`,
      })
    if (v.second_report_on === null)
      problems.push({ field: 'second_report_on', message: 'Enter the date of the Panel’s second report' })
    problems.push(
      ...dateProblems(
        'second_report_on',
        {
          date: v.second_report_on ?? null,
          deadline: timetable(c.fy).second_report,
          after: { iso: r.revised_on, what: 'the revised precept' },
        },
        'the Panel reports on the revised precept',
      ),
    )
    return problems
  }
}

async function saveSecondReport(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  editorOf(viewer, 'record the precept')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const form = parseForm(SECOND_REPORT_FIELDS, input.body, secondReportChecks(c))
    await save(trx, viewer, {
      c,
      version: form.version,
      values: {
        second_report_on: isoOf(form.second_report_on),
        second_report_decision: form.second_report_decision,
        second_report_note: form.second_report_note,
      },
      reason: null,
    })
    return done(c, 'the Panel’s second report')
  })
}

// ---- The precept issued ----

function issueProblems(c: PreceptForEdit, v: { issued?: { pence: bigint }; issued_on?: UkDate | null }): FieldError[] {
  const r = c.record
  const vetoed = isVeto(r?.panel_decision)
  if (!r?.panel_report_on)
    return [{ field: 'issued', message: 'The precept is issued after the Panel has reported on the proposal' }]
  if (vetoed && !r.second_report_on)
    return [
      {
        field: 'issued',
        message: 'After a veto the precept is issued once the Panel has reported on the revised precept',
      },
    ]
  const problems: FieldError[] = []
  if (v.issued_on === null)
    problems.push({ field: 'issued_on', message: 'Enter the date the precept was issued to the billing authorities' })
  const after = vetoed
    ? { iso: r.second_report_on, what: 'the Panel’s second report' }
    : { iso: r.panel_report_on, what: 'the Panel’s report' }
  problems.push(
    ...dateProblems(
      'issued_on',
      { date: v.issued_on ?? null, deadline: timetable(c.fy).issued, after },
      'the precept is issued to the billing authorities',
    ),
  )
  if (!v.issued) return problems
  if (vetoed) return [...problems, ...sideOfVeto(c, 'issued', v.issued.pence)]
  const allowed = [r.proposed_band_d_pence, r.panel_recommended_band_d_pence].filter((p): p is string => p !== null)
  if (!allowed.includes(v.issued.pence.toString()))
    problems.push({
      field: 'issued',
      message: `Without a veto the Commissioner issues the proposed precept (${penceText(r.proposed_band_d_pence)})${r.panel_recommended_band_d_pence ? ` or the Band D the Panel recommended (${penceText(r.panel_recommended_band_d_pence)})` : ''} (${SCHEDULE_5}, paragraph 3)`,
    })
  return problems
}

/** A response answers the Panel's report: it is dated, and not before the report. */
function responseProblems(
  c: PreceptForEdit,
  v: { response?: string | null; response_on?: UkDate | null },
): FieldError[] {
  const report = c.record?.panel_report_on ?? null
  if (v.response && !v.response_on)
    return [{ field: 'response_on', message: 'Enter the date the Commissioner gave the response, like 14/02/2017' }]
  if (!v.response && v.response_on)
    return [{ field: 'response', message: "Enter the Commissioner's response, or leave its date blank" }]
  if (v.response_on && report && v.response_on.iso < report)
    return [
      {
        field: 'response_on',
        message: `${longDate(v.response_on.iso)} is before the Panel's report (${longDate(report)})`,
      },
    ]
  return []
}

async function saveIssued(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  editorOf(viewer, 'record the precept')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const form = parseForm(
      {
        version: optionalVersion,
        issued: money('The Band D issued', { maxPounds: 10_000 }),
        issued_on: optionalDate('The date the precept was issued'),
        response: optionalText("the Commissioner's response to the Panel's report", 5000),
        response_on: optionalDate('The date of the response'),
      },
      input.body,
      (v) => [...issueProblems(c, v), ...responseProblems(c, v)],
    )
    await save(trx, viewer, {
      c,
      version: form.version,
      values: {
        issued_band_d_pence: form.issued.pence.toString(),
        issued_on: isoOf(form.issued_on),
        response: form.response,
        response_on: isoOf(form.response_on),
      },
      reason: null,
    })
    return done(c, `the precept issued at Band D ${form.issued.understood}`)
  })
}

export type PreceptStep = 'proposal' | 'panel-report' | 'revised' | 'second-report' | 'issued'
export const PRECEPT_STEPS: readonly PreceptStep[] = ['proposal', 'panel-report', 'revised', 'second-report', 'issued']

export function preceptAdminService(db: Knex) {
  const savers: Record<PreceptStep, typeof saveProposal> = {
    proposal: saveProposal,
    'panel-report': savePanelReport,
    revised: saveRevised,
    'second-report': saveSecondReport,
    issued: saveIssued,
  }
  return {
    load: (fy: string) => load(db, fy),
    save: (viewer: Viewer, step: PreceptStep, input: { fy: string; body: FormBody }) => savers[step](db, viewer, input),
  }
}
