// The decision register: decisions, their sign-offs (dates kept as written) and linked programmes.
import type { Knex } from 'knex'
import type { Db } from './db'
import type { PenceValue } from '../domain/money'
import type { SignoffRole } from '../domain/decisions'

export interface DecisionRow {
  id: number
  reference: string | null
  title: string
  summary: string | null
  decision_text: string | null
  classification: 'open' | 'confidential'
  originator: string | null
  note: string | null
  decided_when: string | null
  source_code: string | null
  source_title: string | null
}

export interface SignoffRow {
  decision_id: number
  role: SignoffRole
  signed_on: string | null
  signed_as_written: string | null
  comments: string | null
}

export interface DecisionLinkRow {
  decision_id: number
  reference: string | null
  title: string
  classification: 'open' | 'confidential'
  programme_code: string
  programme_name: string
  /** What the decision commits in all (every year), or null when no amount is recorded. */
  commitment_pence: PenceValue
  note: string | null
}

const decisionColumns = [
  'd.id',
  'd.reference',
  'd.title',
  'd.summary',
  'd.decision_text',
  'd.classification',
  'd.originator',
  'd.note',
  'd.decided_when',
  'sd.code as source_code',
  'sd.title as source_title',
]

/** Which decisions a viewer may see: all; open ones and those marked for the Panel; or open ones only. */
export interface DecisionVisibility {
  confidential: 'all' | 'panel' | 'none'
  drafts: boolean
}

function visible(q: Knex.QueryBuilder, v: DecisionVisibility, alias = 'd'): Knex.QueryBuilder {
  q.whereNull(`${alias}.retired_at`)
  if (v.confidential === 'none') q.where(`${alias}.classification`, 'open')
  if (v.confidential === 'panel') {
    q.where((w) => w.where(`${alias}.classification`, 'open').orWhere(`${alias}.published_to_panel`, true))
  }
  return q
}

export async function listDecisions(db: Db, v: DecisionVisibility): Promise<DecisionRow[]> {
  const rows: DecisionRow[] = await visible(db('decisions as d'), v)
    .leftJoin('source_documents as sd', 'sd.id', 'd.source_document_id')
    .select(decisionColumns)
    // Numbered decisions by reference, then those whose record gives no number, in the order recorded.
    .orderByRaw('case when d.reference is null then 1 else 0 end, d.reference, d.id')
  return rows
}

/** A decision by its address: its reference (any case), or the id of one with no reference. */
function byKey(q: Knex.QueryBuilder, key: { reference: string } | { id: number }, alias = 'd'): Knex.QueryBuilder {
  return 'id' in key
    ? q.where(`${alias}.id`, key.id).whereNull(`${alias}.reference`)
    : q.whereRaw(`upper(${alias}.reference) = upper(?)`, [key.reference])
}

export async function findDecisionByKey(
  db: Db,
  key: { reference: string } | { id: number },
  v: DecisionVisibility,
): Promise<DecisionRow | undefined> {
  return (await byKey(visible(db('decisions as d'), v), key)
    .leftJoin('source_documents as sd', 'sd.id', 'd.source_document_id')
    .select(decisionColumns)
    .first()) as DecisionRow | undefined
}

export interface CommitmentRow {
  decision_id: number
  fy_start: number | null
  amount_pence: PenceValue
  note: string | null
}

/** What the given decisions (or, with none given, every decision a viewer may see) commit, by year. */
export async function commitmentsFor(
  db: Db,
  decisionIds: number[] | null,
  v: DecisionVisibility,
): Promise<CommitmentRow[]> {
  const q = visible(db('decision_commitments as c').join('decisions as d', 'd.id', 'c.decision_id'), v)
    .select('c.decision_id', 'c.fy_start', 'c.amount_pence', 'c.note')
    .orderByRaw('c.decision_id, case when c.fy_start is null then 1 else 0 end, c.fy_start, c.id')
  if (decisionIds !== null) q.whereIn('c.decision_id', decisionIds)
  const rows = (await q) as CommitmentRow[]
  return rows.map((r) => ({
    ...r,
    decision_id: Number(r.decision_id),
    fy_start: r.fy_start === null ? null : Number(r.fy_start),
  }))
}

