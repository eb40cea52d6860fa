// What a database error means for the user: the database is away (a 503: try again, nothing was changed), a row
// with the same key was saved at the same moment (the same answer a sequential duplicate gets), or something else
// (a bug: 500). Both drivers' codes: node-sqlite3 sets `code` to SQLITE_*, pg sets `code` to the SQLSTATE.

/** The database cannot be used now (moved file, refused connection, disk error). Nothing was written. */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    public readonly code = 'DATABASE_UNAVAILABLE',
  ) {
    super(message)
    this.name = 'DatabaseUnavailableError'
  }
}

// SQLite result codes for a file or disk that cannot be used (https://sqlite.org/rescode.html).
const SQLITE_UNAVAILABLE = new Set([
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_READONLY',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
  'SQLITE_PERM',
])

// Socket-level failures reaching PostgreSQL.
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
])

// PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html): connection exceptions
// (class 08), operator intervention (57P01-57P05: shutdown, terminated backends, cannot connect now), insufficient
// resources (53: disk full, too many connections), system errors (58: I/O), an unknown database (3D000), a
// refused login (28), a read-only standby (25006), and a serialisation failure or deadlock (40001, 40P01).
function pgUnavailable(code: string, message: string): boolean {
  if (/^(08|53|58|57P|28)/.test(code)) return true
  if (['3D000', '25006', '40001', '40P01'].includes(code)) return true
  // 55000 is also raised for other states; for a connection it says the database is not accepting them.
  return code === '55000' && /accepting connections/i.test(message)
}

const PG_DRIVER_MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed|timeout expired|Connection ended unexpectedly/i

export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true
  if (typeof err !== 'object' || err === null) return false
  const e = err as { name?: unknown; code?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  const message = typeof e.message === 'string' ? e.message : ''
  if (e.name === 'KnexTimeoutError') return true
  if (SQLITE_UNAVAILABLE.has(code) || NETWORK.has(code)) return true
  if (/^[0-9A-Z]{5}$/.test(code) && pgUnavailable(code, message)) return true
  return code === '' && PG_DRIVER_MESSAGES.test(message)
}

/** A unique key refused the row: someone saved the same key at the same moment (pg 23505; SQLite's UNIQUE). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const e = err as { code?: unknown; message?: unknown }
  if (e.code === '23505') return true
  return e.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && /UNIQUE constraint failed/.test(e.message)
}
