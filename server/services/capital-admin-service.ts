// Finance says how a capital scheme is paid for (issue #11): its asset class (the MRP policy) and, for each year of its
// budget, the amount from each source — capital receipts (naming the receipt), capital grants, revenue contributions,
// reserves (naming the reserve) and borrowing. On the record path: one transaction, an audit row a changed cell, the
// line's version checked. A receipt cannot be used beyond its amount (across every scheme) nor before it is received;
// financing that does not equal a year's budget is shown back to be confirmed.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { FINANCING_SOURCES, type FinancingSource } from '../domain/capital-financing'
import type { Warning } from '../domain/plausibility'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import {
  assetClasses,
  findCapitalLine,
  receiptUsesElsewhere,
  receipts as listReceipts,
  reserveOptions,
  type AssetClassRow,
  type CapitalLineForEdit,
  type ReceiptRow,
} from '../data/capital-repository'
import { listReserves } from '../data/reserve-repository'
import { projectReserves } from '../domain/reserves'
import { editorOf } from './edit-context'
import { SOURCE_WORDS } from './capital-service'
import { confirmed, oneOf, optionalMoney, optionalText, parseForm, version, withConfirmation } from './forms'
import type { FormBody, FormFields } from './forms'

export interface FinancingForEdit {
  line: CapitalLineForEdit
  classes: AssetClassRow[]
  receipts: ReceiptRow[]
  reserves: { id: number; name: string }[]
  years: number[]
}

async function load(db: Knex, id: number): Promise<FinancingForEdit> {
  const line = await findCapitalLine(db, id)
  if (!line) throw new NotFoundError(`A capital line numbered ${id}`)
  const [classes, receipts, reserves] = await Promise.all([assetClasses(db), listReceipts(db), reserveOptions(db)])
  return { line, classes, receipts, reserves, years: line.budgets.map((b) => b.fy_start) }
}

export function financingFormValues(f: FinancingForEdit): Record<string, string> {
  const values: Record<string, string> = {
    version: String(f.line.version),
    asset_class: f.line.asset_class_id === null ? '' : String(f.line.asset_class_id),
  }
  for (const row of f.line.financing) {
    values[`${row.source}_${row.fy_start}`] = fromPence(row.amount_pence).toFixed(2)
    if (row.capital_receipt_id !== null) values[`receipt_${row.fy_start}`] = String(row.capital_receipt_id)
    if (row.reserve_id !== null) values[`reserve_${row.fy_start}`] = String(row.reserve_id)
  }
  return values
}

function fieldsFor(f: FinancingForEdit): FormFields {
  const fields: FormFields = {
    version,
    asset_class: oneOf(
      f.classes.map((c) => String(c.id)),
      'Choose the asset class (it sets the MRP policy)',
      { optional: true },
    ),
    reason: optionalText('the reason', 500),
  }
  for (const fy of f.years) {
    for (const s of FINANCING_SOURCES) fields[`${s}_${fy}`] = optionalMoney(`${SOURCE_WORDS[s]} in ${fyLabel(fy)}`)
    fields[`receipt_${fy}`] = oneOf(
      f.receipts.map((r) => String(r.id)),
      `Choose the capital receipt used in ${fyLabel(fy)}`,
      { optional: true },
    )
    fields[`reserve_${fy}`] = oneOf(
      f.reserves.map((r) => String(r.id)),
      `Choose the reserve drawn on in ${fyLabel(fy)}`,
      { optional: true },
    )
  }
  return fields
}

interface Row {
  fy_start: number
  source: FinancingSource
  amount_pence: string
  capital_receipt_id: number | null
  reserve_id: number | null
}

/** The rows the form asks for, and what is wrong with them: a receipt or reserve not named, a receipt used before it
 * was received or beyond what is left of it. */
