// Finance creates and edits a programme's cost lines with their budget for each financial year, in one form:
// one transaction, an audit row per changed field and amount, and a conflict if someone else saved first.
// Changing a published year's budget needs a reason, recorded in the audit trail.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError } from '../domain/errors'
import { fyLabel, isLockedYear } from '../domain/financial-year'
import * as lines from '../data/line-repository'
import { frozenYears, yearLock } from '../data/year-repository'
import { aboveDecisionWarning, lineBudgetWarnings } from '../domain/plausibility'
import { findLiveByCode } from '../data/versioned'
import { createRecord, retireRecord, updateRecord, type ChildSet } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import {
  choice,
  confirmed,
  oneOf,
  optionalMoney,
  optionalText,
  parseForm,
  requiredText,
  retireReason,
  version,
  withConfirmation,
  type FormBody,
  type Money,
} from './forms'
import { codesOf, NATURE_WORDS, RECURRENCE_WORDS } from '../domain/words'

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
    programme_id: row.programme_id === null ? null : Number(row.programme_id),
    version: Number(row.version),
    amounts: new Map(amounts.map((a) => [Number(a.fy_start), BigInt(a.amount_pence)])),
  }
}

interface ParsedLine {
  /** What each typed amount was read as, by field id, to say back to the user. */
  understood: Record<string, string>
  values: {
    name: string
    nature: 'capital' | 'revenue'
    recurrence: 'one_off' | 'recurring'
    note: string | null
    source_reference: string | null
    reason: string | null
  }
  ids: { budget_owner_id: number; spend_type_id: number; funding_source_id: number | null }
  amounts: Map<number, bigint | null>
}

function lineFields(data: LineFormData, body: FormBody) {
  // An income line's budget is negative by nature; every other line's is not.
  const income = body.spend_type === 'income'
  const amounts = Object.fromEntries(
    data.years.map((y) => [
      `amount_${y.fyStart}`,
      optionalMoney(`The ${fyLabel(y.fyStart)} budget`, { allowNegative: income }),
    ]),
  )
  return {
    name: requiredText('the name of the cost line', 200),
    nature: choice('capital or revenue', codesOf(NATURE_WORDS)),
    recurrence: choice('one-off or recurring', codesOf(RECURRENCE_WORDS)),
    budget_owner: oneOf(
      data.owners.map((o) => o.code),
      'Choose a budget owner from the list',
      { missing: 'Choose the budget owner' },
    ),
    spend_type: oneOf(
      data.spendTypes.map((t) => t.code),
      'Choose a type of spend from the list',
      { missing: 'Choose the type of spend' },
    ),
    funding_source: oneOf(
      data.fundingSources.map((f) => f.code),
      'Choose a funding source from the list',
      { optional: true },
    ),
    note: optionalText('the note', 2000),
    source_reference: optionalText('the source reference', 200),
    reason: optionalText('the reason', 500),
    ...amounts,
  }
}

/** An income line's budget is negative (income reduces spending): a positive amount would count as spending. */
function positiveIncome(values: Record<string, unknown>, years: LineFormData['years']) {
  return years
    .map((y) => ({ fy: y.fyStart, amount: values[`amount_${y.fyStart}`] as Money | null | undefined }))
    .filter((y) => y.amount && y.amount.pence > 0n)
    .map((y) => ({
      field: `amount_${y.fy}`,
      message: `The ${fyLabel(y.fy)} budget of an income line is entered as a negative amount (income reduces spending): enter −${y.amount?.understood ?? ''} for ${y.amount?.understood ?? ''} of income`,
    }))
}

