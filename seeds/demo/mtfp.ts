// The demo office's medium-term financial plan (issue #10): 2017/18 to 2021/22, from the net revenue budget of
// 2016/17. Sourced (each with its source in the data): the 2017/18 establishment (3,260 officers, +80; PCSOs 280 →
// 304) and the £5.1m use of reserves (2017-03-28 Panel agenda pack); the police pension rate of 31% from 2019/20;
// the published 2019/20 funding (grants £206.0m, precept £121.9m, collection fund surplus £1.2m, savings £9.7m) and
// 2021/22 funding (grants £236.5m, precept £139.7m, collection fund deficit £1.5m, savings £6.5m). Everything else is
// an illustrative assumption and marked so.
//
// Plain readings, stated in the notes: the published budget is spending *before* local income (2019/20: £353.2m,
// funded in part by £20.6m of local income), so the net revenue budget is that less local income; the 2021/22
// £409.3m is spending before local income and before the £6.5m of savings (its funding sums to £402.8m); each
// published grant total is split between grants illustratively; the published figures are rounded to £0.1m, so
// 2019/20's funding and reserves sum to £0.1m more than its net budget.

export const PLAN_FIRST_FY = 2017
export const PLAN_YEARS = [2017, 2018, 2019, 2020, 2021]
/** The plan's base year: its net revenue budget and local income start the plan. */
export const PLAN_BASE_FY = 2016

/** Net spending the plan reaches each year (whole pounds): the tracker's net revenue budget for 2017/18–2020/21,
 * and for 2021/22 the published funding (£236.5m + £139.7m − £1.5m). The seed sizes "other pressures" to meet it. */
export const PLAN_NET_SPENDING: Record<number, string> = {
  2017: '301800000',
  2018: '314400000',
  2019: '332600000',
  2020: '356000000',
  2021: '374700000',
}

export interface DemoAmount {
  amount: string
  status?: 'provisional' | 'final'
  /** A source makes the amount published; without one it is an illustrative assumption. */
  source?: string
  /** Published, but its split from the published total is illustrative. */
  splitOfPublished?: boolean
}

export interface DemoPlanLine {
  kind: 'grant' | 'precept' | 'collection_fund' | 'local_income' | 'non_pay_inflation' | 'capital_financing' | 'growth'
  name: string
  oneOff?: boolean
  note?: string
  amounts: Record<number, DemoAmount>
}

const GRANTS_2019 =
  'Kent Police budget 2019/20: central government grants £206.0m in all (the split between grants is illustrative)'
const GRANTS_2021 = 'Kent Police budget 2021/22: grants £236.5m in all (the split between grants is illustrative)'
const g19 = (amount: string): DemoAmount => ({ amount, status: 'final', source: GRANTS_2019, splitOfPublished: true })
const g21 = (amount: string): DemoAmount => ({ amount, status: 'final', source: GRANTS_2021, splitOfPublished: true })
const est = (amount: string, status: 'provisional' | 'final' = 'provisional'): DemoAmount => ({ amount, status })

