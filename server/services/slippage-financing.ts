// The financing a capital slippage moves with its spend (issue #13): worked out when the change is asked for (so the
// approver sees it), kept with the change, and applied with its movements when it is approved — refused then if the
// scheme's financing has since changed so that the moves no longer fit.
import type { Knex } from 'knex'
import { ValidationError, type FieldError } from '../domain/errors'
import type { ChangeType, Movement } from '../domain/budget-changes'
import { applyFinancingMoves, slippageFinancing, type FinancingRow } from '../domain/slippage'
import { findCapitalLine, receipts } from '../data/capital-repository'
import { listReserves } from '../data/reserve-repository'
import { fyLabel } from '../domain/financial-year'
import { formatMoney } from '../domain/money'
import { reserveWithDraws } from './capital-admin-service'
import type { FinancingMoveRow } from '../data/change-repository'

type Db = Knex | Knex.Transaction

const financingRows = (line: NonNullable<Awaited<ReturnType<typeof findCapitalLine>>>): FinancingRow[] =>
  line.financing.map((f) => ({
    fyStart: f.fy_start,
    source: f.source,
    pence: BigInt(f.amount_pence),
    receiptId: f.capital_receipt_id,
    reserveId: f.reserve_id,
  }))

/** The financing moves of a slippage on one capital line (none for any other change), and why they cannot be made. */
export async function slippageMoves(
  db: Db,
  type: ChangeType,
  movements: readonly Movement[],
): Promise<{ lineId: number | null; moves: FinancingRow[]; problems: FieldError[] }> {
  const lineIds = [...new Set(movements.map((m) => m.lineId))]
  const lineId = lineIds[0]
  if (type !== 'slippage' || lineIds.length !== 1 || lineId === undefined)
    return { lineId: null, moves: [], problems: [] }
  const [line, received] = await Promise.all([findCapitalLine(db, lineId), receipts(db)])
  if (!line) return { lineId: null, moves: [], problems: [] }
  const { moves, problems } = slippageFinancing({
    budgets: new Map(line.budgets.map((b) => [b.fy_start, BigInt(b.amount_pence)])),
    financing: financingRows(line),
    movements: movements.map((m) => ({ fyStart: m.fyStart, pence: BigInt(m.amount.times(100).toFixed(0)) })),
    receivedIn: new Map(received.map((r) => [r.id, r.fy_received])),
  })
  const timing = await reserveTiming(db, financingRows(line), moves)
  return { lineId, moves, problems: [...problems, ...timing].map((message) => ({ field: 'movements', message })) }
}

const asRows = (rows: readonly FinancingRow[], reserveId: number) =>
  rows.filter((r) => r.reserveId === reserveId).map((r) => ({ fy_start: r.fyStart, amount_pence: r.pence.toString() }))

/** A draw on a reserve moved earlier must find the reserve able to pay then: the reserve may not close a year below
 * nothing that it closed above nothing before the move. (Moved later, a draw only leaves the reserve fuller sooner.) */
async function reserveTiming(db: Db, before: FinancingRow[], moves: FinancingRow[]): Promise<string[]> {
  const reserveIds = [...new Set(moves.filter((m) => m.reserveId !== null).map((m) => m.reserveId as number))]
  if (reserveIds.length === 0) return []
  const after = applyFinancingMoves(before, moves).rows
  const data = await listReserves(db)
  return reserveIds.flatMap((id) => {
    const was = reserveWithDraws(data, id, { before: asRows(before, id), after: asRows(before, id) })
    const now = reserveWithDraws(data, id, { before: asRows(before, id), after: asRows(after, id) })
    const short = now?.years.find(
      (y) => y.closing.isNegative() && !was?.years.find((w) => w.fyStart === y.fyStart)?.closing.isNegative(),
    )
    if (!now || !short) return []
    return [
      `${now.reserve.name} would close ${fyLabel(short.fyStart)} at −${formatMoney(short.closing.abs(), 'pence')} with the draw moved: a reserve cannot be drawn before it can pay`,
    ]
  })
}

/** The stored moves as rows of the change's financing. */
export const movesAsRows = (lineId: number, moves: readonly FinancingRow[]) =>
  moves.map((m) => ({
    budget_line_id: lineId,
    fy_start: m.fyStart,
    source: m.source,
    amount_pence: m.pence.toString(),
    capital_receipt_id: m.receiptId,
    reserve_id: m.reserveId,
  }))

/** The line's financing rows once the change's stored moves are applied, as the record path wants them. */
export async function financingAfter(db: Db, lineId: number, stored: readonly FinancingMoveRow[]) {
  const line = await findCapitalLine(db, lineId)
  if (!line) return null
  const { rows, problems } = applyFinancingMoves(
    financingRows(line),
    stored.map((s) => ({
      fyStart: s.fy_start,
      source: s.source,
      pence: BigInt(s.amount_pence),
      receiptId: s.capital_receipt_id,
      reserveId: s.reserve_id,
    })),
  )
  if (problems.length > 0)
    throw new ValidationError(
      problems.map((p) => ({
        field: 'movements',
        message: `${line.name}'s financing has changed since the slippage was asked for (${p}): withdraw it and ask again`,
      })),
    )
  return rows.map((r) => ({
    fy_start: r.fyStart,
    source: r.source,
    amount_pence: r.pence.toString(),
    capital_receipt_id: r.receiptId,
    reserve_id: r.reserveId,
  }))
}
