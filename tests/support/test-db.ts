// A fresh, migrated and seeded database for a test (or a test file), copied from a template that is built once per
// set of migrations and seeds, so a fresh database costs a file copy (SQLite) or a CREATE DATABASE … TEMPLATE
// (PostgreSQL, when DATABASE_URL is set as .ci/run does), not a migration and a seed each time.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { migrateLatest, openDatabase, seedIfEmpty } from '../../server/data/db'

export interface TestDb {
  db: Knex
  client: 'sqlite' | 'postgres'
  destroy(): Promise<void>
}

const ROOT = path.join(__dirname, '..', '..')

/** A name for the template that changes whenever a migration or a seed file does. */
function templateKey(): string {
  const hash = createHash('sha256')
  for (const dir of ['db/migrations', 'seeds', 'seeds/demo']) {
    const full = path.join(ROOT, dir)
    for (const name of fs.readdirSync(full).sort()) {
      const file = path.join(full, name)
      if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file))
    }
  }
  return hash.digest('hex').slice(0, 16)
}

async function build(db: Knex, seed: boolean): Promise<void> {
  await migrateLatest(db)
  if (seed) await seedIfEmpty(db)
}

/** The SQLite template file, built once (by whichever worker gets there first; a rename makes it appear whole). */
async function sqliteTemplate(seed: boolean): Promise<string> {
  const file = path.join(os.tmpdir(), `pcc-tracker-template-${templateKey()}${seed ? '' : '-empty'}.sqlite3`)
  if (fs.existsSync(file)) return file
  const building = `${file}.${randomBytes(4).toString('hex')}.building`
  const db = openDatabase({ client: 'sqlite', filename: building }, { create: true })
  try {
    await build(db, seed)
  } finally {
    await db.destroy()
  }
  fs.renameSync(building, file)
  return file
}

