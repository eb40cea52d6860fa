// Reference data a page needs besides figures: the RAG policy, and a health probe.
import type { Db } from './db'
import { Decimal, type PenceValue } from '../domain/money'
import { DEFAULT_RAG_POLICY, type RagPolicy } from '../domain/variance'

interface RagPolicyRow {
  green_over_limit: string
  red_over_limit: string
  amber_under_limit: string
  red_under_limit: string | null
}

export async function defaultRagPolicy(db: Db): Promise<RagPolicy> {
  const row = (await db('rag_policies').where('is_default', true).first()) as RagPolicyRow | undefined
  if (!row) return DEFAULT_RAG_POLICY
  return {
    greenOverLimit: new Decimal(row.green_over_limit),
    redOverLimit: new Decimal(row.red_over_limit),
    amberUnderLimit: new Decimal(row.amber_under_limit),
    redUnderLimit: row.red_under_limit === null ? null : new Decimal(row.red_under_limit),
  }
}

/** A real round trip to the database. */
export async function ping(db: Db): Promise<void> {
  await db.raw('select 1 as ok')
}

export interface Choice {
  code: string
  name: string
}

/** Every budget line in use, named with its owner and programme, for a select. */
export async function lineChoices(db: Db): Promise<Choice[]> {
  const rows: { id: number; name: string; owner: string; programme: string | null }[] = await db('budget_lines as l')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .whereNull('l.retired_at')
    .orderBy(['o.sort_order', 'l.name'])
    .select('l.id', 'l.name', 'o.name as owner', 'p.name as programme')
  return rows.map((l) => ({
    code: String(l.id),
    name: `${l.owner}: ${l.name}${l.programme ? ` (${l.programme})` : ''}`,
  }))
}

/** Every decision, for a select. */
export async function decisionChoices(db: Db): Promise<Choice[]> {
  const rows: { id: number; reference: string; title: string }[] = await db('decisions')
    .orderBy('reference')
    .select('id', 'reference', 'title')
  return rows.map((d) => ({ code: String(d.id), name: `${d.reference}: ${d.title}` }))
}

/** Programmes (retired too) for filters: id, code, name. */
export async function programmeChoices(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  return db('programmes').select('id', 'code', 'name').orderBy('name')
}

export interface FundingInUseRow {
  id: number
  code: string
  name: string
  kind: string
  note: string | null
  version: number
  lines: number | string | null
}

/** Funding sources not retired, with how many cost lines use each. */
export async function fundingSourcesInUse(db: Db): Promise<FundingInUseRow[]> {
  const lines = db('budget_lines')
    .whereNull('retired_at')
    .select('funding_source_id')
    .count({ lines: '*' })
    .groupBy('funding_source_id')
  return db('funding_sources as f')
    .leftJoin(lines.as('n'), 'n.funding_source_id', 'f.id')
    .whereNull('f.retired_at')
    .orderBy('f.name')
    .select('f.id', 'f.code', 'f.name', 'f.kind', 'f.note', 'f.version', 'n.lines')
}

export interface PublishedBudgetRow {
  amount_pence: PenceValue
  note: string | null
  source_title: string | null
}

/** The net revenue budget the office published for a year, with its source; undefined when none is recorded. */
export async function publishedBudget(db: Db, fyStart: number): Promise<PublishedBudgetRow | undefined> {
  return db('published_budgets as pb')
    .leftJoin('source_documents as sd', 'sd.id', 'pb.source_document_id')
    .where('pb.fy_start', fyStart)
    .first<PublishedBudgetRow | undefined>('pb.amount_pence', 'pb.note', 'sd.title as source_title')
}
