// The precept (issue #12): each year's precept record, the billing authorities' declarations, the referendum principle
// and the Panel; the tax base and collection fund summed by year in SQL (the tax base is kept in hundredths, so the sum
// is exact). A fixed number of queries a page.
import type { Db } from './db'

type Raw = Record<string, unknown>
const n = (v: unknown) => Number(v)
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const textOrNull = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'bigint'
        ? v.toString()
        : null
/** A date column as YYYY-MM-DD: PostgreSQL gives a Date at local midnight, SQLite the text written. */
const dateOrNull = (v: unknown): string | null =>
  v instanceof Date
    ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
    : typeof v === 'string'
      ? v.slice(0, 10)
      : null

export interface PreceptRow {
  fy_start: number
  proposed_band_d_pence: string | null
  proposed_as_typed: string | null
  notified_on: string | null
  panel_report_on: string | null
  panel_decision: 'supported' | 'recommended' | 'vetoed_too_high' | 'vetoed_too_low' | null
  panel_recommended_band_d_pence: string | null
  veto_votes: number | null
  members_in_office: number | null
  revised_band_d_pence: string | null
  revised_on: string | null
  second_report_on: string | null
  second_report_decision: 'accepted' | 'recommended' | null
  second_report_note: string | null
  issued_band_d_pence: string | null
  issued_on: string | null
  /** The Commissioner's response to the Panel's report, and when it was given. */
  response: string | null
  response_on: string | null
  note: string | null
  source: string | null
  illustrative: boolean
  version: number
}

const preceptRow = (r: Raw): PreceptRow => ({
  ...(r as unknown as PreceptRow),
  fy_start: n(r.fy_start),
  proposed_band_d_pence: textOrNull(r.proposed_band_d_pence),
  panel_recommended_band_d_pence: textOrNull(r.panel_recommended_band_d_pence),
  revised_band_d_pence: textOrNull(r.revised_band_d_pence),
  issued_band_d_pence: textOrNull(r.issued_band_d_pence),
  notified_on: dateOrNull(r.notified_on),
  panel_report_on: dateOrNull(r.panel_report_on),
  revised_on: dateOrNull(r.revised_on),
  second_report_on: dateOrNull(r.second_report_on),
  issued_on: dateOrNull(r.issued_on),
  response: textOrNull(r.response),
  response_on: dateOrNull(r.response_on),
  veto_votes: nOrNull(r.veto_votes),
  members_in_office: nOrNull(r.members_in_office),
  illustrative: Boolean(r.illustrative),
  version: n(r.version),
})

/** The precept records of a year and the year before (the rise is measured from the year before's Band D). */
export async function preceptsFor(db: Db, fy: number): Promise<{ now?: PreceptRow; before?: PreceptRow }> {
  const rows = await db('precepts')
    .whereIn('fy_start', [fy - 1, fy])
    .select<Raw[]>('*')
  const all = rows.map(preceptRow)
  return { now: all.find((r) => r.fy_start === fy), before: all.find((r) => r.fy_start === fy - 1) }
}

/** Every precept record, oldest first, with the year's referendum principle. */
export async function preceptHistory(db: Db): Promise<(PreceptRow & { principle: PrincipleRow | null })[]> {
  const rows = await db('precepts as p')
    .leftJoin('referendum_principles as r', 'r.fy_start', 'p.fy_start')
    .select<Raw[]>(
      'p.*',
      'r.percent as r_percent',
      'r.pounds_pence as r_pounds_pence',
      'r.source as r_source',
      'r.note as r_note',
      'r.fy_start as r_fy',
    )
    .orderBy('p.fy_start')
  return rows.map((r) => ({
    ...preceptRow(r),
    principle:
      r.r_fy === null || r.r_fy === undefined
        ? null
        : principleRow({
            fy_start: r.r_fy,
            percent: r.r_percent,
            pounds_pence: r.r_pounds_pence,
            source: r.r_source,
            note: r.r_note,
          }),
  }))
}

export interface PrincipleRow {
  fy_start: number
  percent: string | null
  pounds_pence: string | null
  source: string | null
  note: string | null
  illustrative: boolean
  version: number
}

const principleRow = (r: Raw): PrincipleRow => ({
  fy_start: n(r.fy_start),
  percent: textOrNull(r.percent),
  pounds_pence: textOrNull(r.pounds_pence),
  source: textOrNull(r.source),
  note: textOrNull(r.note),
  illustrative: Boolean(r.illustrative),
  version: n(r.version ?? 1),
})

export async function referendumPrinciple(db: Db, fy: number): Promise<PrincipleRow | null> {
  const row = await db('referendum_principles').where('fy_start', fy).first<Raw | undefined>()
  return row ? principleRow(row) : null
}

