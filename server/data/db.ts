// Opening the database: SQLite (embedded default) or PostgreSQL (DATABASE_URL), migrating it, and deciding
// whether the demo office may be loaded into it.
//
// A database fault must never end the process nor leave it stuck: a refused or dropped PostgreSQL connection is
// dropped from the pool (knex marks it disposed) and a new one is made at the next request; a SQLite connection
// that reported an I/O-type error is closed and reopened, so a transaction the file system broke mid-COMMIT is not
// carried into the next request. A SQLite connection is also closed when the file at the configured path is no
// longer the file it opened (moved, deleted or replaced), and after start-up no connection creates a new file:
// a missing database is an outage (503), never a silent empty database.
import fs from 'node:fs'
import path from 'node:path'
import knexFactory, { type Knex } from 'knex'
import { types } from 'pg'
import { paths, type Config } from '../config'
import { DatabaseUnavailableError, isDatabaseUnavailable } from './faults'

// DATE columns come back as ISO strings (not JS Dates shifted by the time zone): STYLE.md "Money".
types.setTypeParser(1082, (v: string) => v)

export type Db = Knex | Knex.Transaction
export type DbClient = 'sqlite' | 'postgres'

export interface OpenOptions {
  /** SQLite only: create the file when it does not exist (only ever for the first connection). */
  create?: boolean
}

interface SqliteConnection {
  run: (sql: string, cb: (err: Error | null) => void) => void
  __knex__disposed?: unknown
  __fileId?: string
}

type DriverMethod = (this: SqliteConnection, ...args: unknown[]) => unknown

/** Marks the connection for knex's pool to close (its `__knex__disposed`) when a statement fails with an I/O-type
 * error. SQLite may or may not have rolled back after one (sqlite.org/lang_transaction.html, "Response To Errors
 * Within A Transaction"), so the next request starts on a new connection rather than inside a broken transaction.
 * Wrapped on the driver's connection because knex's transactions query through a client of their own. */
function disposeOnFault(conn: SqliteConnection): void {
  const methods = conn as unknown as Record<string, DriverMethod>
  for (const name of ['run', 'all', 'get', 'exec']) {
    const original = methods[name]
    if (typeof original !== 'function') continue
    methods[name] = function (this: SqliteConnection, ...args: unknown[]) {
      const last = args[args.length - 1]
      if (typeof last === 'function') {
        args[args.length - 1] = function (this: unknown, err: unknown, ...rest: unknown[]) {
          if (err && isDatabaseUnavailable(err)) conn.__knex__disposed = err
          return (last as (...a: unknown[]) => unknown).call(this, err, ...rest)
        }
      }
      return original.apply(conn, args)
    }
  }
}

function fileId(filename: string): string | null {
  try {
    const st = fs.statSync(filename)
    return `${st.dev}:${st.ino}`
  } catch {
    return null
  }
}

// knex's own warnings, one line each: a refused connection is answered (and logged once) by the error handler,
// so the pool's stack traces only repeated it.
const log = {
  warn: (message: unknown) => console.warn(`knex: ${String(message).split('\n')[0]}`),
  error: (message: unknown) => console.error(`knex: ${String(message).split('\n')[0]}`),
  deprecate: (message: unknown) => console.warn(`knex: ${String(message)}`),
  debug: () => undefined,
}

function openPostgres(database: Extract<Config['database'], { client: 'postgres' }>): Knex {
  return knexFactory({
    client: 'pg',
    log,
    // A server that does not answer is reported within seconds, not after knex's default minute.
    connection: { connectionString: database.url, connectionTimeoutMillis: 5000, keepAlive: true },
    acquireConnectionTimeout: 10000,
    searchPath: database.schema ? [database.schema] : undefined,
    pool: { min: 0, max: 10 },
  })
}

const runPragma = (conn: SqliteConnection, sql: string) =>
  new Promise<void>((resolve, reject) => conn.run(sql, (err) => (err ? reject(err) : resolve())))

