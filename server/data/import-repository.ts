// Ledger imports (issue #9): batches, the staged rows of a checked file, its problems, the saved column mappings
// and the ledger codes (cost centre + account code → budget line). A batch's rows are staged in `import_rows` by the
// check, then committed to the ledger in one statement inside one transaction, with the summaries; a reversal takes
// them away the same way. References already in the ledger are found by one join, not a query a row.
import type { Knex } from 'knex'
import type { Db } from './db'
import { addToSummaries } from './spend-summaries'
import { clientOf } from './db'

export type BatchStatus =
  'uploaded' | 'checking' | 'checked' | 'committing' | 'committed' | 'reversed' | 'failed' | 'discarded'

export interface BatchRow {
  id: number
  file_name: string
  sha256: string
  file_bytes: number
  file_kind: 'csv' | 'xlsx'
  headers: string | null
  mapping_id: number | null
  mapping_name: string | null
  fy_start: number
  status: BatchStatus
  rows_total: number | null
  rows_done: number
  rows_accepted: number
  rows_rejected: number
  rows_held: number
  rows_conflict: number
  total_pence: string
  keep_held_amounts: boolean
  error: string | null
  created_by: string
  created_at: string
  committed_by: string | null
  committed_at: string | null
  reversed_by: string | null
  reversed_at: string | null
  reversal_reason: string | null
  version: number
}

export interface StagedRow {
  batch_id: number
  row_number: number
  ledger_ref: string
  posted_on: string
  fy_start: number
  period: number
  budget_line_id: number
  supplier: string | null
  description: string | null
  amount_pence: string
  cost_centre: string
  account_code: string
  vat_pence: string | null
  irrecoverable_vat_pence: string | null
  merchant_category: string | null
  department: string | null
  body: string | null
  individual: boolean | null
  invoice_ref: string | null
  kind: string | null
  withheld_reason: string | null
  procurement_route: string | null
}

export interface ProblemRow {
  batch_id: number
  row_number: number
  kind: 'rejected' | 'held' | 'conflict'
  ledger_ref: string | null
  field: string | null
  reason: string
}

/** A timestamp as ISO text, whichever driver read it (pg: a Date; SQLite: "2026-12-02 10:04:00", UTC). */
const stamp = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? `${v.replace(' ', 'T')}Z` : null

const normaliseBatch = (r: Record<string, unknown>): BatchRow =>
  ({
    ...r,
    created_at: stamp(r.created_at),
    committed_at: stamp(r.committed_at),
    reversed_at: stamp(r.reversed_at),
    id: Number(r.id),
    fy_start: Number(r.fy_start),
    file_bytes: Number(r.file_bytes),
    rows_total: r.rows_total === null ? null : Number(r.rows_total),
    rows_done: Number(r.rows_done),
    rows_accepted: Number(r.rows_accepted),
    rows_rejected: Number(r.rows_rejected),
    rows_held: Number(r.rows_held),
    rows_conflict: Number(r.rows_conflict),
    total_pence: String(r.total_pence),
    keep_held_amounts: Boolean(r.keep_held_amounts),
    version: Number(r.version),
  }) as BatchRow

function batches(db: Db): Knex.QueryBuilder {
  return db('import_batches as b')
    .leftJoin('ledger_mappings as m', 'm.id', 'b.mapping_id')
    .select('b.*', 'm.name as mapping_name')
}

export async function createBatch(db: Db, row: Record<string, unknown>): Promise<number> {
  const [result] = await db('import_batches').insert(row).returning<({ id: number } | number)[]>('id')
  return Number(typeof result === 'object' ? result.id : result)
}

export async function findBatch(db: Db, id: number): Promise<BatchRow | undefined> {
  const row = (await batches(db).where('b.id', id).first()) as Record<string, unknown> | undefined
  return row ? normaliseBatch(row) : undefined
}

export async function listBatches(db: Db, limit: number): Promise<BatchRow[]> {
  const rows = (await batches(db).orderBy('b.id', 'desc').limit(limit)) as Record<string, unknown>[]
  return rows.map(normaliseBatch)
}

/** A committed, not reversed, batch of the same file (by SHA-256), if any. */
export async function committedTwin(db: Db, sha256: string, notId: number): Promise<BatchRow | undefined> {
  const row = (await batches(db)
    .where('b.sha256', sha256)
    .where('b.status', 'committed')
    .whereNot('b.id', notId)
    .first()) as Record<string, unknown> | undefined
  return row ? normaliseBatch(row) : undefined
}

