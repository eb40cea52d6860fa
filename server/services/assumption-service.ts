// Finance keeps a programme's appraisal inputs (issue #4): the payback its decision claims, the inflation
// assumption, and time-saved assumptions, each value labelled with its source. Validated, audited, one
// transaction, version-locked.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, parseFy } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { parseMoney } from '../domain/parse-money'
import { findLiveByCode, findLiveWithProgramme } from '../data/versioned'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import { formVersion, text, type FormBody } from './forms'

type Db = Knex | Knex.Transaction

/** A non-negative decimal typed by a person, within limits; null and a message when it is not. */
function readNumber(typed: string, label: string, max: number, places: number): { value: string | null; error: string | null } {
  const t = typed.replace(/,/g, '').trim()
  if (t === '') return { value: null, error: `Enter ${label}` }
  if (!/^\d+(\.\d+)?$/.test(t)) return { value: null, error: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a number, like 1650` }
  const d = new Decimal(t)
  if ((t.split('.')[1]?.length ?? 0) > places) return { value: null, error: `${label.charAt(0).toUpperCase()}${label.slice(1)} can have at most ${places} decimal places` }
  if (d.greaterThan(max)) return { value: null, error: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max.toLocaleString('en-GB')} or less` }
  return { value: d.toString(), error: null }
}

const FIELDS = [
  { id: 'hours_per_shift', label: 'the hours saved per shift', max: 24, places: 2, source: 'hours_per_shift_source' },
  { id: 'shifts_per_officer_per_year', label: 'the shifts per officer per year', max: 366, places: 1, source: 'shifts_source' },
  { id: 'officers', label: 'the number of officers with the tool', max: 100_000, places: 0, source: 'officers_source' },
  { id: 'productive_hours_per_fte', label: 'the productive hours per FTE', max: 8760, places: 1, source: 'productive_hours_source' },
] as const

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

function readAssumption(body: FormBody): { values: AssumptionValues; understood: Record<string, string> } {
  const errors: FieldError[] = []
  const understood: Record<string, string> = {}
  const description = text(body, 'description').trim()
  if (!description) errors.push({ field: 'description', message: 'Enter what time is saved, like 1 hour per officer per shift' })
  const numbers: Record<string, string> = {}
  for (const f of FIELDS) {
    const r = readNumber(text(body, f.id), f.label, f.max, f.places)
    if (r.error) errors.push({ field: f.id, message: r.error })
    else numbers[f.id] = r.value ?? ''
    if (!text(body, f.source).trim()) errors.push({ field: f.source, message: `Say where ${f.label} comes from, or write “Assumption:” and why` })
  }
  if (numbers.productive_hours_per_fte === '0') errors.push({ field: 'productive_hours_per_fte', message: 'The productive hours per FTE must be more than 0' })
  const cost = parseMoney(text(body, 'cost_per_hour'), { maxPounds: '10000' })
  if (cost.ok) understood.cost_per_hour = cost.understood
  else errors.push({ field: 'cost_per_hour', message: `The cost per hour ${cost.problem}` })
  if (!text(body, 'cost_per_hour_source').trim()) errors.push({ field: 'cost_per_hour_source', message: 'Say where the cost per hour comes from, or write “Assumption:” and why' })
  const from = parseFy(text(body, 'from_fy'))
  const to = parseFy(text(body, 'to_fy'))
  if (from === null) errors.push({ field: 'from_fy', message: 'Enter the first financial year the time is saved, like 2018-19' })
  if (to === null) errors.push({ field: 'to_fy', message: 'Enter the last financial year the time is saved, like 2020-21' })
  if (from !== null && to !== null && to < from) errors.push({ field: 'to_fy', message: `The last year must be ${fyLabel(from)} or later` })
  if (errors.length > 0 || !cost.ok || from === null || to === null) throw new ValidationError(errors, understood)
  return {
    understood,
    values: {
      description,
      hours_per_shift: numbers.hours_per_shift ?? '',
      hours_per_shift_source: text(body, 'hours_per_shift_source').trim(),
      shifts_per_officer_per_year: numbers.shifts_per_officer_per_year ?? '',
      shifts_source: text(body, 'shifts_source').trim(),
      officers: numbers.officers ?? '',
      officers_source: text(body, 'officers_source').trim(),
      cost_per_hour_pence: cost.pence.toString(),
      cost_per_hour_source: text(body, 'cost_per_hour_source').trim(),
      productive_hours_per_fte: numbers.productive_hours_per_fte ?? '',
      productive_hours_source: text(body, 'productive_hours_source').trim(),
      from_fy: from,
      to_fy: to,
    },
  }
}

export interface AssumptionRecord extends AssumptionValues {
  id: number
  programme_id: number
  programme_code: string
  version: number
}

