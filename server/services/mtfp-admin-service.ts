// Finance changes the plan (issue #10) on the record path: each save one transaction with an audit row a changed cell
// and the version checked. A plan line's amount a year is published (with its source: required) or an assumption; a
// grant's is provisional or final. Changing an adopted plan returns it to draft (audited): it must be adopted again. A
// superseded plan is the record of what was agreed and is not changed. Adoption is refused while the budget year has
// a gap, naming the amount (LGFA 1992 s.42A). Rolling an adopted plan forward copies its later years, its lines and
// its workforce as the next year's draft plan, and marks the old one superseded.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, fySlug, parseFy } from '../domain/financial-year'
import { adoptionRefusal, type PlanLineKind } from '../domain/mtfp'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import type { Warning } from '../domain/plausibility'
import { createRecord, updateRecord, type ChildSet } from '../data/records'
import * as specs from '../data/record-specs'
import {
  findLine,
  listPlans,
  planLines,
  workforce,
  type PlanAmountRow,
  type PlanLineRow,
  type PlanRow,
} from '../data/mtfp-repository'
import { editorOf } from './edit-context'
import { builtPlan } from './mtfp-service'
import {
  choice,
  confirmed,
  money,
  optionalMoney,
  optionalText,
  parseForm,
  requiredText,
  version,
  withConfirmation,
  yesNo,
  type FormBody,
  type FormFields,
} from './forms'

export const LINE_KIND_WORDS: Record<PlanLineKind, string> = {
  grant: 'Grant',
  precept: 'Precept income',
  collection_fund: 'Collection fund surplus (deficit)',
  local_income: 'Local income',
  non_pay_inflation: 'Non-pay inflation',
  capital_financing: 'Capital financing costs',
  growth: 'Growth (a pressure or new spending)',
}

/** The kinds finance may add a line of (precept, collection fund and local income are one line each). */
export const ADDABLE_KINDS = ['grant', 'growth', 'non_pay_inflation', 'capital_financing'] as const

/** Above this a plan amount is checked: the largest police forces' whole budgets are a few £bn. */
const LARGEST_PLAUSIBLE_PENCE = 100_000_000_000n // £1bn
/** A funding line that moves by more than this share from one year to the next is checked. */
const LARGEST_PLAUSIBLE_STEP = 0.25

async function planById(db: Knex, id: number): Promise<PlanRow> {
  const plan = (await listPlans(db)).find((p) => p.id === id)
  if (!plan) throw new NotFoundError(`A plan numbered ${id}`)
  return plan
}

export async function planBySlug(db: Knex, slug: string): Promise<PlanRow> {
  const fy = parseFy(slug)
  const plans = await listPlans(db)
  const plan = fy === null ? undefined : plans.find((p) => p.first_fy === fy)
  if (!plan) throw new NotFoundError(`A plan starting in “${slug}”`)
  return plan
}

/** A superseded plan is the record of what was agreed: it is not changed. */
export function refuseSuperseded(plan: PlanRow): void {
  if (plan.status === 'superseded')
    throw new ValidationError([
      {
        field: 'form',
        message: `The plan from ${fyLabel(plan.first_fy)} has been superseded by a later plan: it is kept as it was agreed. Change the latest plan instead.`,
      },
    ])
}

/** A change to an adopted plan makes it a draft again, in the same transaction and trail. */
export async function backToDraft(
  trx: Knex.Transaction,
  who: ReturnType<typeof editorOf>,
  plan: PlanRow,
): Promise<void> {
  if (plan.status !== 'adopted') return
  await updateRecord(trx, specs.mtfpPlans, {
    who,
    id: plan.id,
    version: plan.version,
    before: { ...plan },
    values: { status: 'draft' },
    reason: 'The adopted plan was changed: it must be adopted again',
  })
}

