// Budget changes (issue #13): the register with its totals (summed in SQL), one change with its movements, the
// revised budgets a change is checked against, the lines a change may move, and an approver's authority. A fixed
// number of queries a page.
import type { Knex } from 'knex'
import type { Db } from './db'
import { idOrNull, text } from './values'

type Raw = Record<string, unknown>
const n = (v: unknown) => Number(v)

export interface ChangeRow {
  id: number
  fy_start: number
  type: string
  title: string
  reason: string
  status: string
  requested_by: number | null
  requested_by_name: string | null
  requested_at: string | null
  submitted_at: string | null
  decided_by: number | null
  decided_by_name: string | null
  decided_at: string | null
  decision_note: string | null
  decision_reference: string | null
  saving_id: number | null
  reserve_id: number | null
  reserve_name: string | null
  saving_name: string | null
  revenue_contribution_pence: string
  illustrative: boolean
  year_end: boolean
  version: number
}

const changeRow = (r: Raw): ChangeRow => ({
  id: n(r.id),
  fy_start: n(r.fy_start),
  type: String(r.type),
  title: String(r.title),
  reason: String(r.reason),
  status: String(r.status),
  requested_by: r.requested_by === null || r.requested_by === undefined ? null : n(r.requested_by),
  requested_by_name: text(r.requested_by_name),
  requested_at: text(r.requested_at),
  submitted_at: text(r.submitted_at),
  decided_by: r.decided_by === null || r.decided_by === undefined ? null : n(r.decided_by),
  decided_by_name: text(r.decided_by_name),
  decided_at: text(r.decided_at),
  decision_note: text(r.decision_note),
  decision_reference: text(r.decision_reference),
  saving_id: r.saving_id === null || r.saving_id === undefined ? null : n(r.saving_id),
  reserve_id: r.reserve_id === null || r.reserve_id === undefined ? null : n(r.reserve_id),
  reserve_name: text(r.reserve_name),
  saving_name: text(r.saving_name),
  revenue_contribution_pence: text(r.revenue_contribution_pence) ?? '0',
  illustrative: Boolean(r.illustrative),
  year_end: Boolean(r.year_end),
  version: n(r.version),
})

export interface ChangeFilters {
  status?: string
  type?: string
  owner?: string
  programme?: string
  fy?: number
  /** Decided on or after this day and before that one (ISO dates): the Panel pack's "since the last meeting". */
  decided?: { from: string | null; before: string }
}

/** The register: every change matching the filters, newest first, with the budget it adds and takes away. */
export async function listChanges(db: Db, f: ChangeFilters): Promise<(ChangeRow & { added: string; taken: string })[]> {
  const sums = db('budget_change_movements')
    .groupBy('change_id')
    .select(
      'change_id',
      db.raw('sum(case when amount_pence > 0 then amount_pence else 0 end) as added'),
      db.raw('sum(case when amount_pence < 0 then amount_pence else 0 end) as taken'),
    )
    .as('s')
  const touching = (column: string, code: string) =>
    db('budget_change_movements as m')
      .join('budget_lines as l', 'l.id', 'm.budget_line_id')
      .join(
        column === 'owner' ? 'budget_owners as x' : 'programmes as x',
        'x.id',
        column === 'owner' ? 'l.budget_owner_id' : 'l.programme_id',
      )
      .where('x.code', code)
      .select('m.change_id')
  const rows = await db('budget_changes as c')
    .leftJoin(sums, 's.change_id', 'c.id')
    .leftJoin('decisions as d', 'd.id', 'c.decision_id')
    .leftJoin('reserves as r', 'r.id', 'c.reserve_id')
    .modify((q) => {
      if (f.status) q.where('c.status', f.status)
      if (f.type) q.where('c.type', f.type)
      if (f.fy !== undefined) q.where('c.fy_start', f.fy)
      if (f.owner) q.whereIn('c.id', touching('owner', f.owner))
      if (f.programme) q.whereIn('c.id', touching('programme', f.programme))
      if (f.decided?.from) q.where('c.decided_at', '>=', f.decided.from)
      if (f.decided) q.where('c.decided_at', '<', f.decided.before)
    })
    .orderBy('c.id', 'desc')
    .select<Raw[]>('c.*', 'd.reference as decision_reference', 'r.name as reserve_name', 's.added', 's.taken')
  return rows.map((r) => ({ ...changeRow(r), added: text(r.added) ?? '0', taken: text(r.taken) ?? '0' }))
}

export interface MovementRow {
  budget_line_id: number
  line_name: string
  nature: 'capital' | 'revenue'
  income: boolean
  owner_code: string
  owner_name: string
  programme_code: string | null
  fy_start: number
  amount_pence: string
}

