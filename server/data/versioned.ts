// Finding the records a form edits: by code, or a programme's child row by id (not retired).
import type { Db } from './db'

/** A row that is not retired, found by its code, case-insensitively. */
export async function findLiveByCode<T>(db: Db, spec: { table: string }, code: string): Promise<T | undefined> {
  const { table } = spec
  const row: unknown = await db(table).whereRaw('upper(code) = upper(?)', [code]).whereNull('retired_at').first()
  return row as T | undefined
}

/** Whether any row (retired or not) already has this code. */
export async function codeTaken(db: Db, spec: { table: string }, code: string): Promise<boolean> {
  const { table } = spec
  return Boolean(await db(table).whereRaw('upper(code) = upper(?)', [code]).first('id'))
}

/** A programme's child row (not retired) by id, with the programme's code. */
export async function findLiveWithProgramme<T>(db: Db, spec: { table: string }, id: number): Promise<T | undefined> {
  const { table } = spec
  const row: unknown = await db(`${table} as x`)
    .join('programmes as p', 'p.id', 'x.programme_id')
    .where('x.id', id)
    .whereNull('x.retired_at')
    .first('x.*', 'p.code as programme_code')
  return row as T | undefined
}