/** Checks the form against the reference data and reads each year's amount; throws every problem at once. */
async function parseLine(db: Db, body: FormBody, data: LineFormData): Promise<ParsedLine> {
  const fields = lineFields(data, body)
  const input = parseForm(fields, body, (v) => {
    const type = data.spendTypes.find((t) => t.code === v.spend_type)
    if (v.spend_type === 'income') return positiveIncome(v, data.years)
    return type && type.appliesTo !== v.nature
      ? [
          {
            field: 'spend_type',
            message: `${type.name} is a type of ${type.appliesTo ?? ''} spend: choose a ${v.nature} type, or change capital or revenue`,
          },
        ]
      : []
  })
  const amounts = new Map<number, bigint | null>()
  const understood: Record<string, string> = {}
  for (const y of data.years) {
    const reading = (input as Record<string, unknown>)[`amount_${y.fyStart}`] as Money | null
    amounts.set(y.fyStart, reading?.pence ?? null)
    if (reading) understood[`amount_${y.fyStart}`] = reading.understood
  }
  const [ownerId, typeId, fundingId] = await Promise.all([
    lines.idByCode(db, 'owner', input.budget_owner ?? ''),
    lines.idByCode(db, 'spendType', input.spend_type ?? ''),
    input.funding_source ? lines.idByCode(db, 'fundingSource', input.funding_source) : Promise.resolve(null),
  ])
  const { name, nature, recurrence, note, source_reference, reason } = input
  return {
    understood,
    values: { name, nature, recurrence, note, source_reference, reason },
    ids: { budget_owner_id: ownerId, spend_type_id: typeId, funding_source_id: fundingId },
    amounts,
  }
}

/** The years whose budget would change; a published year's change needs a reason (refused without one). */
function checkPublishedReason(
  before: Map<number, bigint>,
  after: Map<number, bigint | null>,
  context: { years: LineFormData['years']; reason: string | null; understood: Record<string, string> },
): void {
  const published = new Set(context.years.filter((y) => y.status === 'published').map((y) => y.fyStart))
  const changed = [...after]
    .filter(([fy, pence]) => published.has(fy) && (before.get(fy) ?? null) !== pence)
    .map(([fy]) => fy)
  if (changed.length > 0 && !context.reason) {
    throw new ValidationError(
      [
        {
          field: 'reason',
          message: `Give a reason for changing the budget of ${changed.map(fyLabel).join(', ')}: it is published`,
        },
      ],
      context.understood,
    )
  }
}

/** A year whose original budget is frozen moves only by approved budget changes: the line form refuses it. */
async function refuseFrozen(db: Db, changedYears: number[], understood: Record<string, string>): Promise<void> {
  const frozen = await frozenYears(db)
  const refused = changedYears.filter((fy) => frozen.has(fy))
  if (refused.length > 0)
    throw new ValidationError(
      refused.map((fy) => ({
        field: `amount_${fy}`,
        message: `${fyLabel(fy)}'s original budget is frozen: its budget moves only by an approved budget change (ask for one under Changes)`,
      })),
      understood,
    )
}

/** The rules a change to a line's budget must pass before anything is written: a published year's change needs a
 * reason; a closed year's budget is locked; unusual amounts need the user's "I have checked these figures". Returns
 * the reason to record (with what the user confirmed). */
