// Demo grants and contracts for the published record (issue #14). Sourced: the victims' funding rising from £2m to
// almost £4m in 2022/23 (+93%, the 2023 Panel minutes), the OPCC start-up grant of £1,000 for each cadet unit (the
// 2017-03-28 agenda pack), decision OPCC.D.013.17's £1,915,000 for the Mobile First integrated software, and the OPCC
// website being part of the Kent Police website contract. Recipients' names, the split of the totals, dates,
// conditions and the other contracts are illustrative.
import type { Knex } from 'knex'

const GRANTS = [
  {
    fy: 2016,
    kind: 'commissioning',
    recipient: 'Volunteer Police Cadets: six new units (Kent Police)',
    purpose: 'OPCC start-up grant of £1,000 a unit',
    amount: 600000,
    conditions: 'Paid as each unit opens; unspent money returned',
    awarded_on: '2016-09-01',
  },
  {
    fy: 2016,
    kind: 'crime_disorder',
    recipient: 'Maidstone Community Safety Partnership (demo)',
    purpose: 'Community safety partnership grant',
    amount: 4000000,
    conditions: 'Spent on the partnership plan’s priorities; a report to the OPCC each half year',
    awarded_on: '2016-04-01',
  },
  {
    fy: 2016,
    kind: 'crime_disorder',
    recipient: 'Medway Community Safety Partnership (demo)',
    purpose: 'Community safety partnership grant',
    amount: 5000000,
    conditions: 'Spent on the partnership plan’s priorities; a report to the OPCC each half year',
    awarded_on: '2016-04-01',
  },
  {
    fy: 2016,
    kind: 'victims',
    recipient: 'Victim Support (demo)',
    purpose: "Victims' referral and assessment service",
    amount: 150000000,
    conditions: 'Outcome measures reported each quarter',
    awarded_on: '2016-04-01',
  },
  {
    fy: 2021,
    kind: 'victims',
    recipient: 'Victim Support (demo)',
    purpose: "Victims' referral and assessment service",
    amount: 120000000,
    conditions: 'Outcome measures reported each quarter',
    awarded_on: '2021-04-01',
  },
  {
    fy: 2021,
    kind: 'victims',
    recipient: 'Domestic abuse services (demo)',
    purpose: 'Independent domestic violence advisers',
    amount: 80000000,
    conditions: 'Ministry of Justice grant conditions passed on',
    awarded_on: '2021-04-01',
  },
  {
    fy: 2022,
    kind: 'victims',
    recipient: 'Victim Support (demo)',
    purpose: "Victims' referral and assessment service",
    amount: 210000000,
    conditions: 'Outcome measures reported each quarter',
    awarded_on: '2022-04-01',
  },
  {
    fy: 2022,
    kind: 'victims',
    recipient: 'Domestic abuse services (demo)',
    purpose: 'Independent domestic violence and sexual violence advisers',
    amount: 176000000,
    conditions: 'Ministry of Justice grant conditions passed on',
    awarded_on: '2022-04-01',
  },
]

const CONTRACTS = [
  {
    reference: 'KP-2017-013',
    title: 'Mobile First: integrated software (decision OPCC.D.013.17)',
    supplier: 'Integrated software supplier (demo)',
    body: 'Force',
    department: 'ICT',
    value: 191500000,
    start_on: '2017-04-01',
    end_on: '2021-03-31',
    route: 'National framework call-off',
  },
  {
    reference: 'KP-2016-WEB',
    title: 'Kent Police website, including the OPCC website',
    supplier: 'Web services supplier (demo)',
    body: 'Force',
    department: 'Corporate communications',
    value: 6000000,
    start_on: '2016-10-01',
    end_on: '2019-09-30',
    route: 'Open tender',
  },
  {
    reference: 'OPCC-2017-004',
    title: 'Public consultation on the precept',
    supplier: 'Survey company (demo)',
    body: 'OPCC',
    department: 'OPCC',
    value: 1850000,
    start_on: '2017-10-01',
    end_on: '2018-01-31',
    route: 'Three quotes',
  },
  {
    reference: 'OPCC-2017-007',
    title: 'Panel meeting webcasting',
    supplier: 'Webcasting supplier (demo)',
    body: 'OPCC',
    department: 'OPCC',
    value: 800000,
    start_on: '2017-06-01',
    end_on: '2018-05-31',
    route: 'Single quote',
  },
]

export async function seedRegisters(trx: Knex.Transaction): Promise<void> {
  await trx('grants').insert(
    GRANTS.map((g) => ({
      fy_start: g.fy,
      kind: g.kind,
      recipient: g.recipient,
      purpose: g.purpose,
      amount_pence: g.amount,
      conditions: g.conditions,
      awarded_on: g.awarded_on,
      illustrative: true,
    })),
  )
  await trx('contracts').insert(
    CONTRACTS.map((c) => ({
      reference: c.reference,
      title: c.title,
      supplier: c.supplier,
      body: c.body,
      department: c.department,
      value_pence: c.value,
      start_on: c.start_on,
      end_on: c.end_on,
      procurement_route: c.route,
      illustrative: true,
    })),
  )
}