export const PLAN_LINES: DemoPlanLine[] = [
  {
    kind: 'grant',
    name: 'Police grant (Home Office)',
    amounts: {
      2017: est('120400000', 'final'),
      2018: est('121000000'),
      2019: g19('120000000'),
      2020: est('126500000'),
      2021: g21('131900000'),
    },
  },
  {
    kind: 'grant',
    name: 'Former DCLG formula funding',
    amounts: {
      2017: est('67100000', 'final'),
      2018: est('68300000'),
      2019: g19('64100000'),
      2020: est('67000000'),
      2021: g21('70000000'),
    },
  },
  {
    kind: 'grant',
    name: 'Legacy council tax grants',
    amounts: {
      2017: est('12500000', 'final'),
      2018: est('12500000'),
      2019: g19('12500000'),
      2020: est('12500000'),
      2021: g21('12500000'),
    },
  },
  {
    kind: 'grant',
    name: 'Police pension grant',
    note: 'Towards the employer’s police pension rate of 31% from 2019/20.',
    amounts: { 2019: g19('4600000'), 2020: est('4600000'), 2021: g21('4600000') },
  },
  {
    kind: 'grant',
    name: 'Officer uplift grant',
    note: 'Conditional on the officer headcount target.',
    amounts: { 2020: est('9000000'), 2021: g21('11000000') },
  },
  {
    kind: 'grant',
    name: 'Specific grants',
    amounts: { 2019: g19('4800000'), 2020: est('5500000'), 2021: g21('6500000') },
  },
  {
    kind: 'precept',
    name: 'Precept income',
    note: 'Illustrative years: Kent’s published Band D × an illustrative tax base.',
    amounts: {
      2017: { amount: '95900000' },
      2018: { amount: '104900000' },
      2019: { amount: '121900000', source: 'Kent Police budget 2019/20: precept £121.9m' },
      2020: { amount: '130000000' },
      2021: { amount: '139700000', source: 'Kent Police budget 2021/22: precept £139.7m' },
    },
  },
  {
    kind: 'collection_fund',
    name: 'Collection fund surplus (deficit)',
    amounts: {
      2017: { amount: '800000' },
      2018: { amount: '500000' },
      2019: { amount: '1200000', source: 'Kent Police budget 2019/20: collection fund surplus £1.2m' },
      2020: { amount: '-900000' },
      2021: { amount: '-1500000', source: 'Kent Police budget 2021/22: collection fund deficit £1.5m' },
    },
  },
  {
    kind: 'local_income',
    name: 'Local income (fees, charges, secondments)',
    note: 'Netted off spending: more income lowers the net revenue budget.',
    amounts: {
      2017: { amount: '17200000' },
      2018: { amount: '18900000' },
      2019: { amount: '20600000', source: 'Kent Police budget 2019/20: local income £20.6m' },
      2020: { amount: '24000000' },
      2021: { amount: '28100000', source: 'Kent Police budget 2021/22: local income £28.1m' },
    },
  },
  {
    kind: 'non_pay_inflation',
    name: 'Non-pay inflation',
    note: 'About 2% a year on non-pay spending.',
    amounts: {
      2017: { amount: '1100000' },
      2018: { amount: '1200000' },
      2019: { amount: '1300000' },
      2020: { amount: '1400000' },
      2021: { amount: '1500000' },
    },
  },
  {
    kind: 'growth',
    name: 'Establishment of 3,260 officers: non-pay costs of the 80 more',
    note: 'The 80 more officers are in the 2017-03-28 Panel agenda pack; their non-pay cost is illustrative.',
    amounts: { 2017: { amount: '400000' } },
  },
  {
    kind: 'growth',
    name: 'Change programme transition costs',
    oneOff: true,
    amounts: { 2019: { amount: '1000000' } },
  },
]

/** The growth line the seed sizes so net spending meets PLAN_NET_SPENDING each year. */
export const BALANCING_LINE = {
  name: 'Other pressures and growth',
  note: 'Illustrative: the balance between the other assumptions and the budget each year (the tracker’s net revenue budget; for 2021/22 the published funding).',
}

export interface DemoWorkforceGroup {
  code: string
  name: string
  /** Average salary at 1 April of the base year (2016/17), whole pounds. */
  baseSalary: string
  years: Record<number, { fte: string; award: string; ni: string; pension: string; vacancy: string; source?: string }>
}

const ESTABLISHMENT = '2017-03-28 Panel agenda pack: 3,260 officers (+80); PCSOs 280 → 304'
const PENSION = 'Police officers’ employer pension rate 31% from 2019/20 (DOMAIN.md, Workforce)'

/** Awards from 1 September, NI and pension rates in percent. */
export const WORKFORCE: DemoWorkforceGroup[] = [
  {
    code: 'officers',
    name: 'Police officers',
    baseSalary: '40000',
    years: {
      2016: { fte: '3180', award: '1', ni: '10.5', pension: '24.2', vacancy: '1', source: ESTABLISHMENT },
      2017: { fte: '3260', award: '2', ni: '10.5', pension: '24.2', vacancy: '1', source: ESTABLISHMENT },
      2018: { fte: '3400', award: '2', ni: '10.5', pension: '24.2', vacancy: '1' },
      2019: { fte: '3500', award: '2.5', ni: '10.5', pension: '31', vacancy: '1', source: PENSION },
      2020: { fte: '3800', award: '2.5', ni: '10.5', pension: '31', vacancy: '1', source: PENSION },
      2021: { fte: '4000', award: '0', ni: '10.5', pension: '31', vacancy: '1', source: PENSION },
    },
  },
  {
    code: 'pcsos',
    name: 'Police community support officers',
    baseSalary: '26000',
    years: {
      2016: { fte: '280', award: '1', ni: '8', pension: '17', vacancy: '3', source: ESTABLISHMENT },
      2017: { fte: '304', award: '2', ni: '8', pension: '17', vacancy: '3', source: ESTABLISHMENT },
      2018: { fte: '304', award: '2', ni: '8', pension: '17', vacancy: '3' },
      2019: { fte: '300', award: '2.5', ni: '8', pension: '17', vacancy: '3' },
      2020: { fte: '300', award: '2.75', ni: '8', pension: '17', vacancy: '3' },
      2021: { fte: '300', award: '0', ni: '8', pension: '17', vacancy: '3' },
    },
  },
  {
    code: 'staff',
    name: 'Police staff',
    baseSalary: '27000',
    years: {
      2016: { fte: '2100', award: '1', ni: '8.5', pension: '17.5', vacancy: '4' },
      2017: { fte: '2100', award: '2', ni: '8.5', pension: '17.5', vacancy: '4' },
      2018: { fte: '2120', award: '2', ni: '8.5', pension: '17.5', vacancy: '4' },
      2019: { fte: '2150', award: '2.5', ni: '8.5', pension: '17.5', vacancy: '4' },
      2020: { fte: '2200', award: '2.75', ni: '8.5', pension: '17.5', vacancy: '4' },
      2021: { fte: '2250', award: '0', ni: '8.5', pension: '17.5', vacancy: '4' },
    },
  },
]

