// Demo budget changes (issue #13), all in 2015/16 and all illustrative in their amounts: the year's original budget
// frozen; one Force virement within the Chief Constable's £0.5m delegation; the Body Worn Video capital slipping into
// 2016/17 with its financing (the November 2015 governance board notes: the 1,600 cameras bought had failed testing and
// no money had been paid to the supplier); and, at year end, the £2.7m underspend of the November 2015 forecast
// transferred to an earmarked reserve. The year is then closed. They are written after the illustrative actuals, as
// a year's changes are made against its spending.
import type { Knex } from 'knex'
import { slippageFinancing } from '../../server/domain/slippage'
import { rebuildSummaries } from '../../server/data/spend-summaries'

const FY = 2015
const NOTES = '2015-11-11 governance board notes'

type Row = Record<string, unknown>

async function idOf(trx: Knex.Transaction, table: string, where: Row): Promise<number> {
  const row = await trx(table).where(where).first<{ id: number } | undefined>('id')
  if (!row) throw new Error(`demo changes: no ${table} row ${JSON.stringify(where)}`)
  return Number(row.id)
}

const lineId = (trx: Knex.Transaction, name: string) => idOf(trx, 'budget_lines', { name })
const userId = (trx: Knex.Transaction, email: string) => idOf(trx, 'users', { email })

/** 2015/16's original budget, frozen as the February 2015 decision left it (before any change). */
async function freeze(trx: Knex.Transaction): Promise<void> {
  await trx('budget_amounts')
    .where('fy_start', FY)
    .update({ original_pence: trx.ref('amount_pence') })
  await trx('financial_years').where('fy_start', FY).update({ original_frozen_at: '2015-02-28 12:00:00' })
}

interface DemoChange {
  type: string
  title: string
  reason: string
  requestedBy: string
  decidedBy: string
  decidedAt: string
  note: string
  reserve?: string
  yearEnd?: boolean
  movements: { line: string; fy: number; pence: bigint }[]
}

async function insertChange(trx: Knex.Transaction, c: DemoChange): Promise<number> {
  const [requester, approver] = await Promise.all([userId(trx, c.requestedBy), userId(trx, c.decidedBy)])
  const names = await trx('users')
    .whereIn('id', [requester, approver])
    .select<{ id: number; name: string }[]>('id', 'name')
  const nameOf = (id: number) => names.find((n) => Number(n.id) === id)?.name ?? ''
  const inserted: unknown[] = await trx('budget_changes')
    .insert({
      fy_start: FY,
      type: c.type,
      title: c.title,
      reason: c.reason,
      status: 'approved',
      requested_by: requester,
      requested_by_name: nameOf(requester),
      requested_at: c.decidedAt,
      submitted_at: c.decidedAt,
      decided_by: approver,
      decided_by_name: nameOf(approver),
      decided_at: c.decidedAt,
      decision_note: c.note,
      reserve_id: c.reserve ? await idOf(trx, 'reserves', { code: c.reserve }) : null,
      illustrative: true,
      year_end: c.yearEnd ?? false,
    })
    .returning('id')
  const row = inserted[0]
  const id = Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
  for (const m of c.movements) {
    const line = await lineId(trx, m.line)
    await trx('budget_change_movements').insert({
      change_id: id,
      budget_line_id: line,
      fy_start: m.fy,
      amount_pence: m.pence.toString(),
    })
    const current = await trx('budget_amounts').where({ budget_line_id: line, fy_start: m.fy }).first<Row | undefined>()
    if (current)
      await trx('budget_amounts')
        .where({ budget_line_id: line, fy_start: m.fy })
        .update({ amount_pence: (BigInt(String(current.amount_pence)) + m.pence).toString() })
    else
      await trx('budget_amounts').insert({
        budget_line_id: line,
        fy_start: m.fy,
        amount_pence: m.pence.toString(),
        note: 'Slipped from 2015/16 (illustrative)',
      })
  }
  return id
}

const VIREMENT: DemoChange = {
  type: 'virement',
  title: 'Police staff pay: cover for the overspend from police officer pay vacancies',
  reason:
    'Police staff pay is forecast to overspend while police officer pay is below budget from vacancies. Illustrative: the amount is not in the documents.',
  requestedBy: 'finance@demo.example.org',
  decidedBy: 'force-fd@demo.example.org',
  decidedAt: '2015-12-14 10:00:00',
  note: "Within the Chief Constable's delegation for Force virements (up to £0.5m)",
  movements: [
    { line: 'Police officer pay', fy: FY, pence: -40_000_000n },
    { line: 'Police staff pay', fy: FY, pence: 40_000_000n },
  ],
}

const BWV_LINE = 'Body worn cameras: wide-scale roll-out'

const SLIPPAGE: DemoChange = {
  type: 'slippage',
  title: 'Body Worn Video: replacement cameras slip into 2016/17',
  reason: `The 1,600 cameras bought arrived and failed testing; no money had been paid to the supplier by November 2015 (${NOTES}). The part of the roll-out not paid for by the year end moves to 2016/17 with its financing. Illustrative: the amount is what the demo's 2015/16 actuals leave unspent, not a figure from the documents.`,
  requestedBy: 'finance@demo.example.org',
  decidedBy: 'commissioner@demo.example.org',
  decidedAt: '2016-04-20 10:00:00',
  note: 'Capital slippage rolled forward at the year end',
  yearEnd: true,
  movements: [],
}