async function rowsOf(db: Knex, f: FinancingForEdit, form: Record<string, unknown>): Promise<Row[]> {
  const errors: FieldError[] = []
  const rows: Row[] = []
  for (const fy of f.years) {
    for (const s of FINANCING_SOURCES) {
      const amount = form[`${s}_${fy}`] as { pence: bigint } | null
      if (amount === null || amount.pence === 0n) continue
      const receipt = s === 'capital_receipts' ? (form[`receipt_${fy}`] as string | null) : null
      const reserve = s === 'reserves' ? (form[`reserve_${fy}`] as string | null) : null
      if (s === 'capital_receipts' && !receipt)
        errors.push({ field: `receipt_${fy}`, message: `Choose the capital receipt used in ${fyLabel(fy)}` })
      if (s === 'reserves' && !reserve)
        errors.push({ field: `reserve_${fy}`, message: `Choose the reserve drawn on in ${fyLabel(fy)}` })
      rows.push({
        fy_start: fy,
        source: s,
        amount_pence: amount.pence.toString(),
        capital_receipt_id: receipt ? Number(receipt) : null,
        reserve_id: reserve ? Number(reserve) : null,
      })
    }
  }
  errors.push(...(await receiptProblems(db, f, rows)), ...(await reserveProblems(db, f, rows)))
  if (errors.length > 0) throw new ValidationError(errors)
  return rows
}

/** A receipt is used once: across every scheme its uses may not exceed it, and not before the year it came in. */
async function receiptProblems(db: Knex, f: FinancingForEdit, rows: Row[]): Promise<FieldError[]> {
  const elsewhere = await receiptUsesElsewhere(db, f.line.id)
  const problems: FieldError[] = []
  for (const r of f.receipts) {
    const uses = rows.filter((x) => x.capital_receipt_id === r.id)
    if (uses.length === 0) continue
    const first = uses[0] as Row
    if (r.amount_pence === null) {
      problems.push({
        field: `receipt_${first.fy_start}`,
        message: `${r.description} has no amount yet: enter the receipt's amount before using it`,
      })
      continue
    }
    for (const u of uses.filter((x) => x.fy_start < r.fy_received))
      problems.push({
        field: `receipt_${u.fy_start}`,
        message: `${r.description} was received in ${fyLabel(r.fy_received)}: it cannot pay for ${fyLabel(u.fy_start)}`,
      })
    const used = uses.reduce((a, x) => a.plus(fromPence(x.amount_pence)), fromPence(elsewhere.get(r.id) ?? 0))
    const amount = fromPence(r.amount_pence)
    if (used.greaterThan(amount)) {
      const left = amount.minus(fromPence(elsewhere.get(r.id) ?? 0))
      problems.push({
        field: `capital_receipts_${first.fy_start}`,
        message: `${r.description} (${formatMoney(amount, 'pence')}) would be used for ${formatMoney(used, 'pence')}: a receipt is used once, and ${formatMoney(Decimal.max(left, 0), 'pence')} of it is left for this scheme`,
      })
    }
  }
  return problems
}

/** A reserve's balance year by year with this scheme's draws on it replaced by the form's. */
export function reserveWithDraws(
  data: Awaited<ReturnType<typeof listReserves>>,
  reserveId: number,
  change: { before: { fy_start: number; amount_pence: string }[]; after: { fy_start: number; amount_pence: string }[] },
) {
  const reserve = data.reserves.find((r) => r.id === reserveId)
  if (!reserve) return null
  const draws = new Map([...(data.capital.get(reserveId) ?? [])].map(([fy, p]) => [fy, fromPence(p)]))
  const add = (fy: number, amount: Decimal) => draws.set(fy, (draws.get(fy) ?? new Decimal(0)).plus(amount))
  for (const [fy, p] of data.changes.get(reserveId) ?? []) add(fy, fromPence(p))
  for (const b of change.before) add(b.fy_start, fromPence(b.amount_pence).negated())
  for (const a of change.after) add(a.fy_start, fromPence(a.amount_pence))
  const flows = data.flows.filter((x) => x.reserve_id === reserveId)
  const last = Math.max(reserve.opening_fy, ...flows.map((x) => x.fy_start), ...draws.keys())
  const years = Array.from({ length: last - reserve.opening_fy + 1 }, (_, i) => reserve.opening_fy + i)
  const projected = projectReserves(
    fromPence(reserve.opening_pence),
    years.map((fy) => {
      const flow = flows.find((x) => x.fy_start === fy)
      return {
        contribution: fromPence(flow?.contribution_pence ?? 0),
        use: fromPence(flow?.use_pence ?? 0).plus(draws.get(fy) ?? 0),
      }
    }),
  )
  return { reserve, years: projected.map((p, i) => ({ ...p, fyStart: years[i] ?? 0 })) }
}

