// Finance creates and edits a programme's cost lines with their budget for each financial year, in one form:
// one transaction, an audit row per changed field and amount, and a conflict if someone else saved first.
// Changing a published year's budget needs a reason, recorded in the audit trail.
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { parseMoney } from '../domain/parse-money'
import { formatMoney, fromPence } from '../domain/money'
import { writeAudit, type AuditEntry } from '../data/audit-repository'
import * as lines from '../data/line-repository'
import { findLiveByCode, insertReturningId } from '../data/versioned'
import { changes, editorOf, updateVersioned } from './edit-context'
import { choice, formVersion, optionalText, requiredText, text, type FormBody } from './forms'

const lineSchema = z.object({
  name: requiredText('the name of the cost line', 200),
  nature: choice('capital or revenue', ['capital', 'revenue'] as const),
  recurrence: choice('one-off or recurring', ['one_off', 'recurring'] as const),
  budget_owner: z.string({ error: 'Choose the budget owner' }).min(1, { error: 'Choose the budget owner' }),
  spend_type: z.string({ error: 'Choose the type of spend' }).min(1, { error: 'Choose the type of spend' }),
  funding_source: z.string().optional(),
  note: optionalText('the note', 2000),
  source_reference: optionalText('the source reference', 200),
  reason: optionalText('the reason', 500),
})

export interface Option {
  code: string
  name: string
  appliesTo?: string
}

export interface LineFormData {
  owners: Option[]
  spendTypes: Option[]
  fundingSources: Option[]
  years: { fyStart: number; status: string }[]
}

export interface LineRecord extends lines.LineForEditRow {
  amounts: Map<number, bigint>
}

type Db = Knex | Knex.Transaction

async function formData(db: Db): Promise<LineFormData> {
  const c = await lines.lineChoices(db)
  return { ...c, years: c.years.map((y) => ({ fyStart: Number(y.fy_start), status: y.status })) }
}

async function loadLine(db: Db, id: number): Promise<LineRecord> {
  const row = await lines.findLineForEdit(db, id)
  if (!row) throw new NotFoundError(`A cost line numbered ${id}`)
  const amounts = await lines.lineAmounts(db, id)
  return {
    ...row,
    id: Number(row.id),
    programme_id: Number(row.programme_id),
    version: Number(row.version),
    amounts: new Map(amounts.map((a) => [Number(a.fy_start), BigInt(a.amount_pence)])),
  }
}

interface ParsedLine {
  /** What each typed amount was read as, by field id, to say back to the user. */
  understood: Record<string, string>
  values: z.output<typeof lineSchema>
  ids: { budget_owner_id: number; spend_type_id: number; funding_source_id: number | null }
  amounts: Map<number, bigint | null>
}

/** Checks the form against the reference data and reads each year's amount; throws every problem at once. */
async function parseLine(db: Db, body: FormBody, data: LineFormData): Promise<ParsedLine> {
  const errors: FieldError[] = []
  const result = lineSchema.safeParse(body)
  if (!result.success) errors.push(...result.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })))
  const owner = data.owners.find((o) => o.code === text(body, 'budget_owner'))
  const type = data.spendTypes.find((t) => t.code === text(body, 'spend_type'))
  const fundingCode = text(body, 'funding_source')
  const funding = fundingCode ? data.fundingSources.find((f) => f.code === fundingCode) : null
  if (text(body, 'budget_owner') && !owner) errors.push({ field: 'budget_owner', message: 'Choose a budget owner from the list' })
  if (text(body, 'spend_type') && !type) errors.push({ field: 'spend_type', message: 'Choose a type of spend from the list' })
  if (fundingCode && !funding) errors.push({ field: 'funding_source', message: 'Choose a funding source from the list' })
  const nature = text(body, 'nature')
  if (type && (nature === 'capital' || nature === 'revenue') && type.appliesTo !== nature) {
    errors.push({ field: 'spend_type', message: `${type.name} is a type of ${type.appliesTo} spend: choose a ${nature} type, or change capital or revenue` })
  }
  const amounts = new Map<number, bigint | null>()
  const understood: Record<string, string> = {}
  for (const y of data.years) {
    const field = `amount_${y.fyStart}`
    const typed = text(body, field)
    if (typed.trim() === '') {
      amounts.set(y.fyStart, null)
      continue
    }
    const reading = parseMoney(typed, { allowNegative: type?.code === 'income' })
    if (reading.ok) {
      amounts.set(y.fyStart, reading.pence)
      understood[field] = reading.understood
    } else errors.push({ field, message: `The ${fyLabel(y.fyStart)} budget ${reading.problem}` })
  }
  if (errors.length > 0 || !result.success || !owner || !type) throw new ValidationError(errors, understood)
  const [ownerId, typeId, fundingId] = await Promise.all([
    lines.idByCode(db, 'budget_owners', owner.code),
    lines.idByCode(db, 'spend_types', type.code),
    funding ? lines.idByCode(db, 'funding_sources', funding.code) : Promise.resolve(null),
  ])
  return {
    understood,
    values: result.data,
    ids: {
      budget_owner_id: ownerId,
      spend_type_id: typeId,
      funding_source_id: fundingId,
    },
    amounts,
  }
}

