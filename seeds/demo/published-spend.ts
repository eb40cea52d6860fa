// Demo items for the published list of spending over £500 (issue #14), all illustrative, all posted in June 2017
// (2017/18 P3): each shows one rule of the Specified Information Order as the tracker applies it.
import type { Knex } from 'knex'

interface DemoItem {
  ref: string
  line: string
  postedOn: string
  period: number
  supplier: string
  description: string
  /** Pounds, net of VAT. */
  amount: string
  vat?: string
  irrecoverableVat?: string
  invoice?: string
  kind?: 'payroll' | 'tax' | 'pension' | 'journal'
  withheld?: 'national_security' | 'safety' | 'crime'
  individual?: boolean
  body?: 'OPCC' | 'Force'
  department?: string
  merchantCategory?: string
  route?: string
}

const FORCE_SUPPLIES = 'Supplies and services'
const OPCC_RUNNING = 'OPCC office running costs'
const VICTIMS = "Victims' services grants"

const ITEMS: DemoItem[] = [
  // One invoice of two lines: the £300 line is published because the invoice is over £500.
  {
    ref: 'PUB-1706-01',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-05',
    period: 3,
    supplier: 'Example Radio Services Ltd',
    description: 'Airwave handset batteries',
    amount: '12000.00',
    vat: '2400.00',
    invoice: 'INV-5501',
    department: 'ICT',
    merchantCategory: 'Telecommunications',
    route: 'National framework (Crown Commercial Service)',
  },
  {
    ref: 'PUB-1706-02',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-05',
    period: 3,
    supplier: 'Example Radio Services Ltd',
    description: 'Delivery',
    amount: '300.00',
    vat: '60.00',
    invoice: 'INV-5501',
    department: 'ICT',
    merchantCategory: 'Telecommunications',
    route: 'National framework (Crown Commercial Service)',
  },
  // £500.00 is not over £500; £500.01 is.
  {
    ref: 'PUB-1706-03',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-08',
    period: 3,
    supplier: 'Demo Stationery Ltd',
    description: 'Stationery',
    amount: '500.00',
    vat: '100.00',
    department: 'Corporate services',
    merchantCategory: 'Office supplies',
    route: 'Three quotes',
  },
  {
    ref: 'PUB-1706-04',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-09',
    period: 3,
    supplier: 'Example Training Ltd',
    description: 'First aid training',
    amount: '500.01',
    department: 'Learning and development',
    merchantCategory: 'Training',
    route: 'Three quotes',
  },
  // Net of recoverable VAT: £450 with £60 VAT the OPCC cannot recover is £510, published; £480 with £96 of
  // recoverable VAT is £480, not published.
  {
    ref: 'PUB-1706-05',
    line: OPCC_RUNNING,
    postedOn: '2017-06-12',
    period: 3,
    supplier: 'Demo Venue Hire Ltd',
    description: 'Public meeting room hire',
    amount: '450.00',
    vat: '90.00',
    irrecoverableVat: '60.00',
    body: 'OPCC',
    department: 'OPCC',
    merchantCategory: 'Venue hire',
    route: 'Single quote under £1,000',
  },
  {
    ref: 'PUB-1706-06',
    line: OPCC_RUNNING,
    postedOn: '2017-06-12',
    period: 3,
    supplier: 'Demo Print Ltd',
    description: 'Leaflets',
    amount: '480.00',
    vat: '96.00',
    body: 'OPCC',
    department: 'OPCC',
    merchantCategory: 'Printing',
    route: 'Single quote under £1,000',
  },
  // A payment to an individual: published, the name redacted.
  {
    ref: 'PUB-1706-07',
    line: OPCC_RUNNING,
    postedOn: '2017-06-14',
    period: 3,
    supplier: 'A. N. Interpreter',
    description: 'Interpreting fees',
    amount: '750.00',
    individual: true,
    body: 'OPCC',
    department: 'OPCC',
    merchantCategory: 'Professional services',
    route: 'Approved list',
  },
  // Withheld for the prevention or detection of crime: counted in the month's total, nothing else shown.
  {
    ref: 'PUB-1706-08',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-16',
    period: 3,
    supplier: 'Covert supplier (demo)',
    description: 'Covert operations support',
    amount: '2400.00',
    withheld: 'crime',
    department: 'Serious crime directorate',
    merchantCategory: 'Professional services',
    route: 'Restricted procurement',
  },
  // A commissioning grant from the OPCC.
  {
    ref: 'PUB-1706-09',
    line: VICTIMS,
    postedOn: '2017-06-20',
    period: 3,
    supplier: 'Victim Support (demo)',
    description: "Victims' services grant, first quarter",
    amount: '250000.00',
    body: 'OPCC',
    department: 'Commissioning',
    merchantCategory: 'Grants',
    route: 'Grant agreement',
  },
  // Not supplier spend: payroll, tax and an internal journal are never published.
  {
    ref: 'PUB-1706-10',
    line: 'Police staff pay',
    postedOn: '2017-06-23',
    period: 3,
    supplier: 'Payroll run (illustrative)',
    description: 'Staff payroll adjustment',
    amount: '5000.00',
    kind: 'payroll',
    department: 'HR',
  },
  {
    ref: 'PUB-1706-11',
    line: 'Police staff pay',
    postedOn: '2017-06-23',
    period: 3,
    supplier: 'HM Revenue and Customs',
    description: 'PAYE and National Insurance',
    amount: '8000.00',
    kind: 'tax',
    department: 'Finance',
  },
  {
    ref: 'PUB-1706-12',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-26',
    period: 3,
    supplier: 'Internal recharge',
    description: 'Recharge to estates',
    amount: '20000.00',
    kind: 'journal',
    department: 'Finance',
  },
  // Dated in June but posted in July's period: it belongs to July's list.
  {
    ref: 'PUB-1707-01',
    line: FORCE_SUPPLIES,
    postedOn: '2017-06-30',
    period: 4,
    supplier: 'Example Fleet Tyres Ltd',
    description: 'Tyres',
    amount: '1800.00',
    vat: '360.00',
    department: 'Fleet',
    merchantCategory: 'Vehicle parts',
    route: 'Regional framework',
  },
]

const pence = (pounds: string | undefined) => (pounds === undefined ? null : BigInt(pounds.replace('.', '')).toString())

export async function seedPublishedSpend(trx: Knex.Transaction): Promise<void> {
  const lines = new Map(
    (await trx('budget_lines').select<{ id: number; name: string }[]>('id', 'name')).map((l) => [l.name, Number(l.id)]),
  )
  const rows = ITEMS.map((i) => {
    const lineId = lines.get(i.line)
    if (lineId === undefined) throw new Error(`demo published spend: no budget line "${i.line}"`)
    return {
      ledger_ref: i.ref,
      posted_on: i.postedOn,
      fy_start: 2017,
      period: i.period,
      budget_line_id: lineId,
      supplier: i.supplier,
      description: i.description,
      amount_pence: pence(i.amount),
      vat_pence: pence(i.vat),
      irrecoverable_vat_pence: pence(i.irrecoverableVat),
      invoice_ref: i.invoice ?? null,
      kind: i.kind ?? null,
      withheld_reason: i.withheld ?? null,
      individual: i.individual ?? false,
      body: i.body ?? 'Force',
      department: i.department ?? null,
      merchant_category: i.merchantCategory ?? null,
      procurement_route: i.route ?? null,
      illustrative: true,
    }
  })
  await trx('spend_transactions').insert(rows)
}