async function loadAssumption(db: Db, id: number): Promise<AssumptionRecord> {
  const row = await findLiveWithProgramme<AssumptionRecord>(db, 'time_saved_assumptions', id)
  if (!row) throw new NotFoundError(`A time-saved assumption numbered ${id}`)
  return { ...row, id: Number(row.id), programme_id: Number(row.programme_id), version: Number(row.version), from_fy: Number(row.from_fy), to_fy: Number(row.to_fy), cost_per_hour_pence: String(row.cost_per_hour_pence) }
}

export function assumptionFormValues(a: AssumptionRecord): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])),
    cost_per_hour: formatMoney(fromPence(a.cost_per_hour_pence), 'pence'),
    from_fy: fyLabel(a.from_fy),
    to_fy: fyLabel(a.to_fy),
  }
}

/** Percent as typed ("2", "2%", "2.5 %") to a fraction ("0.02"); blank means none. */
function readPercent(typed: string, label: string): { value: string | null; error: string | null } {
  const t = typed.replace('%', '').trim()
  if (t === '') return { value: null, error: null }
  if (!/^-?\d+(\.\d{1,2})?$/.test(t)) return { value: null, error: `${label} must be a percentage, like 2 or 2.5%` }
  const d = new Decimal(t)
  if (d.lessThan(-10) || d.greaterThan(20)) return { value: null, error: `${label} must be between −10% and 20% a year` }
  return { value: d.dividedBy(100).toString(), error: null }
}

export function assumptionService(db: Knex) {
  return {
    load: (id: number) => loadAssumption(db, id),

    async create(viewer: Viewer, programmeCode: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'record appraisal assumptions')
      const { values } = readAssumption(body)
      return db.transaction(async (trx) => {
        const programme = await findLiveByCode<{ id: number; code: string }>(trx, 'programmes', programmeCode, ['id', 'code'])
        if (!programme) throw new NotFoundError(`A programme with the code "${programmeCode}"`)
        await createRecord(trx, specs.timeSavedAssumptions, who, { values: { ...values, programme_id: Number(programme.id) } })
        return { to: `/programmes/${programme.code}/appraisal`, message: `Time-saved assumption “${values.description}” recorded.` }
      })
    },

    async update(viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change appraisal assumptions')
      const retire = text(body, 'retire') === 'yes'
      const { values } = readAssumption(body)
      return db.transaction(async (trx) => {
        const before = await loadAssumption(trx, id)
        if (retire && !text(body, 'reason').trim()) throw new ValidationError([{ field: 'reason', message: 'Enter the reason for retiring the assumption' }])
        const { changed } = await updateRecord(trx, specs.timeSavedAssumptions, who, { id, version: formVersion(body), values, before: { ...before }, retire: retire ? text(body, 'reason').trim() : undefined })
        return { to: `/programmes/${before.programme_code}/appraisal`, message: `Time-saved assumption “${values.description}” ${retire ? 'retired' : changed ? 'saved' : 'unchanged: nothing to save'}.` }
      })
    },

    async settings(code: string): Promise<Record<string, string>> {
      const p = await findLiveByCode<{ code: string; name: string; claimed_payback_years: string | null; claimed_payback_source: string | null; inflation_rate: string | null; inflation_source: string | null; version: number }>(
        db,
        'programmes',
        code,
      )
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

    async saveSettings(viewer: Viewer, code: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change appraisal settings')
      const errors: FieldError[] = []
      const claimed = text(body, 'claimed_payback_years').trim()
      let claimedYears: string | null = null
      if (claimed) {
        const r = readNumber(claimed, 'the claimed payback', 100, 2)
        if (r.error) errors.push({ field: 'claimed_payback_years', message: r.error })
        else claimedYears = r.value
      }
      const claimedSource = text(body, 'claimed_payback_source').trim() || null
      if (claimedYears !== null && !claimedSource) errors.push({ field: 'claimed_payback_source', message: 'Say where the claimed payback comes from, like the decision that claims it' })
      const inflation = readPercent(text(body, 'inflation'), 'The inflation assumption')
      if (inflation.error) errors.push({ field: 'inflation', message: inflation.error })
      const inflationSource = text(body, 'inflation_source').trim() || null
      if (inflation.value !== null && !inflationSource) errors.push({ field: 'inflation_source', message: 'Say where the inflation assumption comes from' })
      if (errors.length > 0) throw new ValidationError(errors)
      return db.transaction(async (trx) => {
        const before = await findLiveByCode<Record<string, unknown> & { id: number; code: string }>(trx, 'programmes', code)
        if (!before) throw new NotFoundError(`A programme with the code "${code}"`)
        const values = { claimed_payback_years: claimedYears, claimed_payback_source: claimedYears === null ? null : claimedSource, inflation_rate: inflation.value, inflation_source: inflation.value === null ? null : inflationSource }
        const { changed } = await updateRecord(trx, specs.appraisalSettings, who, { id: before.id, version: formVersion(body), values, before })
        return { to: `/programmes/${before.code}/appraisal`, message: changed ? 'Appraisal settings saved.' : 'Appraisal settings unchanged: nothing to save.' }
      })
    },
  }
}
