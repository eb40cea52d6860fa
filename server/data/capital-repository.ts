// The capital programme and its financing (issue #11): every capital budget line (tagged to a programme or not) with its
// budget by year; its financing by year and source; the totals by year and source, summed in SQL; the capital receipts
// with what has been used of each; borrowing by asset class and year; loans, investment income and the opening CFR.
// A fixed number of queries a page.
import type { Knex } from 'knex'
import type { Db } from './db'
import { publishedYears } from './figures-repository'

type Raw = Record<string, unknown>
const n = (v: unknown) => Number(v)
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const pence = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : '0'

export interface SchemeYearRow {
  line_id: number
  name: string
  programme_code: string | null
  programme_name: string | null
  asset_class: string | null
  illustrative: boolean
  fy_start: number
  amount_pence: string
}

export interface FinancingRow {
  line_id: number
  fy_start: number
  source: string
  amount_pence: string
}

export interface ReceiptRow {
  id: number
  description: string
  fy_received: number
  amount_pence: string | null
  used_pence: string
  decision_reference: string | null
  source: string | null
  illustrative: boolean
  version: number
}

export interface AssetClassRow {
  id: number
  code: string
  name: string
  life_years: number
  mrp_method: 'straight_line' | 'annuity'
  annuity_rate_percent: string | null
  source: string | null
  illustrative: boolean
  version: number
}

export interface LoanRow {
  id: number
  name: string
  lender: string | null
  principal_pence: string
  rate_percent: string
  taken_fy: number
  repaid_fy: number | null
  illustrative: boolean
  version: number
}

/** For a viewer who may not see draft budgets (the Panel, the public): only the published years' rows. */
const publishedOnlyIf = (db: Db, publishedOnly: boolean, column: string) => (q: Knex.QueryBuilder) =>
  publishedOnly ? q.whereIn(column, publishedYears(db)) : q

/** The financial years still in draft (seen by finance only). */
export async function draftYears(db: Db): Promise<number[]> {
  const rows = await db('financial_years').where('status', 'draft').orderBy('fy_start').select<Raw[]>('fy_start')
  return rows.map((r) => n(r.fy_start))
}

