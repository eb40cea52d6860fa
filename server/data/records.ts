// The one way a form changes a record: create, update (with its child rows) and retire, each with its audit rows
// written in the caller's transaction. This module owns the rules every save shares:
// - optimistic locking: an update applies only if the record's version is still the one the form was opened at;
//   otherwise a conflict naming who changed it last and when;
// - nothing changed → nothing written and the version kept (a colleague's next save is not refused for nothing);
// - an audit row for every changed cell of the record and of its child rows (amounts by year, sign-offs, links),
//   with the record named in words and values shown as people read them (names, not ids; money as £1,234.56);
// - retiring sets `retired_at` and records the reason.
// The tables and how their columns read are declared once, in `record-specs.ts`; services name specs, not tables.
import type { Db } from './db'
import { writeAudit, latestChange, type AuditEntry } from './audit-repository'
import { ConflictError, NotFoundError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { formatLongDate } from '../domain/uk-date'

export type Row = Record<string, unknown>

/** How a column's value reads in the audit trail and in a conflict. */
export type Format =
  | 'text'
  | 'money'
  | 'hundredths'
  | 'yesno'
  | 'fy'
  | 'period'
  | 'percent'
  | 'date'
  | 'secret'
  | { names: Readonly<Record<string, string>> }
  | { ref: string; show: string }

export interface Column {
  label: string
  format?: Format
}

/** Who makes a change: their name and email as the trail shows them, and their account (null for the shell). */
export interface Editor {
  actor: string
  userId: number | null
}

export interface RecordSpec {
  table: string
  /** The id column (default `id`). */
  idColumn?: string
  /** Whether rows carry a `version` for optimistic locking (default true). */
  versioned?: boolean
  /** Whether rows are retired (have `retired_at`) rather than kept for ever (default true). */
  retires?: boolean
  /** The columns a form may change, in the order the trail lists them. */
  columns: Readonly<Record<string, Column>>
  /** Columns set when the record is made and never edited (its programme): not audited as fields. */
  scope?: readonly string[]
  /** The record in words, e.g. Cost line “Cameras”. */
  label: (row: Row) => string
  /** The programme the record belongs to, for the trail's programme filter. */
  programme?: (row: Row) => number | null
}

export interface ChildSpec {
  table: string
  /** Columns that place a child within its parent (the parent's id, a year, a period). */
  scope: readonly string[]
  /** Columns that tell a parent's children apart (a year, a role, a linked programme). */
  key: readonly string[]
  columns: Readonly<Record<string, Column>>
  /** The words for one child in the trail, e.g. "Budget 2017/18". May read a name from the database. */
  describe: (row: Row, db: Db) => string | Promise<string>
  /** Whether changing a child raises its own version (a year's budget guards its profile). */
  bumpsVersion?: boolean
  /** False for a table keyed by its scope and key alone (no `id` column). */
  hasId?: boolean
}

/** A parent's children as the form wants them: every row of the scope, by key. Rows not listed are removed. */
export interface ChildSet {
  spec: ChildSpec
  scope: Row
  rows: Row[]
}

/** A value as text for comparing: drivers return numbers, strings, bigints or 0/1 for the same value. */
function normalise(value: unknown, format: Format | undefined): string | null {
  if (value === null || value === undefined) return null
  if (format === 'yesno')
    return value === true || value === 1 || value === '1' || value === 'yes' || value === 'true' ? 'yes' : 'no'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (format === 'date') {
    // PostgreSQL's date type arrives as a Date at local midnight; SQLite's as the text written.
    if (value instanceof Date)
      return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    if (typeof value === 'string') return value.slice(0, 10)
  }
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  return JSON.stringify(value)
}

/** A normalised value in the words the trail shows; references are looked up by the caller (`names`). */
function shown(value: string | null, format: Format | undefined, names: Map<string, string>): string | null {
  if (value === null) return null
  if (format === undefined || format === 'text') return value
  if (format === 'money') return formatMoney(fromPence(value), 'pence')
  if (format === 'hundredths')
    return Number(fromPence(value).toFixed(2)).toLocaleString('en-GB', { minimumFractionDigits: 2 })
  if (format === 'yesno') return value === 'yes' ? 'Yes' : 'No'
  if (format === 'fy') return fyLabel(Number(value))
  if (format === 'period') return `P${value}`
  if (format === 'percent') return `${new Decimal(value).times(100).toString()}%`
  if (format === 'secret') return '(set)'
  if (format === 'date') return formatLongDate(value)
  if ('names' in format) return format.names[value] ?? value
  return names.get(`${format.ref}:${value}`) ?? value
}

interface Cell {
  table: string
  rowId: string
  column: string
  spec: Column
  from: string | null
  to: string | null
  field: string
  action: AuditEntry['action']
  /** A reason of its own (a retirement's), instead of the save's. */
  reason?: string
}

/** Names for the ids of referenced rows in these cells: one query per referenced table. */
async function referenceNames(db: Db, cells: Cell[]): Promise<Map<string, string>> {
  const wanted = new Map<string, { show: string; ids: Set<string> }>()
  for (const c of cells) {
    const f = c.spec.format
    if (typeof f !== 'object' || !('ref' in f)) continue
    const entry = wanted.get(f.ref) ?? { show: f.show, ids: new Set<string>() }
    for (const v of [c.from, c.to]) if (v !== null) entry.ids.add(v)
    wanted.set(f.ref, entry)
  }
  const names = new Map<string, string>()
  for (const [table, { show, ids }] of wanted) {
    const rows = await db(table)
      .whereIn('id', [...ids].map(Number))
      .select<Row[]>('id', show)
    for (const r of rows) names.set(`${table}:${String(r.id)}`, String(r[show]))
  }
  return names
}

interface Context {
  record: { table: string; id: string; label: string; programmeId: number | null }
  reason: string | null
}

async function auditCells(db: Db, context: Context & { who: Editor }, cells: Cell[]): Promise<void> {
  const { who } = context
  const names = await referenceNames(db, cells)
  const entries: AuditEntry[] = cells.map((c) => ({
    ...who,
    action: c.action,
    table: c.table,
    rowId: c.rowId,
    programmeId: context.record.programmeId,
    field: c.field,
    column: c.column || null,
    from: shown(c.from, c.spec.format, names),
    to: shown(c.to, c.spec.format, names),
    reason: c.reason ?? context.reason,
    recordTable: context.record.table,
    recordId: context.record.id,
    recordLabel: context.record.label,
  }))
  await writeAudit(db, entries)
}

/** The cells of `columns` that differ between `before` (null: a new row) and `after`. */
interface Where {
  table: string
  rowId: string
  field: (label: string) => string
  action: AuditEntry['action']
}

function changedCells(
  columns: Readonly<Record<string, Column>>,
  rows: { before: Row | null; after: Row },
  where: Where,
): Cell[] {
  const { before, after } = rows
  const cells: Cell[] = []
  for (const [column, spec] of Object.entries(columns)) {
    if (!(column in after)) continue
    const from = before === null ? null : normalise(before[column], spec.format)
    const to = normalise(after[column], spec.format)
    if (from === to) continue
    cells.push({
      table: where.table,
      rowId: where.rowId,
      column,
      spec,
      from,
      to,
      field: where.field(spec.label),
      action: where.action,
    })
  }
  return cells
}

const idOf = (spec: RecordSpec) => spec.idColumn ?? 'id'

async function insertRow(db: Db, into: { table: string; idColumn?: string }, row: Row): Promise<string> {
  const { table, idColumn = 'id' } = into
  const [result] = await db(table).insert(row).returning<(Row | number)[]>(idColumn)
  return String(typeof result === 'object' ? result[idColumn] : result)
}

// --- child rows ------------------------------------------------------------------------------------------------

const keyOf = (spec: ChildSpec, row: Row) => spec.key.map((k) => normalise(row[k], undefined) ?? '∅').join('|')
/** The trail's row id of a child in a table with no id column: its scope and key, e.g. "12|3". */
const placeOf = (spec: ChildSpec, row: Row) =>
  [...spec.scope, ...spec.key].map((k) => normalise(row[k], undefined) ?? '∅').join('|')

interface ChildPlan {
  spec: ChildSpec
  inserts: { row: Row; cells: Cell[] }[]
  updates: { where: Row; values: Row; cells: Cell[] }[]
  removals: Row[]
  cells: Cell[]
}

/** A child's field in the trail: its words ("Budget 2017/18"), then the column where it has more than one. */
const fieldOf = (spec: ChildSpec, words: string) => (label: string) =>
  Object.keys(spec.columns).length === 1 ? words : `${words}: ${label}`

/** A whole-row change in the trail, for a child with no column of its own to name (a link added or removed). */
function wholeRow(spec: ChildSpec, at: { rowId: string; words: string; added: boolean }): Cell {
  return {
    table: spec.table,
    rowId: at.rowId,
    column: '',
    spec: { label: '' },
    from: at.added ? null : 'present',
    to: at.added ? 'added' : 'removed',
    field: at.words,
    action: at.added ? 'create' : 'remove',
  }
}

/** A wanted child against the one held with its key (if any): its insert or update, and their cells. */
async function planChild(db: Db, plan: ChildPlan, child: { row: Row; was: Row | undefined }): Promise<void> {
  const { spec } = plan
  const { row, was } = child
  const words = await plan.spec.describe(row, db)
  const rowId = !was ? '' : spec.hasId === false ? placeOf(spec, was) : String(was.id)
  const action = was ? 'update' : 'create'
  const cells = changedCells(
    spec.columns,
    { before: was ?? null, after: row },
    { table: spec.table, rowId, field: fieldOf(spec, words), action },
  )
  if (!was) {
    // A new child with nothing but its key (a link with no note) still gets its row in the trail.
    if (cells.length === 0) cells.push(wholeRow(spec, { rowId: '', words, added: true }))
    plan.inserts.push({ row, cells })
  } else if (cells.length > 0) {
    plan.updates.push({
      where: childWhere(spec, was),
      values: Object.fromEntries(cells.map((c) => [c.column, row[c.column]])),
      cells,
    })
  }
  plan.cells.push(...cells)
}

/** A held child the form no longer wants: its removal, with every value it had. */
async function planRemoval(db: Db, plan: ChildPlan, gone: Row): Promise<void> {
  const { spec } = plan
  const words = await spec.describe(gone, db)
  const rowId = spec.hasId === false ? placeOf(spec, gone) : String(gone.id)
  const none = Object.fromEntries(Object.keys(spec.columns).map((c) => [c, null]))
  const cells = changedCells(
    spec.columns,
    { before: gone, after: none },
    { table: spec.table, rowId, field: fieldOf(spec, words), action: 'remove' },
  )
  if (cells.length === 0) cells.push(wholeRow(spec, { rowId, words, added: false }))
  plan.removals.push(gone)
  plan.cells.push(...cells)
}

/** What writing `set` would change, cell by cell, without writing anything yet. */
async function planChildren(db: Db, set: ChildSet): Promise<ChildPlan> {
  const { spec } = set
  const existing = (await db(spec.table).where(set.scope).select('*')) as Row[]
  const byKey = new Map(existing.map((r) => [keyOf(spec, r), r]))
  const plan: ChildPlan = { spec, inserts: [], updates: [], removals: [], cells: [] }
  for (const wanted of set.rows) {
    const row = { ...set.scope, ...wanted }
    const was = byKey.get(keyOf(spec, row))
    byKey.delete(keyOf(spec, row))
    await planChild(db, plan, { row, was })
  }
  for (const gone of byKey.values()) await planRemoval(db, plan, gone)
  return plan
}

/** A child row's identity: its id, or its scope and key where the table has no id. */
function childWhere(spec: ChildSpec, row: Row): Row {
  if (spec.hasId !== false) return { id: row.id }
  return Object.fromEntries([...spec.scope, ...spec.key].map((c) => [c, row[c]]))
}

/** Writes a planned set of children; new rows' cells learn their ids here. */
async function applyChildren(db: Db, plan: ChildPlan): Promise<void> {
  const { spec } = plan
  for (const gone of plan.removals) await db(spec.table).where(childWhere(spec, gone)).del()
  for (const u of plan.updates) {
    const values = spec.bumpsVersion ? { ...u.values, version: db.raw('version + 1') } : u.values
    await db(spec.table).where(u.where).update(values)
  }
  for (const insert of plan.inserts) {
    if (spec.hasId === false) await db(spec.table).insert(insert.row)
    const id = spec.hasId === false ? placeOf(spec, insert.row) : await insertRow(db, { table: spec.table }, insert.row)
    for (const c of insert.cells) c.rowId = id
  }
}

// --- records ---------------------------------------------------------------------------------------------------

/** How the trail names a record whose own columns do not say it all (a forecast names its cost line). */
export interface Naming {
  label?: string
  programmeId?: number | null
}

function contextOf(
  spec: RecordSpec,
  record: { id: string; row: Row },
  said: { reason?: string | null; naming?: Naming },
): Context {
  const { id, row } = record
  const naming = said.naming ?? {}
  const reason = said.reason
  const programmeId =
    naming.programmeId !== undefined ? naming.programmeId : spec.programme ? spec.programme(row) : null
  return {
    record: { table: spec.table, id, label: naming.label ?? spec.label(row), programmeId },
    reason: reason ?? null,
  }
}

/** Makes a record and its children; audits every value given. Returns its id. */
export async function createRecord(
  db: Db,
  spec: RecordSpec,
  input: { who: Editor; values: Row; reason?: string | null; children?: (id: string) => ChildSet[]; naming?: Naming },
): Promise<string> {
  const id = await insertRow(db, { table: spec.table, idColumn: idOf(spec) }, input.values)
  const row = { ...input.values, [idOf(spec)]: id }
  const cells = changedCells(
    spec.columns,
    { before: null, after: input.values },
    { table: spec.table, rowId: id, field: (label) => label, action: 'create' },
  )
  for (const set of input.children?.(id) ?? []) {
    const plan = await planChildren(db, set)
    await applyChildren(db, plan)
    cells.push(...plan.cells)
  }
  await auditCells(db, { ...contextOf(spec, { id, row }, input), who: input.who }, cells)
  return id
}

/** The record as it is now (not retired), or a 404 in the words of `what`. */
export async function loadRecord<T extends Row = Row>(db: Db, spec: RecordSpec, id: string | number): Promise<T> {
  const what = `${spec.table} ${String(id)}`
  const row = (await db(spec.table)
    .where(idOf(spec), id)
    .modify((q) => (spec.retires === false ? q : q.whereNull('retired_at')))
    .first()) as T | undefined
  if (!row) throw new NotFoundError(what)
  return row
}

export interface Update {
  who: Editor
  id: string | number
  /** The version the form was opened at (already checked to be a whole number by the form boundary). */
  version: number | null
  values: Row
  reason?: string | null
  children?: ChildSet[]
  /** Retire the record too, for this reason. */
  retire?: string
  /** The record as it was read at the start of this transaction, when the caller already has it. */
  before?: Row
  naming?: Naming
  /** Columns written with the change but not audited as fields: timestamps the audit row's own time records. */
  stamps?: Row
  /** The trail's word for the change when it is more than an update (publish). */
  action?: AuditEntry['action']
}

/** Refused: the record changed since the form was opened. Shows the record and its children as they are now, and
 * names who changed it last and when. */
async function conflict(db: Db, spec: RecordSpec, at: { id: string; children: ChildSet[] }): Promise<ConflictError> {
  const { id, children } = at
  const now = (await db(spec.table).where(idOf(spec), id).first()) as Row | undefined
  const cells: Cell[] = now
    ? changedCells(
        spec.columns,
        { before: null, after: now },
        { table: spec.table, rowId: id, field: (l) => l, action: 'update' },
      )
    : []
  for (const set of children) {
    for (const row of (await db(set.spec.table).where(set.scope).select('*')) as Row[]) {
      cells.push(
        ...changedCells(
          set.spec.columns,
          { before: null, after: row },
          {
            table: set.spec.table,
            rowId: '',
            field: fieldOf(set.spec, await set.spec.describe(row, db)),
            action: 'update',
          },
        ),
      )
    }
  }
  const names = await referenceNames(db, cells)
  const current = Object.fromEntries(
    cells.filter((c) => c.spec.format !== 'secret').map((c) => [c.field, shown(c.to, c.spec.format, names) ?? '']),
  )
  return new ConflictError(now ? spec.label(now) : spec.table, current, await latestChange(db, spec.table, id))
}

/** Changes a record and its children if anything differs; returns whether anything was written. */
export async function updateRecord(
  db: Db,
  spec: RecordSpec,
  change: Update,
): Promise<{ changed: boolean; cells: number }> {
  const id = String(change.id)
  const before = change.before ?? (await loadRecord(db, spec, id))
  const cells = changedCells(
    spec.columns,
    { before: before, after: change.values },
    { table: spec.table, rowId: id, field: (label) => label, action: change.action ?? 'update' },
  )
  const plans: ChildPlan[] = []
  for (const set of change.children ?? []) plans.push(await planChildren(db, set))
  const childCells = plans.flatMap((p) => p.cells)
  if (cells.length === 0 && childCells.length === 0 && change.retire === undefined) return { changed: false, cells: 0 }
  const values: Row = { ...Object.fromEntries(cells.map((c) => [c.column, change.values[c.column]])), ...change.stamps }
  if (change.retire !== undefined) values.retired_at = db.fn.now()
  if (spec.versioned !== false) {
    const updated = await db(spec.table)
      .where({ [idOf(spec)]: id, version: change.version })
      .update({ ...values, version: Number(change.version) + 1 })
    if (updated === 0) throw await conflict(db, spec, { id, children: change.children ?? [] })
  } else if (Object.keys(values).length > 0) {
    await db(spec.table).where(idOf(spec), id).update(values)
  }
  for (const plan of plans) await applyChildren(db, plan)
  const after = { ...before, ...change.values }
  const context = { ...contextOf(spec, { id, row: after }, change), who: change.who }
  if (change.retire !== undefined) {
    cells.push({
      table: spec.table,
      rowId: id,
      column: 'retired_at',
      spec: { label: 'Retired' },
      from: null,
      to: 'retired',
      field: 'Retired',
      action: 'retire',
      reason: change.retire,
    })
  }
  await auditCells(db, context, [...cells, ...childCells])
  return { changed: true, cells: cells.length + childCells.length }
}

/** Retires a record (never deletes it), with the reason, if it is still at `version`. */
export async function retireRecord(
  db: Db,
  spec: RecordSpec,
  input: { who: Editor; id: string | number; version: number; reason: string; before?: Row; naming?: Naming },
): Promise<void> {
  await updateRecord(db, spec, { ...input, values: {}, retire: input.reason })
}
