// The append-only audit trail: written in the same transaction as each change; never updated or deleted
// by the app (there is no function here that does either).
import type { Knex } from 'knex'
import type { Db } from './db'

export interface AuditEntry {
  actor: string
  userId: number | null
  action: 'create' | 'update' | 'remove' | 'retire' | 'publish' | 'unpublish' | 'seed'
  table: string
  rowId: string | number
  programmeId?: number | null
  field?: string | null
  from?: string | null
  to?: string | null
  reason?: string | null
  /** The database column of table/rowId that changed; null for a change of a whole row. */
  column?: string | null
  /** The record a user edits, when the change is to one of its child rows (a year's budget of a cost line). */
  recordTable?: string | null
  recordId?: string | number | null
  /** The record in words at the time, e.g. Decision OPCC.D.013.17. */
  recordLabel?: string | null
}

export async function writeAudit(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  await db('audit_events').insert(
    entries.map((e) => ({
      actor: e.actor,
      user_id: e.userId,
      action: e.action,
      table_name: e.table,
      row_id: String(e.rowId),
      programme_id: e.programmeId ?? null,
      field: e.field ?? null,
      from_value: e.from ?? null,
      to_value: e.to ?? null,
      reason: e.reason ?? null,
      column_name: e.column || null,
      record_table: e.recordTable ?? e.table,
      record_id: String(e.recordId ?? e.rowId),
      record_label: e.recordLabel ?? null,
    })),
  )
}

export interface AuditFilter {
  actor?: string
  programmeId?: number
  from?: string
  to?: string
  page: number
  pageSize: number
}

export interface AuditRow {
  id: number
  occurred_at: string | Date
  actor: string
  action: string
  table_name: string
  row_id: string
  field: string | null
  from_value: string | null
  to_value: string | null
  reason: string | null
  programme_code: string | null
  programme_name: string | null
  record_label: string | null
  column_name: string | null
}

function filtered(db: Db, f: AuditFilter): Knex.QueryBuilder {
  const q = db('audit_events as e')
  if (f.actor) q.whereRaw('lower(e.actor) like ?', [`%${f.actor.toLowerCase()}%`])
  if (f.programmeId !== undefined) q.where('e.programme_id', f.programmeId)
  if (f.from) q.where('e.occurred_at', '>=', `${f.from} 00:00:00`)
  if (f.to) q.where('e.occurred_at', '<=', `${f.to} 23:59:59.999`)
  return q
}

/** One page of the trail, newest first, and the number of rows matching: two queries. */
export async function listAudit(db: Db, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const rows: Promise<AuditRow[]> = filtered(db, f)
    .leftJoin('programmes as p', 'p.id', 'e.programme_id')
    .select('e.*', 'p.code as programme_code', 'p.name as programme_name')
    .orderBy([
      { column: 'e.occurred_at', order: 'desc' },
      { column: 'e.id', order: 'desc' },
    ])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
  const count: Promise<{ n: number | string } | undefined> = filtered(db, f).count({ n: '*' }).first()
  const [page, counted] = await Promise.all([rows, count])
  return { rows: page, total: Number(counted?.n ?? 0) }
}

/** The latest change to a record or any of its child rows, to name who changed it, and when, in a conflict. */
export async function latestChange(
  db: Db,
  table: string,
  rowId: number | string,
): Promise<{ actor: string; at: string } | null> {
  const row = await db('audit_events')
    .where((w) =>
      w.where({ record_table: table, record_id: String(rowId) }).orWhere({ table_name: table, row_id: String(rowId) }),
    )
    .orderBy([
      { column: 'occurred_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first<{ actor: string; occurred_at: string | Date } | undefined>('actor', 'occurred_at')
  if (!row) return null
  return { actor: row.actor, at: new Date(row.occurred_at).toISOString() }
}