export interface DeclarationRow {
  authority_id: number
  code: string
  name: string
  tax_base_hundredths: string | null
  collection_fund_pence: string | null
  declared_on: string | null
  source: string | null
  illustrative: boolean
  /** The declaration's version; null when the authority has declared nothing for the year. */
  version: number | null
}

/** Every live billing authority with what it declared for the year (nothing yet: nulls). */
export async function declarations(db: Db, fy: number): Promise<DeclarationRow[]> {
  const rows = await db('billing_authorities as a')
    .leftJoin('tax_bases as t', (j) => j.on('t.billing_authority_id', 'a.id').andOnVal('t.fy_start', fy))
    .whereNull('a.retired_at')
    .select<Raw[]>(
      'a.id as authority_id',
      'a.code',
      'a.name',
      't.tax_base_hundredths',
      't.collection_fund_pence',
      't.declared_on',
      't.source',
      't.illustrative',
      't.version',
    )
    .orderBy(['a.sort', 'a.name'])
  return rows.map((r) => ({
    authority_id: n(r.authority_id),
    code: String(r.code),
    name: String(r.name),
    tax_base_hundredths: textOrNull(r.tax_base_hundredths),
    collection_fund_pence: textOrNull(r.collection_fund_pence),
    declared_on: dateOrNull(r.declared_on),
    source: textOrNull(r.source),
    illustrative: Boolean(r.illustrative),
    version: nOrNull(r.version),
  }))
}

/** Each year's whole tax base (hundredths) and collection fund (pence, with how many authorities declared one), and
 * the Band D in force (issued, else revised, else proposed): what the plan takes in place of its own lines. */
export async function preceptTotals(db: Db): Promise<{
  bases: Map<number, { hundredths: string; collectionFund: string; fundDeclared: number }>
  bandDs: Map<number, string>
}> {
  const [bases, bandDs] = await Promise.all([
    db('tax_bases as t')
      .join('billing_authorities as a', 'a.id', 't.billing_authority_id')
      .whereNull('a.retired_at')
      .groupBy('t.fy_start')
      .select<Raw[]>(
        't.fy_start',
        db.raw('sum(t.tax_base_hundredths) as hundredths'),
        db.raw('sum(t.collection_fund_pence) as fund'),
        db.raw('count(t.collection_fund_pence) as declared'),
      ),
    db('precepts').select<Raw[]>(
      'fy_start',
      db.raw('coalesce(issued_band_d_pence, revised_band_d_pence, proposed_band_d_pence) as band_d'),
    ),
  ])
  return {
    bases: new Map(
      bases.map((r) => [
        n(r.fy_start),
        { hundredths: String(r.hundredths), collectionFund: textOrNull(r.fund) ?? '0', fundDeclared: n(r.declared) },
      ]),
    ),
    bandDs: new Map(
      bandDs.filter((r) => r.band_d !== null && r.band_d !== undefined).map((r) => [n(r.fy_start), String(r.band_d)]),
    ),
  }
}

export async function panelMembers(
  db: Db,
): Promise<{ members: number; source: string | null; version: number } | null> {
  const row = await db('panel_settings').where('id', 1).first<Raw | undefined>()
  return row ? { members: n(row.members_in_office), source: textOrNull(row.source), version: n(row.version) } : null
}

export interface Section25Row {
  fy_start: number
  robustness: string
  reserves_adequacy: string
  reserves_risks: string | null
  signed_by: string | null
  signed_on: string | null
  illustrative: boolean
  version: number
}

export async function section25(db: Db, fy: number): Promise<Section25Row | null> {
  const row = await db('section25_statements').where('fy_start', fy).first<Raw | undefined>()
  return row
    ? {
        ...(row as unknown as Section25Row),
        fy_start: n(row.fy_start),
        signed_on: dateOrNull(row.signed_on),
        illustrative: Boolean(row.illustrative),
        version: n(row.version),
      }
    : null
}

/** The years the precept pages offer: any with a precept record or a declared tax base. */
export async function preceptYears(db: Db): Promise<number[]> {
  const rows = await db
    .select<Raw[]>('fy_start')
    .from('precepts')
    .union((q) => q.select('fy_start').from('tax_bases'))
  return [...new Set(rows.map((r) => n(r.fy_start)))].sort((a, b) => a - b)
}

/** A billing authority's declaration for a year as stored, for the record path's before-image. */
export async function declarationRow(
  db: Db,
  at: { authorityId: number; fy: number },
): Promise<Record<string, unknown> | undefined> {
  return db('tax_bases')
    .where({ billing_authority_id: at.authorityId, fy_start: at.fy })
    .first<Record<string, unknown> | undefined>()
}
