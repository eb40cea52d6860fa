// The capital programme (issue #11): every scheme by year, tagged to a programme or not, and how each year is paid for
// by source, with any year whose financing does not equal its spend named with the difference; the capital receipts
// held and used. And its cost to the revenue budget: the CFR year by year (opening + borrowing − MRP), MRP by asset
// class (from the year after the spend), interest on external debt only, investment income, and the financing-cost
// ratio against the net revenue stream. A fixed number of queries whatever the data size.
import { memoOnRead } from './read-memo'
import type { Knex } from 'knex'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { Decimal, fromPence } from '../domain/money'
import {
  externalDebt,
  financingCostRatio,
  interestOn,
  unfinanced,
  FINANCING_SOURCES,
  type CfrYear,
  type FinancingSource,
  type Loan,
} from '../domain/capital-financing'
import {
  capitalSchemes,
  draftYears,
  lineFinancing,
  receipts as listReceipts,
  yearTotals,
  type AssetClassRow,
  type LoanRow,
  type ReceiptRow,
} from '../data/capital-repository'
import { budgetsWithPlan } from './reserve-service'
import { capitalBase } from './capital-costs'
import { planNetSpending } from './mtfp-service'

export const SOURCE_WORDS: Record<FinancingSource, string> = {
  capital_receipts: 'Capital receipts',
  capital_grants: 'Capital grants',
  revenue_contributions: 'Revenue contributions',
  reserves: 'Reserves',
  borrowing: 'Borrowing',
}

export interface SchemeView {
  lineId: number
  name: string
  programmeCode: string | null
  programmeName: string | null
  assetClass: string | null
  illustrative: boolean
  amounts: (Decimal | null)[]
  total: Decimal
  /** The scheme's own financing by source, by year (for its row's check). */
  unfinancedYears: { fyStart: number; amount: Decimal }[]
}

export interface CapitalYear {
  fyStart: number
  spend: Decimal
  bySource: Record<FinancingSource, Decimal>
  financed: Decimal
  /** Spend less financing: positive is unfinanced, negative over-financed; zero when they match. */
  difference: Decimal
}

export interface CapitalProgramme {
  years: number[]
  /** The years shown that are still drafts (finance only). */
  drafts: number[]
  schemes: SchemeView[]
  totals: CapitalYear[]
  receipts: (ReceiptRow & { amount: Decimal | null; used: Decimal; held: Decimal | null })[]
  sources: { code: FinancingSource; name: string }[]
  mismatched: CapitalYear[]
  /** The whole programme's spend over every year shown. */
  grandTotal: Decimal
  illustrative: boolean
}

const zeroSources = (): Record<FinancingSource, Decimal> =>
  Object.fromEntries(FINANCING_SOURCES.map((s) => [s, new Decimal(0)])) as Record<FinancingSource, Decimal>

/** Each scheme's budget by year, and any year of it whose financing does not equal its spend. */
function schemeViews(
  years: number[],
  rows: Awaited<ReturnType<typeof capitalSchemes>>,
  financing: Awaited<ReturnType<typeof lineFinancing>>,
): SchemeView[] {
  const lineIds = [...new Set(rows.map((r) => r.line_id))]
  return lineIds.map((id): SchemeView => {
    const own = rows.filter((r) => r.line_id === id)
    const first = own[0]
    const amounts = years.map((fy) => {
      const a = own.find((r) => r.fy_start === fy)
      return a ? fromPence(a.amount_pence) : null
    })
    const unfinancedYears = own
      .map((r) => {
        const paid = financing.filter((f) => f.line_id === id && f.fy_start === r.fy_start)
        const bySource = Object.fromEntries(paid.map((f) => [f.source, fromPence(f.amount_pence)]))
        return { fyStart: r.fy_start, amount: unfinanced(fromPence(r.amount_pence), bySource) }
      })
      .filter((y) => !y.amount.isZero())
    return {
      lineId: id,
      name: first?.name ?? '',
      programmeCode: first?.programme_code ?? null,
      programmeName: first?.programme_name ?? null,
      assetClass: first?.asset_class ?? null,
      illustrative: own.some((r) => r.illustrative),
      amounts,
      total: amounts.reduce<Decimal>((a, x) => a.plus(x ?? 0), new Decimal(0)),
      unfinancedYears,
    }
  })
}

