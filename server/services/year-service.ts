// Financial years and their status: draft (seen by finance only) → published (Panel and public).
// Adding a year and publishing one are explicit, audited actions.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { BadRequestError, NotFoundError, ValidationError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, fyOfDate, parseFy, unplannableYear } from '../domain/financial-year'
import { fromPence, type Decimal } from '../domain/money'
import * as years from '../data/year-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, refusingDuplicates } from './edit-context'
import { financialYear, parseForm, type FormBody } from './forms'

export interface YearRow {
  fyStart: number
  status: 'draft' | 'published'
  publishedAt: string | null
  budget: Decimal
  lines: number
}

/** Adds a financial year as a draft (finance only sees it until it is published). */
async function addYear(db: Knex, viewer: Viewer, body: FormBody): Promise<number> {
  const who = editorOf(viewer, 'add financial years')
  const { fy } = parseForm({ fy: financialYear(`Enter the financial year: ${FY_FORMAT_HINT}`) }, body, (v) => {
    const problem = v.fy === undefined ? null : unplannableYear(v.fy, fyOfDate(new Date().toISOString().slice(0, 10)))
    return problem ? [{ field: 'fy', message: problem }] : []
  })
  // Two people adding the same year at once: the loser gets the answer one who adds it again later gets.
  const exists = () => new ValidationError([{ field: 'fy', message: `${fyLabel(fy)} already exists` }])
  return refusingDuplicates(
    () =>
      db.transaction(async (trx) => {
        if ((await years.yearStatus(trx, fy)) !== null) throw exists()
        await createRecord(trx, specs.financialYears, { who, values: { fy_start: fy, status: 'draft' } })
        return fy
      }),
    exists,
  )
}

export function yearService(db: Knex) {
  return {
    async list(): Promise<YearRow[]> {
      const rows = await years.yearsWithTotals(db)
      return rows.map((r) => ({
        fyStart: Number(r.fy_start),
        status: r.status,
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
        budget: fromPence(r.budget),
        lines: Number(r.lines ?? 0),
      }))
    },

    add: (viewer: Viewer, body: FormBody): Promise<number> => addYear(db, viewer, body),

    async publish(viewer: Viewer, fySlug: string): Promise<number> {
      const who = editorOf(viewer, 'publish budgets')
      const fy = parseFy(fySlug)
      if (fy === null) throw new BadRequestError(`"${fySlug}" is not a financial year`, FY_FORMAT_HINT)
      return db.transaction(async (trx) => {
        const status = await years.yearStatus(trx, fy)
        if (status === null) throw new NotFoundError(`The financial year ${fyLabel(fy)}`)
        if (status === 'published')
          throw new ValidationError([{ field: 'publish', message: `${fyLabel(fy)} is already published` }])
        await updateRecord(trx, specs.financialYears, {
          who,
          id: fy,
          version: null,
          values: { status: 'published' },
          stamps: { published_at: trx.fn.now() },
          action: 'publish',
        })
        return fy
      })
    },
  }
}
