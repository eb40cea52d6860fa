// Programmes, their budget lines and amounts, with owners, types of spend, funding and sources.
import type { Knex } from 'knex'
import type { Db } from './db'
import { publishedYears } from './figures-repository'
import type { PenceValue } from '../domain/money'

export interface ProgrammeRow {
  id: number
  code: string
  name: string
  description: string | null
  status: string
  invest_to_save: boolean | number
  source_note: string | null
  source_code: string | null
  source_title: string | null
}

const programmeColumns = [
  'pr.id',
  'pr.code',
  'pr.name',
  'pr.description',
  'pr.status',
  'pr.invest_to_save',
  'pr.source_note',
  'sd.code as source_code',
  'sd.title as source_title',
]

export interface ProgrammeSummaryRow extends ProgrammeRow {
  whole_life_budget: PenceValue
  capital_budget: PenceValue
  revenue_budget: PenceValue
  first_fy: number | string | null
  last_fy: number | string | null
}

/** Every programme (or the one with `code`) with its whole-life budget split capital/revenue and the years
 * it covers: one query. */
export async function listProgrammes(db: Db, drafts: boolean, code?: string): Promise<ProgrammeSummaryRow[]> {
  const amounts = db('budget_amounts as ba')
    .join('budget_lines as l', 'l.id', 'ba.budget_line_id')
    .whereNotNull('l.programme_id')
    .whereNull('l.retired_at')
    .modify((q: Knex.QueryBuilder) => (drafts ? q : q.whereIn('ba.fy_start', publishedYears(db))))
    .select(
      'l.programme_id',
      db.raw('sum(ba.amount_pence) as whole_life_budget'),
      db.raw("sum(case when l.nature = 'capital' then ba.amount_pence else 0 end) as capital_budget"),
      db.raw("sum(case when l.nature = 'revenue' then ba.amount_pence else 0 end) as revenue_budget"),
      db.raw('min(ba.fy_start) as first_fy'),
      db.raw('max(ba.fy_start) as last_fy'),
    )
    .groupBy('l.programme_id')
  const q = db('programmes as pr')
    .leftJoin('source_documents as sd', 'sd.id', 'pr.source_document_id')
    .leftJoin(amounts.as('t'), 't.programme_id', 'pr.id')
    .whereNull('pr.retired_at')
    .select([
      ...programmeColumns,
      't.whole_life_budget',
      't.capital_budget',
      't.revenue_budget',
      't.first_fy',
      't.last_fy',
    ])
    .orderBy('pr.name')
  if (!drafts) q.whereNot('pr.status', 'proposed')
  if (code !== undefined) {
    q.whereRaw('upper(pr.code) = upper(?)', [code])
    amounts.whereIn('l.programme_id', db('programmes').select('id').whereRaw('upper(code) = upper(?)', [code]))
  }
  return (await q) as ProgrammeSummaryRow[]
}

export async function findProgrammeByCode(
  db: Db,
  code: string,
  drafts: boolean,
): Promise<ProgrammeSummaryRow | undefined> {
  const [row] = await listProgrammes(db, drafts, code)
  return row
}

export interface LineRow {
  id: number
  name: string
  nature: 'capital' | 'revenue'
  recurrence: 'one_off' | 'recurring'
  note: string | null
  source_reference: string | null
  illustrative: boolean | number
  owner_name: string
  spend_type_name: string
  funding_name: string | null
  source_code: string | null
  source_title: string | null
}

export async function programmeLines(db: Db, programmeId: number): Promise<LineRow[]> {
  return (await db('budget_lines as l')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .leftJoin('funding_sources as fs', 'fs.id', 'l.funding_source_id')
    .leftJoin('source_documents as sd', 'sd.id', 'l.source_document_id')
    .where('l.programme_id', programmeId)
    .whereNull('l.retired_at')
    .select(
      'l.id',
      'l.name',
      'l.nature',
      'l.recurrence',
      'l.note',
      'l.source_reference',
      'l.illustrative',
      'o.name as owner_name',
      'st.name as spend_type_name',
      'fs.name as funding_name',
      'sd.code as source_code',
      'sd.title as source_title',
    )
    .orderBy(['l.nature', 'l.id'])) as LineRow[]
}

export interface AmountRow {
  budget_line_id: number
  fy_start: number
  amount_pence: PenceValue
  note: string | null
}

export async function programmeAmounts(db: Db, programmeId: number, drafts: boolean): Promise<AmountRow[]> {
  const rows = (await db('budget_amounts as ba')
    .modify((q: Knex.QueryBuilder) => (drafts ? q : q.whereIn('ba.fy_start', publishedYears(db))))
    .join('budget_lines as l', 'l.id', 'ba.budget_line_id')
    .where('l.programme_id', programmeId)
    .whereNull('l.retired_at')
    .select('ba.budget_line_id', 'ba.fy_start', 'ba.amount_pence', 'ba.note')
    .orderBy(['ba.budget_line_id', 'ba.fy_start'])) as AmountRow[]
  return rows.map((r) => ({ ...r, budget_line_id: Number(r.budget_line_id), fy_start: Number(r.fy_start) }))
}

export interface ProgrammeBenefitRow {
  id: number
  kind: 'cashable' | 'non_cashable'
  description: string
  fy_start: number | null
  amount_pence: PenceValue
  hours: string | null
  note: string | null
  illustrative: boolean | number
}

export async function programmeBenefits(db: Db, programmeId: number): Promise<ProgrammeBenefitRow[]> {
  return db('benefits')
    .where('programme_id', programmeId)
    .whereNull('retired_at')
    .orderBy(['kind', 'fy_start', 'id'])
    .select('id', 'kind', 'description', 'fy_start', 'amount_pence', 'hours', 'note', 'illustrative')
}