/** The years a line's form offers: the plan's years and one more, so a year can be added at the end. */
export function formYears(plan: PlanRow, amounts: PlanAmountRow[]): number[] {
  const last = Math.max(plan.first_fy + 3, ...amounts.map((a) => a.fy_start))
  return Array.from({ length: last - plan.first_fy + 2 }, (_, i) => plan.first_fy + i)
}

export interface LineForEdit {
  plan: PlanRow
  line: PlanLineRow | null
  kind: PlanLineKind
  amounts: PlanAmountRow[]
  years: number[]
}

async function loadLine(db: Knex, id: number): Promise<LineForEdit> {
  const line = await findLine(db, id)
  if (!line) throw new NotFoundError(`A plan line numbered ${id}`)
  const plan = await planById(db, line.plan_id)
  const { amounts } = await planLines(db, plan.id)
  const own = amounts.filter((a) => a.line_id === id)
  return { plan, line, kind: line.kind, amounts: own, years: formYears(plan, own) }
}

async function loadNewLine(db: Knex, slug: string, kind: string): Promise<LineForEdit> {
  const plan = await planBySlug(db, slug)
  const chosen = (ADDABLE_KINDS as readonly string[]).includes(kind) ? (kind as PlanLineKind) : 'grant'
  return { plan, line: null, kind: chosen, amounts: [], years: formYears(plan, []) }
}

/** The form's values as the line stands. */
export function lineFormValues(l: LineForEdit): Record<string, string> {
  const values: Record<string, string> = {
    version: String(l.line?.version ?? ''),
    kind: l.kind,
    name: l.line?.name ?? '',
    one_off: l.line?.one_off ? 'yes' : 'no',
    note: l.line?.note ?? '',
  }
  for (const a of l.amounts) {
    values[`amount_${a.fy_start}`] = fromPence(a.amount_pence).toFixed(2)
    values[`basis_${a.fy_start}`] = a.basis
    values[`source_${a.fy_start}`] = a.source ?? ''
    values[`status_${a.fy_start}`] = a.status ?? ''
  }
  for (const fy of l.years) {
    values[`basis_${fy}`] ??= 'assumption'
    if (l.kind === 'grant') values[`status_${fy}`] ||= 'provisional'
  }
  return values
}

function yearFields(l: LineForEdit, kind: PlanLineKind): FormFields {
  const negative = !['grant', 'precept', 'local_income'].includes(kind)
  const fields: FormFields = {}
  for (const fy of l.years) {
    const year = fyLabel(fy)
    fields[`amount_${fy}`] = optionalMoney(`The amount in ${year}`, { allowNegative: negative })
    fields[`basis_${fy}`] = choice(`whether the ${year} figure is published or an assumption`, [
      'published',
      'assumption',
    ])
    fields[`source_${fy}`] = optionalText(`the source of the ${year} figure`, 500)
    if (kind === 'grant')
      fields[`status_${fy}`] = choice(`whether the ${year} grant is provisional or final`, ['provisional', 'final'])
  }
  return fields
}

interface YearAmount {
  fy: number
  pence: bigint
  basis: 'published' | 'assumption'
  source: string | null
  status: 'provisional' | 'final' | null
}

/** A published figure needs its source (checked with the other fields, so every problem is named at once). */
function sourceRule(l: LineForEdit) {
  return (form: Record<string, unknown>): FieldError[] =>
    l.years
      .filter((fy) => form[`amount_${fy}`] && form[`basis_${fy}`] === 'published' && !form[`source_${fy}`])
      .map((fy) => ({ field: `source_${fy}`, message: `Enter the source of the published ${fyLabel(fy)} figure` }))
}