const pounds = (p: bigint | null | undefined) => (p === null || p === undefined ? null : formatMoney(fromPence(p), 'pence'))

/** Writes the amounts that changed and returns their audit rows; a published year's change needs a reason. */
async function saveAmounts(
  trx: Knex.Transaction,
  line: { id: number; programmeId: number },
  before: Map<number, bigint>,
  after: Map<number, bigint | null>,
  context: { who: { actor: string; userId: number }; years: LineFormData['years']; reason: string | null; understood: Record<string, string> },
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = []
  const published = new Set(context.years.filter((y) => y.status === 'published').map((y) => y.fyStart))
  const changedPublished: number[] = []
  for (const [fy, pence] of after) {
    const old = before.get(fy) ?? null
    if (old === pence) continue
    if (published.has(fy)) changedPublished.push(fy)
    await lines.setAmount(trx, line.id, fy, pence, old)
    entries.push({
      ...context.who,
      action: old === null ? 'create' : 'update',
      table: 'budget_amounts',
      rowId: `${line.id}:${fy}`,
      programmeId: line.programmeId,
      field: `budget ${fyLabel(fy)}`,
      from: pounds(old),
      to: pounds(pence),
      reason: context.reason,
    })
  }
  if (changedPublished.length > 0 && !context.reason) {
    const years = changedPublished.map(fyLabel).join(', ')
    throw new ValidationError([{ field: 'reason', message: `Give a reason for changing the budget of ${years}: it is published` }], context.understood)
  }
  return entries
}

export interface SavedLine {
  id: number
  programmeCode: string
  /** Says back what was saved, e.g. "Cost line “Cameras” saved: 2019/20 £45,000.00; 2020/21 £12,000.00". */
  message: string
}

function savedMessage(name: string, years: LineFormData['years'], understood: Record<string, string>): string {
  const parts = years.filter((y) => understood[`amount_${y.fyStart}`]).map((y) => `${fyLabel(y.fyStart)} ${understood[`amount_${y.fyStart}`] ?? ''}`)
  return `Cost line “${name}” saved${parts.length > 0 ? `: ${parts.join('; ')}` : ' with no budget'}.`
}

