// Budgets change during the year (DOMAIN.md "Budget changes in year"). The original budget is frozen by the
// Commissioner's February decision; the revised budget = original + every approved change. A virement moves budget
// between lines within a year and must balance; capital → revenue is refused (capital resources cannot fund revenue
// spending); revenue → capital is a revenue contribution to capital. Slippage (reprofiling) moves a capital line's
// budget between years and conserves its whole-life total. No change takes an expenditure line below zero, nor an
// income line (negative by nature) above it. Approval: never by the requester; within the approver's budget owners and
// limit. Pure: figures in, figures out.
import { Decimal, formatMoney, type DecimalValue } from './money'
import { fyLabel } from './financial-year'

export const CHANGE_TYPES = [
  'virement',
  'slippage',
  'new_funding',
  'reduction',
  'reserve_draw',
  'reserve_transfer',
] as const
export type ChangeType = (typeof CHANGE_TYPES)[number]

export const CHANGE_TYPE_WORDS: Record<ChangeType, string> = {
  virement: 'Virement',
  slippage: 'Capital slippage or reprofiling',
  new_funding: 'New funding',
  reduction: 'Reduction',
  reserve_draw: 'Draw on an earmarked reserve',
  reserve_transfer: 'Transfer to an earmarked reserve',
}

export const CHANGE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const
export type ChangeStatus = (typeof CHANGE_STATUSES)[number]

export interface Movement {
  lineId: number
  lineName: string
  fyStart: number
  nature: 'capital' | 'revenue'
  /** An income line: its budget is negative by nature. */
  income: boolean
  /** Signed: positive adds budget to the line, negative takes it away. */
  amount: Decimal
}

export interface ChangeProblem {
  /** The movement it is about (its index), or null for the whole change. */
  movement: number | null
  message: string
}

const key = (lineId: number, fy: number) => `${lineId}:${fy}`
const money = (d: Decimal) => formatMoney(d, 'pence')
const total = (ms: readonly Movement[]) => ms.reduce((a, m) => a.plus(m.amount), new Decimal(0))

function shapeProblems(movements: readonly Movement[]): ChangeProblem[] {
  if (movements.length === 0) return [{ movement: null, message: 'A change moves at least one line’s budget' }]
  const problems: ChangeProblem[] = []
  const seen = new Set<string>()
  movements.forEach((m, i) => {
    if (m.amount.isZero())
      problems.push({ movement: i, message: `${m.lineName}, ${fyLabel(m.fyStart)}: enter an amount` })
    const k = key(m.lineId, m.fyStart)
    if (seen.has(k))
      problems.push({
        movement: i,
        message: `${m.lineName}, ${fyLabel(m.fyStart)} is in the change twice: combine them`,
      })
    seen.add(k)
  })
  return problems
}

function virementProblems(movements: readonly Movement[]): ChangeProblem[] {
  const problems: ChangeProblem[] = []
  const sum = total(movements)
  if (!sum.isZero())
    problems.push({
      movement: null,
      message: `A virement must balance: its movements add up to ${money(sum)}, not nothing`,
    })
  if (new Set(movements.map((m) => m.fyStart)).size > 1)
    problems.push({
      movement: null,
      message: 'A virement moves budget within one year: to move a capital scheme between years, use slippage',
    })
  const capitalOut = movements.some((m) => m.nature === 'capital' && m.amount.isNegative())
  const revenueIn = movements.some((m) => m.nature === 'revenue' && m.amount.isPositive() && !m.amount.isZero())
  if (capitalOut && revenueIn)
    problems.push({
      movement: null,
      message:
        'Capital resources cannot fund revenue spending: a virement from a capital line to a revenue line is refused',
    })
  return problems
}

function slippageProblems(movements: readonly Movement[]): ChangeProblem[] {
  const problems: ChangeProblem[] = []
  const lines = new Set(movements.map((m) => m.lineId))
  if (lines.size > 1)
    problems.push({ movement: null, message: 'Slippage moves one capital scheme between years: one line at a time' })
  movements.forEach((m, i) => {
    if (m.nature !== 'capital')
      problems.push({ movement: i, message: `${m.lineName} is revenue: only a capital scheme slips between years` })
  })
  const sum = total(movements)
  if (!sum.isZero())
    problems.push({
      movement: null,
      message: `Slippage keeps the scheme's whole-life budget: its movements add up to ${money(sum)}, not nothing`,
    })
  if (new Set(movements.map((m) => m.fyStart)).size < 2)
    problems.push({ movement: null, message: 'Slippage moves budget from one year to another: give both years' })
  return problems
}

function signProblems(type: ChangeType, movements: readonly Movement[]): ChangeProblem[] {
  const wantPositive = type === 'new_funding' || type === 'reserve_draw'
  return movements.flatMap((m, i): ChangeProblem[] => {
    if (m.amount.isZero()) return []
    if (wantPositive && m.amount.isNegative())
      return [
        { movement: i, message: `${CHANGE_TYPE_WORDS[type]} adds budget: ${m.lineName}'s amount must be positive` },
      ]
    if (type === 'reduction' && m.amount.isPositive())
      return [{ movement: i, message: `A reduction takes budget away: ${m.lineName}'s amount must be negative` }]
    if (type === 'reserve_transfer' && m.amount.isPositive())
      return [
        {
          movement: i,
          message: `A transfer to a reserve takes the budget it moves off its lines: ${m.lineName}'s amount must be negative`,
        },
      ]
    return []
  })
}