/** Each year's amount as typed (a blank amount is no figure for that year). */
function readYears(l: LineForEdit, kind: PlanLineKind, form: Record<string, unknown>): YearAmount[] {
  const years: YearAmount[] = []
  for (const fy of l.years) {
    const amount = form[`amount_${fy}`] as { pence: bigint } | null
    if (amount === null) continue
    years.push({
      fy,
      pence: amount.pence,
      basis: form[`basis_${fy}`] as 'published' | 'assumption',
      source: form[`source_${fy}`] as string | null,
      status: kind === 'grant' ? (form[`status_${fy}`] as 'provisional' | 'final') : null,
    })
  }
  if (years.length === 0)
    throw new ValidationError([
      { field: `amount_${l.years[0] ?? 0}`, message: 'Enter an amount for at least one year' },
    ])
  return years
}

/** Unusual but possible: an amount above £1bn; a funding line moving by more than a quarter in a year. */
function amountWarnings(kind: PlanLineKind, years: YearAmount[], before: PlanAmountRow[]): Warning[] {
  const warnings: Warning[] = []
  const was = (fy: number) => before.find((b) => b.fy_start === fy)?.amount_pence
  years.forEach((y, i) => {
    if (was(y.fy) === y.pence.toString()) return
    const abs = y.pence < 0n ? -y.pence : y.pence
    if (abs > LARGEST_PLAUSIBLE_PENCE)
      warnings.push({
        field: `amount_${y.fy}`,
        message: `The ${fyLabel(y.fy)} amount of ${formatMoney(fromPence(y.pence), 'pence')} is more than £1bn: check it is not a slip of the keyboard`,
      })
    const previous = years[i - 1]
    if (
      ['grant', 'precept', 'local_income'].includes(kind) &&
      previous &&
      previous.fy === y.fy - 1 &&
      previous.pence > 0n
    ) {
      const step = fromPence(y.pence).minus(fromPence(previous.pence)).dividedBy(fromPence(previous.pence)).abs()
      if (step.greaterThan(LARGEST_PLAUSIBLE_STEP))
        warnings.push({
          field: `amount_${y.fy}`,
          message: `The ${fyLabel(y.fy)} amount of ${formatMoney(fromPence(y.pence), 'pence')} is ${step.times(100).toFixed(0)}% away from ${fyLabel(previous.fy)}'s ${formatMoney(fromPence(previous.pence), 'pence')}: check it`,
        })
    }
  })
  return warnings
}

function lineFields(l: LineForEdit, kind: PlanLineKind) {
  return {
    name: requiredText('the name of the line', 200),
    one_off: yesNo,
    note: optionalText('the note', 1000),
    reason: optionalText('the reason', 500),
    ...yearFields(l, kind),
  }
}

/** The amounts to save: a year whose figures are unchanged keeps its illustrative mark; one typed anew loses it. */
const amountRows = (years: YearAmount[], before: PlanAmountRow[]) =>
  years.map((y) => {
    const was = before.find((b) => b.fy_start === y.fy)
    const same =
      was?.amount_pence === y.pence.toString() &&
      was.basis === y.basis &&
      (was.source ?? null) === y.source &&
      (was.status ?? null) === y.status
    return {
      fy_start: y.fy,
      amount_pence: y.pence.toString(),
      basis: y.basis,
      source: y.source,
      status: y.status,
      // A new year is not illustrative (the default, so not audited as typed).
      ...(was ? { illustrative: same ? was.illustrative : false } : {}),
    }
  })

/** The line's form read and checked: every problem named at once; unusual amounts to be confirmed. */
function readLineForm(l: LineForEdit, body: FormBody) {
  const fields = l.line === null ? lineFields(l, l.kind) : { version, ...lineFields(l, l.kind) }
  const form = parseForm(fields, body, sourceRule(l)) as Record<string, unknown> & {
    name: string
    one_off: boolean
    note: string | null
    reason: string | null
    version?: number
  }
  const years = readYears(l, l.kind, form)
  const confirmation = confirmed(body, amountWarnings(l.kind, years, l.amounts))
  return { form, years, reason: withConfirmation(form.reason, confirmation) }
}

