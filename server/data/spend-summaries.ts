// The summaries of the ledger (issue #9): per budget line, financial year and period, the sum and count of its
// transactions. Every write of transactions changes them in the same database transaction (`addToSummaries`), so
// every page reads them and never the raw ledger. `summaryDifferences` recomputes them from the transactions.
import type { Knex } from 'knex'
import type { Db } from './db'

const KEY = ['budget_line_id', 'fy_start', 'period'] as const

interface SummaryRow {
  budget_line_id: number
  fy_start: number
  period: number
  amount_pence: string
  transaction_count: number
  illustrative_count: number
}

/** The transactions a query picks out, summed by line, year and period (one aggregate in SQL). */
function grouped(db: Db, pick: (q: Knex.QueryBuilder) => void): Knex.QueryBuilder {
  return db('spend_transactions')
    .modify(pick)
    .select(
      ...KEY,
      db.raw('sum(amount_pence) as amount_pence'),
      db.raw('count(*) as transaction_count'),
      db.raw('sum(case when illustrative then 1 else 0 end) as illustrative_count'),
    )
    .groupBy(...KEY)
}

/**
 * Adds the transactions `pick` selects to the summaries (sign 1, after inserting them) or takes them away (sign -1,
 * before deleting them). Call inside the transaction that writes them. The groups are at most lines × periods.
 */
export async function addToSummaries(trx: Knex.Transaction, pick: (q: Knex.QueryBuilder) => void, sign: 1 | -1) {
  const groups = (await grouped(trx, pick)) as Record<keyof SummaryRow, string | number>[]
  if (groups.length === 0) return
  const rows = groups.map((g) => ({
    budget_line_id: Number(g.budget_line_id),
    fy_start: Number(g.fy_start),
    period: Number(g.period),
    amount_pence: (BigInt(String(g.amount_pence)) * BigInt(sign)).toString(),
    transaction_count: Number(g.transaction_count) * sign,
    illustrative_count: Number(g.illustrative_count) * sign,
  }))
  for (let i = 0; i < rows.length; i += 400) {
    await trx('spend_summaries')
      .insert(rows.slice(i, i + 400))
      .onConflict([...KEY])
      .merge({
        amount_pence: trx.raw('spend_summaries.amount_pence + excluded.amount_pence'),
        transaction_count: trx.raw('spend_summaries.transaction_count + excluded.transaction_count'),
        illustrative_count: trx.raw('spend_summaries.illustrative_count + excluded.illustrative_count'),
      })
  }
  await trx('spend_summaries').where('transaction_count', '<=', 0).delete()
}

/** Adds one transaction, by its ledger reference, to the summaries (a manual journal just written). */
export function addReferenceToSummaries(trx: Knex.Transaction, ledgerRef: string): Promise<void> {
  return addToSummaries(trx, (q) => q.where('ledger_ref', ledgerRef), 1)
}

/** Replaces every summary with the sums of the transactions (the demo seed, and a repair after `db:check`). */
export async function rebuildSummaries(trx: Knex.Transaction): Promise<void> {
  await trx('spend_summaries').delete()
  // The grouped columns are in the table's own order.
  await trx('spend_summaries').insert(grouped(trx, () => undefined))
}

export interface SummaryDifference {
  budget_line_id: number
  fy_start: number
  period: number
  summary_pence: string
  ledger_pence: string
  summary_count: number
  ledger_count: number
}

const sameKey = (alias: string) => (j: Knex.JoinClause) =>
  j
    .on(`${alias}.budget_line_id`, 'k.budget_line_id')
    .andOn(`${alias}.fy_start`, 'k.fy_start')
    .andOn(`${alias}.period`, 'k.period')

/** Every (line, year, period) where the summary and the transactions disagree, in sum or count (empty when none). */
export async function summaryDifferences(db: Db): Promise<SummaryDifference[]> {
  const ledger = grouped(db, () => undefined)
  const rows = (await db
    .with('t', ledger)
    .with(
      'keys',
      db
        .select(...KEY)
        .from('t')
        .union(db.select(...KEY).from('spend_summaries')),
    )
    .from('keys as k')
    .leftJoin('t', sameKey('t'))
    .leftJoin('spend_summaries as s', sameKey('s'))
    .select(
      'k.budget_line_id',
      'k.fy_start',
      'k.period',
      db.raw('coalesce(s.amount_pence, 0) as summary_pence'),
      db.raw('coalesce(t.amount_pence, 0) as ledger_pence'),
      db.raw('coalesce(s.transaction_count, 0) as summary_count'),
      db.raw('coalesce(t.transaction_count, 0) as ledger_count'),
    )
    .whereRaw('coalesce(s.amount_pence, 0) <> coalesce(t.amount_pence, 0)')
    .orWhereRaw('coalesce(s.transaction_count, 0) <> coalesce(t.transaction_count, 0)')
    .orWhereRaw('coalesce(s.illustrative_count, 0) <> coalesce(t.illustrative_count, 0)')
    .orderBy(['k.fy_start', 'k.period', 'k.budget_line_id'])) as Record<keyof SummaryDifference, string | number>[]
  return rows.map((r) => ({
    budget_line_id: Number(r.budget_line_id),
    fy_start: Number(r.fy_start),
    period: Number(r.period),
    summary_pence: String(r.summary_pence),
    ledger_pence: String(r.ledger_pence),
    summary_count: Number(r.summary_count),
    ledger_count: Number(r.ledger_count),
  }))
}