const TRANSFER: DemoChange = {
  type: 'reserve_transfer',
  title: '2015/16 revenue underspend to the budget smoothing reserve',
  reason: `The November 2015 forecast was a £2.7m revenue underspend for 2015/16 (${NOTES}). A revenue underspend is not carried forward as budget: at the year end it goes to reserves by the Commissioner's decision. Illustrative: the transfer, the reserve and the line it comes off are the demo's, and the documents give no reference for the decision, so none is shown.`,
  requestedBy: 'finance@demo.example.org',
  decidedBy: 'commissioner@demo.example.org',
  decidedAt: '2016-05-10 10:00:00',
  note: 'Year-end transfer to reserves (illustrative)',
  reserve: 'budget-smoothing',
  yearEnd: true,
  movements: [{ line: 'Police officer pay', fy: FY, pence: -270_000_000n }],
}

/** What 2015/16's actuals leave unspent of the Body Worn Video budget, rounded down to £1,000: the slippage. */
async function bwvSlippage(trx: Knex.Transaction, line: number): Promise<{ slip: bigint; budgetBefore: bigint }> {
  const [budget, spent] = await Promise.all([
    trx('budget_amounts').where({ budget_line_id: line, fy_start: FY }).first<Row>('amount_pence'),
    trx('spend_transactions')
      .where({ budget_line_id: line, fy_start: FY })
      .sum<{ s: string | number | null }[]>({ s: 'amount_pence' }),
  ])
  const budgetBefore = BigInt(String(budget.amount_pence))
  const left = budgetBefore - BigInt(String(spent[0]?.s ?? 0))
  return { slip: left > 0n ? (left / 100_000n) * 100_000n : 0n, budgetBefore }
}

/** The slippage's financing moves (pro rata, as the app moves it), recorded with the change and applied. */
async function moveFinancing(
  trx: Knex.Transaction,
  changeId: number,
  at: { line: number; slip: bigint; budgetBefore: bigint },
): Promise<void> {
  const { line, slip } = at
  const financing = await trx('capital_financing').where('budget_line_id', line).select<Row[]>()
  const { moves } = slippageFinancing({
    budgets: new Map([[FY, at.budgetBefore]]),
    financing: financing.map((f) => ({
      fyStart: Number(f.fy_start),
      source: String(f.source),
      pence: BigInt(String(f.amount_pence)),
      receiptId: f.capital_receipt_id === null ? null : Number(f.capital_receipt_id),
      reserveId: f.reserve_id === null ? null : Number(f.reserve_id),
    })),
    movements: [
      { fyStart: FY, pence: -slip },
      { fyStart: FY + 1, pence: slip },
    ],
  })
  for (const m of moves) {
    const row = { budget_line_id: line, fy_start: m.fyStart, source: m.source }
    await trx('budget_change_financing').insert({
      change_id: changeId,
      ...row,
      amount_pence: m.pence.toString(),
      capital_receipt_id: m.receiptId,
      reserve_id: m.reserveId,
    })
    const current = await trx('capital_financing').where(row).first<Row | undefined>()
    if (current)
      await trx('capital_financing')
        .where(row)
        .update({ amount_pence: (BigInt(String(current.amount_pence)) + m.pence).toString() })
    else
      await trx('capital_financing').insert({
        ...row,
        amount_pence: m.pence.toString(),
        capital_receipt_id: m.receiptId,
        reserve_id: m.reserveId,
        illustrative: true,
      })
  }
}

/** The replacement cameras paid for in 2016/17: the slipped budget spent (illustrative), so the year's outturn shows it. */
async function bwvSpend(trx: Knex.Transaction, line: number, slip: bigint): Promise<void> {
  await trx('budget_profiles').insert({
    budget_line_id: line,
    fy_start: FY + 1,
    period: 3,
    amount_pence: slip.toString(),
    illustrative: true,
  })
  await trx('spend_transactions').insert({
    ledger_ref: 'ILL-2016-BWV-REPLACEMENT',
    posted_on: '2016-06-15',
    fy_start: FY + 1,
    period: 3,
    budget_line_id: line,
    supplier: 'Illustrative camera supplier',
    description: 'Illustrative transaction (demo data): replacement body worn cameras',
    amount_pence: slip.toString(),
    illustrative: true,
  })
  await trx('forecasts').insert({
    budget_line_id: line,
    fy_start: FY + 1,
    made_in_period: 12,
    amount_pence: slip.toString(),
    note: 'Outturn (illustrative)',
    illustrative: true,
  })
}

export async function seedBudgetChanges(trx: Knex.Transaction): Promise<void> {
  await freeze(trx)
  await insertChange(trx, VIREMENT)
  const bwv = await lineId(trx, BWV_LINE)
  const { slip, budgetBefore } = await bwvSlippage(trx, bwv)
  if (slip > 0n) {
    const id = await insertChange(trx, {
      ...SLIPPAGE,
      movements: [
        { line: BWV_LINE, fy: FY, pence: -slip },
        { line: BWV_LINE, fy: FY + 1, pence: slip },
      ],
    })
    await moveFinancing(trx, id, { line: bwv, slip, budgetBefore })
    await bwvSpend(trx, bwv, slip)
    await rebuildSummaries(trx)
  }
  await insertChange(trx, TRANSFER)
  await trx('financial_years')
    .where('fy_start', FY)
    .update({ closed_at: '2016-05-31 17:00:00', closed_by_name: 'Finance officer (demo)' })
}
