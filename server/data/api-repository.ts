// The read-only JSON API's own reads (issue #14): a year's budget lines, actuals by period and forecasts, each one
// query (actuals from the ledger's summaries, never the transactions), of published years only unless asked.
import type { Db } from './db'
import { text } from './values'
import { publishedYears } from './figures-repository'

type Raw = Record<string, unknown>

export interface ApiLineRow {
  id: number
  name: string
  nature: string
  programme: string | null
  owner: string
  spend_type: string
  budget_pence: string
  original_pence: string | null
}

const onlyPublished = (db: Db, publishedOnly: boolean) => (q: ReturnType<Db>) => {
  if (publishedOnly) q.whereIn('x.fy_start', publishedYears(db))
}

export async function budgetLinesOfYear(
  db: Db,
  at: { fyStart: number; publishedOnly: boolean },
): Promise<ApiLineRow[]> {
  const rows = await db('budget_amounts as x')
    .join('budget_lines as l', 'l.id', 'x.budget_line_id')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as t', 't.id', 'l.spend_type_id')
    .leftJoin('programmes as p', 'p.id', 'l.programme_id')
    .where('x.fy_start', at.fyStart)
    .whereNull('l.retired_at')
    .modify(onlyPublished(db, at.publishedOnly))
    .orderBy('l.id')
    .select<Raw[]>(
      'l.id',
      'l.name',
      'l.nature',
      'p.code as programme',
      'o.code as owner',
      't.code as spend_type',
      'x.amount_pence as budget_pence',
      'x.original_pence',
    )
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    nature: String(r.nature),
    programme: text(r.programme),
    owner: String(r.owner),
    spend_type: String(r.spend_type),
    budget_pence: text(r.budget_pence) ?? '0',
    original_pence: text(r.original_pence),
  }))
}

/** Each line's actuals by period of a year (the ledger's summaries). */
export async function actualsOfYear(
  db: Db,
  at: { fyStart: number; publishedOnly: boolean },
): Promise<{ line_id: number; period: number; amount_pence: string }[]> {
  const rows = await db('spend_summaries as x')
    .where('x.fy_start', at.fyStart)
    .modify(onlyPublished(db, at.publishedOnly))
    .orderBy(['x.budget_line_id', 'x.period'])
    .select<Raw[]>('x.budget_line_id', 'x.period', 'x.amount_pence')
  return rows.map((r) => ({
    line_id: Number(r.budget_line_id),
    period: Number(r.period),
    amount_pence: text(r.amount_pence) ?? '0',
  }))
}

/** Every forecast of a year's lines, each with the period it was made in. */
export async function forecastsOfYear(
  db: Db,
  at: { fyStart: number; publishedOnly: boolean },
): Promise<{ line_id: number; made_in_period: number; amount_pence: string }[]> {
  const rows = await db('forecasts as x')
    .where('x.fy_start', at.fyStart)
    .modify(onlyPublished(db, at.publishedOnly))
    .orderBy(['x.budget_line_id', 'x.made_in_period'])
    .select<Raw[]>('x.budget_line_id', 'x.made_in_period', 'x.amount_pence')
  return rows.map((r) => ({
    line_id: Number(r.budget_line_id),
    made_in_period: Number(r.made_in_period),
    amount_pence: text(r.amount_pence) ?? '0',
  }))
}