/** Each decision's total commitment, summed in SQL: the register's amount column. */
export async function commitmentTotals(
  db: Db,
  v: DecisionVisibility,
): Promise<{ decision_id: number; total_pence: PenceValue; years: number }[]> {
  const rows: { decision_id: number; total_pence: PenceValue; years: string | number }[] = await visible(
    db('decision_commitments as c').join('decisions as d', 'd.id', 'c.decision_id'),
    v,
  )
    .groupBy('c.decision_id')
    .select('c.decision_id')
    .sum({ total_pence: 'c.amount_pence' })
    .count({ years: 'c.fy_start' })
  return rows.map((r) => ({ decision_id: Number(r.decision_id), total_pence: r.total_pence, years: Number(r.years) }))
}

/** Sign-offs of the given decisions, or of every decision when `decisionIds` is absent. */
export async function signoffsFor(db: Db, decisionIds?: number[] | ReturnType<Db>): Promise<SignoffRow[]> {
  const q = db('decision_signoffs').select('decision_id', 'role', 'signed_on', 'signed_as_written', 'comments')
  if (decisionIds !== undefined) q.whereIn('decision_id', decisionIds)
  const rows = (await q.orderBy(['decision_id', 'id'])) as SignoffRow[]
  return rows.map((r) => ({ ...r, decision_id: Number(r.decision_id) }))
}

function linkQuery(db: Db, v: DecisionVisibility) {
  const q = db('decision_programmes as dp')
    .join('decisions as d', 'd.id', 'dp.decision_id')
    .join('programmes as pr', 'pr.id', 'dp.programme_id')
    .select(
      'dp.decision_id',
      'd.reference',
      'd.title',
      'd.classification',
      'pr.code as programme_code',
      'pr.name as programme_name',
      db('decision_commitments as c').whereRaw('c.decision_id = d.id').sum('c.amount_pence').as('commitment_pence'),
      'dp.note',
    )
    .orderByRaw('case when d.reference is null then 1 else 0 end, d.reference, d.id, pr.name')
  if (!v.drafts) q.whereNot('pr.status', 'proposed')
  return visible(q, v)
}

export async function allDecisionLinks(db: Db, v: DecisionVisibility): Promise<DecisionLinkRow[]> {
  const rows = (await linkQuery(db, v)) as DecisionLinkRow[]
  return rows.map((r) => ({ ...r, decision_id: Number(r.decision_id) }))
}

export async function decisionLinksForProgramme(
  db: Db,
  programmeId: number,
  v: DecisionVisibility,
): Promise<DecisionLinkRow[]> {
  const rows = (await linkQuery(db, v).where('dp.programme_id', programmeId)) as DecisionLinkRow[]
  return rows.map((r) => ({ ...r, decision_id: Number(r.decision_id) }))
}

/** Sign-offs of every decision linked to a programme: one query (a subquery, not a list of ids). */
export async function signoffsForProgramme(db: Db, programmeId: number): Promise<SignoffRow[]> {
  return signoffsFor(db, db('decision_programmes').select('decision_id').where('programme_id', programmeId))
}

// Writes and edit reads for the decision form.

export interface DecisionEditRow {
  id: number
  reference: string | null
  decided_when: string | null
  title: string
  summary: string | null
  decision_text: string | null
  classification: string
  published_to_panel: boolean | number
  originator: string | null
  version: number
}

export async function findDecisionForEdit(
  db: Db,
  key: { reference: string } | { id: number },
): Promise<DecisionEditRow | undefined> {
  return byKey(db('decisions as d'), key).whereNull('d.retired_at').first<DecisionEditRow | undefined>('d.*')
}

export async function decisionSignoffRows(
  db: Db,
  decisionId: number,
): Promise<{ role: SignoffRole; signed_as_written: string | null; comments: string | null }[]> {
  return db('decision_signoffs').where('decision_id', decisionId).select('role', 'signed_as_written', 'comments')
}

export async function decisionLinkRows(
  db: Db,
  decisionId: number,
): Promise<{ code: string; programme_id: number; note: string | null }[]> {
  return db('decision_programmes as dp')
    .join('programmes as p', 'p.id', 'dp.programme_id')
    .where('dp.decision_id', decisionId)
    .orderBy('dp.id')
    .select('p.code', 'dp.programme_id', 'dp.note')
}

export async function referenceTaken(db: Db, reference: string): Promise<boolean> {
  return Boolean(await db('decisions').whereRaw('upper(reference) = upper(?)', [reference]).first('id'))
}

/** Programmes not retired, for the decision form's selects (id, code, name). */
export async function liveProgrammeChoices(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  return db('programmes').whereNull('retired_at').orderBy('name').select('id', 'code', 'name')
}