async function saveLine(db: Knex, viewer: Viewer, input: { id: number | null; slug: string; body: FormBody }) {
  const who = editorOf(viewer, 'change the financial plan')
  return db.transaction(async (trx) => {
    const kindAsked = typeof input.body.kind === 'string' ? input.body.kind : ''
    const l = input.id === null ? await loadNewLine(trx, input.slug, kindAsked) : await loadLine(trx, input.id)
    refuseSuperseded(l.plan)
    if (input.id === null && !(ADDABLE_KINDS as readonly string[]).includes(kindAsked))
      throw new ValidationError([
        {
          field: 'kind',
          message: 'Choose whether the line is a grant, growth, non-pay inflation or capital financing costs',
        },
      ])
    const { form, years, reason } = readLineForm(l, input.body)
    const oneOff = l.kind === 'growth' && form.one_off
    if (l.line === null) {
      await createRecord(trx, specs.mtfpLines, {
        who,
        values: { plan_id: l.plan.id, kind: l.kind, name: form.name, one_off: oneOff, note: form.note, sort: 1000 },
        reason,
        children: (id) => [
          { spec: specs.mtfpAmounts, scope: { line_id: Number(id) }, rows: amountRows(years, l.amounts) },
        ],
      })
      await backToDraft(trx, who, l.plan)
      return { to: `/mtfp?plan=${fySlug(l.plan.first_fy)}`, message: `${form.name} added to the plan.` }
    }
    const children: ChildSet[] = [
      { spec: specs.mtfpAmounts, scope: { line_id: l.line.id }, rows: amountRows(years, l.amounts) },
    ]
    const { changed } = await updateRecord(trx, specs.mtfpLines, {
      who,
      id: l.line.id,
      version: form.version ?? null,
      before: { ...l.line },
      values: { name: form.name, one_off: oneOff, note: form.note },
      children,
      reason,
    })
    if (changed) await backToDraft(trx, who, l.plan)
    const to = `/mtfp?plan=${fySlug(l.plan.first_fy)}`
    return { to, message: changed ? `${form.name} saved.` : `${l.line.name} unchanged: nothing to save.` }
  })
}

/** Adopts a plan whose budget year balances to the penny; otherwise the refusal names the amount. */
async function adopt(db: Knex, viewer: Viewer, body: FormBody) {
  const who = editorOf(viewer, 'adopt the financial plan')
  return db.transaction(async (trx) => {
    const form = parseForm({ plan: requiredText('the plan', 10), version }, body)
    const plan = await planBySlug(trx, form.plan)
    refuseSuperseded(plan)
    if (plan.status === 'adopted')
      throw new ValidationError([
        { field: 'form', message: `The plan from ${fyLabel(plan.first_fy)} is already adopted` },
      ])
    const refusal = adoptionRefusal(await builtPlan(trx, plan))
    if (refusal) throw new ValidationError([{ field: 'form', message: refusal }])
    await updateRecord(trx, specs.mtfpPlans, {
      who,
      id: plan.id,
      version: form.version,
      before: { ...plan },
      values: { status: 'adopted', adopted_by: who.actor },
      stamps: { adopted_at: new Date().toISOString() },
    })
    return { to: `/mtfp?plan=${form.plan}`, message: `The plan from ${fyLabel(plan.first_fy)} is adopted.` }
  })
}

type Who = ReturnType<typeof editorOf>

/** Each line of the old plan with its amounts after its first year (a line with none is left behind). */
async function copyLines(
  trx: Knex.Transaction,
  who: Who,
  at: { old: PlanRow; planId: number; lines: PlanLineRow[]; amounts: PlanAmountRow[] },
): Promise<void> {
  const { old, planId, lines, amounts } = at
  const next = old.first_fy + 1
  for (const line of lines) {
    const later = amounts.filter((a) => a.line_id === line.id && a.fy_start >= next)
    if (later.length === 0) continue
    await createRecord(trx, specs.mtfpLines, {
      who,
      values: {
        plan_id: planId,
        kind: line.kind,
        name: line.name,
        one_off: line.one_off,
        note: line.note,
        sort: line.sort,
      },
      reason: `Rolled forward from the plan from ${fyLabel(old.first_fy)}`,
      children: (id) => [
        {
          spec: specs.mtfpAmounts,
          scope: { line_id: Number(id) },
          rows: later.map((a) => ({
            fy_start: a.fy_start,
            amount_pence: a.amount_pence,
            basis: a.basis,
            source: a.source,
            status: a.status,
            ...(a.illustrative ? { illustrative: true } : {}),
          })),
        },
      ],
    })
  }
}

