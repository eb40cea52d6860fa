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
import { financialYear, optionalText, parseForm, type FormBody } from './forms'
import { decisionIdByReference } from '../data/change-repository'

export interface YearRow {
  fyStart: number
  status: 'draft' | 'published'
  publishedAt: string | null
  frozenAt: string | null
  originalDecision: string | null
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

/** Freezes a year's original budget, by the Commissioner's budget decision: each line's budget for the year is kept as
 * its original, and from then on the year's budget moves only by approved budget changes. */
async function freezeYear(db: Knex, viewer: Viewer, input: { fySlug: string; body: FormBody }): Promise<number> {
  const who = editorOf(viewer, 'freeze the original budget')
  const fy = parseFy(input.fySlug)
  if (fy === null) throw new BadRequestError(`"${input.fySlug}" is not a financial year`, FY_FORMAT_HINT)
  const { decision } = parseForm({ decision: optionalText('the decision reference', 40) }, input.body)
  return db.transaction(async (trx) => {
    const status = await years.yearStatus(trx, fy)
    if (status === null) throw new NotFoundError(`The financial year ${fyLabel(fy)}`)
    if ((await years.frozenYears(trx)).has(fy))
      throw new ValidationError([{ field: 'decision', message: `${fyLabel(fy)}'s original budget is already frozen` }])
    const decisionId = decision ? await decisionIdByReference(trx, decision) : null
    if (decision && decisionId === null)
      throw new ValidationError([
        { field: 'decision', message: `There is no decision ${decision}: check its reference` },
      ])
    // Each line-year's original is written on the record path: an audit row for each.
    const amounts = await years.amountsOfYear(trx, fy)
    await updateRecord(trx, specs.financialYears, {
      who,
      id: fy,
      version: null,
      values: { original_decision_id: decisionId, original_frozen_at: new Date().toISOString() },
      children: [
        {
          spec: specs.originalBudgets,
          scope: { fy_start: fy },
          rows: amounts.map((a) => ({ budget_line_id: a.budget_line_id, original_pence: a.amount_pence })),
        },
      ],
      reason: `Original budget of ${fyLabel(fy)} frozen${decision ? ` by decision ${decision}` : ''}`,
    })
    return fy
  })
}

export function yearService(db: Knex) {
  return {
    async list(): Promise<YearRow[]> {
      const rows = await years.yearsWithTotals(db)
      return rows.map((r) => ({
        fyStart: Number(r.fy_start),
        status: r.status,
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
        frozenAt: r.original_frozen_at ? new Date(r.original_frozen_at).toISOString() : null,
        originalDecision: r.original_decision,
        budget: fromPence(r.budget),
        lines: Number(r.lines ?? 0),
      }))
    },

    add: (viewer: Viewer, body: FormBody): Promise<number> => addYear(db, viewer, body),

    freeze: (viewer: Viewer, fySlug: string, body: FormBody): Promise<number> =>
      freezeYear(db, viewer, { fySlug, body }),

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