/** An expenditure line's revised budget never goes below zero; an income line's never above it. */
function floorProblems(movements: readonly Movement[], revised: ReadonlyMap<string, DecimalValue>): ChangeProblem[] {
  return movements.flatMap((m, i): ChangeProblem[] => {
    const before = new Decimal(revised.get(key(m.lineId, m.fyStart)) ?? 0)
    const after = before.plus(m.amount)
    if (!m.income && after.isNegative())
      return [
        {
          movement: i,
          message: `${m.lineName}, ${fyLabel(m.fyStart)}: its revised budget of ${money(before)} would go below nothing (${money(after)})`,
        },
      ]
    if (m.income && after.isPositive() && !after.isZero())
      return [
        {
          movement: i,
          message: `${m.lineName} is an income line: its revised budget of ${money(before)} would become spending (${money(after)})`,
        },
      ]
    return []
  })
}

/**
 * Every reason a change cannot be made, or none. `revised` is each line-year's revised budget before the change
 * (keyed "lineId:fyStart"): a change is checked against the budget as it will stand when it is approved.
 */
export function changeProblems(
  type: ChangeType,
  movements: readonly Movement[],
  revised: ReadonlyMap<string, DecimalValue>,
): ChangeProblem[] {
  const shape = shapeProblems(movements)
  if (shape.length > 0) return shape
  const byType =
    type === 'virement'
      ? virementProblems(movements)
      : type === 'slippage'
        ? slippageProblems(movements)
        : signProblems(type, movements)
  return [...byType, ...floorProblems(movements, revised)]
}

/** The part of a virement that moves revenue budget to capital: recorded as a revenue contribution to capital. */
export function revenueContribution(type: ChangeType, movements: readonly Movement[]): Decimal {
  if (type !== 'virement') return new Decimal(0)
  const revenueOut = movements
    .filter((m) => m.nature === 'revenue' && m.amount.isNegative())
    .reduce((a, m) => a.minus(m.amount), new Decimal(0))
  const capitalIn = movements
    .filter((m) => m.nature === 'capital' && m.amount.isPositive())
    .reduce((a, m) => a.plus(m.amount), new Decimal(0))
  return Decimal.min(revenueOut, capitalIn)
}

/** The revised budget of every line-year: the original plus every approved movement. */
export function revisedBudgets(
  original: ReadonlyMap<string, DecimalValue>,
  approved: readonly { lineId: number; fyStart: number; amount: DecimalValue }[],
): Map<string, Decimal> {
  const out = new Map([...original].map(([k, v]) => [k, new Decimal(v)]))
  for (const m of approved) {
    const k = key(m.lineId, m.fyStart)
    out.set(k, (out.get(k) ?? new Decimal(0)).plus(m.amount))
  }
  return out
}

export { key as lineYearKey }

/** What a change moves in all: the budget it adds (its positive movements), the size approval limits are tested on. */
export function grossAmount(movements: readonly { amount: DecimalValue }[]): Decimal {
  return movements.reduce<Decimal>((a, m) => {
    const d = new Decimal(m.amount)
    return d.isPositive() ? a.plus(d) : a
  }, new Decimal(0))
}

export interface Approver {
  userId: number
  role: string
  /** Null: no limit. */
  limit: DecimalValue | null
  owners: ReadonlySet<string>
}

/** Why this approver may not approve this change, or null when they may. */
export function approvalRefusal(
  approver: Approver,
  change: {
    requestedBy: number | null
    owners: ReadonlySet<string>
    ownerNames: ReadonlyMap<string, string>
    gross: DecimalValue
  },
): string | null {
  if (approver.role !== 'approver') return 'Only an approver may approve a budget change'
  if (change.requestedBy === approver.userId)
    return 'You asked for this change: someone else must approve it (segregation of duties)'
  const outside = [...change.owners].filter((o) => !approver.owners.has(o))
  if (outside.length > 0)
    return `It moves budget of ${outside.map((o) => change.ownerNames.get(o) ?? o).join(', ')}, which your approval does not cover`
  if (approver.limit !== null && new Decimal(change.gross).greaterThan(approver.limit))
    return `It moves ${money(new Decimal(change.gross))}, above your approval limit of ${money(new Decimal(approver.limit))}`
  return null
}

export const MOVEMENT_COLUMNS = [
  'virementsIn',
  'virementsOut',
  'slippage',
  'newFunding',
  'reductions',
  'reserveDraws',
] as const
export type MovementColumn = (typeof MOVEMENT_COLUMNS)[number]

/** Where a movement shows in the movement table: virements split in and out; the rest by type. */
export function movementColumn(type: ChangeType, amount: DecimalValue): MovementColumn {
  if (type === 'virement') return new Decimal(amount).isNegative() ? 'virementsOut' : 'virementsIn'
  if (type === 'slippage') return 'slippage'
  if (type === 'new_funding') return 'newFunding'
  if (type === 'reduction') return 'reductions'
  // Draws on reserves add budget; transfers to reserves take it: one column, from (+) and to (−) reserves.
  return 'reserveDraws'
}

export type MovementRow = Record<MovementColumn, Decimal> & { original: Decimal; revised: Decimal }

/** A movement table row: the original, each kind of movement, and the revised budget they reconcile to. */
export function movementRow(
  original: DecimalValue,
  movements: readonly { type: ChangeType; amount: DecimalValue }[],
): MovementRow {
  const row = Object.fromEntries(MOVEMENT_COLUMNS.map((c) => [c, new Decimal(0)])) as Record<MovementColumn, Decimal>
  for (const m of movements)
    row[movementColumn(m.type, m.amount)] = row[movementColumn(m.type, m.amount)].plus(m.amount)
  const revised = MOVEMENT_COLUMNS.reduce((a, c) => a.plus(row[c]), new Decimal(original))
  return { ...row, original: new Decimal(original), revised }
}