/** Each workforce group, its average salary carried on by the base year's award, with its years from the old first. */
async function copyWorkforce(
  trx: Knex.Transaction,
  who: Who,
  at: { old: PlanRow; planId: number; staff: Awaited<ReturnType<typeof workforce>> },
): Promise<void> {
  const { old, planId, staff } = at
  for (const g of staff.groups) {
    const years = staff.years.filter((y) => y.group_id === g.id)
    const baseYear = years.find((y) => y.fy_start === old.first_fy - 1)
    const salary = fromPence(g.base_salary_pence)
      .times(new Decimal(baseYear?.award_percent ?? 0).dividedBy(100).plus(1))
      .times(100)
      .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    await createRecord(trx, specs.workforceGroups, {
      who,
      values: {
        plan_id: planId,
        code: g.code,
        name: g.name,
        base_salary_pence: salary.toFixed(0),
        sort: g.sort,
        source: g.source,
        ...(g.illustrative ? { illustrative: true } : {}),
      },
      reason: `Rolled forward from the plan from ${fyLabel(old.first_fy)}`,
      children: (id) => [
        {
          spec: specs.workforceYears,
          scope: { group_id: Number(id) },
          rows: years
            .filter((y) => y.fy_start >= old.first_fy)
            .map((y) => ({
              fy_start: y.fy_start,
              fte: y.fte,
              award_percent: y.award_percent,
              ni_percent: y.ni_percent,
              pension_percent: y.pension_percent,
              vacancy_percent: y.vacancy_percent,
              source: y.source,
              ...(y.illustrative ? { illustrative: true } : {}),
            })),
        },
      ],
    })
  }
}

/** Only the latest plan, adopted, rolls forward. */
async function refuseRoll(trx: Knex.Transaction, old: PlanRow): Promise<void> {
  const next = old.first_fy + 1
  if (old.status !== 'adopted')
    throw new ValidationError([
      {
        field: 'form',
        message: `Only an adopted plan is rolled forward: adopt the plan from ${fyLabel(old.first_fy)} first`,
      },
    ])
  if ((await listPlans(trx)).some((p) => p.first_fy >= next))
    throw new ValidationError([{ field: 'form', message: `A plan from ${fyLabel(next)} already exists` }])
}

/**
 * Rolls an adopted plan forward a year: a new draft plan from the next year, its base the old plan's first-year net
 * spending and local income; each line with its later years' amounts; each workforce group with its average salary
 * carried on by the base year's award, and its later years. The old plan is marked superseded. One transaction,
 * every row audited.
 */
