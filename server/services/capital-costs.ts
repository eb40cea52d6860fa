// What the capital programme costs the revenue budget each year (issue #11), apart from the net revenue stream: the
// opening CFR, borrowing by asset class, MRP by each class's policy from the year after the spend, the CFR year by
// year, and interest on the loans taken. The capital financing page adds the ratio; the plan takes each year's cost
// (MRP + interest − investment income) as its capital financing costs. A fixed number of queries.
import { memoOnRead } from './read-memo'
import type { Knex } from 'knex'
import { Decimal, fromPence } from '../domain/money'
import { cfrByYear, interestOn, mrpAnnuity, mrpStraightLine, type Loan } from '../domain/capital-financing'
import {
  assetClasses,
  borrowingByClass,
  loans as listLoans,
  treasury,
  yearTotals,
  type AssetClassRow,
} from '../data/capital-repository'

/** Each year's MRP: the opening CFR straight line from its first year, and each asset class's borrowing by its policy
 * from the year after the spend. */
export function mrpByYear(
  years: number[],
  inputs: {
    classes: AssetClassRow[]
    borrowing: { asset_class_id: number | null; fy_start: number; amount_pence: string }[]
    opening: { fy: number; cfr: Decimal; life: number } | null
  },
): Map<number, { total: Decimal; byClass: Map<string, Decimal> }> {
  const out = new Map(years.map((fy) => [fy, { total: new Decimal(0), byClass: new Map<string, Decimal>() }]))
  const charge = (fy: number, name: string, mrp: Decimal) => {
    const at = out.get(fy)
    if (!at) return
    at.total = at.total.plus(mrp)
    at.byClass.set(name, (at.byClass.get(name) ?? new Decimal(0)).plus(mrp))
  }
  if (inputs.opening)
    for (const y of mrpStraightLine(inputs.opening.cfr, inputs.opening.life))
      charge(inputs.opening.fy + y.year - 1, 'Debt before the programme', y.mrp)
  for (const b of inputs.borrowing) {
    const c = inputs.classes.find((x) => x.id === b.asset_class_id)
    const principal = fromPence(b.amount_pence)
    // A line with no asset class is charged over 25 years, straight line, and the page says so.
    const schedule = !c
      ? mrpStraightLine(principal, 25)
      : c.mrp_method === 'annuity'
        ? mrpAnnuity(principal, c.life_years, new Decimal(c.annuity_rate_percent ?? 0).dividedBy(100))
        : mrpStraightLine(principal, c.life_years)
    for (const y of schedule) charge(b.fy_start + y.year, c?.name ?? 'No asset class (25 years)', y.mrp)
  }
  return out
}

/** Everything the capital financing page and the plan work from, for every year from the opening CFR's (or the first
 * capital spend's) to `throughFy` or the last year of capital spend, whichever is later. */
export function capitalBase(db: Knex, throughFy: number, publishedOnly = false) {
  return memoOnRead(db, `capitalBase:${throughFy}:${publishedOnly}`, () => computeBase(db, throughFy, publishedOnly))
}

async function computeBase(db: Knex, throughFy: number, publishedOnly: boolean) {
  const [classes, borrowing, loanRows, t, totals] = await Promise.all([
    assetClasses(db),
    borrowingByClass(db, publishedOnly),
    listLoans(db),
    treasury(db),
    memoOnRead(db, `capitalYearTotals:${publishedOnly}`, () => yearTotals(db, publishedOnly)),
  ])
  const opening = t.settings
    ? {
        fy: t.settings.opening_fy,
        cfr: fromPence(t.settings.opening_cfr_pence),
        life: t.settings.opening_cfr_life_years,
        source: t.settings.source,
      }
    : null
  const lastYear = Math.max(...totals.spend.keys(), throughFy, opening?.fy ?? 0)
  const firstYear = opening?.fy ?? Math.min(...totals.spend.keys())
  const years =
    Number.isFinite(firstYear) && lastYear >= firstYear
      ? Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i)
      : []
  const mrp = mrpByYear(years, { classes, borrowing, opening })
  const borrowed = (fy: number) =>
    borrowing.filter((b) => b.fy_start === fy).reduce((a, b) => a.plus(fromPence(b.amount_pence)), new Decimal(0))
  const cfr = cfrByYear(
    opening?.cfr ?? 0,
    years.map((fy) => ({ fyStart: fy, borrowing: borrowed(fy), mrp: mrp.get(fy)?.total ?? 0 })),
  )
  const loanList: Loan[] = loanRows.map((l) => ({
    principal: fromPence(l.principal_pence),
    rate: new Decimal(l.rate_percent).dividedBy(100),
    takenFy: l.taken_fy,
    repaidFy: l.repaid_fy,
  }))
  return { classes, loanRows, t, opening, years, mrp, cfr, loanList }
}

/** Each year's cost of the capital programme to the revenue budget: MRP + interest − investment income. Empty when
 * the office keeps no capital financing (no opening CFR and no financing rows). */
export async function capitalCosts(db: Knex, throughFy: number, publishedOnly = false): Promise<Map<number, Decimal>> {
  const base = await capitalBase(db, throughFy, publishedOnly)
  if (!base.opening && base.mrp.size === 0) return new Map()
  return new Map(
    base.years.map((fy) => [
      fy,
      (base.mrp.get(fy)?.total ?? new Decimal(0))
        .plus(interestOn(base.loanList, fy))
        .minus(fromPence(base.t.income.get(fy) ?? 0))
        // To the penny, as the budget holds it: the plan's budget year can then balance to the penny.
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
    ]),
  )
}
