// Reprofiling a capital scheme across years in one screen (issue #13): finance types the budget each open year should
// have; the screen shows the effect on each year and on the scheme's financing, source by source, before anything is
// sent; sending asks for a capital slippage change (submitted for approval) with those movements. The whole-life
// budget is kept: what one year gives up, others take. A closed year's budget is shown, not offered.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError } from '../domain/errors'
import { fyLabel, isLockedYear } from '../domain/financial-year'
import { Decimal, fromPence } from '../domain/money'
import type { Movement } from '../domain/budget-changes'
import { applyFinancingMoves, type FinancingRow } from '../domain/slippage'
import { findCapitalLine, type CapitalLineForEdit } from '../data/capital-repository'
import { changeableLines } from '../data/change-repository'
import { yearLocks } from '../data/year-repository'
import { editorOf } from './edit-context'
import { SOURCE_WORDS } from './capital-service'
import { checkChange, saveChange } from './change-service'
import { optionalMoney, optionalText, parseForm, requiredText, type FormBody, type FormFields } from './forms'
import type { FinancingSource } from '../domain/capital-financing'

export interface ReprofileContext {
  line: CapitalLineForEdit
  owner: string
  years: { fyStart: number; budget: Decimal; open: boolean }[]
}

async function load(db: Knex | Knex.Transaction, id: number): Promise<ReprofileContext> {
  const [line, locks, lines] = await Promise.all([findCapitalLine(db, id), yearLocks(db), changeableLines(db)])
  if (!line) throw new NotFoundError(`A capital line numbered ${id}`)
  const budgets = new Map(line.budgets.map((b) => [b.fy_start, fromPence(b.amount_pence)]))
  const first = Math.min(
    ...line.budgets.filter((b) => BigInt(b.amount_pence) !== 0n).map((b) => b.fy_start),
    ...locks.filter((l) => !isLockedYear(l.posted, l.reopened)).map((l) => l.fyStart),
  )
  const years = locks
    .filter((l) => l.fyStart >= first)
    .map((l) => ({
      fyStart: l.fyStart,
      budget: budgets.get(l.fyStart) ?? new Decimal(0),
      open: !isLockedYear(l.posted, l.reopened),
    }))
  const owner = lines.find((l) => l.budget_line_id === id)?.owner_name ?? ''
  return { line, owner, years }
}

export const reprofileValues = (c: ReprofileContext): Record<string, string> =>
  Object.fromEntries(c.years.filter((y) => y.open).map((y) => [`amount_${y.fyStart}`, y.budget.toFixed(2)]))

/** The slippage movements the form asks for: each open year's new budget less its budget now. */
function read(c: ReprofileContext, body: FormBody) {
  const fields: FormFields = {
    title: requiredText('a short title for the reprofile', 200),
    reason: requiredText('the reason for the reprofile', 2000),
    decision: optionalText('the decision reference', 40),
  }
  for (const y of c.years.filter((x) => x.open))
    fields[`amount_${y.fyStart}`] = optionalMoney(`The budget for ${fyLabel(y.fyStart)}`)
  const form = parseForm(fields, body) as Record<string, unknown> & {
    title: string
    reason: string
    decision: string | null
  }
  const movements: Movement[] = c.years.flatMap((y) => {
    const typed = y.open ? (form[`amount_${y.fyStart}`] as { pence: bigint } | null) : null
    const after = typed === null ? y.budget : fromPence(typed.pence.toString())
    const amount = after.minus(y.budget)
    if (amount.isZero()) return []
    return [{ lineId: c.line.id, lineName: c.line.name, fyStart: y.fyStart, nature: 'capital', income: false, amount }]
  })
  return { form, movements }
}

/** The effect of the moves: each year's budget now and after, and each year's financing by source now and after. */
function effect(c: ReprofileContext, movements: Movement[], moves: FinancingRow[]) {
  const moved = (fy: number) => movements.find((m) => m.fyStart === fy)?.amount ?? new Decimal(0)
  const before: FinancingRow[] = c.line.financing.map((f) => ({
    fyStart: f.fy_start,
    source: f.source,
    pence: BigInt(f.amount_pence),
    receiptId: f.capital_receipt_id,
    reserveId: f.reserve_id,
  }))
  const after = applyFinancingMoves(before, moves).rows
  const keyOf = (r: FinancingRow) => `${r.fyStart}:${r.source}`
  const keys = [...new Set([...before, ...after].map(keyOf))].sort()
  const sumOf = (rows: FinancingRow[], k: string) =>
    fromPence(rows.filter((r) => keyOf(r) === k).reduce((a, r) => a + r.pence, 0n))
  return {
    years: c.years.map((y) => ({ ...y, movement: moved(y.fyStart), after: y.budget.plus(moved(y.fyStart)) })),
    financing: keys.map((k) => {
      const [fy, source] = k.split(':') as [string, FinancingSource]
      const now = sumOf(before, k)
      const then = sumOf(after, k)
      return {
        fyStart: Number(fy),
        source: SOURCE_WORDS[source] ?? source,
        now,
        after: then,
        movement: then.minus(now),
      }
    }),
  }
}

async function send(db: Knex, viewer: Viewer, input: { id: number; body: FormBody }) {
  editorOf(viewer, 'ask for budget changes')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.id)
    const { form, movements } = read(c, input.body)
    if (movements.length === 0)
      throw new ValidationError([
        { field: `amount_${c.years.find((y) => y.open)?.fyStart ?? ''}`, message: 'Change at least one year’s budget' },
      ])
    const fieldOf = (i: number) => `amount_${movements[i]?.fyStart ?? ''}`
    const change = {
      type: 'slippage' as const,
      fy: Math.min(...movements.map((m) => m.fyStart)),
      title: form.title,
      reason: form.reason,
      decision: form.decision,
      movements,
      submit: true,
      fieldOf,
    }
    if (input.body.action !== 'preview') return saveChange(trx, viewer, change)
    const { problems, financing } = await checkChange(trx, change)
    if (problems.length > 0) throw new ValidationError(problems)
    return { preview: { effect: effect(c, movements, financing.moves) } }
  })
}

export function reprofileService(db: Knex) {
  return {
    load: (id: number) => load(db, id),
    send: (viewer: Viewer, id: number, body: FormBody) => send(db, viewer, { id, body }),
  }
}