/** What the rules need to know of a line (joined as `l`): its nature, whether it is income, its owner and programme. */
export type LineFacts = Omit<MovementRow, 'fy_start' | 'amount_pence'>

function withLineFacts(q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
}

const LINE_FACTS = [
  'l.name as line_name',
  'l.nature',
  'st.code as spend_type',
  'o.code as owner_code',
  'o.name as owner_name',
  'p.code as programme_code',
]

const lineFacts = (r: Raw): LineFacts => ({
  budget_line_id: n(r.budget_line_id),
  line_name: String(r.line_name),
  nature: r.nature === 'capital' ? 'capital' : 'revenue',
  income: r.spend_type === 'income',
  owner_code: String(r.owner_code),
  owner_name: String(r.owner_name),
  programme_code: text(r.programme_code),
})

const movementRow = (r: Raw): MovementRow => ({
  ...lineFacts(r),
  fy_start: n(r.fy_start),
  amount_pence: text(r.amount_pence) ?? '0',
})

export interface FinancingMoveRow {
  budget_line_id: number
  fy_start: number
  source: string
  amount_pence: string
  capital_receipt_id: number | null
  reserve_id: number | null
  receipt: string | null
  reserve: string | null
}

/** The financing a slippage moves with its spend, by year and source. */
function changeFinancing(db: Db, id: number) {
  return db('budget_change_financing as f')
    .leftJoin('capital_receipts as cr', 'cr.id', 'f.capital_receipt_id')
    .leftJoin('reserves as r', 'r.id', 'f.reserve_id')
    .where('f.change_id', id)
    .orderBy(['f.fy_start', 'f.source'])
    .select<Raw[]>(
      'f.budget_line_id',
      'f.fy_start',
      'f.source',
      'f.amount_pence',
      'f.capital_receipt_id',
      'f.reserve_id',
      'cr.description as receipt',
      'r.name as reserve',
    )
}

/** A change's movements, each with its line's nature, owner and programme. */
function changeMovements(db: Db, id: number) {
  return withLineFacts(db('budget_change_movements as m').join('budget_lines as l', 'l.id', 'm.budget_line_id'))
    .where('m.change_id', id)
    .orderBy(['m.fy_start', 'l.name'])
    .select<Raw[]>('m.budget_line_id', ...LINE_FACTS, 'm.fy_start', 'm.amount_pence')
}

/** One change with its movements (each with its line's nature, owner and programme) and the financing it moves. */
export async function findChange(
  db: Db,
  id: number,
): Promise<{ change: ChangeRow; movements: MovementRow[]; financing: FinancingMoveRow[] } | null> {
  const [row, movements, financing] = await Promise.all([
    db('budget_changes as c')
      .leftJoin('decisions as d', 'd.id', 'c.decision_id')
      .leftJoin('reserves as r', 'r.id', 'c.reserve_id')
      .leftJoin('savings as sv', 'sv.id', 'c.saving_id')
      .where('c.id', id)
      .first<Raw | undefined>(
        'c.*',
        'd.reference as decision_reference',
        'r.name as reserve_name',
        'sv.name as saving_name',
        'sv.code as saving_code',
      ),
    changeMovements(db, id),
    changeFinancing(db, id),
  ])
  if (!row) return null
  return {
    change: changeRow(row),
    movements: movements.map(movementRow),
    financing: financing.map((f) => ({
      budget_line_id: n(f.budget_line_id),
      fy_start: n(f.fy_start),
      source: String(f.source),
      amount_pence: text(f.amount_pence) ?? '0',
      capital_receipt_id: idOrNull(f.capital_receipt_id),
      reserve_id: idOrNull(f.reserve_id),
      receipt: text(f.receipt),
      reserve: text(f.reserve),
    })),
  }
}

/** The live lines a change may move, with what the rules need to know of each. */
export async function changeableLines(db: Db): Promise<LineFacts[]> {
  const rows = await withLineFacts(db('budget_lines as l'))
    .whereNull('l.retired_at')
    .orderBy(['o.sort_order', 'l.name'])
    .select<Raw[]>('l.id as budget_line_id', ...LINE_FACTS)
  return rows.map(lineFacts)
}

/** The revised budget (pence) of each line-year asked for, keyed "lineId:fyStart"; a line-year with none is absent. */
export async function revisedBudgets(db: Db, lineIds: number[]): Promise<Map<string, string>> {
  if (lineIds.length === 0) return new Map()
  const rows = await db('budget_amounts')
    .whereIn('budget_line_id', lineIds)
    .select<Raw[]>('budget_line_id', 'fy_start', 'amount_pence')
  return new Map(rows.map((r) => [`${n(r.budget_line_id)}:${n(r.fy_start)}`, text(r.amount_pence) ?? '0']))
}

