// Opening the database: SQLite (embedded default) or PostgreSQL (DATABASE_URL), and migrating it.
import fs from 'node:fs'
import path from 'node:path'
import knexFactory, { type Knex } from 'knex'
import { types } from 'pg'
import { paths, type Config } from '../config'

// DATE columns come back as ISO strings (not JS Dates shifted by the time zone): STYLE.md "Money".
types.setTypeParser(1082, (v: string) => v)

export type Db = Knex | Knex.Transaction
export type DbClient = 'sqlite' | 'postgres'

export function openDatabase(database: Config['database']): Knex {
  if (database.client === 'postgres') {
    return knexFactory({
      client: 'pg',
      connection: database.url,
      searchPath: database.schema ? [database.schema] : undefined,
      pool: { min: 0, max: 10 },
    })
  }
  fs.mkdirSync(path.dirname(database.filename), { recursive: true })
  return knexFactory({
    client: 'sqlite3',
    connection: { filename: database.filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // Foreign keys on; WAL so a reader is not blocked by the volume generator's writes.
      afterCreate: (conn: { run: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null) => void) => {
        conn.run('PRAGMA foreign_keys = ON', (err) => {
          if (err) return done(err)
          conn.run('PRAGMA journal_mode = WAL', done)
        })
      },
    },
  })
}

export function clientOf(knex: Knex): DbClient {
  const name = String((knex.client as { config: { client: unknown } }).config.client)
  return name === 'pg' || name === 'postgres' || name === 'postgresql' ? 'postgres' : 'sqlite'
}

export const migrationConfig: Knex.MigratorConfig = {
  directory: paths.migrations,
  loadExtensions: ['.ts', '.js'],
}

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest(migrationConfig)
}

/** Seeds the demo office into an empty database; does nothing when programmes already exist. */
export async function seedIfEmpty(knex: Knex): Promise<boolean> {
  const row = await knex('programmes').count<{ n: string | number }[]>({ n: '*' }).first()
  if (row && Number(row.n) > 0) return false
  await knex.seed.run({ directory: paths.seeds, loadExtensions: ['.ts', '.js'] })
  return true
}
