// The published registers kept by finance (issue #14): the Commissioner's grants and the contracts let.
import type { Db } from './db'
import { isoDate, text } from './values'

type Raw = Record<string, unknown>

export interface GrantRow {
  id: number
  fy_start: number
  kind: string
  recipient: string
  purpose: string
  amount_pence: string
  conditions: string | null
  awarded_on: string | null
  decision_reference: string | null
  illustrative: boolean
  version: number
}

export interface ContractRow {
  id: number
  reference: string
  title: string
  supplier: string
  body: string
  department: string | null
  value_pence: string
  start_on: string
  end_on: string | null
  procurement_route: string | null
  illustrative: boolean
  version: number
}

const grantOf = (r: Raw): GrantRow => ({
  id: Number(r.id),
  fy_start: Number(r.fy_start),
  kind: String(r.kind),
  recipient: String(r.recipient),
  purpose: String(r.purpose),
  amount_pence: text(r.amount_pence) ?? '0',
  conditions: text(r.conditions),
  awarded_on: isoDate(r.awarded_on),
  decision_reference: text(r.decision_reference),
  illustrative: Boolean(r.illustrative),
  version: Number(r.version),
})

const contractOf = (r: Raw): ContractRow => ({
  id: Number(r.id),
  reference: String(r.reference),
  title: String(r.title),
  supplier: String(r.supplier),
  body: String(r.body),
  department: text(r.department),
  value_pence: text(r.value_pence) ?? '0',
  start_on: isoDate(r.start_on) ?? '',
  end_on: isoDate(r.end_on),
  procurement_route: text(r.procurement_route),
  illustrative: Boolean(r.illustrative),
  version: Number(r.version),
})

/** The draft financial years, as a subquery: a grant of a draft year is not yet published (a year the tracker holds
 * no budget for is not a draft: its grants are published). */
const draftYears = (db: Db) => db('financial_years').select('fy_start').where('status', 'draft')

/** The grants of a year (none of a draft year, for the published list), largest first. */
export async function listGrants(db: Db, at: { fyStart: number; publishedOnly: boolean }): Promise<GrantRow[]> {
  const rows = await db('grants')
    .whereNull('retired_at')
    .where('fy_start', at.fyStart)
    .modify((q) => {
      if (at.publishedOnly) q.whereNotIn('fy_start', draftYears(db))
    })
    .orderBy([{ column: 'kind' }, { column: 'amount_pence', order: 'desc' }, { column: 'recipient' }])
    .select<Raw[]>('*')
  return rows.map(grantOf)
}

/** Each year's grants by kind, summed: the years a list can show and what each gave. */
export async function grantTotals(
  db: Db,
  publishedOnly: boolean,
): Promise<{ fy_start: number; kind: string; total_pence: string; count: number }[]> {
  const rows = await db('grants')
    .whereNull('retired_at')
    .modify((q) => {
      if (publishedOnly) q.whereNotIn('fy_start', draftYears(db))
    })
    .groupBy('fy_start', 'kind')
    .orderBy(['fy_start', 'kind'])
    .select<Raw[]>('fy_start', 'kind', db.raw('sum(amount_pence) as total_pence'), db.raw('count(*) as n'))
  return rows.map((r) => ({
    fy_start: Number(r.fy_start),
    kind: String(r.kind),
    total_pence: text(r.total_pence) ?? '0',
    count: Number(r.n),
  }))
}

export async function findGrant(db: Db, id: number): Promise<GrantRow | null> {
  const row = await db('grants').where('id', id).whereNull('retired_at').first<Raw | undefined>()
  return row ? grantOf(row) : null
}

/** Contracts, newest first; with `overPence`, only those of a greater value (the published list: over £10,000). */
export async function listContracts(db: Db, overPence: number | null): Promise<ContractRow[]> {
  const rows = await db('contracts')
    .whereNull('retired_at')
    .modify((q) => {
      // A number, not text: SQLite ranks any number below any text.
      if (overPence !== null) q.where('value_pence', '>', overPence)
    })
    .orderBy([{ column: 'start_on', order: 'desc' }, { column: 'reference' }])
    .select<Raw[]>('*')
  return rows.map(contractOf)
}

export async function findContract(db: Db, id: number): Promise<ContractRow | null> {
  const row = await db('contracts').where('id', id).whereNull('retired_at').first<Raw | undefined>()
  return row ? contractOf(row) : null
}
