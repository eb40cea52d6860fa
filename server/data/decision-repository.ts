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
  q.whereNull(`${alias}.retired_at`)
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

// Writes and edit reads for the decision form.

export interface DecisionEditRow {
  id: number
  reference: string
  title: string
  summary: string | null
  decision_text: string | null
  classification: string
  published_to_panel: boolean | number
  originator: string | null
  version: number
}

export async function findDecisionForEdit(db: Db, reference: string): Promise<DecisionEditRow | undefined> {
  return db('decisions').whereRaw('upper(reference) = upper(?)', [reference]).whereNull('retired_at').first<DecisionEditRow | undefined>()
}

export async function decisionSignoffRows(db: Db, decisionId: number): Promise<{ role: SignoffRole; signed_as_written: string | null; comments: string | null }[]> {
  return db('decision_signoffs').where('decision_id', decisionId).select('role', 'signed_as_written', 'comments')
}

export async function decisionLinkRows(db: Db, decisionId: number): Promise<{ code: string; programme_id: number; amount_pence: string | number | null }[]> {
  return db('decision_programmes as dp')
    .join('programmes as p', 'p.id', 'dp.programme_id')
    .where('dp.decision_id', decisionId)
    .orderBy('dp.id')
    .select('p.code', 'dp.programme_id', 'dp.amount_pence')
}

export async function replaceSignoffs(
  db: Db,
  decisionId: number,
  rows: { role: SignoffRole; signed_on: string | null; signed_as_written: string | null; comments: string | null }[],
): Promise<void> {
  await db('decision_signoffs').where('decision_id', decisionId).del()
  if (rows.length > 0) await db('decision_signoffs').insert(rows.map((r) => ({ ...r, decision_id: decisionId })))
}

export async function replaceLinks(db: Db, decisionId: number, links: { programme_id: number; amount_pence: string | null }[]): Promise<void> {
  await db('decision_programmes').where('decision_id', decisionId).del()
  if (links.length > 0) await db('decision_programmes').insert(links.map((l) => ({ ...l, decision_id: decisionId })))
}

export async function referenceTaken(db: Db, reference: string): Promise<boolean> {
  return Boolean(await db('decisions').whereRaw('upper(reference) = upper(?)', [reference]).first('id'))
}

/** Programmes not retired, for the decision form's selects (id, code, name). */
export async function liveProgrammeChoices(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  return db('programmes').whereNull('retired_at').orderBy('name').select('id', 'code', 'name')
}