/** An account's approval authority: its role, limit (pence; null for none) and budget owners' codes. */
export async function approverOf(
  db: Db,
  userId: number,
): Promise<{ role: string; limit: string | null; owners: string[] } | null> {
  const [user, owners] = await Promise.all([
    db('users').where('id', userId).first<Raw | undefined>('role', 'approval_limit_pence'),
    db('user_budget_owners as u')
      .join('budget_owners as o', 'o.id', 'u.budget_owner_id')
      .where('u.user_id', userId)
      .select<Raw[]>('o.code'),
  ])
  if (!user) return null
  return { role: String(user.role), limit: text(user.approval_limit_pence), owners: owners.map((o) => String(o.code)) }
}

/** The budget owners by code, with their names (for the words of a refusal). */
export async function ownerNames(db: Db): Promise<Map<string, string>> {
  const rows = await db('budget_owners').select<Raw[]>('code', 'name')
  return new Map(rows.map((r) => [String(r.code), String(r.name)]))
}

/** A line's budget by year and version, as the record path wants its before-image. */
export async function lineForUpdate(
  db: Db,
  lineId: number,
): Promise<{ line: Raw; amounts: { fy_start: number; amount_pence: string }[] } | null> {
  const [line, amounts] = await Promise.all([
    db('budget_lines').where('id', lineId).first<Raw | undefined>(),
    db('budget_amounts').where('budget_line_id', lineId).orderBy('fy_start').select<Raw[]>('fy_start', 'amount_pence'),
  ])
  if (!line) return null
  return { line, amounts: amounts.map((a) => ({ fy_start: n(a.fy_start), amount_pence: text(a.amount_pence) ?? '0' })) }
}

/** The id of the live decision with this reference, or null. */
export async function decisionIdByReference(db: Db, reference: string): Promise<number | null> {
  const row = await db('decisions')
    .whereRaw('upper(reference) = ?', [reference.trim().toUpperCase()])
    .whereNull('retired_at')
    .first<Raw | undefined>('id')
  return row ? n(row.id) : null
}

export interface YearLineRow {
  budget_line_id: number
  line_name: string
  nature: string
  owner_code: string
  owner_name: string
  programme_code: string | null
  programme_name: string | null
  original_pence: string | null
  amount_pence: string
}

/** Every live line's original and revised budget for a year, and the approved movements of the year by line and type
 * (what it added and what it took, apart), both summed in SQL. */
/** Every live line's original and revised budget for a year. */
function yearLines(db: Db, fy: number) {
  return db('budget_amounts as a')
    .join('budget_lines as l', 'l.id', 'a.budget_line_id')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .where('a.fy_start', fy)
    .whereNull('l.retired_at')
    .orderBy(['o.sort_order', 'p.code', 'l.name'])
    .select<Raw[]>(
      'l.id as budget_line_id',
      'l.name as line_name',
      'l.nature',
      'o.code as owner_code',
      'o.name as owner_name',
      'p.code as programme_code',
      'p.name as programme_name',
      'a.original_pence',
      'a.amount_pence',
    )
}

/** The approved movements of a year by line and type, what they added and what they took apart. */
function yearApproved(db: Db, fy: number) {
  return db('budget_change_movements as m')
    .join('budget_changes as c', 'c.id', 'm.change_id')
    .where({ 'c.status': 'approved', 'm.fy_start': fy })
    .groupBy('m.budget_line_id', 'c.type')
    .select<Raw[]>(
      'm.budget_line_id',
      'c.type',
      db.raw('sum(case when m.amount_pence > 0 then m.amount_pence else 0 end) as added'),
      db.raw('sum(case when m.amount_pence < 0 then m.amount_pence else 0 end) as taken'),
    )
}

export async function yearMovements(
  db: Db,
  fy: number,
): Promise<{
  lines: YearLineRow[]
  movements: { budget_line_id: number; type: string; added: string; taken: string }[]
}> {
  const [lines, movements] = await Promise.all([yearLines(db, fy), yearApproved(db, fy)])
  return {
    lines: lines.map((r) => ({
      budget_line_id: n(r.budget_line_id),
      line_name: String(r.line_name),
      nature: String(r.nature),
      owner_code: String(r.owner_code),
      owner_name: String(r.owner_name),
      programme_code: text(r.programme_code),
      programme_name: text(r.programme_name),
      original_pence: text(r.original_pence),
      amount_pence: text(r.amount_pence) ?? '0',
    })),
    movements: movements.map((r) => ({
      budget_line_id: n(r.budget_line_id),
      type: String(r.type),
      added: text(r.added) ?? '0',
      taken: text(r.taken) ?? '0',
    })),
  }
}