function openSqlite(filename: string, options: OpenOptions): Knex {
  let mayCreate = options.create ?? false
  const knex = knexFactory({
    client: 'sqlite3',
    log,
    connection: { filename },
    useNullAsDefault: true,
    acquireConnectionTimeout: 10000,
    pool: {
      min: 1,
      max: 1,
      // Foreign keys on; WAL so a reader is not blocked by the volume generator's writes; wait for its locks.
      afterCreate: (conn: SqliteConnection, done: (err: Error | null) => void) => {
        conn.__fileId = fileId(filename) ?? undefined
        runPragma(conn, 'PRAGMA foreign_keys = ON')
          .then(() => runPragma(conn, 'PRAGMA journal_mode = WAL'))
          .then(() => runPragma(conn, 'PRAGMA busy_timeout = 5000'))
          .then(
            () => done(null),
            (err: Error) => done(err),
          )
      },
      // Reuse a connection only while the file at the path is the file it opened.
      validate: (conn: SqliteConnection) => conn.__fileId !== undefined && conn.__fileId === fileId(filename),
    },
  })
  const client = knex.client as { acquireRawConnection: () => Promise<SqliteConnection> }
  const acquireRaw = client.acquireRawConnection.bind(client)
  client.acquireRawConnection = async () => {
    if (!mayCreate && !fs.existsSync(filename)) {
      throw new DatabaseUnavailableError(`There is no database file at ${filename}`, 'SQLITE_CANTOPEN')
    }
    if (mayCreate) fs.mkdirSync(path.dirname(filename), { recursive: true })
    const conn = await acquireRaw()
    mayCreate = false
    disposeOnFault(conn)
    return conn
  }
  return knex
}

export function openDatabase(database: Config['database'], options: OpenOptions = {}): Knex {
  return database.client === 'postgres' ? openPostgres(database) : openSqlite(database.filename, options)
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

/** Whether the tracker's tables were ever created here (knex's migration table exists). */
export async function isSetUp(knex: Knex): Promise<boolean> {
  return knex.schema.hasTable('knex_migrations')
}

export async function seedDemo(knex: Knex): Promise<void> {
  await knex.seed.run({ directory: paths.seeds, loadExtensions: ['.ts', '.js'] })
}

/** Seeds the demo office into a database with no programmes; does nothing when programmes already exist. */
export async function seedIfEmpty(knex: Knex): Promise<boolean> {
  const row = await knex('programmes').count<{ n: string | number }[]>({ n: '*' }).first()
  if (row && Number(row.n) > 0) return false
  await seedDemo(knex)
  return true
}

/** The database has never been set up (no tracker tables) and loading the demo office was not asked for. */
export class DatabaseNotSetUpError extends Error {
  constructor(public readonly where: string) {
    super(`There is no tracker database at ${where}`)
    this.name = 'DatabaseNotSetUpError'
  }
}

function describe(database: Config['database']): string {
  return database.client === 'sqlite'
    ? database.filename
    : `the PostgreSQL database of DATABASE_URL${database.schema ? ` (schema ${database.schema})` : ''}`
}

/**
 * Readies the database for serving: migrates one that was set up before; a database never set up is given the
 * demo office only when `demoData` allows it (development), and is otherwise refused, so real data that went
 * missing is never silently replaced by the demo office. Answers whether the demo office was loaded.
 */
export async function prepareForServing(knex: Knex, database: Config['database'], demoData: boolean): Promise<boolean> {
  let setUp: boolean
  try {
    setUp = await isSetUp(knex)
  } catch (err) {
    if (err instanceof DatabaseUnavailableError && database.client === 'sqlite')
      throw new DatabaseNotSetUpError(describe(database))
    throw err
  }
  if (!setUp && !demoData) throw new DatabaseNotSetUpError(describe(database))
  await migrateLatest(knex)
  if (setUp) return false
  await seedDemo(knex)
  return true
}
