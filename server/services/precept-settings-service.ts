// What the precept is tested and set against (issue #12), each changed on the record path (audited field by field,
// version-checked): a year's referendum principle with its source (a percent limit, a pound limit on Band D, or both);
// the number of the Panel's members in office (a veto needs two-thirds of them); and the CFO's section 25 statement for
// a year (the robustness of the estimates and the adequacy of reserves), whose every version stays in the audit trail.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import type { FieldError } from '../domain/errors'
import { fyLabel, fySlug } from '../domain/financial-year'
import { formatLongDate, formDate } from '../domain/uk-date'
import { fromPence } from '../domain/money'
import * as repo from '../data/precept-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import {
  confirmed,
  decimal,
  optionalDate,
  optionalMoney,
  optionalText,
  optionalVersion,
  orBlank,
  parseForm,
  requiredText,
  withConfirmation,
  type FormBody,
} from './forms'
import { load, type PreceptForEdit } from './precept-admin-service'

export interface PrincipleForEdit extends PreceptForEdit {
  current: repo.PrincipleRow | null
}

export interface Section25ForEdit extends PreceptForEdit {
  current: repo.Section25Row | null
}

export function principleValues(p: PrincipleForEdit): Record<string, string> {
  const c = p.current
  return {
    version: c ? String(c.version) : '',
    percent: c?.percent ?? '',
    pounds: c?.pounds_pence ? fromPence(c.pounds_pence).toFixed(2) : '',
    source: c?.source ?? '',
    note: c?.note ?? '',
  }
}

const PRINCIPLE_FIELDS = {
  version: optionalVersion,
  percent: orBlank(decimal('the percent limit', { max: 100, places: 2, example: '2' })),
  pounds: optionalMoney('The pound limit on Band D', { maxPounds: 1000 }),
  source: requiredText('where the principle comes from, like the year’s referendum principles report', 500),
  note: optionalText('the note', 2000),
  reason: optionalText('the reason', 500),
}

async function savePrinciple(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  const who = editorOf(viewer, 'record the referendum principle')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const current = await repo.referendumPrinciple(trx, c.fy)
    const form = parseForm(PRINCIPLE_FIELDS, input.body, (v): FieldError[] =>
      v.percent === null && v.pounds === null
        ? [{ field: 'percent', message: 'Enter a percent limit, a pound limit on Band D, or both' }]
        : [],
    )
    const warnings = c.record?.issued_on
      ? [
          {
            field: 'percent',
            message: `The ${fyLabel(c.fy)} precept was issued on ${formatLongDate(c.record.issued_on)}: it was tested against the principle as it then stood`,
          },
        ]
      : []
    const reason = withConfirmation(form.reason, confirmed(input.body, warnings))
    const values = {
      percent: form.percent,
      pounds_pence: form.pounds ? form.pounds.pence.toString() : null,
      source: form.source,
      note: form.note,
      illustrative: false,
    }
    if (current)
      await updateRecord(trx, specs.referendumPrinciples, {
        who,
        id: c.fy,
        version: form.version,
        before: { ...current },
        values,
        reason,
      })
    else await createRecord(trx, specs.referendumPrinciples, { who, values: { fy_start: c.fy, ...values }, reason })
    return { to: `/precept?fy=${fySlug(c.fy)}`, message: `${fyLabel(c.fy)} referendum principle saved.` }
  })
}

export function section25Values(s: Section25ForEdit): Record<string, string> {
  const c = s.current
  return {
    version: c ? String(c.version) : '',
    robustness: c?.robustness ?? '',
    reserves_adequacy: c?.reserves_adequacy ?? '',
    reserves_risks: c?.reserves_risks ?? '',
    signed_by: c?.signed_by ?? '',
    signed_on: formDate(c?.signed_on),
  }
}

const SECTION_25_FIELDS = {
  version: optionalVersion,
  robustness: requiredText('the CFO’s view of the robustness of the estimates', 10_000),
  reserves_adequacy: requiredText('the CFO’s view of the adequacy of reserves', 10_000),
  reserves_risks: optionalText('the reserves risk assessment', 10_000),
  signed_by: optionalText('who signed the statement', 200),
  signed_on: optionalDate('The date the statement was signed'),
  reason: optionalText('the reason', 500),
}

async function saveSection25(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  const who = editorOf(viewer, 'record the section 25 statement')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.fy)
    const current = await repo.section25(trx, c.fy)
    const form = parseForm(SECTION_25_FIELDS, input.body, (v): FieldError[] =>
      v.signed_on && !v.signed_by
        ? [{ field: 'signed_by', message: 'Enter who signed the statement, with the date it was signed' }]
        : [],
    )
    const values = {
      robustness: form.robustness,
      reserves_adequacy: form.reserves_adequacy,
      reserves_risks: form.reserves_risks,
      signed_by: form.signed_by,
      signed_on: form.signed_on?.iso ?? null,
      illustrative: false,
    }
    if (current)
      await updateRecord(trx, specs.section25Statements, {
        who,
        id: c.fy,
        version: form.version,
        before: { ...current },
        values,
        reason: form.reason,
      })
    else
      await createRecord(trx, specs.section25Statements, {
        who,
        values: { fy_start: c.fy, ...values },
        reason: form.reason,
      })
    return { to: `/precept?fy=${fySlug(c.fy)}#section-25`, message: `${fyLabel(c.fy)} section 25 statement saved.` }
  })
}

const PANEL_FIELDS = {
  version: optionalVersion,
  members_in_office: requiredText('how many members of the Panel are in office', 3),
  source: optionalText('the source', 500),
  reason: optionalText('the reason', 500),
}

async function savePanel(db: Knex, viewer: Viewer, body: FormBody) {
  const who = editorOf(viewer, 'record the Panel’s membership')
  return db.transaction(async (trx) => {
    const current = await repo.panelMembers(trx)
    const form = parseForm(PANEL_FIELDS, body, (v): FieldError[] =>
      v.members_in_office !== undefined && !/^([1-9]|[1-4]\d|50)$/.test(v.members_in_office)
        ? [{ field: 'members_in_office', message: 'The members in office are a whole number from 1 to 50' }]
        : [],
    )
    const values = { members_in_office: Number(form.members_in_office), source: form.source }
    if (current)
      await updateRecord(trx, specs.panelSettings, {
        who,
        id: 1,
        version: form.version,
        before: { id: 1, members_in_office: current.members, source: current.source, version: current.version },
        values,
        reason: form.reason,
      })
    else await createRecord(trx, specs.panelSettings, { who, values: { id: 1, ...values }, reason: form.reason })
    return { to: '/precept#process', message: `The Panel: ${values.members_in_office} members in office saved.` }
  })
}

export function preceptSettingsService(db: Knex) {
  return {
    loadPrinciple: async (fy: string): Promise<PrincipleForEdit> => {
      const c = await load(db, fy)
      return { ...c, current: await repo.referendumPrinciple(db, c.fy) }
    },
    loadSection25: async (fy: string): Promise<Section25ForEdit> => {
      const c = await load(db, fy)
      return { ...c, current: await repo.section25(db, c.fy) }
    },
    loadPanel: () => repo.panelMembers(db),
    savePrinciple: (viewer: Viewer, fy: string, body: FormBody) => savePrinciple(db, viewer, { fy, body }),
    saveSection25: (viewer: Viewer, fy: string, body: FormBody) => saveSection25(db, viewer, { fy, body }),
    savePanel: (viewer: Viewer, body: FormBody) => savePanel(db, viewer, body),
  }
}