/** A reserve cannot be drawn beyond its balance: with every other planned use and draw, the form's draws may not take
 * a reserve below nothing in any year. A change that draws less on a reserve than before is never refused. */
async function reserveProblems(db: Knex, f: FinancingForEdit, rows: Row[]): Promise<FieldError[]> {
  const drawn = rows.filter((r) => r.reserve_id !== null)
  if (drawn.length === 0) return []
  const data = await listReserves(db)
  const problems: FieldError[] = []
  for (const id of new Set(drawn.map((r) => r.reserve_id as number))) {
    const after = drawn.filter((r) => r.reserve_id === id)
    const before = f.line.financing.filter((r) => r.reserve_id === id)
    const total = (xs: { amount_pence: string }[]) =>
      xs.reduce((a, x) => a.plus(fromPence(x.amount_pence)), new Decimal(0))
    if (!total(after).greaterThan(total(before))) continue
    const projected = reserveWithDraws(data, id, { before, after })
    const short = projected?.years.find((y) => y.closing.isNegative())
    if (!projected || !short) continue
    const at = after.find((r) => r.fy_start === short.fyStart) ?? after.find((r) => r.fy_start < short.fyStart)
    problems.push({
      field: `reserves_${at?.fy_start ?? after[0]?.fy_start ?? ''}`,
      message: `${projected.reserve.name} would close ${fyLabel(short.fyStart)} at −${formatMoney(short.closing.abs(), 'pence')}: a reserve cannot be drawn beyond its balance`,
    })
  }
  return problems
}

/** Financing that does not equal a year's budget is possible (it is being worked out) but shown back first. */
function balanceWarnings(f: FinancingForEdit, rows: Row[]): Warning[] {
  return f.line.budgets.flatMap((b) => {
    const financed = rows
      .filter((r) => r.fy_start === b.fy_start)
      .reduce((a, r) => a.plus(fromPence(r.amount_pence)), new Decimal(0))
    const budget = fromPence(b.amount_pence)
    if (financed.equals(budget)) return []
    const gap = budget.minus(financed)
    return [
      {
        field: `borrowing_${b.fy_start}`,
        message: `${fyLabel(b.fy_start)}: financing of ${formatMoney(financed, 'pence')} ${gap.isPositive() ? 'falls short of' : 'exceeds'} the budget of ${formatMoney(budget, 'pence')} by ${formatMoney(gap.abs(), 'pence')}`,
      },
    ]
  })
}

async function update(db: Knex, viewer: Viewer, input: { id: number; body: FormBody }) {
  const who = editorOf(viewer, 'change capital financing')
  return db.transaction(async (trx) => {
    const f = await load(trx, input.id)
    const form = parseForm(fieldsFor(f), input.body) as Record<string, unknown> & {
      version: number
      asset_class: string | null
      reason: string | null
    }
    const rows = await rowsOf(trx, f, form)
    const confirmation = confirmed(input.body, balanceWarnings(f, rows))
    const { changed } = await updateRecord(trx, specs.capitalLines, {
      who,
      id: f.line.id,
      version: form.version,
      before: { ...f.line },
      values: { asset_class_id: form.asset_class === null ? null : Number(form.asset_class) },
      children: [
        { spec: specs.capitalFinancing, scope: { budget_line_id: f.line.id }, rows: rows.map((r) => ({ ...r })) },
      ],
      reason: withConfirmation(form.reason, confirmation),
    })
    return {
      to: '/capital',
      message: changed ? `${f.line.name}: financing saved.` : `${f.line.name}: financing unchanged: nothing to save.`,
    }
  })
}

export function capitalAdminService(db: Knex) {
  return {
    load: (id: number) => load(db, id),
    update: (viewer: Viewer, id: number, body: FormBody) => update(db, viewer, { id, body }),
  }
}
