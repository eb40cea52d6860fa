// The illustrative part of the demo office: a whole revenue budget by type of spend and budget owner around
// the sourced programme lines, and deterministic monthly profiles, actuals and forecasts. All of it is marked
// illustrative in the database and on every page where it shows. Spending before local income is sized to the
// published Kent budgets (DOMAIN.md: £333.3m in 2018/19, £353.2m in 2019/20). The published 2019/20 budget is funded
// by grants, precept, the collection fund, local income (£20.6m) and reserves, so it is spending *before* local
// income: the net revenue budget (spending less local income, which grants, precept, the collection fund and
// reserves pay for) is £332.6m. Other years are illustrative. Pay (officers, PCSOs, staff, overtime) is about four
// fifths of spending.
import { PROFILE_PATTERNS } from '../../server/domain/profile'

export const DEMO_YEARS = [2015, 2016, 2017, 2018, 2019, 2020]

/** The demo's "current" year and the latest period posted in it; earlier years are closed (P1–P13). */
export const CURRENT_FY = 2020
export const CURRENT_PERIOD = 8

/** Spending before local income by year (every revenue line but the income line), whole pounds: 2018/19 and
 * 2019/20 are the published Kent budgets (PUBLISHED_BUDGETS); the other years are illustrative. The net revenue
 * budget is this less LOCAL_INCOME. */
export const SPENDING_BEFORE_INCOME: Record<number, string> = {
  2015: '300000000',
  2016: '312000000',
  2017: '319000000',
  2018: '333300000',
  2019: '353200000',
  2020: '380000000',
}

/** Published budgets (spending before local income), shown beside the demo's own (DOMAIN.md, "Published elsewhere"). */
export const PUBLISHED_BUDGETS: { fy: number; amount: string; note: string }[] = [
  { fy: 2018, amount: '333300000', note: 'Kent Police budget 2018/19, £333.3m' },
  {
    fy: 2019,
    amount: '353200000',
    note: 'Kent Police budget 2019/20, £353.2m: central government grants £206.0m, precept £121.9m, collection fund surplus £1.2m, local income £20.6m, one-off use of reserves £3.6m',
  },
  {
    fy: 2021,
    amount: '409300000',
    note: 'Kent Police budget 2021/22, £409.3m: grants £236.5m, precept £139.7m, collection fund deficit £1.5m, local income £28.1m',
  },
]

/** Local income (a negative budget line), whole pounds: 2019/20 is the published £20.6m. */
export const LOCAL_INCOME: Record<number, string> = {
  2015: '16000000',
  2016: '16500000',
  2017: '17200000',
  2018: '18900000',
  2019: '20600000',
  2020: '24000000',
}

export interface BaseLine {
  name: string
  owner: string
  spendType: string
  funding: string
  /** Share of the Force's part of gross spending, in basis points; null for fixed amounts. */
  shareBp: number | null
  /** Fixed whole pounds a year (OPCC office and commissioning lines). */
  fixed?: string
}

