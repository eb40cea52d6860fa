// Commentaries for the Panel pack (issue #14): the pack's own and each programme's, as at a period of a year.
import type { Db } from './db'
import { isoDate, text } from './values'

type Raw = Record<string, unknown>

export interface PackCommentary {
  id: number
  fy_start: number
  period: number
  /** The date of the Panel meeting the pack goes to (an ISO date), or null when not yet set. */
  meeting_date: string | null
  body: string | null
  version: number
  programmes: { programme_id: number; body: string }[]
}

/** The commentary written as at this year and period, or null when none has been. */
export async function findCommentary(db: Db, fy: number, period: number): Promise<PackCommentary | null> {
  const row = await db('pack_commentaries').where({ fy_start: fy, period }).first<Raw | undefined>()
  if (!row) return null
  const programmes = await db('programme_commentaries')
    .where('pack_commentary_id', Number(row.id))
    .orderBy('programme_id')
    .select<Raw[]>('programme_id', 'body')
  return {
    id: Number(row.id),
    fy_start: Number(row.fy_start),
    period: Number(row.period),
    meeting_date: isoDate(row.meeting_date),
    body: text(row.body),
    version: Number(row.version),
    programmes: programmes.map((p) => ({ programme_id: Number(p.programme_id), body: String(p.body) })),
  }
}

/** A programme's latest commentary in a year (the highest period written), or null. */
export async function latestProgrammeCommentary(
  db: Db,
  programmeId: number,
  fy: number,
): Promise<{ period: number; body: string } | null> {
  const row = await db('programme_commentaries as c')
    .join('pack_commentaries as p', 'p.id', 'c.pack_commentary_id')
    .where({ 'c.programme_id': programmeId, 'p.fy_start': fy })
    .orderBy('p.period', 'desc')
    .first<Raw | undefined>('p.period', 'c.body')
  return row ? { period: Number(row.period), body: String(row.body) } : null
}