/** The live earmarked reserves a budget change may draw on. */
export async function earmarkedReserves(db: Db): Promise<{ id: number; name: string }[]> {
  const rows = await db('reserves')
    .where('kind', 'earmarked')
    .whereNull('retired_at')
    .orderBy('name')
    .select<Raw[]>('id', 'name')
  return rows.map((r) => ({ id: n(r.id), name: String(r.name) }))
}

/** The live savings of the plan's register not yet banked, which a reduction may bank. */
export async function unbankedSavings(
  db: Db,
): Promise<{ id: number; name: string; fy_start: number; amount_pence: string; version: number }[]> {
  const rows = await db('savings')
    .whereNull('retired_at')
    .where('delivered', false)
    .orderBy(['fy_start', 'name'])
    .select<Raw[]>('id', 'name', 'fy_start', 'amount_pence', 'version')
  return rows.map((r) => ({
    id: n(r.id),
    name: String(r.name),
    fy_start: n(r.fy_start),
    amount_pence: text(r.amount_pence) ?? '0',
    version: n(r.version),
  }))
}

/** A saving as the record path wants its before-image. */
export async function savingForUpdate(db: Db, id: number): Promise<Raw | undefined> {
  return db('savings').where('id', id).first<Raw | undefined>()
}

export interface ProgrammeChangeRow {
  id: number
  fy_start: number
  type: string
  title: string
  status: string
  decided_at: string | null
  requested_at: string | null
  illustrative: boolean
  /** What the change moves on this programme's lines, net (pence), and the years it moves them in. */
  net: string
  first_fy: number
  last_fy: number
}

/** The budget changes that move any of a programme's lines, newest first, each with what it moves on them (net). */
export async function programmeChanges(
  db: Db,
  programmeId: number,
  statuses: string[] | null,
): Promise<ProgrammeChangeRow[]> {
  const rows = await db('budget_changes as c')
    .join('budget_change_movements as m', 'm.change_id', 'c.id')
    .join('budget_lines as l', 'l.id', 'm.budget_line_id')
    .where('l.programme_id', programmeId)
    .modify((q) => (statuses === null ? q : q.whereIn('c.status', statuses)))
    .groupBy('c.id', 'c.fy_start', 'c.type', 'c.title', 'c.status', 'c.decided_at', 'c.requested_at', 'c.illustrative')
    .orderBy('c.id', 'desc')
    .select<Raw[]>(
      'c.id',
      'c.fy_start',
      'c.type',
      'c.title',
      'c.status',
      'c.decided_at',
      'c.requested_at',
      'c.illustrative',
      db.raw('sum(m.amount_pence) as net'),
      db.raw('min(m.fy_start) as first_fy'),
      db.raw('max(m.fy_start) as last_fy'),
    )
  return rows.map((r) => ({
    id: n(r.id),
    fy_start: n(r.fy_start),
    type: String(r.type),
    title: String(r.title),
    status: String(r.status),
    decided_at: text(r.decided_at),
    requested_at: text(r.requested_at),
    illustrative: Boolean(r.illustrative),
    net: text(r.net) ?? '0',
    first_fy: n(r.first_fy),
    last_fy: n(r.last_fy),
  }))
}

/** Every active approver with their limit (pence; null for none) and budget owners' codes: who a change goes to. */
export async function approvers(
  db: Db,
): Promise<{ id: number; name: string; limit: string | null; owners: string[] }[]> {
  const [users, owners] = await Promise.all([
    db('users')
      .where({ role: 'approver', active: true })
      .orderBy('name')
      .select<Raw[]>('id', 'name', 'approval_limit_pence'),
    db('user_budget_owners as u')
      .join('budget_owners as o', 'o.id', 'u.budget_owner_id')
      .select<Raw[]>('u.user_id', 'o.code'),
  ])
  return users.map((u) => ({
    id: n(u.id),
    name: String(u.name),
    limit: text(u.approval_limit_pence),
    owners: owners.filter((o) => n(o.user_id) === n(u.id)).map((o) => String(o.code)),
  }))
}

/** The budget owners each submitted change moves (by change id): who may approve it depends on them. */
export async function submittedOwners(db: Db): Promise<Map<number, string[]>> {
  const rows = await db('budget_change_movements as m')
    .join('budget_changes as c', 'c.id', 'm.change_id')
    .join('budget_lines as l', 'l.id', 'm.budget_line_id')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .where('c.status', 'submitted')
    .distinct<Raw[]>('m.change_id', 'o.code')
  const out = new Map<number, string[]>()
  for (const r of rows) out.set(n(r.change_id), [...(out.get(n(r.change_id)) ?? []), String(r.code)])
  return out
}
