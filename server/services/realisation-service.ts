// Benefit realisation (issue #4): finance records what a programme actually saved each year (cashable £ and
// hours), and where a cashable saving was banked: the budget line and year it was removed from and the
// decision. The Panel then sees which promised savings have really left the budget.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, parseFy } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { parseMoney } from '../domain/parse-money'
import { findLiveByCode, findLiveWithProgramme } from '../data/versioned'
import { decisionChoices, lineChoices } from '../data/reference-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import { formVersion, text, type FormBody } from './forms'

type Db = Knex | Knex.Transaction

export interface RealisationFormData {
  lines: { code: string; name: string }[]
  decisions: { code: string; name: string }[]
}

interface RealisationValues extends Record<string, string | number | null> {
  fy_start: number
  cashable_pence: string | null
  hours: string | null
  banked_budget_line_id: number | null
  banked_fy: number | null
  decision_id: number | null
  note: string | null
}

async function formData(db: Db): Promise<RealisationFormData> {
  const [lines, decisions] = await Promise.all([lineChoices(db), decisionChoices(db)])
  return { lines, decisions }
}

function read(body: FormBody, data: RealisationFormData): { values: RealisationValues; understood: Record<string, string> } {
  const errors: FieldError[] = []
  const understood: Record<string, string> = {}
  const fy = parseFy(text(body, 'fy'))
  if (fy === null) errors.push({ field: 'fy', message: 'Choose the financial year the benefit was realised in' })
  let pence: bigint | null = null
  if (text(body, 'cashable').trim()) {
    const r = parseMoney(text(body, 'cashable'))
    if (r.ok) {
      pence = r.pence
      understood.cashable = r.understood
    } else errors.push({ field: 'cashable', message: `The cashable saving ${r.problem}` })
  }
  let hours: string | null = null
  const hoursText = text(body, 'hours').replace(/,/g, '').trim()
  if (hoursText) {
    if (/^\d+(\.\d{1,2})?$/.test(hoursText)) hours = new Decimal(hoursText).toString()
    else errors.push({ field: 'hours', message: 'The hours saved must be a number of hours, like 2200 or 1500.5' })
  }
  if (!text(body, 'cashable').trim() && !hoursText) errors.push({ field: 'cashable', message: 'Enter the cashable saving or the hours saved (or both)' })
  const lineId = text(body, 'banked_line')
  const bankedFy = text(body, 'banked_fy') ? parseFy(text(body, 'banked_fy')) : null
  if (lineId && !data.lines.some((l) => l.code === lineId)) errors.push({ field: 'banked_line', message: 'Choose a budget line from the list' })
  if (lineId && bankedFy === null) errors.push({ field: 'banked_fy', message: 'Choose the year the saving was removed from the budget line' })
  if (!lineId && bankedFy !== null) errors.push({ field: 'banked_line', message: 'Choose the budget line the saving was removed from' })
  if (lineId && pence === null) errors.push({ field: 'cashable', message: 'Only a cashable saving can be banked: enter its amount' })
  const decisionId = text(body, 'decision')
  if (decisionId && !data.decisions.some((d) => d.code === decisionId)) errors.push({ field: 'decision', message: 'Choose a decision from the list' })
  const note = text(body, 'note').trim()
  if (note.length > 2000) errors.push({ field: 'note', message: 'The note must be 2000 characters or fewer' })
  if (errors.length > 0 || fy === null) throw new ValidationError(errors, understood)
  return {
    understood,
    values: {
      fy_start: fy,
      cashable_pence: pence === null ? null : pence.toString(),
      hours,
      banked_budget_line_id: lineId ? Number(lineId) : null,
      banked_fy: bankedFy,
      decision_id: decisionId ? Number(decisionId) : null,
      note: note || null,
    },
  }
}

interface RealisationRecord extends RealisationValues {
  id: number
  programme_id: number
  programme_code: string
  version: number
}

async function load(db: Db, id: number): Promise<RealisationRecord> {
  const row = await findLiveWithProgramme<RealisationRecord>(db, 'benefit_realisations', id)
  if (!row) throw new NotFoundError(`A realised benefit numbered ${id}`)
  return { ...row, id: Number(row.id), programme_id: Number(row.programme_id), version: Number(row.version), cashable_pence: row.cashable_pence === null ? null : String(row.cashable_pence) }
}

export function realisationFormValues(r: RealisationRecord): Record<string, string> {
  return {
    fy: fyLabel(Number(r.fy_start)),
    cashable: r.cashable_pence === null ? '' : formatMoney(fromPence(r.cashable_pence), 'pence'),
    hours: r.hours ?? '',
    banked_line: r.banked_budget_line_id === null ? '' : String(r.banked_budget_line_id),
    banked_fy: r.banked_fy === null ? '' : fyLabel(Number(r.banked_fy)),
    decision: r.decision_id === null ? '' : String(r.decision_id),
    note: r.note ?? '',
    version: String(r.version),
  }
}

export function realisationService(db: Knex) {
  return {
    formData: () => formData(db),
    load: (id: number) => load(db, id),

    async create(viewer: Viewer, code: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'record realised benefits')
      return db.transaction(async (trx) => {
        const programme = await findLiveByCode<{ id: number; code: string }>(trx, 'programmes', code, ['id', 'code'])
        if (!programme) throw new NotFoundError(`A programme with the code "${code}"`)
        const { values, understood } = read(body, await formData(trx))
        await createRecord(trx, specs.benefitRealisations, who, { values: { ...values, programme_id: Number(programme.id) } })
        const banked = values.banked_budget_line_id === null ? ' It is not recorded as banked.' : ` Banked from the budget in ${fyLabel(values.banked_fy ?? 0)}.`
        return { to: `/programmes/${programme.code}/appraisal#realisation`, message: `Realised benefit for ${fyLabel(values.fy_start)} recorded${understood.cashable ? `: ${understood.cashable}` : ''}.${banked}` }
      })
    },

    async update(viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change realised benefits')
      return db.transaction(async (trx) => {
        const before = await load(trx, id)
        const { values } = read(body, await formData(trx))
        const retire = text(body, 'retire') === 'yes'
        if (retire && !text(body, 'reason').trim()) throw new ValidationError([{ field: 'reason', message: 'Enter the reason for retiring the realised benefit' }])
        const { changed } = await updateRecord(trx, specs.benefitRealisations, who, { id, version: formVersion(body), values, before: { ...before }, retire: retire ? text(body, 'reason').trim() : undefined })
        return { to: `/programmes/${before.programme_code}/appraisal#realisation`, message: `Realised benefit ${retire ? 'retired' : changed ? 'saved' : 'unchanged: nothing to save'}.` }
      })
    },
  }
}