/** Changes a batch; with `from`, only while it is in one of those states (answers whether it changed). */
export async function updateBatch(
  db: Db,
  id: number,
  change: { set: Record<string, unknown>; from?: BatchStatus[] },
): Promise<boolean> {
  const q = db('import_batches').where('id', id)
  if (change.from) q.whereIn('status', change.from)
  return (await q.update({ ...change.set, version: db.raw('version + 1') })) > 0
}

/** Every ledger code, as `cost centre|account code` → its budget line (and whether that line is retired). */
export async function ledgerCodeMap(db: Db): Promise<Map<string, { lineId: number; retired: boolean }>> {
  const rows = await db('ledger_codes as c')
    .join('budget_lines as l', 'l.id', 'c.budget_line_id')
    .whereNull('c.retired_at')
    .select<{ cost_centre: string; account_code: string; budget_line_id: number; retired_at: string | null }[]>(
      'c.cost_centre',
      'c.account_code',
      'c.budget_line_id',
      'l.retired_at',
    )
  return new Map(
    rows.map((r) => [
      codeKey(r.cost_centre, r.account_code),
      { lineId: Number(r.budget_line_id), retired: r.retired_at !== null },
    ]),
  )
}

export const codeKey = (costCentre: string, accountCode: string) =>
  `${costCentre.trim().toUpperCase()}|${accountCode.trim().toUpperCase()}`

const STAGED_TYPES: [keyof StagedRow, string][] = [
  ['batch_id', 'int'],
  ['row_number', 'int'],
  ['ledger_ref', 'text'],
  ['posted_on', 'date'],
  ['fy_start', 'int'],
  ['period', 'int'],
  ['budget_line_id', 'int'],
  ['supplier', 'text'],
  ['description', 'text'],
  ['amount_pence', 'bigint'],
  ['cost_centre', 'text'],
  ['account_code', 'text'],
  ['vat_pence', 'bigint'],
  ['irrecoverable_vat_pence', 'bigint'],
  ['merchant_category', 'text'],
  ['department', 'text'],
  ['body', 'text'],
  ['individual', 'boolean'],
  ['invoice_ref', 'text'],
  ['kind', 'text'],
  ['withheld_reason', 'text'],
  ['procurement_route', 'text'],
]

/** PostgreSQL: a chunk in one statement, a column an array (unnest): a parameter a column, not one a cell. */
async function stagePostgres(trx: Knex.Transaction, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return
  const columns = STAGED_TYPES.map(([c]) => trx.raw('??', [c]).toQuery()).join(', ')
  const arrays = STAGED_TYPES.map(([c]) => rows.map((r) => r[c])) as unknown as readonly Knex.Value[]
  const casts = STAGED_TYPES.map(([, type]) => `?::${type}[]`).join(', ')
  await trx.raw(`insert into import_rows (${columns}) select * from unnest(${casts})`, arrays)
}

/** Writes staged rows and problems of a checked file, in one transaction (a chunk of the file). */
export async function stageChunk(db: Knex, chunk: { rows: StagedRow[]; problems: ProblemRow[] }): Promise<void> {
  await db.transaction(async (trx) => {
    if (clientOf(db) === 'postgres') await stagePostgres(trx, chunk.rows)
    else for (let i = 0; i < chunk.rows.length; i += 400) await trx('import_rows').insert(chunk.rows.slice(i, i + 400))
    for (let i = 0; i < chunk.problems.length; i += 400)
      await trx('import_problems').insert(chunk.problems.slice(i, i + 400))
  })
}

const held = (db: Db, batchId: number) =>
  db('import_rows as r').join('spend_transactions as t', 't.ledger_ref', 'r.ledger_ref').where('r.batch_id', batchId)

const SAME =
  'case when t.amount_pence = r.amount_pence and t.budget_line_id = r.budget_line_id and t.fy_start = r.fy_start and t.period = r.period then 1 else 0 end'

