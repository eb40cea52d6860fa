// A fresh, migrated and seeded database for one test file: a temporary SQLite file, or, when DATABASE_URL is
// set (as .ci/run does), a schema of its own in PostgreSQL so test files can run in parallel.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { migrateLatest, openDatabase, seedIfEmpty } from '../../server/data/db'

export interface TestDb {
  db: Knex
  client: 'sqlite' | 'postgres'
  destroy(): Promise<void>
}

export async function createTestDb(options: { seed?: boolean } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL
  const seed = options.seed ?? true
  if (url) {
    const schema = `test_${randomBytes(6).toString('hex')}`
    const admin = openDatabase({ client: 'postgres', url })
    await admin.raw('create schema ??', [schema])
    await admin.destroy()
    const db = openDatabase({ client: 'postgres', url, schema })
    await migrateLatest(db)
    if (seed) await seedIfEmpty(db)
    return {
      db,
      client: 'postgres',
      async destroy() {
        await db.raw('drop schema ?? cascade', [schema])
        await db.destroy()
      },
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-tracker-'))
  const db = openDatabase({ client: 'sqlite', filename: path.join(dir, 'test.sqlite3') }, { create: true })
  await migrateLatest(db)
  if (seed) await seedIfEmpty(db)
  return {
    db,
    client: 'sqlite',
    async destroy() {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
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
  'audit_events',
]

/** Every row a form could write, as text: equal snapshots mean nothing was written. */
export async function snapshotWritable(db: Knex): Promise<string> {
  const parts = await Promise.all(
    WRITABLE.map(async (t) => {
      const order = t === 'financial_years' ? 'fy_start' : t === 'user_budget_owners' ? 'user_id' : 'id'
      return `${t}:${JSON.stringify(await db(t).select('*').orderBy(order))}`
    }),
  )
  return parts.join('\n')
}