export interface DemoSaving {
  code: string
  name: string
  owner: string
  fy: number
  amount: string
  recurring: boolean
  confidence: 'green' | 'amber' | 'red'
  delivered?: { line: string; fy: number }
  source?: string
}

const S19 = 'Kent Police budget 2019/20: savings £9.7m (the schemes are illustrative)'
const S21 = 'Kent Police budget 2021/22: savings £6.5m (the schemes are illustrative)'

/** The savings register: 2019/20's and 2021/22's totals are published; the schemes and other years illustrative. */
export const SAVINGS: DemoSaving[] = [
  {
    code: 'estates-17',
    name: 'Estates rationalisation',
    owner: 'Director of Finance',
    fy: 2017,
    amount: '3500000',
    recurring: true,
    confidence: 'green',
    delivered: { line: 'Premises', fy: 2017 },
  },
  {
    code: 'procurement-17',
    name: 'Procurement and contracts',
    owner: 'Head of Procurement',
    fy: 2017,
    amount: '2500000',
    recurring: true,
    confidence: 'green',
    delivered: { line: 'Supplies and services', fy: 2017 },
  },
  {
    code: 'staff-restructure-17',
    name: 'Police staff restructure',
    owner: 'Deputy Chief Constable',
    fy: 2017,
    amount: '5000000',
    recurring: true,
    confidence: 'green',
    delivered: { line: 'Police staff pay', fy: 2017 },
  },
  {
    code: 'fleet-18',
    name: 'Fleet review',
    owner: 'Head of Transport',
    fy: 2018,
    amount: '2000000',
    recurring: true,
    confidence: 'green',
    delivered: { line: 'Transport', fy: 2018 },
  },
  {
    code: 'vacancy-18',
    name: 'Vacancy management (one-off)',
    owner: 'Director of Finance',
    fy: 2018,
    amount: '1000000',
    recurring: false,
    confidence: 'green',
    delivered: { line: 'Police staff pay', fy: 2018 },
  },
  {
    code: 'digital-18',
    name: 'Digital services',
    owner: 'Head of IT',
    fy: 2018,
    amount: '5000000',
    recurring: true,
    confidence: 'amber',
  },
  {
    code: 'mobile-first-19',
    name: 'Mobile First: less time at stations',
    owner: 'Deputy Chief Constable',
    fy: 2019,
    amount: '3000000',
    recurring: true,
    confidence: 'amber',
    source: S19,
  },
  {
    code: 'collaboration-19',
    name: 'Collaboration with Essex',
    owner: 'Director of Finance',
    fy: 2019,
    amount: '4200000',
    recurring: true,
    confidence: 'amber',
    source: S19,
  },
  {
    code: 'overtime-19',
    name: 'Overtime controls',
    owner: 'Assistant Chief Constable',
    fy: 2019,
    amount: '2500000',
    recurring: true,
    confidence: 'green',
    source: S19,
  },
  {
    code: 'estates-20',
    name: 'Estates: second phase',
    owner: 'Director of Finance',
    fy: 2020,
    amount: '4000000',
    recurring: true,
    confidence: 'amber',
  },
  {
    code: 'support-20',
    name: 'Support services review',
    owner: 'Chief Officer',
    fy: 2020,
    amount: '3000000',
    recurring: true,
    confidence: 'red',
  },
  {
    code: 'contact-21',
    name: 'Contact centre redesign',
    owner: 'Assistant Chief Constable',
    fy: 2021,
    amount: '3500000',
    recurring: true,
    confidence: 'amber',
    source: S21,
  },
  {
    code: 'contracts-21',
    name: 'Contract renewals',
    owner: 'Head of Procurement',
    fy: 2021,
    amount: '3000000',
    recurring: true,
    confidence: 'red',
    source: S21,
  },
]
