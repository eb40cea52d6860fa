// Finance's commentary for the Panel pack (issue #14): as at a period of a year, one commentary on the budget as a whole
// and one for each programme, written on one form and saved on the record path (one transaction, an audit row a
// changed cell, the version checked). A programme's page shows its latest commentary of the year.
import type { Knex } from 'knex'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, fySlug, parseFy } from '../domain/financial-year'
import { readLedgerPeriod } from '../domain/ledger'
import { formDate } from '../domain/uk-date'
import { findCommentary, type PackCommentary } from '../data/commentary-repository'
import { listProgrammes } from '../data/programme-repository'
import { yearStatus } from '../data/year-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import { optionalDate, optionalText, optionalVersion, parseForm, type FormBody, type FormFields } from './forms'

export interface CommentaryContext {
  fyStart: number
  period: number
  programmes: { id: number; code: string; name: string }[]
  current: PackCommentary | null
}

/** The year and period of an address like /reports/2017-18/P8/commentary. */
async function asAt(db: Knex | Knex.Transaction, fySlug: string, periodText: string) {
  const fy = parseFy(fySlug)
  if (fy === null) throw new BadRequestError(`"${fySlug}" is not a financial year`, FY_FORMAT_HINT)
  const read = readLedgerPeriod(periodText)
  if ('reason' in read) throw new BadRequestError(read.reason, 'give one like P8')
  if ((await yearStatus(db, fy)) === null) throw new NotFoundError(`The financial year ${fyLabel(fy)}`)
  return { fy, period: read.period }
}

async function load(db: Knex | Knex.Transaction, viewer: Viewer, at: { fy: string; period: string }) {
  const { fy, period } = await asAt(db, at.fy, at.period)
  const [programmes, current] = await Promise.all([
    listProgrammes(db, canSeeDrafts(viewer)),
    findCommentary(db, fy, period),
  ])
  return {
    fyStart: fy,
    period,
    programmes: programmes.map((p) => ({ id: Number(p.id), code: p.code, name: p.name })),
    current,
  }
}

export function commentaryValues(c: CommentaryContext): Record<string, string> {
  const values: Record<string, string> = {
    version: c.current ? String(c.current.version) : '',
    meeting_date: formDate(c.current?.meeting_date),
    body: c.current?.body ?? '',
  }
  for (const p of c.current?.programmes ?? []) {
    const code = c.programmes.find((x) => x.id === p.programme_id)?.code
    if (code) values[`programme_${code}`] = p.body
  }
  return values
}

async function save(db: Knex, viewer: Viewer, input: { at: { fy: string; period: string }; body: FormBody }) {
  const who = editorOf(viewer, 'write the Panel pack commentary')
  return db.transaction(async (trx) => {
    const c = await load(trx, viewer, input.at)
    const fields: FormFields = {
      version: optionalVersion,
      meeting_date: optionalDate('The date of the Panel meeting'),
      body: optionalText('the commentary on the budget', 5000),
    }
    for (const p of c.programmes) fields[`programme_${p.code}`] = optionalText(`the commentary on ${p.name}`, 3000)
    const form = parseForm(fields, input.body) as Record<string, unknown> & {
      version: number | null
      meeting_date: { iso: string } | null
      body: string | null
    }
    const meeting = form.meeting_date?.iso ?? null
    const rows = c.programmes
      .map((p) => ({ programme_id: p.id, body: form[`programme_${p.code}`] as string | null }))
      .filter((r): r is { programme_id: number; body: string } => r.body !== null)
    const children = (id: string | number) => [
      { spec: specs.programmeCommentaries, scope: { pack_commentary_id: Number(id) }, rows },
    ]
    const label = `${fyLabel(c.fyStart)} P${c.period}`
    const to = `/reports/${fySlug(c.fyStart)}/P${c.period}/commentary`
    if (c.current === null && form.body === null && meeting === null && rows.length === 0)
      return { to, message: `Commentary as at ${label}: nothing written, nothing to save.` }
    if (c.current === null)
      await createRecord(trx, specs.packCommentaries, {
        who,
        values: { fy_start: c.fyStart, period: c.period, meeting_date: meeting, body: form.body },
        children,
      })
    else {
      const { changed } = await updateRecord(trx, specs.packCommentaries, {
        who,
        id: c.current.id,
        // A form opened before the commentary existed has no version: someone else wrote it meanwhile.
        version: form.version ?? 0,
        before: { ...c.current },
        values: { meeting_date: meeting, body: form.body },
        children: children(c.current.id),
      })
      if (!changed) return { to, message: `Commentary as at ${label} unchanged: nothing to save.` }
    }
    return { to, message: `Commentary as at ${label} saved.` }
  })
}

export function commentaryService(db: Knex) {
  return {
    load: (viewer: Viewer, fy: string, period: string) => load(db, viewer, { fy, period }),
    save: (viewer: Viewer, at: { fy: string; period: string }, body: FormBody) => save(db, viewer, { at, body }),
  }
}
