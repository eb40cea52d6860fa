// Finance keeps the savings register (issue #10): adds a scheme, changes it, marks it delivered (naming the budget
// line and year the saving came off) or retires it with a reason. On the record path: one transaction, an audit row a
// changed cell, the version checked.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, fySlug } from '../domain/financial-year'
import { fromPence } from '../domain/money'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { lineOptions } from '../data/import-repository'
import { findSaving, savingCodes, type SavingRow } from '../data/mtfp-repository'
import { editorOf } from './edit-context'
import {
  choice,
  financialYear,
  money,
  oneOf,
  optionalFinancialYear,
  optionalText,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  yesNo,
  type FormBody,
} from './forms'

export interface SavingForEdit {
  saving: SavingRow | null
  lines: { id: number; name: string; programme_code: string | null }[]
}

async function load(db: Knex, id: number | null): Promise<SavingForEdit> {
  const lines = await lineOptions(db)
  if (id === null) return { saving: null, lines }
  const saving = await findSaving(db, id)
  if (!saving) throw new NotFoundError(`A saving numbered ${id}`)
  return { saving, lines }
}

export function savingFormValues(s: SavingForEdit): Record<string, string> {
  const v = s.saving
  return {
    version: String(v?.version ?? ''),
    name: v?.name ?? '',
    owner: v?.owner ?? '',
    fy: v ? fySlug(v.fy_start) : '',
    amount: v ? fromPence(v.amount_pence).toFixed(2) : '',
    recurring: v && !v.recurring ? 'no' : 'yes',
    confidence: v?.confidence ?? '',
    delivered: v?.delivered ? 'yes' : 'no',
    delivered_line: v?.delivered_line_id ? String(v.delivered_line_id) : '',
    delivered_fy: v?.delivered_fy ? fySlug(v.delivered_fy) : '',
    source: v?.source ?? '',
    note: v?.note ?? '',
  }
}

function fields(s: SavingForEdit) {
  return {
    name: requiredText('the name of the scheme', 200),
    owner: requiredText('the owner of the scheme', 200),
    fy: financialYear('Enter the year the saving starts, like 2018-19'),
    amount: money('The saving a year', { maxPounds: 1_000_000_000 }),
    recurring: yesNo,
    confidence: choice('the delivery confidence', ['green', 'amber', 'red']),
    delivered: yesNo,
    delivered_line: oneOf(
      s.lines.map((l) => String(l.id)),
      'Choose the budget line the saving came off',
      { optional: true },
    ),
    delivered_fy: optionalFinancialYear('Enter the year the saving came off, like 2018-19'),
    source: optionalText('the source', 500),
    note: optionalText('the note', 1000),
    ...retiring('retiring the saving'),
  }
}

interface SavingForm {
  name: string
  owner: string
  fy: number
  amount: { pence: bigint }
  recurring: boolean
  confidence: 'green' | 'amber' | 'red'
  delivered: boolean
  delivered_line: string | null
  delivered_fy: number | null
  source: string | null
  note: string | null
  retire: boolean
  reason: string | null
}

/** A delivered saving names the line and year it came off, no earlier than it started; a saving is more than 0. */
function rules(v: Partial<SavingForm>): FieldError[] {
  const errors: FieldError[] = []
  if (v.amount && v.amount.pence <= 0n)
    errors.push({ field: 'amount', message: 'The saving a year must be more than £0' })
  if (v.delivered) {
    if (!v.delivered_line)
      errors.push({ field: 'delivered_line', message: 'Choose the budget line the delivered saving came off' })
    if (!v.delivered_fy) errors.push({ field: 'delivered_fy', message: 'Enter the year the delivered saving came off' })
    else if (v.fy && v.delivered_fy < v.fy)
      errors.push({
        field: 'delivered_fy',
        message: `The saving came off in ${fyLabel(v.delivered_fy)}, before it starts in ${fyLabel(v.fy)}: check the years`,
      })
  }
  return errors
}

const valuesOf = (f: SavingForm) => ({
  name: f.name,
  owner: f.owner,
  fy_start: f.fy,
  amount_pence: f.amount.pence.toString(),
  recurring: f.recurring,
  confidence: f.confidence,
  delivered: f.delivered,
  delivered_line_id: f.delivered ? Number(f.delivered_line) : null,
  delivered_fy: f.delivered ? f.delivered_fy : null,
  source: f.source,
  note: f.note,
})

/** A code for the address and the trail: the name's words and the year, made unique. */
async function newCode(db: Knex, name: string, fy: number): Promise<string> {
  const stem = `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'saving'
  }-${fy}`
  const taken = new Set(await savingCodes(db, stem))
  let code = stem
  for (let i = 2; taken.has(code); i++) code = `${stem}-${i}`
  return code
}

async function save(db: Knex, viewer: Viewer, input: { id: number | null; body: FormBody }) {
  const who = editorOf(viewer, 'change the savings register')
  return db.transaction(async (trx) => {
    const s = await load(trx, input.id)
    const f =
      s.saving === null
        ? (parseForm(fields(s), input.body, rules) as SavingForm)
        : (parseForm({ ...fields(s), version }, input.body, (v) => [
            ...rules(v as Partial<SavingForm>),
            ...retireRule('retiring the saving')(v),
          ]) as SavingForm & { version: number })
    if (s.saving === null) {
      if (f.retire) throw new ValidationError([{ field: 'retire', message: 'A new saving cannot be retired' }])
      await createRecord(trx, specs.savings, {
        who,
        values: { code: await newCode(trx, f.name, f.fy), ...valuesOf(f) },
        reason: f.reason,
      })
      return { to: '/mtfp/savings', message: `${f.name} added to the savings register.` }
    }
    const { changed } = await updateRecord(trx, specs.savings, {
      who,
      id: s.saving.id,
      version: (f as SavingForm & { version: number }).version,
      before: { ...s.saving },
      values: valuesOf(f),
      reason: f.reason,
      ...(f.retire ? { retire: f.reason ?? '' } : {}),
    })
    const outcome = f.retire ? 'retired' : changed ? 'saved' : 'unchanged: nothing to save'
    return { to: '/mtfp/savings', message: `${f.name} ${outcome}.` }
  })
}

export function savingsAdminService(db: Knex) {
  return {
    load: (id: number | null) => load(db, id),
    save: (viewer: Viewer, id: number | null, body: FormBody) => save(db, viewer, { id, body }),
  }
}
