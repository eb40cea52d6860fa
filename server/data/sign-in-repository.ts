// Failed sign-ins, kept so the limit on them survives a restart and holds across processes.
import type { Db } from './db'

const iso = (d: Date) => d.toISOString()

export async function countFailuresSince(
  db: Db,
  key: string,
  since: Date,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db('sign_in_failures')
    .where('limit_key', key)
    .andWhere('failed_at', '>', iso(since))
    .first<{ n: string | number; oldest: string | Date | null }>(
      db.raw('count(*) as n'),
      db.raw('min(failed_at) as oldest'),
    )
  const oldest = row?.oldest ?? null
  return { count: Number(row?.n ?? 0), oldest: oldest === null ? null : new Date(oldest).toISOString() }
}

export async function recordFailure(db: Db, key: string, at: Date): Promise<void> {
  await db('sign_in_failures').insert({ limit_key: key, failed_at: iso(at) })
}

/** A correct sign-in clears the failures before it; failures older than the window are swept at the same time. */
export async function clearFailures(db: Db, key: string, before: Date): Promise<void> {
  await db('sign_in_failures').where('limit_key', key).orWhere('failed_at', '<=', iso(before)).del()
}
