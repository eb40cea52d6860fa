// A cost line for editing: its reference choices, its record with codes, its budget amounts, profile periods and
// forecasts, and the writes the line, profile and forecast forms make.
import type { Db } from './db'
import type { PenceValue } from '../domain/money'

export interface LineChoices {
  owners: { code: string; name: string }[]
  spendTypes: { code: string; name: string; appliesTo: string }[]
  fundingSources: { code: string; name: string }[]
  years: { fy_start: number; status: string }[]
}

export async function lineChoices(db: Db): Promise<LineChoices> {
  const [owners, spendTypes, fundingSources, years] = await Promise.all([
    db('budget_owners').select<LineChoices['owners']>('code', 'name').orderBy('sort_order'),
    db('spend_types')
      .select<LineChoices['spendTypes']>('code', 'name', 'applies_to as appliesTo')
      .orderBy('sort_order'),
    db('funding_sources').whereNull('retired_at').select<LineChoices['fundingSources']>('code', 'name').orderBy('name'),
    db('financial_years').select<LineChoices['years']>('fy_start', 'status').orderBy('fy_start'),
  ])
  return { owners, spendTypes, fundingSources, years }
}

export interface LineForEditRow {
  id: number
  /** Null for a scheme of the capital programme not tagged to a programme. */
  programme_id: number | null
  programme_code: string | null
  name: string
  nature: string
  recurrence: string
  budget_owner: string
  spend_type: string
  funding_source: string | null
  budget_owner_id: number
  spend_type_id: number
  funding_source_id: number | null
  note: string | null
  source_reference: string | null
  version: number
}

export async function findLineForEdit(db: Db, id: number): Promise<LineForEditRow | undefined> {
  const row: unknown = await db('budget_lines as l')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .leftJoin('funding_sources as fs', 'fs.id', 'l.funding_source_id')
    .where('l.id', id)
    .whereNull('l.retired_at')
    .first(
      'l.id',
      'l.programme_id',
      'p.code as programme_code',
      'l.name',
      'l.nature',
      'l.recurrence',
      'o.code as budget_owner',
      'st.code as spend_type',
      'fs.code as funding_source',
      'l.budget_owner_id',
      'l.spend_type_id',
      'l.funding_source_id',
      'l.note',
      'l.source_reference',
      'l.version',
    )
  return row as LineForEditRow | undefined
}

export async function lineAmounts(
  db: Db,
  lineId: number,
): Promise<{ fy_start: number; amount_pence: string | number }[]> {
  return db('budget_amounts').where('budget_line_id', lineId).select('fy_start', 'amount_pence')
}

const REFERENCE_TABLES = { owner: 'budget_owners', spendType: 'spend_types', fundingSource: 'funding_sources' } as const

/** The id of a reference row (a budget owner, a type of spend, a funding source) by its code. */
export async function idByCode(db: Db, kind: keyof typeof REFERENCE_TABLES, code: string): Promise<number> {
  const row = await db(REFERENCE_TABLES[kind]).where('code', code).first<{ id: number }>('id')
  return Number(row.id)
}

export async function hasSpend(db: Db, lineId: number): Promise<boolean> {
  return Boolean(await db('spend_summaries').where('budget_line_id', lineId).first('budget_line_id'))
}

export interface LineYearRow {
  id: number
  name: string
  code: string
  programme_id: number
  nature: string
  spend_type: string
  amount_id: number | null
  amount_pence: string | number | null
  version: number | null
}

/** A line with its budget for one year (amount and version null when it has none). */
export async function findLineYear(db: Db, lineId: number, fyStart: number): Promise<LineYearRow | undefined> {
  const row: unknown = await db('budget_lines as l')
    .join('programmes as p', 'p.id', 'l.programme_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .leftJoin('budget_amounts as ba', (j) => j.on('ba.budget_line_id', 'l.id').andOnVal('ba.fy_start', '=', fyStart))
    .where('l.id', lineId)
    .whereNull('l.retired_at')
    .first(
      'l.id',
      'l.name',
      'p.code',
      'l.programme_id',
      'l.nature',
      'st.code as spend_type',
      'ba.id as amount_id',
      'ba.amount_pence',
      'ba.version',
    )
  return row as LineYearRow | undefined
}

export interface LineYearDetail {
  profile: { period: number; amount_pence: PenceValue }[]
  forecasts: { made_in_period: number; amount_pence: PenceValue; note: string | null; version: number }[]
  latestPosted: number
  /** An administrator reopened the year after it closed: its figures may change again. */
  reopened: boolean
}

export async function lineYearDetail(db: Db, lineId: number, fyStart: number): Promise<LineYearDetail> {
  const key = { budget_line_id: lineId, fy_start: fyStart }
  const [profile, forecasts, posted, year] = await Promise.all([
    db('budget_profiles').where(key).select<LineYearDetail['profile']>('period', 'amount_pence'),
    db('forecasts')
      .where(key)
      .orderBy('made_in_period')
      .select<LineYearDetail['forecasts']>('made_in_period', 'amount_pence', 'note', 'version'),
    db('spend_summaries').where('fy_start', fyStart).max<{ p: number | string | null }>({ p: 'period' }).first(),
    db('financial_years').where('fy_start', fyStart).first('reopened') as Promise<
      { reopened: boolean | number } | undefined
    >,
  ])
  return {
    profile,
    forecasts,
    latestPosted: posted?.p === null || posted?.p === undefined ? 0 : Number(posted.p),
    reopened: Boolean(year?.reopened),
  }
}

/** The id of a line's forecast for a year made in a period, or null when there is none. */
export async function forecastId(
  db: Db,
  key: { lineId: number; fyStart: number; period: number },
): Promise<number | null> {
  const row = await db('forecasts')
    .where({ budget_line_id: key.lineId, fy_start: key.fyStart, made_in_period: key.period })
    .first<{ id: number } | undefined>('id')
  return row ? Number(row.id) : null
}

/** A programme's whole-life budget on its live lines other than `excludeLineId`, and what the decisions linked to it
 * commit in all (null when none commits an amount): to check a line's change against its decisions. */
export async function programmeTotals(
  db: Db,
  at: { programmeId: number; excludeLineId: number | null },
): Promise<{ others: bigint; committed: bigint | null }> {
  const budget = db('budget_amounts as ba')
    .join('budget_lines as l', 'l.id', 'ba.budget_line_id')
    .where('l.programme_id', at.programmeId)
    .whereNull('l.retired_at')
    .modify((q) => (at.excludeLineId === null ? q : q.whereNot('l.id', at.excludeLineId)))
    .sum({ total: 'ba.amount_pence' })
    .first() as Promise<{ total: string | number | null } | undefined>
  const committed = db('decision_commitments as c')
    .join('decisions as d', 'd.id', 'c.decision_id')
    .whereNull('d.retired_at')
    .whereIn('c.decision_id', db('decision_programmes').select('decision_id').where('programme_id', at.programmeId))
    .sum({ total: 'c.amount_pence' })
    .first() as Promise<{ total: string | number | null } | undefined>
  const [b, c] = await Promise.all([budget, committed])
  const whole = (v: string | number | null | undefined) => BigInt(String(v ?? 0).split('.')[0] ?? '0')
  return { others: whole(b?.total), committed: c?.total === null || c?.total === undefined ? null : whole(c.total) }
}