/** Every live capital line's budget by year, tagged to a programme or not. */
export async function capitalSchemes(db: Db, publishedOnly = false): Promise<SchemeYearRow[]> {
  const rows = await db('budget_lines as l')
    .join('budget_amounts as a', 'a.budget_line_id', 'l.id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .leftJoin('asset_classes as c', 'c.id', 'l.asset_class_id')
    .where('l.nature', 'capital')
    .whereNull('l.retired_at')
    .modify(publishedOnlyIf(db, publishedOnly, 'a.fy_start'))
    .select<Raw[]>(
      'l.id as line_id',
      'l.name',
      'p.code as programme_code',
      'p.name as programme_name',
      'c.name as asset_class',
      'l.illustrative',
      'a.fy_start',
      'a.amount_pence',
    )
    .orderBy(['a.fy_start', 'p.code', 'l.name'])
  return rows.map((r) => ({
    ...(r as unknown as SchemeYearRow),
    line_id: n(r.line_id),
    illustrative: Boolean(r.illustrative),
    fy_start: n(r.fy_start),
    amount_pence: pence(r.amount_pence),
  }))
}

/** Each live capital line's financing by year and source (summed over receipts and reserves). */
export async function lineFinancing(db: Db, publishedOnly = false): Promise<FinancingRow[]> {
  const rows: Raw[] = await db('capital_financing as f')
    .join('budget_lines as l', 'l.id', 'f.budget_line_id')
    .whereNull('l.retired_at')
    .modify(publishedOnlyIf(db, publishedOnly, 'f.fy_start'))
    .groupBy('f.budget_line_id', 'f.fy_start', 'f.source')
    .select('f.budget_line_id as line_id', 'f.fy_start', 'f.source', db.raw('sum(f.amount_pence) as amount_pence'))
  return rows.map((r) => ({
    line_id: n(r.line_id),
    fy_start: n(r.fy_start),
    source: String(r.source),
    amount_pence: pence(r.amount_pence),
  }))
}

/** The capital programme's spend and its financing by source, each by year, summed in SQL. */
export async function yearTotals(
  db: Db,
  publishedOnly = false,
): Promise<{ spend: Map<number, string>; financing: { fy_start: number; source: string; amount_pence: string }[] }> {
  const [spend, financing] = await Promise.all([
    db('budget_amounts as a')
      .join('budget_lines as l', 'l.id', 'a.budget_line_id')
      .where('l.nature', 'capital')
      .whereNull('l.retired_at')
      .modify(publishedOnlyIf(db, publishedOnly, 'a.fy_start'))
      .groupBy('a.fy_start')
      .select<Raw[]>('a.fy_start', db.raw('sum(a.amount_pence) as amount_pence')),
    db('capital_financing as f')
      .join('budget_lines as l', 'l.id', 'f.budget_line_id')
      .whereNull('l.retired_at')
      .modify(publishedOnlyIf(db, publishedOnly, 'f.fy_start'))
      .groupBy('f.fy_start', 'f.source')
      .select<Raw[]>('f.fy_start', 'f.source', db.raw('sum(f.amount_pence) as amount_pence')),
  ])
  return {
    spend: new Map(spend.map((r) => [n(r.fy_start), pence(r.amount_pence)])),
    financing: financing.map((r) => ({
      fy_start: n(r.fy_start),
      source: String(r.source),
      amount_pence: pence(r.amount_pence),
    })),
  }
}

/** The capital receipts, each with what financing rows have used of it. */
export async function receipts(db: Db, publishedOnly = false): Promise<ReceiptRow[]> {
  const used = db('capital_financing as f')
    .join('budget_lines as l', 'l.id', 'f.budget_line_id')
    .whereNull('l.retired_at')
    .modify(publishedOnlyIf(db, publishedOnly, 'f.fy_start'))
    .groupBy('f.capital_receipt_id')
    .select('f.capital_receipt_id', db.raw('sum(f.amount_pence) as used'))
    .as('u')
  const rows = await db('capital_receipts as r')
    .leftJoin(used, 'u.capital_receipt_id', 'r.id')
    .leftJoin('decisions as d', 'd.id', 'r.decision_id')
    .whereNull('r.retired_at')
    .select<Raw[]>(
      'r.id',
      'r.description',
      'r.fy_received',
      'r.amount_pence',
      'u.used',
      'd.reference as decision_reference',
      'r.source',
      'r.illustrative',
      'r.version',
    )
    .orderBy(['r.fy_received', 'r.id'])
  return rows.map((r) => ({
    ...(r as unknown as ReceiptRow),
    id: n(r.id),
    fy_received: n(r.fy_received),
    amount_pence: r.amount_pence === null || r.amount_pence === undefined ? null : pence(r.amount_pence),
    used_pence: pence(r.used),
    illustrative: Boolean(r.illustrative),
    version: n(r.version),
  }))
}

/** Borrowing (the unfinanced part of capital spend) by asset class and year, summed in SQL. */
export async function borrowingByClass(
  db: Db,
  publishedOnly = false,
): Promise<{ asset_class_id: number | null; fy_start: number; amount_pence: string }[]> {
  const rows = await db('capital_financing as f')
    .join('budget_lines as l', 'l.id', 'f.budget_line_id')
    .where('f.source', 'borrowing')
    .whereNull('l.retired_at')
    .modify(publishedOnlyIf(db, publishedOnly, 'f.fy_start'))
    .groupBy('l.asset_class_id', 'f.fy_start')
    .select<Raw[]>('l.asset_class_id', 'f.fy_start', db.raw('sum(f.amount_pence) as amount_pence'))
  return rows.map((r) => ({
    asset_class_id: nOrNull(r.asset_class_id),
    fy_start: n(r.fy_start),
    amount_pence: pence(r.amount_pence),
  }))
}

export async function assetClasses(db: Db): Promise<AssetClassRow[]> {
  const rows = await db('asset_classes').whereNull('retired_at').orderBy('name').select<Raw[]>('*')
  return rows.map((r) => ({
    ...(r as unknown as AssetClassRow),
    id: n(r.id),
    life_years: n(r.life_years),
    illustrative: Boolean(r.illustrative),
    version: n(r.version),
  }))
}

export async function loans(db: Db): Promise<LoanRow[]> {
  const rows = await db('loans').whereNull('retired_at').orderBy('taken_fy').select<Raw[]>('*')
  return rows.map((r) => ({
    ...(r as unknown as LoanRow),
    id: n(r.id),
    principal_pence: pence(r.principal_pence),
    taken_fy: n(r.taken_fy),
    repaid_fy: nOrNull(r.repaid_fy),
    illustrative: Boolean(r.illustrative),
    version: n(r.version),
  }))
}

/** Investment income by year, and the opening CFR with its MRP life (undefined when none is kept). */
export async function treasury(db: Db): Promise<{
  income: Map<number, string>
  settings:
    | {
        opening_fy: number
        opening_cfr_pence: string
        opening_cfr_life_years: number
        source: string | null
        illustrative: boolean
        version: number
      }
    | undefined
}> {
  const [years, settings] = await Promise.all([
    db('treasury_years').select<Raw[]>('fy_start', 'investment_income_pence'),
    db('capital_settings').where('id', 1).first<Raw | undefined>(),
  ])
  return {
    income: new Map(years.map((r) => [n(r.fy_start), pence(r.investment_income_pence)])),
    settings: settings && {
      opening_fy: n(settings.opening_fy),
      opening_cfr_pence: pence(settings.opening_cfr_pence),
      opening_cfr_life_years: n(settings.opening_cfr_life_years),
      source: (settings.source as string | null) ?? null,
      illustrative: Boolean(settings.illustrative),
      version: n(settings.version),
    },
  }
}

export interface CapitalLineForEdit {
  id: number
  name: string
  version: number
  asset_class_id: number | null
  programme_code: string | null
  budgets: { fy_start: number; amount_pence: string }[]
  financing: {
    fy_start: number
    source: string
    amount_pence: string
    capital_receipt_id: number | null
    reserve_id: number | null
  }[]
}

/** A live capital line with its budget and financing by year, for its financing form. */
export async function findCapitalLine(db: Db, id: number): Promise<CapitalLineForEdit | undefined> {
  const line = await db('budget_lines as l')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .where({ 'l.id': id, 'l.nature': 'capital' })
    .whereNull('l.retired_at')
    .first<Raw | undefined>('l.id', 'l.name', 'l.version', 'l.asset_class_id', 'p.code as programme_code')
  if (!line) return undefined
  const [budgets, financing] = await Promise.all([
    db('budget_amounts').where('budget_line_id', id).orderBy('fy_start').select<Raw[]>('fy_start', 'amount_pence'),
    db('capital_financing')
      .where('budget_line_id', id)
      .orderBy(['fy_start', 'source'])
      .select<Raw[]>('fy_start', 'source', 'amount_pence', 'capital_receipt_id', 'reserve_id'),
  ])
  return {
    id: n(line.id),
    name: String(line.name),
    version: n(line.version),
    asset_class_id: nOrNull(line.asset_class_id),
    programme_code: (line.programme_code as string | null) ?? null,
    budgets: budgets.map((b) => ({ fy_start: n(b.fy_start), amount_pence: pence(b.amount_pence) })),
    financing: financing.map((f) => ({
      fy_start: n(f.fy_start),
      source: String(f.source),
      amount_pence: pence(f.amount_pence),
      capital_receipt_id: nOrNull(f.capital_receipt_id),
      reserve_id: nOrNull(f.reserve_id),
    })),
  }
}

/** What other lines have used of each receipt (this line's own uses left out: its form replaces them). */
export async function receiptUsesElsewhere(db: Db, lineId: number): Promise<Map<number, string>> {
  const rows = await db('capital_financing as f')
    .join('budget_lines as l', 'l.id', 'f.budget_line_id')
    .whereNotNull('f.capital_receipt_id')
    .whereNot('f.budget_line_id', lineId)
    .whereNull('l.retired_at')
    .groupBy('f.capital_receipt_id')
    .select<Raw[]>('f.capital_receipt_id', db.raw('sum(f.amount_pence) as used'))
  return new Map(rows.map((r) => [n(r.capital_receipt_id), pence(r.used)]))
}

/** Reserves a capital scheme may draw on (live ones), for the form's choice. */
export async function reserveOptions(db: Db): Promise<{ id: number; name: string }[]> {
  const rows = await db('reserves').whereNull('retired_at').orderBy('name').select<Raw[]>('id', 'name')
  return rows.map((r) => ({ id: n(r.id), name: String(r.name) }))
}

/** Decisions a receipt may name (live ones with a reference). */
export async function decisionOptions(db: Db): Promise<{ id: number; reference: string; title: string }[]> {
  const rows = await db('decisions')
    .whereNull('retired_at')
    .whereNotNull('reference')
    .orderBy('reference')
    .select<Raw[]>('id', 'reference', 'title')
  return rows.map((r) => ({ id: n(r.id), reference: String(r.reference), title: String(r.title) }))
}

/** How many live lines use each asset class. */
export async function assetClassUse(db: Db): Promise<Map<number, number>> {
  const rows = await db('budget_lines')
    .whereNull('retired_at')
    .whereNotNull('asset_class_id')
    .groupBy('asset_class_id')
    .select<Raw[]>('asset_class_id', db.raw('count(*) as lines'))
  return new Map(rows.map((r) => [n(r.asset_class_id), n(r.lines)]))
}