/** How many staged rows the ledger already holds with the same figures, and how many it holds differently. */
export async function heldCounts(db: Db, batchId: number): Promise<{ held: number; conflict: number }> {
  const row = (await held(db, batchId)
    .select(db.raw(`coalesce(sum(${SAME}), 0) as same`), db.raw('count(*) as n'))
    .first()) as { same: string | number; n: string | number }
  return { held: Number(row.same), conflict: Number(row.n) - Number(row.same) }
}

export interface HeldRow {
  row_number: number
  ledger_ref: string
  same: boolean
  held_pence: string
  file_pence: string
  held_line: string
  held_fy: number
  held_period: number
  held_batch: number | null
}

/** The first staged rows the ledger already holds, with what it holds (for the problem list). */
export async function heldRows(db: Db, batchId: number, limit: number): Promise<HeldRow[]> {
  const rows = (await held(db, batchId)
    .join('budget_lines as l', 'l.id', 't.budget_line_id')
    .select(
      'r.row_number',
      'r.ledger_ref',
      db.raw(`${SAME} as same`),
      't.amount_pence as held_pence',
      'r.amount_pence as file_pence',
      'l.name as held_line',
      't.fy_start as held_fy',
      't.period as held_period',
      't.import_batch_id as held_batch',
    )
    .orderBy('r.row_number')
    .limit(limit)) as Record<string, unknown>[]
  return rows.map((r) => ({
    row_number: Number(r.row_number),
    ledger_ref: String(r.ledger_ref),
    same: Number(r.same) === 1,
    held_pence: String(r.held_pence),
    file_pence: String(r.file_pence),
    held_line: String(r.held_line),
    held_fy: Number(r.held_fy),
    held_period: Number(r.held_period),
    held_batch: r.held_batch === null ? null : Number(r.held_batch),
  }))
}

/**
 * Rows of a file whose ledger reference an earlier row of the same file has: listed as rejected (the first `limit`
 * of them) and taken out of its staged rows. Answers how many there were.
 */
export async function rejectDuplicates(db: Knex, batchId: number, limit: number): Promise<number> {
  const firsts = db('import_rows')
    .where('batch_id', batchId)
    .groupBy('ledger_ref')
    .havingRaw('count(*) > 1')
    .select('ledger_ref', db.raw('min(row_number) as first_row'))
  const later = () =>
    db('import_rows as r')
      .join(firsts.clone().as('f'), 'f.ledger_ref', 'r.ledger_ref')
      .where('r.batch_id', batchId)
      .whereRaw('r.row_number > f.first_row')
  const count = Number(((await later().count({ n: '*' }).first()) as { n: string | number }).n)
  if (count === 0) return 0
  const rows = (await later()
    .select('r.row_number', 'r.ledger_ref', 'f.first_row')
    .orderBy('r.row_number')
    .limit(limit)) as { row_number: number; ledger_ref: string; first_row: number }[]
  await db.transaction(async (trx) => {
    await insertProblems(
      trx,
      rows.map((r) => ({
        batch_id: batchId,
        row_number: Number(r.row_number),
        kind: 'rejected' as const,
        ledger_ref: r.ledger_ref,
        field: 'ledger_ref',
        reason: `The ledger reference ${r.ledger_ref} is also on row ${Number(r.first_row)}`,
      })),
    )
    await trx('import_rows').where('batch_id', batchId).whereIn('row_number', later().select('r.row_number')).delete()
  })
  return count
}

export async function insertProblems(db: Db, problems: ProblemRow[]): Promise<void> {
  for (let i = 0; i < problems.length; i += 400) await db('import_problems').insert(problems.slice(i, i + 400))
}

/** The staged rows not yet in the ledger: what a commit writes. */
const toCommit = (db: Db, batchId: number) =>
  db('import_rows as r')
    .where('r.batch_id', batchId)
    .whereNotExists(db('spend_transactions as t').select(db.raw('1')).whereRaw('t.ledger_ref = r.ledger_ref'))

export interface StagedTotal {
  budget_line_id: number
  line_name: string
  programme_code: string | null
  period: number
  amount_pence: string
  rows: number
}