async function rollForward(db: Knex, viewer: Viewer, body: FormBody) {
  const who = editorOf(viewer, 'roll the financial plan forward')
  return db.transaction(async (trx) => {
    const form = parseForm({ plan: requiredText('the plan', 10), version }, body)
    const old = await planBySlug(trx, form.plan)
    const next = old.first_fy + 1
    await refuseRoll(trx, old)
    const first = (await builtPlan(trx, old))[0]
    if (!first) throw new ValidationError([{ field: 'form', message: 'The plan has no years to roll forward' }])
    const [{ lines, amounts }, staff] = await Promise.all([planLines(trx, old.id), workforce(trx, old.id)])
    const localIncome = amounts
      .filter((a) => a.fy_start === old.first_fy && lines.some((l) => l.id === a.line_id && l.kind === 'local_income'))
      .reduce((acc, a) => acc + BigInt(a.amount_pence), 0n)
    await updateRecord(trx, specs.mtfpPlans, {
      who,
      id: old.id,
      version: form.version,
      before: { ...old },
      values: { status: 'superseded' },
      reason: `Rolled forward to ${fyLabel(next)}`,
    })
    const planId = Number(
      await createRecord(trx, specs.mtfpPlans, {
        who,
        values: {
          first_fy: next,
          status: 'draft',
          base_pence: first.netSpending.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0),
          base_local_income_pence: localIncome.toString(),
          base_source: `The net spending of ${fyLabel(old.first_fy)} in the plan adopted from ${fyLabel(old.first_fy)}`,
          rolled_from: old.id,
          ...(old.illustrative ? { illustrative: true } : {}),
        },
        reason: `Rolled forward from the plan from ${fyLabel(old.first_fy)}`,
      }),
    )
    await copyLines(trx, who, { old, planId, lines, amounts })
    await copyWorkforce(trx, who, { old, planId, staff })
    return {
      to: `/mtfp?plan=${fySlug(next)}`,
      message: `The plan is rolled forward: a draft plan from ${fyLabel(next)}, starting from ${fyLabel(old.first_fy)}'s net spending of ${formatMoney(first.netSpending, 'pence')}.`,
    }
  })
}

/** The plan's base: the net revenue budget and local income of the year before its first, with their source. */
export function settingsFormValues(plan: PlanRow): Record<string, string> {
  return {
    plan: fySlug(plan.first_fy),
    version: String(plan.version),
    base: fromPence(plan.base_pence).toFixed(2),
    base_local_income: fromPence(plan.base_local_income_pence).toFixed(2),
    base_source: plan.base_source ?? '',
    note: plan.note ?? '',
  }
}

async function saveSettings(db: Knex, viewer: Viewer, input: { slug: string; body: FormBody }) {
  const who = editorOf(viewer, 'change the financial plan')
  return db.transaction(async (trx) => {
    const plan = await planBySlug(trx, input.slug)
    refuseSuperseded(plan)
    const before = fyLabel(plan.first_fy - 1)
    const form = parseForm(
      {
        version,
        base: money(`The net revenue budget of ${before}`),
        base_local_income: money(`The local income of ${before}`),
        base_source: requiredText('the source of the base', 500),
        note: optionalText('the note', 2000),
        reason: optionalText('the reason', 500),
      },
      input.body,
    )
    const { changed } = await updateRecord(trx, specs.mtfpPlans, {
      who,
      id: plan.id,
      version: form.version,
      before: { ...plan },
      values: {
        base_pence: form.base.pence.toString(),
        base_local_income_pence: form.base_local_income.pence.toString(),
        base_source: form.base_source,
        note: form.note,
      },
      reason: form.reason,
    })
    if (changed) await backToDraft(trx, who, { ...plan, version: plan.version + 1 })
    return {
      to: `/mtfp?plan=${input.slug}`,
      message: changed ? 'The plan’s base saved.' : 'The plan’s base unchanged: nothing to save.',
    }
  })
}

export function mtfpAdminService(db: Knex) {
  return {
    loadLine: (id: number) => loadLine(db, id),
    loadNewLine: (slug: string, kind: string) => loadNewLine(db, slug, kind),
    saveLine: (viewer: Viewer, target: { id: number | null; slug: string }, body: FormBody) =>
      saveLine(db, viewer, { ...target, body }),
    adopt: (viewer: Viewer, body: FormBody) => adopt(db, viewer, body),
    rollForward: (viewer: Viewer, body: FormBody) => rollForward(db, viewer, body),
    saveSettings: (viewer: Viewer, slug: string, body: FormBody) => saveSettings(db, viewer, { slug, body }),
    plan: (slug: string) => planBySlug(db, slug),
    workforce: (planId: number) => workforce(db, planId),
  }
}
