// The read-only JSON API (issue #14, /api/v1): programmes, budget lines by year, actuals by period, forecasts,
// decisions, the plan and the precept, each from the service or query its page uses and with the same visibility
// (the public and the Panel: published years and open decisions only). Money is a string of pounds with two decimal
// places ("1234.50"), never a binary float; years are "2017-18"; periods are 1 (April) to 13 (year-end adjustments).
import type { Knex } from 'knex'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { FY_FORMAT_HINT, fySlug, parseFy } from '../domain/financial-year'
import { fromPence, type Decimal } from '../domain/money'
import { budgetYears } from '../data/figures-repository'
import { actualsOfYear, budgetLinesOfYear, forecastsOfYear } from '../data/api-repository'
import { programmeService } from './programme-service'
import { decisionService } from './decision-service'
import { mtfpService } from './mtfp-service'
import { preceptService } from './precept-service'

const pounds = (d: Decimal | null | undefined): string | null => (d === null || d === undefined ? null : d.toFixed(2))
const penceToPounds = (p: string): string => fromPence(p).toFixed(2)

/** The year of ?fy=2017-18, which must have a budget the viewer may see. */
async function visibleYear(db: Knex, viewer: Viewer, asked: unknown): Promise<number> {
  if (typeof asked !== 'string' || asked === '')
    throw new BadRequestError('Give one financial year', 'like ?fy=2017-18')
  const fy = parseFy(asked)
  if (fy === null) throw new BadRequestError(`"${asked}" is not a financial year`, FY_FORMAT_HINT)
  const years = await budgetYears(db, !canSeeDrafts(viewer))
  if (!years.some((y) => y.fyStart === fy)) throw new NotFoundError(`A published budget for ${asked}`)
  return fy
}

async function programmes(db: Knex, viewer: Viewer) {
  const list = await programmeService(db).list(viewer)
  return {
    programmes: list.map((p) => ({
      code: p.code,
      name: p.name,
      status: p.status,
      investToSave: p.investToSave,
      wholeLifeBudget: pounds(p.wholeLifeBudget),
      capitalBudget: pounds(p.capitalBudget),
      revenueBudget: pounds(p.revenueBudget),
      firstYear: p.firstFy === null ? null : fySlug(p.firstFy),
      lastYear: p.lastFy === null ? null : fySlug(p.lastFy),
    })),
  }
}

async function yearData(db: Knex, viewer: Viewer, asked: { fy: unknown; what: 'lines' | 'actuals' | 'forecasts' }) {
  const fyStart = await visibleYear(db, viewer, asked.fy)
  const at = { fyStart, publishedOnly: !canSeeDrafts(viewer) }
  const fy = fySlug(fyStart)
  if (asked.what === 'lines')
    return {
      fy,
      lines: (await budgetLinesOfYear(db, at)).map((l) => ({
        id: l.id,
        name: l.name,
        nature: l.nature,
        programme: l.programme,
        owner: l.owner,
        spendType: l.spend_type,
        budget: penceToPounds(l.budget_pence),
        originalBudget: l.original_pence === null ? null : penceToPounds(l.original_pence),
      })),
    }
  if (asked.what === 'actuals')
    return {
      fy,
      actuals: (await actualsOfYear(db, at)).map((a) => ({
        lineId: a.line_id,
        period: a.period,
        amount: penceToPounds(a.amount_pence),
      })),
    }
  return {
    fy,
    forecasts: (await forecastsOfYear(db, at)).map((f) => ({
      lineId: f.line_id,
      madeInPeriod: f.made_in_period,
      amount: penceToPounds(f.amount_pence),
    })),
  }
}

async function decisions(db: Knex, viewer: Viewer) {
  const list = await decisionService(db).list(viewer)
  return {
    decisions: list.map((d) => ({
      key: d.key,
      reference: d.reference,
      title: d.title,
      classification: d.classification,
      decided: d.decided?.iso ?? null,
      decidedAsWritten: d.decided?.asWritten ?? null,
      commitment: pounds(d.commitment),
      programmes: d.programmes.map((p) => p.code),
    })),
  }
}

async function plan(db: Knex, viewer: Viewer) {
  const view = await mtfpService(db).plan(viewer, undefined)
  return {
    firstYear: fySlug(view.plan.first_fy),
    status: view.plan.status,
    years: view.years_.map((y) => ({
      fy: fySlug(y.fyStart),
      netSpending: pounds(y.netSpending),
      savings: pounds(y.savings),
      funding: pounds(y.funding),
      useOfReserves: pounds(y.useOfReserves),
      contributionsToReserves: pounds(y.contributionsToReserves),
      gap: pounds(y.gap),
    })),
  }
}

async function precept(db: Knex, viewer: Viewer, asked: unknown) {
  if (asked !== undefined && typeof asked !== 'string')
    throw new BadRequestError('Give one financial year', 'like ?fy=2017-18')
  const view = await preceptService(db).year(viewer, asked === '' ? undefined : asked)
  const check = view.inForce?.check ?? null
  return {
    fy: fySlug(view.fyStart),
    stage: view.inForce?.stage ?? null,
    bandD: pounds(view.inForce?.bandD),
    previousBandD: pounds(view.previousBandD),
    increase: pounds(check?.increase),
    increasePercent: check ? check.increasePercent.toFixed(4) : null,
    exceedsReferendumLimit: check ? check.exceeds : null,
    bands: view.rises.map((r) => ({ band: r.band, amount: pounds(r.proposed), previous: pounds(r.previous) })),
  }
}

export function apiService(db: Knex) {
  return {
    programmes: (viewer: Viewer) => programmes(db, viewer),
    budgetLines: (viewer: Viewer, fy: unknown) => yearData(db, viewer, { fy, what: 'lines' }),
    actuals: (viewer: Viewer, fy: unknown) => yearData(db, viewer, { fy, what: 'actuals' }),
    forecasts: (viewer: Viewer, fy: unknown) => yearData(db, viewer, { fy, what: 'forecasts' }),
    decisions: (viewer: Viewer) => decisions(db, viewer),
    plan: (viewer: Viewer) => plan(db, viewer),
    precept: (viewer: Viewer, fy: unknown) => precept(db, viewer, fy),
  }
}
