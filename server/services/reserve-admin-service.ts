// Finance changes a reserve (issue #10): its name, purpose, opening balance, the general reserve's minimum policy, and
// its planned contribution and use in each year, on the record path (one transaction, an audit row a changed cell,
// the version checked). A plan that takes a reserve below nothing is refused, naming the year; a general reserve
// planned below its minimum is shown back to be confirmed.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { minimumReserve, projectReserves } from '../domain/reserves'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { findReserve, reserveYears } from '../data/reserve-repository'
import { createRecord } from '../data/records'
import { planNetSpending } from './mtfp-service'
import { budgetsWithPlan } from './reserve-service'
import { editorOf, refusingDuplicates } from './edit-context'
import { z } from 'zod'
import {
  confirmed,
  money,
  optionalMoney,
  orBlank,
  decimal,
  optionalText,
  parseForm,
  requiredText,
  version,
  yesNo,
  type FormBody,
  type FormFields,
} from './forms'

/** A reserve's code: its address and its name in the trail. */
const reserveCode = z
  .string({ error: 'Enter a code for the reserve, like workforce-change' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Enter a code for the reserve, like workforce-change' })
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, {
    error: 'The code is 1 to 60 lower-case letters, digits or hyphens, like workforce-change',
  })

type FoundReserve = NonNullable<Awaited<ReturnType<typeof findReserve>>>

/** A reserve as its form edits it: a row a year, each with what the capital programme draws on it that year (set on
 * the schemes' financing forms, shown here and counted in its balance); `stored` is false for a year that has only
 * capital draws so far. */
export type ReserveForEdit = Omit<FoundReserve, 'flows'> & {
  flows: (FoundReserve['flows'][number] & { capital_pence: string; change_pence: string; stored: boolean })[]
}

async function load(db: Knex, code: string): Promise<ReserveForEdit> {
  const reserve = await findReserve(db, code)
  if (!reserve) throw new NotFoundError(`A reserve with the code "${code}"`)
  const years = [
    ...new Set([...reserve.flows.map((f) => f.fy_start), ...reserve.capital.keys(), ...reserve.changes.keys()]),
  ].sort((a, b) => a - b)
  const flows = years.map((fy) => {
    const f = reserve.flows.find((x) => x.fy_start === fy)
    // What is drawn that the form does not set: the capital schemes' financing and approved budget changes.
    const capital_pence = reserve.capital.get(fy) ?? '0'
    const change_pence = reserve.changes.get(fy) ?? '0'
    return f
      ? { ...f, capital_pence, change_pence, stored: true }
      : {
          reserve_id: reserve.id,
          fy_start: fy,
          contribution_pence: '0',
          use_pence: '0',
          note: null,
          source: null,
          illustrative: false,
          capital_pence,
          change_pence,
          stored: false,
        }
  })
  return { ...reserve, flows }
}

/** Each year's use with the capital programme's draws on the reserve, and approved budget changes' draws, added. */
const withCapital = (
  r: Pick<ReserveForEdit, 'capital' | 'changes'>,
  flows: { fy: number; contribution: bigint; use: bigint }[],
) =>
  flows.map((f) => ({
    fy: f.fy,
    contribution: fromPence(f.contribution),
    use: fromPence(f.use)
      .plus(fromPence(r.capital.get(f.fy) ?? 0))
      .plus(fromPence(r.changes.get(f.fy) ?? 0)),
    capital: fromPence(r.capital.get(f.fy) ?? 0),
    changes: fromPence(r.changes.get(f.fy) ?? 0),
  }))

/** The words for what else is drawn on a reserve in a year: by capital schemes' financing and by budget changes. */
const drawnWords = (capital: Decimal | undefined, changes: Decimal | undefined) => {
  const parts = [
    capital && !capital.isZero() ? `${formatMoney(capital, 'pence')} drawn for capital schemes` : null,
    changes && !changes.isZero() ? `${formatMoney(changes, 'pence')} drawn by approved budget changes` : null,
  ].filter((p) => p !== null)
  return parts.length === 0 ? '' : ` (with ${parts.join(' and ')})`
}

/** The form's values as the reserve stands. */
export function reserveFormValues(r: ReserveForEdit): Record<string, string> {
  const pounds = (p: string) => fromPence(p).toFixed(2)
  const values: Record<string, string> = {
    version: String(r.version),
    name: r.name,
    purpose: r.purpose ?? '',
    opening: pounds(r.opening_pence),
    minimum_percent: r.minimum_percent ?? '',
    minimum_basis: r.minimum_basis ?? '',
    in_budget: r.in_budget ? 'yes' : 'no',
  }
  for (const f of r.flows) {
    values[`contribution_${f.fy_start}`] = pounds(f.contribution_pence)
    values[`use_${f.fy_start}`] = pounds(f.use_pence)
  }
  return values
}

function fieldsFor(r: ReserveForEdit) {
  const years = r.flows.map((f) => f.fy_start)
  const flows = Object.fromEntries(
    years.flatMap((fy) => [
      [`contribution_${fy}`, optionalMoney(`The contribution in ${fyLabel(fy)}`)],
      [`use_${fy}`, optionalMoney(`The use in ${fyLabel(fy)}`)],
    ]),
  )
  return {
    version,
    name: requiredText('the name of the reserve', 200),
    purpose: optionalText('the purpose', 2000),
    opening: money(`The balance at the start of ${fyLabel(r.opening_fy)}`),
    minimum_percent: orBlank(
      decimal('the minimum general reserve, as a percentage of the net revenue budget', {
        max: 100,
        places: 2,
        example: '3',
      }),
    ),
    minimum_basis: optionalText('the justification of the minimum', 2000),
    reason: optionalText('the reason', 500),
    retire: yesNo,
    in_budget: yesNo,
    ...flows,
  }
}

/** A reserve planned below nothing is refused, a year at a time; a general reserve below its minimum is a warning. */
async function checkPlan(
  db: Knex,
  r: Pick<ReserveForEdit, 'name' | 'kind' | 'capital' | 'changes'>,
  plan: { opening: bigint; flows: { fy: number; contribution: bigint; use: bigint }[]; minimumPercent: string | null },
) {
  const budgets = await budgetsWithPlan(db, await planNetSpending(db))
  const flows = withCapital(r, plan.flows)
  const years = projectReserves(fromPence(plan.opening), flows)
  const errors: FieldError[] = []
  const warnings: FieldError[] = []
  years.forEach((y, i) => {
    const fy = plan.flows[i]?.fy ?? 0
    if (y.closing.isNegative())
      errors.push({
        field: `use_${fy}`,
        message: `${r.name} would close ${fyLabel(fy)} at −${formatMoney(y.closing.abs(), 'pence')}${drawnWords(flows[i]?.capital, flows[i]?.changes)}: a reserve cannot be used beyond its balance`,
      })
    const budget = budgets.get(fy)
    if (r.kind === 'general' && plan.minimumPercent && budget) {
      const minimum = minimumReserve(budget.amount, plan.minimumPercent)
      if (y.closing.lessThan(minimum))
        warnings.push({
          field: `use_${fy}`,
          message: `The general reserve would close ${fyLabel(fy)} at ${formatMoney(y.closing, 'pence')}, below its minimum of ${formatMoney(minimum, 'pence')} (${plan.minimumPercent}% of the net revenue budget)`,
        })
    }
  })
  return { errors, warnings }
}

/** Retiring a reserve, with its reason: never the general reserve, and only once it is empty at the end of the plan. */
async function retire(
  trx: Knex.Transaction,
  who: ReturnType<typeof editorOf>,
  at: { before: ReserveForEdit; form: ReserveForm },
) {
  const { before, form } = at
  const errors: FieldError[] = []
  if (before.kind === 'general') errors.push({ field: 'retire', message: 'The general reserve cannot be retired' })
  const closing = projectReserves(
    fromPence(before.opening_pence),
    withCapital(
      before,
      before.flows.map((f) => ({
        fy: f.fy_start,
        contribution: BigInt(f.contribution_pence),
        use: BigInt(f.use_pence),
      })),
    ),
  ).pop()?.closing
  if (closing && !closing.isZero()) {
    const last = before.flows[before.flows.length - 1]?.fy_start ?? before.opening_fy
    errors.push({
      field: 'retire',
      message: `${before.name} closes ${fyLabel(last)} at ${formatMoney(closing, 'pence')}: plan its use (or move it to another reserve) until it is empty, then retire it`,
    })
  }
  if (!form.reason) errors.push({ field: 'reason', message: 'Enter the reason for retiring the reserve' })
  if (errors.length > 0) throw new ValidationError(errors)
  await updateRecord(trx, specs.reserves, {
    who,
    id: before.id,
    version: form.version,
    before: { ...before },
    values: {},
    retire: form.reason ?? '',
  })
  return { to: '/mtfp/reserves', message: `${before.name} retired.` }
}

/** Retiring saves nothing else: other changes typed in the same form are refused, never silently dropped. */
function refuseRetireWithChanges(
  before: ReserveForEdit,
  read: { form: ReserveForm; flows: { fy: number; contribution: bigint; use: bigint }[] },
): void {
  const { form, flows } = read
  const changedFlows = flows.some((f) => {
    const was = before.flows.find((b) => b.fy_start === f.fy)
    return (
      f.contribution.toString() !== (was?.contribution_pence ?? '0') || f.use.toString() !== (was?.use_pence ?? '0')
    )
  })
  if (changedFlows || form.name !== before.name || form.opening.pence.toString() !== before.opening_pence)
    throw new ValidationError([
      {
        field: 'retire',
        message: 'Retiring a reserve saves nothing else: save your other changes first, or undo them',
      },
    ])
}

interface ReserveForm {
  version: number
  name: string
  purpose: string | null
  opening: { pence: bigint }
  minimum_percent: string | null
  minimum_basis: string | null
  reason: string | null
  retire: boolean
  in_budget: boolean
}

/** The form read field by field, with each year's contribution and use (blank is none). */
function readForm(before: ReserveForEdit, body: FormBody) {
  const form = parseForm(fieldsFor(before), body) as Record<string, unknown> & ReserveForm
  const pence = (key: string) => (form[key] as { pence: bigint } | null)?.pence ?? 0n
  const flows = before.flows.map((f) => ({
    fy: f.fy_start,
    contribution: pence(`contribution_${f.fy_start}`),
    use: pence(`use_${f.fy_start}`),
  }))
  return { form, flows }
}

async function update(db: Knex, viewer: Viewer, input: { code: string; body: FormBody }) {
  const who = editorOf(viewer, 'change reserves')
  return db.transaction(async (trx) => {
    const before = await load(trx, input.code)
    const { form, flows } = readForm(before, input.body)
    if (form.retire) {
      refuseRetireWithChanges(before, { form, flows })
      return retire(trx, who, { before, form })
    }
    const general = before.kind === 'general'
    const plan = { opening: form.opening.pence, flows, minimumPercent: form.minimum_percent }
    const { errors, warnings } = await checkPlan(trx, before, plan)
    if (errors.length > 0) throw new ValidationError(errors)
    const confirmedWords = confirmed(input.body, warnings)
    const { changed } = await updateRecord(trx, specs.reserves, {
      who,
      id: before.id,
      version: form.version,
      before: { ...before },
      values: {
        name: form.name,
        purpose: form.purpose,
        opening_pence: form.opening.pence.toString(),
        minimum_percent: general ? form.minimum_percent : null,
        minimum_basis: general ? form.minimum_basis : null,
        in_budget: form.in_budget,
      },
      children: [
        {
          spec: specs.reserveFlows,
          scope: { reserve_id: before.id },
          // A year with only capital draws gets a row only once something is entered for it.
          rows: flows
            .filter((f) => before.flows.find((b) => b.fy_start === f.fy)?.stored || f.contribution || f.use)
            .map((f) => ({
              fy_start: f.fy,
              contribution_pence: f.contribution.toString(),
              use_pence: f.use.toString(),
            })),
        },
      ],
      reason: [form.reason, confirmedWords].filter(Boolean).join('; ') || null,
    })
    return {
      to: '/mtfp/reserves',
      message: changed ? `${form.name} saved.` : `${before.name} unchanged: nothing to save.`,
    }
  })
}

/** The new-reserve form read: every problem named at once. */
function readNewReserve(years: number[], body: FormBody) {
  const first = years[0] ?? 0
  const fields: FormFields = {
    code: reserveCode,
    name: requiredText('the name of the reserve', 200),
    purpose: requiredText('the purpose of the reserve', 2000),
    opening: money(`The balance at the start of ${fyLabel(first)}`),
    in_budget: yesNo,
    reason: optionalText('the reason', 500),
  }
  for (const fy of years) {
    fields[`contribution_${fy}`] = optionalMoney(`The contribution in ${fyLabel(fy)}`)
    fields[`use_${fy}`] = optionalMoney(`The use in ${fyLabel(fy)}`)
  }
  return parseForm(fields, body) as Record<string, unknown> & {
    code: string
    name: string
    purpose: string
    opening: { pence: bigint }
    in_budget: boolean
    reason: string | null
  }
}

/** The flows typed for each year (blank is none). */
const flowsOf = (years: number[], form: Record<string, unknown>) =>
  years.map((fy) => {
    const pence = (key: string) => (form[key] as { pence: bigint } | null)?.pence ?? 0n
    return { fy, contribution: pence(`contribution_${fy}`), use: pence(`use_${fy}`) }
  })

/** A new earmarked reserve (there is one general reserve), with its opening balance and its flows by year. */
async function create(db: Knex, viewer: Viewer, body: FormBody) {
  const who = editorOf(viewer, 'add reserves')
  return db.transaction(async (trx) => {
    const years = await reserveYears(trx)
    const first = years[0] ?? 0
    const form = readNewReserve(years, body)
    const flows = flowsOf(years, form)
    // A new reserve: nothing draws on it yet.
    const draft = {
      name: form.name,
      kind: 'earmarked' as const,
      capital: new Map<number, string>(),
      changes: new Map<number, string>(),
    }
    const { errors } = await checkPlan(trx, draft, { opening: form.opening.pence, flows, minimumPercent: null })
    if (errors.length > 0) throw new ValidationError(errors)
    await refusingDuplicates(
      () =>
        createRecord(trx, specs.reserves, {
          who,
          values: {
            code: form.code,
            name: form.name,
            kind: 'earmarked',
            purpose: form.purpose,
            opening_fy: first,
            opening_pence: form.opening.pence.toString(),
            in_budget: form.in_budget,
          },
          reason: form.reason,
          children: (id) => [
            {
              spec: specs.reserveFlows,
              scope: { reserve_id: Number(id) },
              rows: flows.map((f) => ({
                fy_start: f.fy,
                contribution_pence: f.contribution.toString(),
                use_pence: f.use.toString(),
              })),
            },
          ],
        }),
      () => new ValidationError([{ field: 'code', message: `A reserve with the code "${form.code}" already exists` }]),
    )
    return { to: '/mtfp/reserves', message: `${form.name} added.` }
  })
}

export function reserveAdminService(db: Knex) {
  return {
    years: () => reserveYears(db),
    create: (viewer: Viewer, body: FormBody) => create(db, viewer, body),
    load: (code: string) => load(db, code),
    update: (viewer: Viewer, code: string, body: FormBody) => update(db, viewer, { code, body }),
  }
}
