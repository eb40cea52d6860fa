// Finance keeps a programme's appraisal inputs (issue #4): the payback its decision claims, the inflation
// assumption, and time-saved assumptions, each value labelled with its source. Validated, audited, one
// transaction, version-locked.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { findLiveByCode, findLiveWithProgramme } from '../data/versioned'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, saveEditForm } from './edit-context'
import {
  decimal,
  financialYear,
  money,
  optionalPercent,
  optionalText,
  orBlank,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  type FormBody,
  type FormFields,
  type Parsed,
} from './forms'

type Db = Knex | Knex.Transaction

/** Where a figure comes from: required, so every assumption says its source or that it is an assumption. */
const source = (label: string) =>
  requiredText(`the source of ${label}`, 500, `Say where ${label} comes from, or write “Assumption:” and why`)

const assumptionFields = {
  description: requiredText('what time is saved', 300, 'Enter what time is saved, like 1 hour per officer per shift'),
  hours_per_shift: decimal('the hours saved per shift', { max: 24, places: 2, example: '1650' }),
  hours_per_shift_source: source('the hours saved per shift'),
  shifts_per_officer_per_year: decimal('the shifts per officer per year', { max: 366, places: 1, example: '1650' }),
  shifts_source: source('the shifts per officer per year'),
  officers: decimal('the number of officers with the tool', { max: 100_000, places: 0, example: '1650' }),
  officers_source: source('the number of officers with the tool'),
  productive_hours_per_fte: decimal('the productive hours per FTE', { max: 8760, places: 1, example: '1650' }).refine(
    (v) => v !== '0',
    {
      error: 'The productive hours per FTE must be more than 0',
    },
  ),
  productive_hours_source: source('the productive hours per FTE'),
  cost_per_hour: money('The cost per hour', { maxPounds: '10000' }),
  cost_per_hour_source: source('the cost per hour'),
  from_fy: financialYear('Enter the first financial year the time is saved, like 2018-19'),
  to_fy: financialYear('Enter the last financial year the time is saved, like 2020-21'),
}

function readAssumption<E extends FormFields>(
  body: FormBody,
  extra: E,
  rule: (v: Partial<Parsed<E>>) => FieldError[] = () => [],
) {
  const input = parseForm({ ...assumptionFields, ...extra }, body, (v) => [
    ...(v.to_fy !== undefined && v.from_fy !== undefined && v.to_fy < v.from_fy
      ? [{ field: 'to_fy', message: `The last year must be ${fyLabel(v.from_fy)} or later` }]
      : []),
    ...rule(v),
  ])
  const { cost_per_hour, ...rest } = input
  const values: AssumptionValues = {
    description: rest.description,
    hours_per_shift: rest.hours_per_shift,
    hours_per_shift_source: rest.hours_per_shift_source,
    shifts_per_officer_per_year: rest.shifts_per_officer_per_year,
    shifts_source: rest.shifts_source,
    officers: rest.officers,
    officers_source: rest.officers_source,
    cost_per_hour_pence: cost_per_hour.pence.toString(),
    cost_per_hour_source: rest.cost_per_hour_source,
    productive_hours_per_fte: rest.productive_hours_per_fte,
    productive_hours_source: rest.productive_hours_source,
    from_fy: rest.from_fy,
    to_fy: rest.to_fy,
  }
  return { values, input }
}

export interface AssumptionValues extends Record<string, string | number> {
  description: string
  hours_per_shift: string
  hours_per_shift_source: string
  shifts_per_officer_per_year: string
  shifts_source: string
  officers: string
  officers_source: string
  cost_per_hour_pence: string
  cost_per_hour_source: string
  productive_hours_per_fte: string
  productive_hours_source: string
  from_fy: number
  to_fy: number
}

export interface AssumptionRecord extends AssumptionValues {
  id: number
  programme_id: number
  programme_code: string
  version: number
}

async function loadAssumption(db: Db, id: number): Promise<AssumptionRecord> {
  const row = await findLiveWithProgramme<AssumptionRecord>(db, specs.timeSavedAssumptions, id)
  if (!row) throw new NotFoundError(`A time-saved assumption numbered ${id}`)
  return {
    ...row,
    id: Number(row.id),
    programme_id: Number(row.programme_id),
    version: Number(row.version),
    from_fy: Number(row.from_fy),
    to_fy: Number(row.to_fy),
    cost_per_hour_pence: String(row.cost_per_hour_pence),
  }
}

export function assumptionFormValues(a: AssumptionRecord): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])),
    cost_per_hour: formatMoney(fromPence(a.cost_per_hour_pence), 'pence'),
    from_fy: fyLabel(a.from_fy),
    to_fy: fyLabel(a.to_fy),
  }
}

const settingsFields = {
  claimed_payback_years: orBlank(decimal('the claimed payback', { max: 100, places: 2, example: '1650' })),
  claimed_payback_source: optionalText('the source of the claimed payback', 500),
  inflation: optionalPercent('The inflation assumption', { min: -10, max: 20 }),
  inflation_source: optionalText('the source of the inflation assumption', 500),
  version,
}

