// Benefit realisation (issue #4): finance records what a programme actually saved each year (cashable £ and
// hours), and where a cashable saving was banked: the budget line and year it was removed from and the
// decision. The Panel then sees which promised savings have really left the budget.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { findLiveByCode, findLiveWithProgramme } from '../data/versioned'
import { decisionChoices, lineChoices } from '../data/reference-repository'
import { createRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, saveEditForm } from './edit-context'
import {
  financialYear,
  oneOf,
  optionalFinancialYear,
  optionalHours,
  optionalMoney,
  optionalText,
  parseForm,
  retireRule,
  retiring,
  version,
  type FormBody,
  type FormFields,
  type Parsed,
} from './forms'

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

function realisationFields(data: RealisationFormData) {
  return {
    fy: financialYear('Choose the financial year the benefit was realised in'),
    cashable: optionalMoney('The cashable saving'),
    hours: optionalHours('The hours saved must be a number of hours, like 2200 or 1500.5'),
    banked_line: oneOf(
      data.lines.map((l) => l.code),
      'Choose a budget line from the list',
      { optional: true },
    ),
    banked_fy: optionalFinancialYear('Choose the year the saving was removed from the budget line'),
    decision: oneOf(
      data.decisions.map((d) => d.code),
      'Choose a decision from the list',
      { optional: true },
    ),
    note: optionalText('the note', 2000),
  }
}

function realisationRules(v: Partial<Parsed<ReturnType<typeof realisationFields>>>): FieldError[] {
  const errors: FieldError[] = []
  if (v.cashable === null && v.hours === null)
    errors.push({ field: 'cashable', message: 'Enter the cashable saving or the hours saved (or both)' })
  if (v.banked_line && v.banked_fy === null)
    errors.push({ field: 'banked_fy', message: 'Choose the year the saving was removed from the budget line' })
  if (v.banked_line === null && typeof v.banked_fy === 'number')
    errors.push({ field: 'banked_line', message: 'Choose the budget line the saving was removed from' })
  if (v.banked_line && v.cashable === null)
    errors.push({ field: 'cashable', message: 'Only a cashable saving can be banked: enter its amount' })
  return errors
}

function read<E extends FormFields>(
  body: FormBody,
  data: RealisationFormData,
  more: { fields: E; rule?: (v: Partial<Parsed<E>>) => FieldError[] },
) {
  const rule = more.rule ?? (() => [])
  const input = parseForm({ ...realisationFields(data), ...more.fields }, body, (v) => [
    ...realisationRules(v),
    ...rule(v),
  ])
  const values: RealisationValues = {
    fy_start: input.fy,
    cashable_pence: input.cashable === null ? null : input.cashable.pence.toString(),
    hours: input.hours,
    banked_budget_line_id: input.banked_line ? Number(input.banked_line) : null,
    banked_fy: input.banked_fy,
    decision_id: input.decision ? Number(input.decision) : null,
    note: input.note,
  }
  return { values, input }
}

interface RealisationRecord extends RealisationValues {
  id: number
  programme_id: number
  programme_code: string
  version: number
}

async function load(db: Db, id: number): Promise<RealisationRecord> {
  const row = await findLiveWithProgramme<RealisationRecord>(db, specs.benefitRealisations, id)
  if (!row) throw new NotFoundError(`A realised benefit numbered ${id}`)
  return {
    ...row,
    id: Number(row.id),
    programme_id: Number(row.programme_id),
    version: Number(row.version),
    cashable_pence: row.cashable_pence === null ? null : String(row.cashable_pence),
  }
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
        const programme = await findLiveByCode<{ id: number; code: string }>(trx, specs.programmes, code)
        if (!programme) throw new NotFoundError(`A programme with the code "${code}"`)
        const { values, input } = read(body, await formData(trx), { fields: {} })
        await createRecord(trx, specs.benefitRealisations, {
          who,
          values: { ...values, programme_id: Number(programme.id) },
        })
        const banked =
          values.banked_budget_line_id === null
            ? ' It is not recorded as banked.'
            : ` Banked from the budget in ${fyLabel(values.banked_fy ?? 0)}.`
        return {
          to: `/programmes/${programme.code}/appraisal#realisation`,
          message: `Realised benefit for ${fyLabel(values.fy_start)} recorded${input.cashable ? `: ${input.cashable.understood}` : ''}.${banked}`,
        }
      })
    },

    async update(viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change realised benefits')
      return db.transaction(async (trx) => {
        const before = await load(trx, id)
        const { values, input } = read(body, await formData(trx), {
          fields: { version, ...retiring('retiring the realised benefit') },
          rule: retireRule('retiring the realised benefit'),
        })
        const outcome = await saveEditForm(trx, specs.benefitRealisations, {
          who,
          id,
          values,
          before: { ...before },
          form: input,
        })
        return {
          to: `/programmes/${before.programme_code}/appraisal#realisation`,
          message: `Realised benefit ${outcome}.`,
        }
      })
    },
  }
}