/** What a commit would add, by budget line and period (one aggregate over the staged rows). */
export async function stagedTotals(db: Db, batchId: number): Promise<StagedTotal[]> {
  const rows = (await toCommit(db, batchId)
    .join('budget_lines as l', 'l.id', 'r.budget_line_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .select('r.budget_line_id', 'l.name as line_name', 'p.code as programme_code', 'r.period')
    .sum({ amount_pence: 'r.amount_pence' })
    .count({ rows: '*' })
    .groupBy('r.budget_line_id', 'l.name', 'p.code', 'r.period')
    .orderBy(['l.name', 'r.period'])) as Record<string, unknown>[]
  return rows.map((r) => ({
    budget_line_id: Number(r.budget_line_id),
    line_name: String(r.line_name),
    programme_code: r.programme_code === null ? null : (r.programme_code as string),
    period: Number(r.period),
    amount_pence: String(r.amount_pence),
    rows: Number(r.rows),
  }))
}

/** The problems of a batch of one kind, in row order, from row `after` on (a page of them). */
export async function listProblems(
  db: Db,
  at: { batchId: number; kinds: ProblemRow['kind'][]; after: number; limit: number },
): Promise<(ProblemRow & { id: number })[]> {
  const rows = (await db('import_problems')
    .where('batch_id', at.batchId)
    .whereIn('kind', at.kinds)
    .where('id', '>', at.after)
    .orderBy('id')
    .limit(at.limit)) as (ProblemRow & { id: number })[]
  return rows.map((r) => ({ ...r, id: Number(r.id), row_number: Number(r.row_number) }))
}

const COLUMNS = [
  'ledger_ref',
  'posted_on',
  'fy_start',
  'period',
  'budget_line_id',
  'supplier',
  'description',
  'amount_pence',
  'cost_centre',
  'account_code',
  'vat_pence',
  'irrecoverable_vat_pence',
  'merchant_category',
  'department',
  'body',
  'individual',
  'invoice_ref',
  'kind',
  'withheld_reason',
  'procurement_route',
]

/**
 * Writes a checked batch's rows to the ledger and its summaries, inside the caller's transaction: one statement
 * copies the staged rows the ledger does not hold yet. Answers how many rows were written.
 */
export async function commitStaged(trx: Knex.Transaction, batchId: number): Promise<number> {
  const copy = toCommit(trx, batchId)
    .select(...COLUMNS.map((c) => `r.${c}`), trx.raw('? as import_batch_id', [batchId]))
    .toSQL()
  const columns = [...COLUMNS, 'import_batch_id'].map((c) => trx.raw('??', [c]).toQuery()).join(', ')
  await trx.raw(`insert into spend_transactions (${columns}) ${copy.sql}`, copy.bindings)
  const written = (await trx('spend_transactions').where('import_batch_id', batchId).count({ n: '*' }).first()) as {
    n: string | number
  }
  await addToSummaries(trx, (q) => q.where('import_batch_id', batchId), 1)
  return Number(written.n)
}

/** Takes a committed batch's rows out of the ledger and its summaries, inside the caller's transaction. */
export async function reverseCommitted(trx: Knex.Transaction, batchId: number): Promise<number> {
  await addToSummaries(trx, (q) => q.where('import_batch_id', batchId), -1)
  return trx('spend_transactions').where('import_batch_id', batchId).delete()
}

/** Deletes a batch's staged rows (after its commit, discard or failure): on SQLite in chunks, so no one waits long
 * for its one writer; PostgreSQL's readers and writers never wait for a delete, so there at once. */
export async function clearStaging(db: Knex, batchId: number): Promise<void> {
  if (clientOf(db) === 'postgres') {
    await db('import_rows').where('batch_id', batchId).delete()
    return
  }
  for (;;) {
    const deleted = await db('import_rows')
      .where('batch_id', batchId)
      .whereIn(
        'row_number',
        db('import_rows').select('row_number').where('batch_id', batchId).orderBy('row_number').limit(20_000),
      )
      .delete()
    if (deleted === 0) return
  }
}

/** Batches a stopped server left checking or committing: they failed (a commit is one transaction, so nothing of
 * it was written). Answers their ids. */
export async function interruptedBatches(db: Db): Promise<number[]> {
  const rows = await db('import_batches').whereIn('status', ['checking', 'committing']).select<{ id: number }[]>('id')
  return rows.map((r) => Number(r.id))
}

export interface MappingRow {
  id: number
  name: string
  columns: string
  version: number
}

export async function listMappings(db: Db): Promise<MappingRow[]> {
  return (await db('ledger_mappings').select('id', 'name', 'columns', 'version').orderBy('name')) as MappingRow[]
}

export async function findMappingByName(db: Db, name: string): Promise<MappingRow | undefined> {
  return (await db('ledger_mappings').whereRaw('lower(name) = lower(?)', [name]).first()) as MappingRow | undefined
}

export interface LedgerCodeRow {
  id: number
  cost_centre: string
  account_code: string
  budget_line_id: number
  line_name: string
  programme_code: string | null
  owner_name: string
  spend_type_name: string
  note: string | null
  version: number
}

/** The ledger codes in use, with the budget line each maps to (and so its owner, type of spend and programme). */
export async function listLedgerCodes(db: Db): Promise<LedgerCodeRow[]> {
  return (await db('ledger_codes as c')
    .join('budget_lines as l', 'l.id', 'c.budget_line_id')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .whereNull('c.retired_at')
    .select(
      'c.id',
      'c.cost_centre',
      'c.account_code',
      'c.budget_line_id',
      'l.name as line_name',
      'p.code as programme_code',
      'o.name as owner_name',
      'st.name as spend_type_name',
      'c.note',
      'c.version',
    )
    .orderBy(['c.cost_centre', 'c.account_code'])) as LedgerCodeRow[]
}

/** Creates or replaces a saved column mapping; answers its id. */
export async function saveMapping(db: Db, m: { id?: number; name: string; columns: string }): Promise<number> {
  if (m.id !== undefined) {
    await db('ledger_mappings')
      .where('id', m.id)
      .update({ columns: m.columns, updated_at: db.fn.now(), version: db.raw('version + 1') })
    return m.id
  }
  const [result] = await db('ledger_mappings')
    .insert({ name: m.name, columns: m.columns })
    .returning<({ id: number } | number)[]>('id')
  return Number(typeof result === 'object' ? result.id : result)
}

/** Forgets a batch's problems (before it is checked again). */
export async function clearProblems(db: Db, batchId: number): Promise<void> {
  await db('import_problems').where('batch_id', batchId).delete()
}

/** The live budget lines a ledger code may map to, by name (with the programme's code). */
export async function lineOptions(db: Db): Promise<{ id: number; name: string; programme_code: string | null }[]> {
  return db('budget_lines as l')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .whereNull('l.retired_at')
    .select<{ id: number; name: string; programme_code: string | null }[]>('l.id', 'l.name', 'p.code as programme_code')
    .orderBy(['l.name', 'l.id'])
}

/** The ledger code with this cost centre and account code (retired or not), with its line's name. */
export async function findLedgerCode(
  db: Db,
  key: { costCentre: string; accountCode: string },
): Promise<{ id: number; line_name: string; retired_at: string | null } | undefined> {
  return db('ledger_codes as c')
    .join('budget_lines as l', 'l.id', 'c.budget_line_id')
    .whereRaw('upper(c.cost_centre) = ?', [key.costCentre.toUpperCase()])
    .whereRaw('upper(c.account_code) = ?', [key.accountCode.toUpperCase()])
    .first<{ id: number; line_name: string; retired_at: string | null } | undefined>(
      'c.id',
      'l.name as line_name',
      'c.retired_at',
    )
}

/** The ledger codes whose budget line has a budget in a year (the benchmark's extract posts to them). */
export async function ledgerCodesWithBudget(
  db: Db,
  fyStart: number,
): Promise<{ cost_centre: string; account_code: string }[]> {
  return db('ledger_codes as c')
    .join('budget_amounts as a', 'a.budget_line_id', 'c.budget_line_id')
    .whereNull('c.retired_at')
    .where('a.fy_start', fyStart)
    .whereNot('a.amount_pence', 0)
    .select<{ cost_centre: string; account_code: string }[]>('c.cost_centre', 'c.account_code')
}

/** Batches uploaded, checked or failed more than `days` ago and never imported. */
export async function staleBatches(db: Db, days: number): Promise<BatchRow[]> {
  const before = new Date(Date.now() - days * 86_400_000)
  const rows = (await batches(db)
    .whereIn('b.status', ['uploaded', 'checked', 'failed'])
    .where(
      'b.created_at',
      '<',
      clientOf(db) === 'postgres' ? before : before.toISOString().slice(0, 19).replace('T', ' '),
    )
    .orderBy('b.id')) as Record<string, unknown>[]
  return rows.map(normaliseBatch)
}