async function sqliteDb(seed: boolean): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-tracker-'))
  const filename = path.join(dir, 'test.sqlite3')
  fs.copyFileSync(await sqliteTemplate(seed), filename)
  const db = openDatabase({ client: 'sqlite', filename })
  return {
    db,
    client: 'sqlite',
    async destroy() {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** Runs `sql` on the server's maintenance connection (databases are made and dropped from outside them). */
async function onServer(url: string, run: (admin: Knex) => Promise<unknown>): Promise<void> {
  const admin = openDatabase({ client: 'postgres', url: withDatabase(url, 'postgres') })
  try {
    await run(admin)
  } finally {
    await admin.destroy()
  }
}

/** The PostgreSQL template database: built under a name of its own, then renamed, so it appears whole. */
async function postgresTemplate(url: string, seed: boolean): Promise<string> {
  const name = `pcc_template_${templateKey()}${seed ? '' : '_empty'}`
  let exists = false
  await onServer(url, async (admin) => {
    const found: { rows: unknown[] } = await admin.raw('select 1 from pg_database where datname = ?', [name])
    exists = found.rows.length > 0
  })
  if (exists) return name
  const building = `${name}_${randomBytes(4).toString('hex')}`
  await onServer(url, (admin) => admin.raw('create database ??', [building]))
  const db = openDatabase({ client: 'postgres', url: withDatabase(url, building) })
  try {
    await build(db, seed)
  } finally {
    await db.destroy()
  }
  await onServer(url, async (admin) => {
    try {
      await admin.raw('alter database ?? rename to ??', [building, name])
    } catch {
      // Another worker built it first: theirs is as good as ours.
      await admin.raw('drop database if exists ??', [building])
    }
  })
  return name
}

async function postgresDb(url: string, seed: boolean): Promise<TestDb> {
  const template = await postgresTemplate(url, seed)
  const name = `test_${randomBytes(6).toString('hex')}`
  await onServer(url, async (admin) => {
    // Two workers copying the same template at the same moment may be told it is "being accessed": try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.raw('create database ?? template ??', [name, template])
        return
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  })
  const db = openDatabase({ client: 'postgres', url: withDatabase(url, name) })
  return {
    db,
    client: 'postgres',
    async destroy() {
      await db.destroy()
      await onServer(url, (admin) => admin.raw('drop database if exists ?? with (force)', [name]))
    },
  }
}

export async function createTestDb(options: { seed?: boolean } = {}): Promise<TestDb> {
  const seed = options.seed ?? true
  const url = process.env.DATABASE_URL
  return url ? postgresDb(url, seed) : sqliteDb(seed)
}

/** Counts the SQL queries knex sends while `fn` runs. */
export async function countQueries(db: Knex, fn: () => Promise<unknown>): Promise<number> {
  let n = 0
  const listener = () => {
    n += 1
  }
  db.on('query', listener)
  try {
    await fn()
  } finally {
    db.off('query', listener)
  }
  return n
}

// Every table a form may write. sign_in_failures is left out on purpose: a refused sign-in (401) records its failure.
const WRITABLE = [
  'programmes',
  'budget_lines',
  'budget_amounts',
  'budget_profiles',
  'forecasts',
  'decisions',
  'decision_signoffs',
  'decision_programmes',
  'decision_commitments',
  'benefits',
  'funding_sources',
  'financial_years',
  'users',
  'user_budget_owners',
  'time_saved_assumptions',
  'benefit_realisations',
  'spend_transactions',
  'ledger_codes',
  'reserves',
  'reserve_flows',
  'mtfp_plans',
  'mtfp_lines',
  'mtfp_amounts',
  'workforce_groups',
  'workforce_years',
  'savings',
  'capital_financing',
  'capital_receipts',
  'loans',
  'treasury_years',
  'capital_settings',
  'asset_classes',
  'billing_authorities',
  'tax_bases',
  'referendum_principles',
  'panel_settings',
  'precepts',
  'section25_statements',
  'budget_changes',
  'budget_change_movements',
  'budget_change_financing',
  'pack_commentaries',
  'programme_commentaries',
  'grants',
  'contracts',
  'audit_events',
]

/** Tables keyed by their financial year, with no id column. */
const BY_YEAR = new Set([
  'financial_years',
  'treasury_years',
  'referendum_principles',
  'precepts',
  'section25_statements',
])

type Row = Record<string, unknown>
export type Tables = Record<string, Row[]>

const orderOf = (t: string) =>
  BY_YEAR.has(t) ? ['fy_start'] : t === 'user_budget_owners' ? ['user_id', 'budget_owner_id'] : ['id']

/** Every row a form could write, table by table. */
export async function readWritable(db: Knex): Promise<Tables> {
  const rows = await Promise.all(
    WRITABLE.map(async (t) => [t, (await db(t).select('*').orderBy(orderOf(t))) as Row[]] as const),
  )
  return Object.fromEntries(rows)
}

/** Every row a form could write, as text: equal snapshots mean nothing was written. */
export async function snapshotWritable(db: Knex): Promise<string> {
  const tables = await readWritable(db)
  return WRITABLE.map((t) => `${t}:${JSON.stringify(tables[t])}`).join('\n')
}

/** One cell a save changed: a row's column, or a whole row added or removed. */
export interface CellChange {
  table: string
  rowId: string
  column: string | null
  change: 'insert' | 'update' | 'delete'
}

const text = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v)
const rowIdOf = (t: string, r: Row) =>
  (BY_YEAR.has(t)
    ? text(r.fy_start)
    : t === 'user_budget_owners'
      ? `${text(r.user_id)}|${text(r.budget_owner_id)}`
      : text(r.id)) ?? ''

/**
 * Every cell that differs between two reads, apart from the audit trail itself, versions and a new row's
 * structural columns (`structural`: its id, its place under its parent, columns left at their defaults).
 */
export function diffWritable(
  before: Tables,
  after: Tables,
  structural: (table: string, column: string, value: unknown) => boolean,
): CellChange[] {
  const changes: CellChange[] = []
  for (const table of WRITABLE.filter((t) => t !== 'audit_events')) {
    const was = new Map((before[table] ?? []).map((r) => [rowIdOf(table, r), r]))
    const now = new Map((after[table] ?? []).map((r) => [rowIdOf(table, r), r]))
    for (const [rowId, row] of now) {
      const old = was.get(rowId)
      if (!old) {
        changes.push({ table, rowId, column: null, change: 'insert' })
        for (const [column, value] of Object.entries(row)) {
          if (value !== null && column !== 'version' && !structural(table, column, value))
            changes.push({ table, rowId, column, change: 'insert' })
        }
        continue
      }
      for (const column of Object.keys(row)) {
        if (column !== 'version' && text(old[column]) !== text(row[column]))
          changes.push({ table, rowId, column, change: 'update' })
      }
    }
    for (const rowId of was.keys()) if (!now.has(rowId)) changes.push({ table, rowId, column: null, change: 'delete' })
  }
  return changes
}

interface AuditRowLike {
  id: number | string
  table_name: string
  row_id: string
  column_name: string | null
  action: string
}

/**
 * What a save changed that its audit rows do not account for, and audit rows that account for nothing: both empty
 * when the trail is complete. A timestamp column (`…_at`) is covered by any audit row of its row.
 */
export function unaudited(
  before: Tables,
  after: Tables,
  structural: (table: string, column: string, value: unknown) => boolean,
): { missing: CellChange[]; phantom: AuditRowLike[] } {
  const seen = new Set((before.audit_events ?? []).map((a) => String(a.id as number)))
  const added = ((after.audit_events ?? []) as unknown as AuditRowLike[]).filter((a) => !seen.has(String(a.id)))
  const cells = diffWritable(before, after, structural)
  const has = (c: CellChange) =>
    added.some(
      (a) =>
        a.table_name === c.table &&
        a.row_id === c.rowId &&
        (c.column === null || a.column_name === c.column || (c.column.endsWith('_at') && a.column_name !== c.column)),
    )
  const missing = cells.filter((c) => !has(c))
  const phantom = added.filter(
    (a) =>
      a.column_name !== null &&
      !cells.some(
        (c) =>
          c.table === a.table_name && c.rowId === a.row_id && (c.column === a.column_name || c.change === 'delete'),
      ),
  )
  return { missing, phantom }
}