async function checkLineChange(
  db: Db,
  change: {
    lineId: number | null
    /** Null for a capital scheme not tagged to a programme: no programme decision to compare with. */
    programmeId: number | null
    before: Map<number, bigint>
    parsed: ParsedLine
    data: LineFormData
    body: FormBody
  },
): Promise<string | null> {
  const { before, parsed, data } = change
  const { understood } = parsed
  checkPublishedReason(before, parsed.amounts, { years: data.years, reason: parsed.values.reason, understood })
  const changedYears = [...parsed.amounts].filter(([fy, p]) => (before.get(fy) ?? null) !== p).map(([fy]) => fy)
  await refuseFrozen(db, changedYears, understood)
  const closed: number[] = []
  for (const fy of changedYears) {
    const lock = await yearLock(db, fy)
    if (isLockedYear(lock.posted, lock.reopened)) closed.push(fy)
  }
  if (closed.length > 0) {
    const locked = closed.map((fy) => ({
      field: `amount_${fy}`,
      message: `${fyLabel(fy)} is closed (its ledger is posted to P12): its budget is locked unless an administrator reopens the year`,
    }))
    throw new ValidationError(locked, understood)
  }
  const years = [...new Set([...before.keys(), ...parsed.amounts.keys()])].map((fy) => ({
    fyStart: fy,
    field: `amount_${fy}`,
    pence: parsed.amounts.has(fy) ? (parsed.amounts.get(fy) ?? null) : (before.get(fy) ?? null),
    before: before.get(fy) ?? null,
  }))
  const total = (ps: (bigint | null)[]) => ps.reduce<bigint>((a, p) => a + (p ?? 0n), 0n)
  const [was, now] = [total(years.map((y) => y.before)), total(years.map((y) => y.pence))]
  const warnings = lineBudgetWarnings(years)
  if (now > was && changedYears.length > 0 && change.programmeId !== null) {
    const t = await lines.programmeTotals(db, { programmeId: change.programmeId, excludeLineId: change.lineId })
    warnings.push(
      ...aboveDecisionWarning({
        field: `amount_${changedYears[0] ?? ''}`,
        programmeBudget: t.others + now,
        committed: t.committed,
      }),
    )
  }
  return withConfirmation(parsed.values.reason, confirmed(change.body, warnings, understood))
}

/** The line's budget by year as the form wants it: years left blank have none; years the form does not show are kept. */
function amountRows(
  before: Map<number, bigint>,
  after: Map<number, bigint | null>,
): { fy_start: number; amount_pence: string }[] {
  const all = new Map<number, bigint | null>([...before, ...after])
  return [...all]
    .filter((e): e is [number, bigint] => e[1] !== null)
    .map(([fy, pence]) => ({ fy_start: fy, amount_pence: pence.toString() }))
}

export interface SavedLine {
  id: number
  /** Null for a capital scheme not tagged to a programme. */
  programmeCode: string | null
  /** Says back what was saved, e.g. "Cost line “Cameras” saved: 2019/20 £45,000.00; 2020/21 £12,000.00". */
  message: string
}

function savedMessage(name: string, years: LineFormData['years'], understood: Record<string, string>): string {
  const parts = years
    .filter((y) => understood[`amount_${y.fyStart}`])
    .map((y) => `${fyLabel(y.fyStart)} ${understood[`amount_${y.fyStart}`] ?? ''}`)
  return `Cost line “${name}” saved${parts.length > 0 ? `: ${parts.join('; ')}` : ' with no budget'}.`
}

/** The programme a new line is added to; null for a scheme of the capital programme not tagged to one. */
async function programmeIdOf(db: Db, programmeCode: string | null): Promise<number | null> {
  if (programmeCode === null) return null
  const programme = await findLiveByCode<{ id: number }>(db, specs.programmes, programmeCode)
  if (!programme) throw new NotFoundError(`A programme with the code "${programmeCode}"`)
  return Number(programme.id)
}

/** A line outside every programme is added only as a scheme of the capital programme. */
function capitalOnly(parsed: ParsedLine): void {
  if (parsed.values.nature !== 'capital')
    throw new ValidationError(
      [
        {
          field: 'nature',
          message:
            'A scheme added to the capital programme is capital: choose capital, or add a revenue line to its programme',
        },
      ],
      parsed.understood,
    )
}

/** Adds a cost line to a programme, or a capital scheme not tagged to a programme (programmeCode null), with its
 * budget by year. */