/** Lines of the whole revenue budget other than the programmes'. Force shares add to 10,000 basis points. */
export const BASE_LINES: BaseLine[] = [
  { name: 'Police officer pay', owner: 'force', spendType: 'officer_pay', funding: 'general-funding', shareBp: 5680 },
  { name: 'PCSO pay', owner: 'force', spendType: 'pcso_pay', funding: 'general-funding', shareBp: 300 },
  { name: 'Police staff pay', owner: 'force', spendType: 'staff_pay', funding: 'general-funding', shareBp: 1650 },
  { name: 'Overtime', owner: 'force', spendType: 'overtime', funding: 'general-funding', shareBp: 350 },
  { name: 'Premises', owner: 'force', spendType: 'premises', funding: 'general-funding', shareBp: 500 },
  { name: 'Transport', owner: 'force', spendType: 'transport', funding: 'general-funding', shareBp: 300 },
  { name: 'Supplies and services', owner: 'force', spendType: 'supplies', funding: 'general-funding', shareBp: 770 },
  {
    name: 'Collaboration and other third-party payments',
    owner: 'force',
    spendType: 'third_party',
    funding: 'general-funding',
    shareBp: 150,
  },
  {
    name: 'Capital financing (MRP, interest, revenue contribution)',
    owner: 'capital_programme',
    spendType: 'capital_financing',
    funding: 'general-funding',
    shareBp: 300,
  },
  {
    name: 'OPCC staff pay',
    owner: 'opcc_office',
    spendType: 'staff_pay',
    funding: 'general-funding',
    shareBp: null,
    fixed: '1250000',
  },
  {
    name: 'OPCC office running costs',
    owner: 'opcc_office',
    spendType: 'supplies',
    funding: 'general-funding',
    shareBp: null,
    fixed: '420000',
  },
  {
    name: "Victims' services grants",
    owner: 'commissioning',
    spendType: 'third_party',
    funding: 'general-funding',
    shareBp: null,
    fixed: '2000000',
  },
  {
    name: 'Community safety partnership grants',
    owner: 'commissioning',
    spendType: 'third_party',
    funding: 'general-funding',
    shareBp: null,
    fixed: '1500000',
  },
]

export const INCOME_LINE = {
  name: 'Local income (fees, charges, secondments)',
  owner: 'force',
  spendType: 'income',
  funding: 'general-funding',
}

export const BUDGET_OWNERS = [
  { code: 'opcc_office', name: 'OPCC office', sort: 1 },
  { code: 'commissioning', name: 'OPCC commissioning', sort: 2 },
  { code: 'force', name: 'Force (delegated to the Chief Constable)', sort: 3 },
  { code: 'capital_programme', name: 'Capital programme', sort: 4 },
]

export const SPEND_TYPES = [
  { code: 'officer_pay', name: 'Police officer pay', appliesTo: 'revenue' },
  { code: 'pcso_pay', name: 'PCSO pay', appliesTo: 'revenue' },
  { code: 'staff_pay', name: 'Police staff pay', appliesTo: 'revenue' },
  { code: 'overtime', name: 'Overtime', appliesTo: 'revenue' },
  { code: 'premises', name: 'Premises', appliesTo: 'revenue' },
  { code: 'transport', name: 'Transport', appliesTo: 'revenue' },
  { code: 'supplies', name: 'Supplies and services', appliesTo: 'revenue' },
  { code: 'third_party', name: 'Third-party payments', appliesTo: 'revenue' },
  { code: 'capital_financing', name: 'Capital financing', appliesTo: 'revenue' },
  { code: 'income', name: 'Income', appliesTo: 'revenue' },
  { code: 'capital_it', name: 'IT and communications (capital)', appliesTo: 'capital' },
  { code: 'capital_equipment', name: 'Equipment (capital)', appliesTo: 'capital' },
  { code: 'capital_estates', name: 'Buildings and estates (capital)', appliesTo: 'capital' },
  { code: 'capital_vehicles', name: 'Vehicles (capital)', appliesTo: 'capital' },
]

/** Monthly profile weights by kind of line: the domain's patterns (pay steps up after the 1 September award;
 * capital is back-loaded, as capital programmes usually are). */
export const PROFILE_WEIGHTS: Record<string, readonly number[]> = {
  pay: PROFILE_PATTERNS.pay.weights,
  even: PROFILE_PATTERNS.even.weights,
  capital: PROFILE_PATTERNS.capital.weights,
}

export const SUPPLIERS: Record<string, string[]> = {
  pay: ['Payroll run (illustrative)'],
  capital: ['Illustrative Systems Ltd', 'Example Devices plc', 'Demo Integration Services'],
  other: ['Illustrative Supplies Ltd', 'Example Facilities Ltd', 'Demo Services plc', 'Sample Fleet Ltd'],
  income: ['Illustrative income (fees and charges)'],
}