function settingsRules(v: Partial<Parsed<typeof settingsFields>>): FieldError[] {
  const errors: FieldError[] = []
  if (v.claimed_payback_years && !v.claimed_payback_source)
    errors.push({
      field: 'claimed_payback_source',
      message: 'Say where the claimed payback comes from, like the decision that claims it',
    })
  if (v.inflation && !v.inflation_source)
    errors.push({ field: 'inflation_source', message: 'Say where the inflation assumption comes from' })
  return errors
}

/** Saves a programme's claimed payback and inflation assumption, each with its source. */
async function saveAppraisalSettings(
  db: Knex,
  viewer: Viewer,
  form: { code: string; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { code, body } = form
  const who = editorOf(viewer, 'change appraisal settings')
  const input = parseForm(settingsFields, body, settingsRules)
  const claimedYears = input.claimed_payback_years
  const claimedSource = input.claimed_payback_source
  const inflation = { value: input.inflation }
  const inflationSource = input.inflation_source
  return db.transaction(async (trx) => {
    const before = await findLiveByCode<Record<string, unknown> & { id: number; code: string }>(
      trx,
      specs.programmes,
      code,
    )
    if (!before) throw new NotFoundError(`A programme with the code "${code}"`)
    const values = {
      claimed_payback_years: claimedYears,
      claimed_payback_source: claimedYears === null ? null : claimedSource,
      inflation_rate: inflation.value,
      inflation_source: inflation.value === null ? null : inflationSource,
    }
    const { changed } = await updateRecord(trx, specs.appraisalSettings, {
      who,
      id: before.id,
      version: input.version,
      values,
      before,
    })
    return {
      to: `/programmes/${before.code}/appraisal`,
      message: changed ? 'Appraisal settings saved.' : 'Appraisal settings unchanged: nothing to save.',
    }
  })
}

/** Records a time-saved assumption for a programme's appraisal. */
async function createAssumption(
  db: Knex,
  viewer: Viewer,
  form: { programmeCode: string; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { programmeCode, body } = form
  const who = editorOf(viewer, 'record appraisal assumptions')
  const { values } = readAssumption(body, {})
  return db.transaction(async (trx) => {
    const programme = await findLiveByCode<{ id: number; code: string }>(trx, specs.programmes, programmeCode)
    if (!programme) throw new NotFoundError(`A programme with the code "${programmeCode}"`)
    await createRecord(trx, specs.timeSavedAssumptions, {
      who,
      values: { ...values, programme_id: Number(programme.id) },
    })
    return {
      to: `/programmes/${programme.code}/appraisal`,
      message: `Time-saved assumption “${values.description}” recorded.`,
    }
  })
}

/** Changes (or retires) a time-saved assumption. */
async function updateAssumption(
  db: Knex,
  viewer: Viewer,
  form: { id: number; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { id, body } = form
  const who = editorOf(viewer, 'change appraisal assumptions')
  const { values, input } = readAssumption(
    body,
    { version, ...retiring('retiring the assumption') },
    retireRule('retiring the assumption'),
  )
  return db.transaction(async (trx) => {
    const before = await loadAssumption(trx, id)
    const outcome = await saveEditForm(trx, specs.timeSavedAssumptions, {
      who,
      id: id,
      values,
      before: { ...before },
      form: input,
    })
    return {
      to: `/programmes/${before.programme_code}/appraisal`,
      message: `Time-saved assumption “${values.description}” ${outcome}.`,
    }
  })
}

export function assumptionService(db: Knex) {
  return {
    load: (id: number) => loadAssumption(db, id),

    create: (viewer: Viewer, programmeCode: string, body: FormBody): Promise<{ to: string; message: string }> =>
      createAssumption(db, viewer, { programmeCode, body }),

    update: (viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> =>
      updateAssumption(db, viewer, { id, body }),

    async settings(code: string): Promise<Record<string, string>> {
      const p = await findLiveByCode<{
        code: string
        name: string
        claimed_payback_years: string | null
        claimed_payback_source: string | null
        inflation_rate: string | null
        inflation_source: string | null
        version: number
      }>(db, specs.programmes, code)
      if (!p) throw new NotFoundError(`A programme with the code "${code}"`)
      return {
        code: p.code,
        name: p.name,
        claimed_payback_years: p.claimed_payback_years ?? '',
        claimed_payback_source: p.claimed_payback_source ?? '',
        inflation: p.inflation_rate === null ? '' : new Decimal(p.inflation_rate).times(100).toString(),
        inflation_source: p.inflation_source ?? '',
        version: String(p.version),
      }
    },

    saveSettings: (viewer: Viewer, code: string, body: FormBody): Promise<{ to: string; message: string }> =>
      saveAppraisalSettings(db, viewer, { code, body }),
  }
}