async function createLine(
  db: Knex,
  viewer: Viewer,
  input: { programmeCode: string | null; body: FormBody },
): Promise<SavedLine> {
  const { programmeCode, body } = input
  const who = editorOf(viewer, 'add cost lines')
  return db.transaction(async (trx) => {
    const programmeId = await programmeIdOf(trx, programmeCode)
    const data = await formData(trx)
    const parsed = await parseLine(trx, body, data)
    if (programmeId === null) capitalOnly(parsed)
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
    const reason = await checkLineChange(trx, { lineId: null, programmeId, before: new Map(), parsed, data, body })
    const amounts = (lineId: string): ChildSet => ({
      spec: specs.budgetAmounts,
      scope: { budget_line_id: Number(lineId) },
      rows: amountRows(new Map(), parsed.amounts),
    })
    const id = Number(
      await createRecord(trx, specs.budgetLines, {
        who,
        values,
        reason,
        children: (lineId) => [amounts(lineId)],
      }),
    )
    return {
      id,
      programmeCode: programmeCode?.toUpperCase() ?? null,
      message: savedMessage(parsed.values.name, data.years, parsed.understood),
    }
  })
}

/** Changes a cost line and its budget by year; a published year's change needs a reason. */
async function updateLine(db: Knex, viewer: Viewer, input: { id: number; body: FormBody }): Promise<SavedLine> {
  const { id, body } = input
  const who = editorOf(viewer, 'change cost lines')
  const versionOpened = parseForm({ version }, body).version
  return db.transaction(async (trx) => {
    const before = await loadLine(trx, id)
    const data = await formData(trx)
    const parsed = await parseLine(trx, body, data)
    // A capital scheme outside every programme stays capital: as revenue it would leave the capital programme.
    if (before.programme_id === null && before.nature === 'capital') capitalOnly(parsed)
    const values = {
      name: parsed.values.name,
      nature: parsed.values.nature,
      recurrence: parsed.values.recurrence,
      ...parsed.ids,
      note: parsed.values.note,
      source_reference: parsed.values.source_reference,
    }
    const reason = await checkLineChange(trx, {
      lineId: id,
      programmeId: before.programme_id,
      before: before.amounts,
      parsed,
      data,
      body,
    })
    const children = [
      {
        spec: specs.budgetAmounts,
        scope: { budget_line_id: id },
        rows: amountRows(before.amounts, parsed.amounts),
      },
    ]
    const { changed } = await updateRecord(trx, specs.budgetLines, {
      who,
      id,
      version: versionOpened,
      values,
      before: { ...before },
      children,
      reason,
    })
    const message = changed
      ? savedMessage(parsed.values.name, data.years, parsed.understood)
      : `Cost line “${before.name}” unchanged: nothing to save.`
    return { id, programmeCode: before.programme_code, message }
  })
}

export function lineAdminService(db: Knex) {
  return {
    formData: () => formData(db),
    load: (id: number) => loadLine(db, id),

    create: (viewer: Viewer, programmeCode: string | null, body: FormBody): Promise<SavedLine> =>
      createLine(db, viewer, { programmeCode, body }),

    /** Retire a line (never delete it). A line with actual spend cannot be retired: its spend would vanish. */
    async retire(viewer: Viewer, id: number, body: FormBody): Promise<SavedLine> {
      const who = editorOf(viewer, 'retire cost lines')
      const input = parseForm({ version, retire_reason: retireReason('retiring the cost line') }, body)
      return db.transaction(async (trx) => {
        const before = await loadLine(trx, id)
        if (await lines.hasSpend(trx, id)) {
          throw new ValidationError([
            {
              field: 'retire_reason',
              message: `“${before.name}” has actual spend posted to it, so it cannot be retired: the spend would disappear from the totals`,
            },
          ])
        }
        await retireRecord(trx, specs.budgetLines, {
          who,
          id,
          version: input.version,
          reason: input.retire_reason,
          before: { ...before },
        })
        return { id, programmeCode: before.programme_code, message: `Cost line “${before.name}” retired.` }
      })
    },

    update: (viewer: Viewer, id: number, body: FormBody): Promise<SavedLine> => updateLine(db, viewer, { id, body }),
  }
}
