// The decision register: decisions, their sign-offs (dates kept as written) and linked programmes.
import type { Knex } from 'knex'
import type { Db } from './db'
import type { PenceValue } from '../domain/money'
import type { SignoffRole } from '../domain/decisions'

export interface DecisionRow {
  id: number
  reference: string
  title: string
  summary: string | null
  decision_text: string | null
  classification: 'open' | 'confidential'
  originator: string | null
  note: string | null
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
  reference: string
  title: string
  classification: 'open' | 'confidential'
  programme_code: string
  programme_name: string
  amount_pence: PenceValue
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
  'sd.code as source_code',
  'sd.title as source_title',
]

/** Which decisions a viewer may see: all; open ones and those marked for the Panel; or open ones only. */
export interface DecisionVisibility {
  confidential: 'all' | 'panel' | 'none'
  drafts: boolean
}

function visible(q: Knex.QueryBuilder, v: DecisionVisibility, alias = 'd'): Knex.QueryBuilder {
  if (v.confidential === 'none') q.where(`${alias}.classification`, 'open')
  if (v.confidential === 'panel') {
    q.where((w) => w.where(`${alias}.classification`, 'open').orWhere(`${alias}.published_to_panel`, true))
  }
  return q
}

export async function listDecisions(db: Db, v: DecisionVisibility): Promise<DecisionRow[]> {
  return (await visible(db('decisions as d'), v)
    .leftJoin('source_documents as sd', 'sd.id', 'd.source_document_id')
    .select(decisionColumns)
    .orderBy('d.reference')) as DecisionRow[]
}

export async function findDecisionByReference(db: Db, reference: string, v: DecisionVisibility): Promise<DecisionRow | undefined> {
  return (await visible(db('decisions as d'), v)
    .leftJoin('source_documents as sd', 'sd.id', 'd.source_document_id')
    .select(decisionColumns)
    .whereRaw('upper(d.reference) = upper(?)', [reference])
    .first()) as DecisionRow | undefined
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
      'dp.amount_pence',
      'dp.note',
    )
    .orderBy(['d.reference', 'pr.name'])
  if (!v.drafts) q.whereNot('pr.status', 'proposed')
  return visible(q, v)
}

export async function allDecisionLinks(db: Db, v: DecisionVisibility): Promise<DecisionLinkRow[]> {
  const rows = (await linkQuery(db, v)) as DecisionLinkRow[]
  return rows.map((r) => ({ ...r, decision_id: Number(r.decision_id) }))
}

export async function decisionLinksForProgramme(db: Db, programmeId: number, v: DecisionVisibility): Promise<DecisionLinkRow[]> {
  const rows = (await linkQuery(db, v).where('dp.programme_id', programmeId)) as DecisionLinkRow[]
  return rows.map((r) => ({ ...r, decision_id: Number(r.decision_id) }))
}

/** Sign-offs of every decision linked to a programme: one query (a subquery, not a list of ids). */
export async function signoffsForProgramme(db: Db, programmeId: number): Promise<SignoffRow[]> {
  return signoffsFor(db, db('decision_programmes').select('decision_id').where('programme_id', programmeId))
}
