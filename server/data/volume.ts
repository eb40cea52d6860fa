// Fills spend_transactions with realistic illustrative volume for benchmarks, in batches: memory stays flat
// however many rows are asked for. Rows are spread over every line and year with a budget, and over the
// periods already posted in each year (so the "to date" of a page does not move). Each batch changes the
// summaries of the ledger in its own transaction.
import type { Knex } from 'knex'
import { Random } from '../domain/random'
import { addToSummaries } from './spend-summaries'
import { clientOf, openDatabase } from './db'

const SUPPLIERS = [
  'Volume Supplies Ltd',
  'Volume Services plc',
  'Volume Facilities Ltd',
  'Volume Fleet Ltd',
  'Volume Systems Ltd',
]
export const VOLUME_BATCH = 400 // SQLite's limit is 500 rows a multi-row insert (STACK-NOTES.md)

interface Target {
  budget_line_id: number
  fy_start: number
  income: boolean
}

async function targets(db: Knex): Promise<{ lines: Target[]; lastPeriod: Map<number, number> }> {
  const lines = (await db('budget_amounts as ba')
    .join('budget_lines as l', 'l.id', 'ba.budget_line_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .whereNot('ba.amount_pence', 0)
    .select('ba.budget_line_id', 'ba.fy_start', db.raw("case when st.code = 'income' then 1 else 0 end as income"))
    .orderBy(['ba.fy_start', 'ba.budget_line_id'])) as {
    budget_line_id: number
    fy_start: number
    income: number | string
  }[]
  const periods: { fy_start: number; p: number | string }[] = await db('spend_summaries')
    .select('fy_start')
    .max({ p: 'period' })
    .groupBy('fy_start')
  return {
    lines: lines.map((l) => ({
      budget_line_id: Number(l.budget_line_id),
      fy_start: Number(l.fy_start),
      income: Number(l.income) === 1,
    })),
    lastPeriod: new Map(periods.map((p) => [Number(p.fy_start), Math.min(12, Number(p.p))])),
  }
}

function postedOn(fy: number, period: number, day: number): string {
  const month = ((period + 2) % 12) + 1
  return `${period <= 9 ? fy : fy + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Insert `count` transactions; returns how many were inserted. `onBatch` reports progress. */
export async function insertVolume(
  db: Knex,
  run: { count: number; seed?: number; onBatch?: (done: number) => void },
): Promise<number> {
  const { count, seed = 1, onBatch } = run
  const { lines, lastPeriod } = await targets(db)
  if (lines.length === 0)
    throw new Error('There are no budget lines with a budget to post transactions to: seed the demo office first')
  const rng = new Random(seed)
  const batch = `${Date.now().toString(36)}-${seed}`
  let done = 0
  const makeRow = (n: number) => {
    const target = rng.pick(lines)
    const period = rng.int(1, lastPeriod.get(target.fy_start) ?? 12)
    const pence = rng.int(1_000, 250_000)
    return {
      ledger_ref: `VOL-${batch}-${n}`,
      posted_on: postedOn(target.fy_start, period, rng.int(1, 28)),
      fy_start: target.fy_start,
      period,
      budget_line_id: target.budget_line_id,
      supplier: rng.pick(SUPPLIERS),
      description: 'Volume test transaction (illustrative)',
      amount_pence: target.income ? -pence : pence,
      illustrative: true,
    }
  }
  while (done < count) {
    // One transaction per 50 batches: far fewer disk syncs than one per insert, still bounded memory.
    await db.transaction(async (trx) => {
      const before = await trx('spend_transactions').max<{ id: number | string | null }>({ id: 'id' }).first()
      const after = Number(before?.id ?? 0)
      for (let b = 0; b < 50 && done < count; b++) {
        const size = Math.min(VOLUME_BATCH, count - done)
        await trx('spend_transactions').insert(Array.from({ length: size }, (_, i) => makeRow(done + i + 1)))
        done += size
      }
      // The summaries change in the same transaction as the rows (one aggregate over the rows just written).
      await addToSummaries(trx, (q) => q.where('id', '>', after), 1)
    })
    onBatch?.(done)
  }
  return done
}

/** How many spend transactions the database holds. */
export async function countTransactions(db: Knex): Promise<number> {
  return Number((await db('spend_transactions').count({ n: '*' }).first())?.n ?? 0)
}

/** The benchmark's floor: the aggregate of every transaction by programme, financial year and period, the raw SQL a
 * page of actuals could not do without if it read the transactions (the pages read `spend_summaries` instead).
 * Returns how many groups it made. */
export async function aggregateTransactions(db: Knex): Promise<number> {
  const rows = await db('spend_transactions as t')
    .join('budget_lines as l', 'l.id', 't.budget_line_id')
    .groupBy('l.programme_id', 't.fy_start', 't.period')
    .select('l.programme_id', 't.fy_start', 't.period')
    .sum({ pence: 't.amount_pence' })
  return rows.length
}

/** A fresh, empty PostgreSQL database `name` on the server `url` names (dropped first if it exists); returns its
 * URL. For the benchmark: it never touches the database `url` itself names. */
export async function freshPostgresDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain database name`)
  const admin = openDatabase({ client: 'postgres', url })
  try {
    await admin.raw(`drop database if exists ${name} with (force)`)
    await admin.raw(`create database ${name}`)
  } finally {
    await admin.destroy()
  }
  const fresh = new URL(url)
  fresh.pathname = `/${name}`
  return fresh.href
}

/** Drops a database made by `freshPostgresDatabase`. */
export async function dropPostgresDatabase(url: string, name: string): Promise<void> {
  const admin = openDatabase({ client: 'postgres', url })
  try {
    await admin.raw(`drop database if exists ${name} with (force)`)
  } finally {
    await admin.destroy()
  }
}

/** After adding volume, what PostgreSQL's autovacuum does on a default server (some machines run with it off): the
 * summaries, rewritten by every batch, are vacuumed of their dead rows, and both tables analysed for the planner;
 * then a checkpoint, so the pages are not timed while the server writes the volume out to disk (where the role may;
 * a refused checkpoint is ignored). SQLite updates in place and needs nothing. */
export async function settleAfterVolume(db: Knex): Promise<void> {
  if (clientOf(db) !== 'postgres') return
  await db.raw('vacuum (analyze) spend_summaries')
  await db.raw('analyze spend_transactions')
  await db.raw('checkpoint').catch(() => undefined)
}
