// Optimistic locking: a versioned row is updated only if nobody has saved it since the form was opened.
import type { Db } from './db'
import { ConflictError, ValidationError, VERSION_PROBLEM } from '../domain/errors'
import { latestChange } from './audit-repository'

/** Update a versioned row if its version is still `version`; otherwise refuse, naming who changed it last. */
export async function updateVersioned(
  db: Db,
  table: string,
  id: number,
  version: number,
  values: Record<string, unknown>,
  describe: { what: string; current: Record<string, string> },
): Promise<void> {
  // A version that is not a whole number from 1 came from a tampered or broken form: refused, never queried.
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ValidationError([{ field: 'form', message: VERSION_PROBLEM }])
  }
  const updated = await db(table)
    .where({ id, version })
    .update({ ...values, version: version + 1 })
  if (updated === 0) throw new ConflictError(describe.what, describe.current, await latestChange(db, table, id))
}

/** The id of a row just inserted (pg returns objects, sqlite3 numbers or objects). */
export async function insertReturningId(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const [result] = await db(table).insert(row).returning<({ id: number } | number)[]>('id')
  return Number(typeof result === 'object' ? result.id : result)
}

/** A row that is not retired, found by its code, case-insensitively. */
export async function findLiveByCode<T>(db: Db, table: string, code: string, columns: string[] = ['*']): Promise<T | undefined> {
  const row: unknown = await db(table).whereRaw('upper(code) = upper(?)', [code]).whereNull('retired_at').first(columns)
  return row as T | undefined
}

/** Whether any row (retired or not) already has this code. */
export async function codeTaken(db: Db, table: string, code: string): Promise<boolean> {
  return Boolean(await db(table).whereRaw('upper(code) = upper(?)', [code]).first('id'))
}

/** A programme's child row (not retired) by id, with the programme's code. */
export async function findLiveWithProgramme<T>(db: Db, table: string, id: number): Promise<T | undefined> {
  const row: unknown = await db(`${table} as x`)
    .join('programmes as p', 'p.id', 'x.programme_id')
    .where('x.id', id)
    .whereNull('x.retired_at')
    .first('x.*', 'p.code as programme_code')
  return row as T | undefined
}
