// The Panel pack's own reads (issue #14): each programme's monthly profile and actuals in one query, and the meeting
// dates of the packs (the previous meeting bounds "since the last meeting").
import type { Db } from './db'
import { isoDate, text } from './values'
import { publishedYears, type PeriodFigures } from './figures-repository'

type Raw = Record<string, unknown>

/** Every programme's profile and actuals by period of a year, in one query (the pack's page for each programme). */
export async function monthlyByProgramme(
  db: Db,
  at: { fyStart: number; publishedOnly: boolean },
): Promise<(PeriodFigures & { programme_id: number })[]> {
  const lines = db('budget_lines').select('id').whereNotNull('programme_id').whereNull('retired_at')
  const part = (table: string, column: 'profile' | 'actual') =>
    db(`${table} as x`)
      .join('budget_lines as l', 'l.id', 'x.budget_line_id')
      .select(
        'l.programme_id',
        'x.period',
        db.raw(column === 'profile' ? 'x.amount_pence as profile' : '0 as profile'),
        db.raw(column === 'actual' ? 'x.amount_pence as actual' : '0 as actual'),
      )
      .where('x.fy_start', at.fyStart)
      .whereIn('x.budget_line_id', lines)
      .modify((q) => {
        if (at.publishedOnly) q.whereIn('x.fy_start', publishedYears(db))
      })
  const rows = await db
    .from(
      part('budget_profiles', 'profile')
        .unionAll([part('spend_summaries', 'actual')])
        .as('u'),
    )
    .select<Raw[]>('programme_id', 'period', db.raw('sum(profile) as profile'), db.raw('sum(actual) as actual'))
    .groupBy('programme_id', 'period')
    .orderBy(['programme_id', 'period'])
  return rows.map((r) => ({
    programme_id: Number(r.programme_id),
    period: Number(r.period),
    profile: text(r.profile) ?? '0',
    actual: text(r.actual) ?? '0',
  }))
}

/** The latest Panel meeting date of a pack before this date, or null when there is none. */
export async function previousMeeting(db: Db, before: string): Promise<string | null> {
  const row = await db('pack_commentaries')
    .where('meeting_date', '<', before)
    .max({ d: 'meeting_date' })
    .first<Raw | undefined>()
  return isoDate(row?.d)
}