/** The column headings of the demo ledger extract (seeds/demo/ledger-2020-21-P9.csv), as a saved mapping. */
export const DEMO_LEDGER_MAPPING = {
  posted_on: 'Posting Date',
  period: 'Period',
  ledger_ref: 'Transaction Ref',
  cost_centre: 'Cost Centre',
  account_code: 'Subjective',
  supplier: 'Supplier Name',
  description: 'Description',
  amount: 'Net Amount',
  vat: 'VAT',
  merchant_category: 'Merchant Category',
  department: 'Department',
  body: 'Body',
  individual: 'Payment to Individual',
}

/**
 * Reserves from 2017/18 (£m, pounds as text). Sourced: £65m in all at the start of 2017/18, the £5.1m use in 2017/18
 * to smooth savings, and the path "to about £20m by 2021/22" (2017-03-28 Panel agenda pack); the 2019/20 one-off use
 * of £3.6m (the published 2019/20 budget); the general reserve policy of 3% of the net budget (about £10m). How the
 * £65m splits between reserves, and every other year's figure, is illustrative.
 */
export const DEMO_RESERVES: {
  code: string
  name: string
  kind: 'general' | 'earmarked'
  purpose: string
  opening: string
  minimumPercent?: string
  minimumBasis?: string
  /** Its contributions and uses fund the revenue budget (the plan counts them); other reserves pay for capital,
   * claims and one-off change costs outside the net budget. */
  inBudget?: boolean
  flows: Record<number, { contribution?: string; use?: string; source?: string }>
}[] = [
  {
    code: 'general',
    name: 'General reserve',
    kind: 'general',
    purpose: 'A prudent balance for unforeseen costs and risks that the budget cannot absorb.',
    opening: '10500000',
    minimumPercent: '3',
    minimumBasis:
      'The CFO’s risk-based judgement in the section 25 report: 3% of the net revenue budget (about £10m), covering a major operation, an emergency and the risk that savings are not delivered in time.',
    inBudget: true,
    flows: { 2020: { contribution: '2000000' } },
  },
  {
    code: 'budget-smoothing',
    name: 'Budget smoothing reserve',
    kind: 'earmarked',
    purpose: 'To smooth the savings requirement across the years of the plan.',
    opening: '14000000',
    inBudget: true,
    flows: {
      2017: { use: '5100000', source: '2017-03-28 Panel agenda pack: £5.1m from reserves to smooth the savings' },
      2018: { use: '4000000' },
      2019: { use: '3600000', source: 'Kent Police budget 2019/20: one-off use of reserves £3.6m' },
      2020: { use: '1300000' },
    },
  },
  {
    code: 'capital',
    name: 'Capital and estates reserve',
    kind: 'earmarked',
    purpose: 'Revenue set aside to pay for the capital programme without borrowing.',
    opening: '25000000',
    // Its uses are the capital programme's financing from it (demo/capital.ts: £6.0m, £7.0m, £6.0m and £6.0m from
    // 2017/18 to 2020/21), counted from the schemes' financing, so none is entered here.
    flows: {},
  },
  {
    code: 'insurance',
    name: 'Insurance and legal claims reserve',
    kind: 'earmarked',
    purpose: 'Claims the force self-insures, and legal costs.',
    opening: '8000000',
    flows: {
      2017: { use: '200000' },
      2018: { use: '200000' },
      2019: { use: '200000' },
      2020: { use: '200000' },
      2021: { use: '200000' },
    },
  },
  {
    code: 'transformation',
    name: 'Transformation reserve',
    kind: 'earmarked',
    purpose: 'One-off costs of change programmes that deliver savings.',
    opening: '7500000',
    flows: { 2017: { use: '2500000' }, 2018: { use: '2500000' }, 2019: { use: '1500000' }, 2020: { use: '1000000' } },
  },
]

/** The first year of the demo reserves and the years they run to. */
export const RESERVE_YEARS = [2017, 2018, 2019, 2020, 2021]