async function programme(db: Knex, viewer: Viewer): Promise<CapitalProgramme> {
  // The Panel and the public see the published years only; finance sees the draft years too, marked as drafts.
  const publishedOnly = !canSeeDrafts(viewer)
  const [rows, financing, totals, receiptRows, drafts] = await Promise.all([
    capitalSchemes(db, publishedOnly),
    lineFinancing(db, publishedOnly),
    memoOnRead(db, `capitalYearTotals:${publishedOnly}`, () => yearTotals(db, publishedOnly)),
    listReceipts(db, publishedOnly),
    publishedOnly ? Promise.resolve([]) : draftYears(db),
  ])
  const held = [...totals.spend.keys()]
  // Every year from the first with capital spend to the last, a year without any included.
  const years =
    held.length === 0
      ? []
      : Array.from({ length: Math.max(...held) - Math.min(...held) + 1 }, (_, i) => Math.min(...held) + i)
  const schemes = schemeViews(years, rows, financing)
  const yearViews = years.map((fy): CapitalYear => {
    const bySource = zeroSources()
    for (const f of totals.financing.filter((x) => x.fy_start === fy))
      if (f.source in bySource) bySource[f.source as FinancingSource] = fromPence(f.amount_pence)
    const spend = fromPence(totals.spend.get(fy) ?? 0)
    const financed = FINANCING_SOURCES.reduce((a, s) => a.plus(bySource[s]), new Decimal(0))
    return { fyStart: fy, spend, bySource, financed, difference: unfinanced(spend, bySource) }
  })
  return {
    years,
    drafts: years.filter((fy) => drafts.includes(fy)),
    schemes,
    totals: yearViews,
    receipts: receiptRows.map((r) => {
      const amount = r.amount_pence === null ? null : fromPence(r.amount_pence)
      const used = fromPence(r.used_pence)
      return { ...r, amount, used, held: amount === null ? null : amount.minus(used) }
    }),
    sources: FINANCING_SOURCES.map((code) => ({ code, name: SOURCE_WORDS[code] })),
    mismatched: yearViews.filter((y) => !y.difference.isZero()),
    grandTotal: yearViews.reduce((a, y) => a.plus(y.spend), new Decimal(0)),
    illustrative: rows.some((r) => r.illustrative),
  }
}

export interface FinancingYear {
  fyStart: number
  cfr: CfrYear
  mrp: Decimal
  mrpByClass: { name: string; mrp: Decimal }[]
  externalDebt: Decimal
  /** CFR less external debt: the part financed from the office's own cash. */
  internalBorrowing: Decimal
  interest: Decimal
  investmentIncome: Decimal
  /** MRP + interest − investment income: the capital programme's cost to the revenue budget. */
  costs: Decimal
  netRevenueStream: Decimal | null
  netRevenueFrom: 'tracker' | 'plan' | null
  ratio: Decimal | null
}

export interface CapitalFinancing {
  years: FinancingYear[]
  classes: AssetClassRow[]
  loans: (LoanRow & { principal: Decimal })[]
  opening: { fy: number; cfr: Decimal; life: number; source: string | null } | null
  illustrative: boolean
}

/** One year of the financing page: MRP, interest on external debt, investment income, and the ratio. */
function financingYear(
  fy: number,
  at: {
    cfr: CfrYear
    mrp: Map<number, { total: Decimal; byClass: Map<string, Decimal> }>
    loans: Loan[]
    income: Map<number, string>
    budgets: Map<number, { amount: Decimal; from: 'tracker' | 'plan' }>
  },
): FinancingYear {
  const m = at.mrp.get(fy) ?? { total: new Decimal(0), byClass: new Map<string, Decimal>() }
  const interest = interestOn(at.loans, fy)
  const investmentIncome = fromPence(at.income.get(fy) ?? 0)
  const budget = at.budgets.get(fy)
  const debt = externalDebt(at.loans, fy)
  return {
    fyStart: fy,
    cfr: at.cfr,
    mrp: m.total,
    mrpByClass: [...m.byClass].map(([name, v]) => ({ name, mrp: v })),
    externalDebt: debt,
    internalBorrowing: at.cfr.closing.minus(debt),
    interest,
    investmentIncome,
    costs: m.total.plus(interest).minus(investmentIncome),
    netRevenueStream: budget?.amount ?? null,
    netRevenueFrom: budget?.from ?? null,
    ratio:
      budget && !budget.amount.isZero()
        ? financingCostRatio({ interest, mrp: m.total, investmentIncome, netRevenueStream: budget.amount })
        : null,
  }
}

async function financing(db: Knex, viewer: Viewer): Promise<CapitalFinancing> {
  const plan = await planNetSpending(db, viewer)
  const [base, budgets] = await Promise.all([
    capitalBase(db, Math.max(0, ...plan.keys()), !canSeeDrafts(viewer)),
    budgetsWithPlan(db, plan),
  ])
  const { classes, loanRows, t, opening, years, mrp, cfr, loanList } = base
  const yearViews = years.map((fy, i) =>
    financingYear(fy, { cfr: cfr[i] as CfrYear, mrp, loans: loanList, income: t.income, budgets }),
  )
  return {
    years: yearViews,
    classes,
    loans: loanRows.map((l) => ({ ...l, principal: fromPence(l.principal_pence) })),
    opening,
    illustrative: classes.some((c) => c.illustrative) || Boolean(t.settings?.illustrative),
  }
}

export function capitalService(db: Knex) {
  return { programme: (viewer: Viewer) => programme(db, viewer), financing: (viewer: Viewer) => financing(db, viewer) }
}
