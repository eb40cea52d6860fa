// The demo office's capital programme and its financing (issue #11). Sourced: the tagged programmes' capital lines
// (Body Worn Video £1.8m "from approved capital resources", the IT platform's £4.2m invest-to-save, Mobile First's
// devices, ESN) and the sale of IP addresses as a capital receipt (decision OPCC.D.033.23; its amount is not given, so
// none is seeded). Illustrative, and marked so: the schemes not tagged to a programme (estates, fleet, IT refresh), how
// every line-year is financed, the asset classes' lives, the loan, investment income and the opening CFR. The
// "reserves" financing draws on the capital and estates reserve, and is that reserve's use: £25m over four years.

export const ASSET_CLASSES = [
  { code: 'it-devices', name: 'IT devices', life: 4, method: 'straight_line' as const },
  { code: 'it-systems', name: 'IT systems and networks', life: 7, method: 'straight_line' as const },
  { code: 'equipment', name: 'Operational equipment', life: 5, method: 'straight_line' as const },
  { code: 'vehicles', name: 'Vehicles', life: 5, method: 'straight_line' as const },
  { code: 'estates', name: 'Land and buildings', life: 40, method: 'annuity' as const, rate: '3.5' },
]

type Source = 'capital_receipts' | 'capital_grants' | 'revenue_contributions' | 'reserves' | 'borrowing'
export type Financing = Partial<Record<Source, string>>

/** Each tagged programme line's asset class and financing by year (matched by the line's name). */
export const TAGGED_FINANCING: { line: string; assetClass: string; years: Record<number, Financing> }[] = [
  {
    line: 'Body worn cameras: wide-scale roll-out',
    assetClass: 'equipment',
    years: { 2015: { capital_grants: '800000', revenue_contributions: '1000000' } },
  },
  { line: "IT platform: Kent's investment", assetClass: 'it-systems', years: { 2015: { borrowing: '4200000' } } },
  {
    line: 'Devices and infrastructure (balance of the £5.9m)',
    assetClass: 'it-devices',
    years: {
      2017: { capital_grants: '996250' },
      2018: { capital_receipts: '996250' },
      2019: { capital_receipts: '203750', capital_grants: '792500' },
      2020: { capital_grants: '996250' },
    },
  },
  {
    line: "ESN: Kent's share of the national programme",
    assetClass: 'it-systems',
    years: {
      2017: { borrowing: '2375000' },
      2018: { borrowing: '2375000' },
      2019: { borrowing: '2375000' },
      2020: { borrowing: '2375000' },
    },
  },
]

/** Schemes of the capital programme not tagged to a programme (illustrative), with their budget and financing, for the
 * tracker's budget years (to 2020/21: a budget for a later year would add that year to the dashboard). */
export const UNTAGGED_SCHEMES: {
  name: string
  spendType: string
  assetClass: string
  years: Record<number, { budget: string } & Financing>
}[] = [
  {
    name: 'Estates programme',
    spendType: 'capital_estates',
    assetClass: 'estates',
    years: {
      2017: { budget: '6000000', reserves: '6000000' },
      2018: { budget: '7500000', reserves: '7000000', borrowing: '500000' },
      2019: { budget: '6500000', reserves: '6000000', borrowing: '500000' },
      2020: { budget: '5000000', reserves: '5000000' },
    },
  },
  {
    name: 'Fleet replacement',
    spendType: 'capital_equipment',
    assetClass: 'vehicles',
    years: {
      2017: { budget: '3500000', capital_grants: '1000000', revenue_contributions: '2500000' },
      2018: { budget: '3500000', capital_grants: '1000000', revenue_contributions: '2500000' },
      2019: { budget: '3500000', capital_grants: '1000000', revenue_contributions: '2500000' },
      2020: { budget: '3500000', capital_grants: '1000000', revenue_contributions: '2500000' },
    },
  },
  {
    name: 'IT refresh',
    spendType: 'capital_it',
    assetClass: 'it-devices',
    years: {
      2017: { budget: '2000000', revenue_contributions: '2000000' },
      2018: { budget: '2500000', revenue_contributions: '2500000' },
      2019: { budget: '2000000', revenue_contributions: '1500000', borrowing: '500000' },
      2020: { budget: '2000000', revenue_contributions: '1000000', reserves: '1000000' },
    },
  },
]

/** Capital receipts: the sale of a police station (illustrative) and the sale of IP addresses (sourced; no amount). */
export const RECEIPTS: {
  description: string
  fy: number
  amount: string | null
  decision?: string
  source?: string
}[] = [
  { description: 'Sale of a police station', fy: 2018, amount: '1200000' },
  {
    description: 'Sale of IP addresses',
    fy: 2023,
    amount: null,
    decision: 'OPCC.D.033.23',
    source: 'Decision OPCC.D.033.23: money generated from the sale for capital funding; the amount is not given',
  },
]

export const LOANS = [
  {
    name: 'PWLB maturity loan',
    lender: 'Public Works Loan Board',
    principal: '10000000',
    rate: '2.5',
    taken: 2019,
    repaid: 2044,
  },
]

/** Investment income by year (whole pounds, illustrative). */
export const INVESTMENT_INCOME: Record<number, string> = {
  2015: '300000',
  2016: '300000',
  2017: '400000',
  2018: '500000',
  2019: '600000',
  2020: '200000',
}

/** The CFR at the start of 2015/16 from earlier capital spend, charged straight line over 25 years (illustrative). */
export const OPENING_CFR = { fy: 2015, amount: '60000000', life: 25 }