export function lineAdminService(db: Knex) {
  return {
    formData: () => formData(db),
    load: (id: number) => loadLine(db, id),

    async create(viewer: Viewer, programmeCode: string, body: FormBody): Promise<SavedLine> {
      const who = editorOf(viewer, 'add cost lines')
      return db.transaction(async (trx) => {
        const programme = await findLiveByCode<{ id: number }>(trx, 'programmes', programmeCode, ['id'])
        if (!programme) throw new NotFoundError(`A programme with the code "${programmeCode}"`)
        const programmeId = Number(programme.id)
        const data = await formData(trx)
        const parsed = await parseLine(trx, body, data)
        const values = {
          name: parsed.values.name,
          programme_id: programmeId,
          nature: parsed.values.nature,
          recurrence: parsed.values.recurrence,
          ...parsed.ids,
          note: parsed.values.note,
          source_reference: parsed.values.source_reference,
          illustrative: false,
        }
        const id = await insertReturningId(trx, 'budget_lines', values)
        const audit = changes(who, { action: 'create', table: 'budget_lines', rowId: id, programmeId }, null, values)
        audit.push(...(await saveAmounts(trx, { id, programmeId }, new Map(), parsed.amounts, { who, years: data.years, reason: parsed.values.reason, understood: parsed.understood })))
        await writeAudit(trx, audit)
        return { id, programmeCode: programmeCode.toUpperCase(), message: savedMessage(parsed.values.name, data.years, parsed.understood) }
      })
    },

    /** Retire a line (never delete it). A line with actual spend cannot be retired: its spend would vanish. */
    async retire(viewer: Viewer, id: number, body: FormBody): Promise<SavedLine> {
      const who = editorOf(viewer, 'retire cost lines')
      const reason = text(body, 'retire_reason').trim()
      const versionOpened = formVersion(body)
      return db.transaction(async (trx) => {
        const before = await loadLine(trx, id)
        const errors: FieldError[] = []
        if (!reason) errors.push({ field: 'retire_reason', message: 'Enter the reason for retiring the cost line' })
        if (await lines.hasSpend(trx, id)) {
          errors.push({ field: 'retire_reason', message: `“${before.name}” has actual spend posted to it, so it cannot be retired: the spend would disappear from the totals` })
        }
        if (errors.length > 0) throw new ValidationError(errors)
        await updateVersioned(trx, 'budget_lines', id, versionOpened, { retired_at: trx.fn.now() }, { what: `The cost line "${before.name}"`, current: { name: before.name } })
        await writeAudit(trx, [{ ...who, action: 'retire', table: 'budget_lines', rowId: id, programmeId: before.programme_id, field: 'retired_at', from: null, to: 'retired', reason }])
        return { id, programmeCode: before.programme_code, message: `Cost line “${before.name}” retired.` }
      })
    },

    async update(viewer: Viewer, id: number, body: FormBody): Promise<SavedLine> {
      const who = editorOf(viewer, 'change cost lines')
      const versionOpened = formVersion(body)
      return db.transaction(async (trx) => {
        const before = await loadLine(trx, id)
        const data = await formData(trx)
        const parsed = await parseLine(trx, body, data)
        const values = {
          name: parsed.values.name,
          nature: parsed.values.nature,
          recurrence: parsed.values.recurrence,
          ...parsed.ids,
          note: parsed.values.note,
          source_reference: parsed.values.source_reference,
        }
        const current = { name: before.name, nature: before.nature, recurrence: before.recurrence, budget_owner: before.budget_owner, spend_type: before.spend_type }
        for (const [fy, p] of before.amounts) Object.assign(current, { [`amount_${fy}`]: formatMoney(fromPence(p), 'pence') })
        await updateVersioned(trx, 'budget_lines', id, versionOpened, values, { what: `The cost line "${before.name}"`, current })
        const previous = { name: before.name, nature: before.nature, recurrence: before.recurrence, note: before.note, source_reference: before.source_reference }
        const audit = changes(who, { action: 'update', table: 'budget_lines', rowId: id, programmeId: before.programme_id, reason: parsed.values.reason }, previous, {
          name: values.name,
          nature: values.nature,
          recurrence: values.recurrence,
          note: values.note,
          source_reference: values.source_reference,
        })
        for (const [field, was, now] of [
          ['budget owner', before.budget_owner, text(body, 'budget_owner')],
          ['type of spend', before.spend_type, text(body, 'spend_type')],
          ['funding source', before.funding_source ?? '', text(body, 'funding_source')],
        ] as const) {
          if (was !== now) audit.push({ ...who, action: 'update', table: 'budget_lines', rowId: id, programmeId: before.programme_id, field, from: was || null, to: now || null, reason: parsed.values.reason })
        }
        audit.push(...(await saveAmounts(trx, { id, programmeId: before.programme_id }, before.amounts, parsed.amounts, { who, years: data.years, reason: parsed.values.reason, understood: parsed.understood })))
        await writeAudit(trx, audit)
        return { id, programmeCode: before.programme_code, message: savedMessage(parsed.values.name, data.years, parsed.understood) }
      })
    },
  }
}
