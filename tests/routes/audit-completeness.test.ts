// Every form, saved with a real change on a fresh database: the save's full database diff (every changed cell of
// every table a form may write) is exactly what its audit rows say, cell for cell. And each edit form, saved and then
// saved again as it now stands, writes nothing the second time: no audit row, and the version kept, so a colleague's
// next save is not refused for nothing.
import type { Knex } from 'knex'
import { useTestApp } from '../support/test-app'
import { postForms } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { readWritable, unaudited } from '../support/test-db'
import { structural } from '../support/audit-check'

const env = useTestApp({ fresh: 'test' })
let finance: Agent
let admin: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
  admin = await signedIn(env.app, 'admin')
})

interface Save {
  name: string
  page: string | ((db: Knex) => Promise<string>)
  action: string | ((db: Knex) => Promise<string>)
  changes: Record<string, string | string[]>
  /** An edit form: saving it again unchanged must write nothing. */
  edit?: boolean
  role?: 'admin'
  /** The form's action is exactly `action` (other forms on the page start with it). */
  exact?: boolean
  /** What the database must hold first (written directly: it is not the save under test). */
  prepare?: (db: Knex) => Promise<unknown>
}

const firstId = async (db: Knex, table: string, where: Record<string, unknown> = {}) =>
  Number((await db(table).where(where).whereNull('retired_at').orderBy('id').first<{ id: number }>('id')).id)
const lineWithBudget = async (db: Knex) =>
  Number(
    (
      await db('budget_amounts')
        .where({ fy_start: 2020 })
        .orderBy('id')
        .first<{ budget_line_id: number }>('budget_line_id')
    ).budget_line_id,
  )

const SAVES: Save[] = [
  {
    name: 'new programme',
    page: '/programmes/new',
    action: '/programmes/new',
    changes: {
      code: 'AUDIT-1',
      name: 'Audit programme',
      description: 'Made by a test',
      status: 'approved',
      invest_to_save: 'yes',
    },
  },
  {
    name: 'programme',
    page: '/programmes/ESN/edit',
    action: '/programmes/ESN/edit',
    changes: { description: 'Changed by a test', status: 'in_progress' },
    edit: true,
  },
  {
    name: 'retire programme',
    page: '/programmes/CSE-TEAM/edit',
    action: '/programmes/CSE-TEAM/retire',
    changes: { reason: 'Merged into another scheme' },
  },
  {
    name: 'new cost line',
    page: '/programmes/ESN/lines/new',
    action: '/programmes/ESN/lines/new',
    changes: {
      name: 'Audit line',
      nature: 'revenue',
      recurrence: 'recurring',
      budget_owner: 'force',
      spend_type: 'supplies',
      amount_2020: '12k',
      note: 'A note',
      reason: 'New line',
    },
  },
  {
    name: 'cost line',
    page: async (db) => `/lines/${await lineWithBudget(db)}/edit`,
    action: async (db) => `/lines/${await lineWithBudget(db)}/edit`,
    changes: { amount_2020: '123,456.78', note: 'Changed by a test', reason: 'A test' },
    edit: true,
  },
  {
    name: 'profile',
    page: async (db) => `/lines/${await lineWithBudget(db)}/year?fy=2020-21`,
    action: async (db) => `/lines/${await lineWithBudget(db)}/profile`,
    changes: { method: 'even' },
    edit: true,
  },
  {
    name: 'forecast',
    page: async (db) => `/lines/${await lineWithBudget(db)}/year?fy=2020-21`,
    action: async (db) => `/lines/${await lineWithBudget(db)}/forecast`,
    changes: { made_in_period: '4', amount: '100k', note: 'Slippage' },
  },
  {
    name: 'manual journal',
    page: async (db) => `/lines/${await lineWithBudget(db)}/year?fy=2020-21`,
    action: async (db) => `/lines/${await lineWithBudget(db)}/journal`,
    changes: {
      journal_date: '30/11/2020',
      journal_period: '8',
      journal_amount: '-2,500',
      journal_description: 'Accrual reversed',
      journal_reason: 'Invoice credited',
    },
  },
  {
    name: 'new benefit',
    page: '/programmes/ESN/benefits/new',
    action: '/programmes/ESN/benefits/new',
    changes: { kind: 'cashable', basis: 'assumption', description: 'Audit benefit', fy: '2019-20', amount: '10k' },
  },
  {
    name: 'benefit',
    page: async (db) => `/benefits/${await firstId(db, 'benefits')}/edit`,
    action: async (db) => `/benefits/${await firstId(db, 'benefits')}/edit`,
    changes: { description: 'Changed by a test', amount: '11k', basis: 'derived' },
    edit: true,
  },
  {
    name: 'new decision',
    page: '/decisions/new',
    action: '/decisions/new',
    changes: {
      reference: 'OPCC.D.900.26',
      title: 'Audit decision',
      classification: 'open',
      cfo_date: '1/4/2026',
      cfo_comments: 'Agreed',
      link_0: 'ESN',
      link_1: 'BWV',
      commit_2020: '5k',
    },
  },
  {
    name: 'decision',
    page: '/decisions/OPCC.D.013.17/edit',
    action: '/decisions/OPCC.D.013.17/edit',
    changes: {
      title: 'Changed by a test',
      pcc_comments: 'Edited',
      cos_date: '2/5/2017',
      link_2: 'BWV',
      commit_2019: '1k',
    },
    edit: true,
  },
  {
    name: 'new funding source',
    page: '/funding-sources',
    action: '/funding-sources',
    changes: { code: 'audit-fund', name: 'Audit fund', kind: 'borrowing', note: 'A loan' },
  },
  {
    name: 'funding source',
    page: async (db) =>
      `/funding-sources/${(await db('funding_sources').orderBy('id').first<{ code: string }>('code')).code}/edit`,
    action: async (db) =>
      `/funding-sources/${(await db('funding_sources').orderBy('id').first<{ code: string }>('code')).code}/edit`,
    changes: { name: 'Renamed by a test', kind: 'borrowing' },
    edit: true,
  },
  { name: 'new year', page: '/years', action: '/years', changes: { fy: '2031-32' }, exact: true },
  {
    name: 'freeze the original budget',
    page: '/years',
    action: '/years/2020-21/freeze',
    changes: { decision: 'OPCC.D.013.17' },
  },
  {
    name: 'publish year',
    page: '/years',
    action: '/years/2031-32/publish',
    changes: {},
    prepare: (db) => db('financial_years').insert({ fy_start: 2031, status: 'draft' }),
  },
  {
    name: 'appraisal settings',
    page: '/programmes/ITP-ESSEX/appraisal/settings',
    action: '/programmes/ITP-ESSEX/appraisal/settings',
    changes: {
      claimed_payback_years: '4',
      claimed_payback_source: 'A test',
      inflation: '2.5',
      inflation_source: 'A test',
    },
    edit: true,
  },
  {
    name: 'new assumption',
    page: '/programmes/MOBILE-FIRST/assumptions/new',
    action: '/programmes/MOBILE-FIRST/assumptions/new',
    changes: {
      description: 'Audit assumption',
      hours_per_shift: '0.5',
      hours_per_shift_source: 'Assumption: a test',
      shifts_per_officer_per_year: '200',
      shifts_source: 'Assumption: a test',
      officers: '10',
      officers_source: 'Assumption: a test',
      cost_per_hour: '25',
      cost_per_hour_source: 'Assumption: a test',
      productive_hours_per_fte: '1650',
      productive_hours_source: 'Assumption: a test',
      from_fy: '2018-19',
      to_fy: '2020-21',
    },
  },
  {
    name: 'assumption',
    page: async (db) => `/assumptions/${await firstId(db, 'time_saved_assumptions')}/edit`,
    action: async (db) => `/assumptions/${await firstId(db, 'time_saved_assumptions')}/edit`,
    changes: { officers: '60', cost_per_hour: '26.50' },
    edit: true,
  },
  {
    name: 'new realisation',
    page: '/programmes/ITP-ESSEX/realisations/new',
    action: '/programmes/ITP-ESSEX/realisations/new',
    changes: { fy: '2018-19', cashable: '50k', hours: '120' },
  },
  {
    name: 'realisation',
    page: async (db) => `/realisations/${await firstId(db, 'benefit_realisations')}/edit`,
    action: async (db) => `/realisations/${await firstId(db, 'benefit_realisations')}/edit`,
    changes: { hours: '100', note: 'Changed by a test' },
    prepare: async (db) =>
      db('benefit_realisations').insert({
        programme_id: (await db('programmes').where({ code: 'ITP-ESSEX' }).first<{ id: number }>('id')).id,
        fy_start: 2018,
        cashable_pence: '5000000',
      }),
    edit: true,
  },
  {
    name: 'new ledger code',
    page: '/ledger-codes',
    action: '/ledger-codes',
    changes: { cost_centre: 'F9999', account_code: 'S0400', budget_line_id: '1', note: 'Audit test code' },
    exact: true,
  },
  {
    name: 'retire ledger code',
    page: '/ledger-codes',
    action: '/ledger-codes/',
    changes: { reason: 'Cost centre closed' },
  },
  {
    name: 'reserve',
    page: '/mtfp/reserves/budget-smoothing/edit',
    action: '/mtfp/reserves/budget-smoothing/edit',
    changes: { use_2020: '1000000', contribution_2021: '250000', purpose: 'Changed by a test' },
    edit: true,
  },
  {
    name: 'new reserve',
    page: '/mtfp/reserves/new',
    action: '/mtfp/reserves/new',
    changes: {
      code: 'audit-reserve',
      name: 'Audit reserve',
      purpose: 'Made by a test',
      opening: '500000',
      in_budget: 'yes',
      contribution_2018: '100000',
      use_2020: '200000',
    },
  },
  {
    name: 'plan line',
    page: async (db) => `/mtfp/lines/${await firstId(db, 'mtfp_lines', { name: 'Police grant (Home Office)' })}/edit`,
    action: '/mtfp/lines/',
    changes: { amount_2018: '121500000', status_2019: 'provisional', amount_2022: '130000000', note: 'Test' },
    edit: true,
  },
  {
    name: 'capital financing',
    page: async (db) => `/capital/lines/${await firstId(db, 'budget_lines', { name: 'Fleet replacement' })}/financing`,
    action: '/capital/lines/',
    changes: {
      revenue_contributions_2019: '1500000',
      borrowing_2019: '1000000',
      capital_grants_2020: '',
      reserves_2020: '1000000',
      reserve_2020: '1',
      asset_class: '1',
    },
    edit: true,
  },
  {
    name: 'capital receipt',
    page: async (db) =>
      `/capital/receipts/${await firstId(db, 'capital_receipts', { description: 'Sale of IP addresses' })}/edit`,
    action: '/capital/receipts/',
    changes: { amount: '150000', source: 'Changed by a test', fy: '2023-24' },
    edit: true,
  },
  {
    name: 'new capital receipt',
    page: '/capital/receipts/new',
    action: '/capital/receipts/new',
    changes: { description: 'Sale of land', fy: '2020-21', amount: '2000000', decision: '1', source: 'Test' },
  },
  {
    name: 'new loan',
    page: '/capital/loans/new',
    action: '/capital/loans/new',
    changes: {
      name: 'Test loan',
      lender: 'PWLB',
      principal: '5000000',
      rate: '4',
      taken: '2020-21',
      repaid: '2030-31',
    },
  },
  {
    name: 'loan',
    page: async (db) => `/capital/loans/${await firstId(db, 'loans')}/edit`,
    action: '/capital/loans/',
    changes: { rate: '2.75', repaid: '2040-41' },
    edit: true,
  },
  {
    name: 'asset class',
    page: '/capital/asset-classes/estates/edit',
    action: '/capital/asset-classes/estates/edit',
    changes: { life: '50', rate: '3.75', source: 'Test' },
    edit: true,
  },
  {
    name: 'new asset class',
    page: '/capital/asset-classes/new',
    action: '/capital/asset-classes/new',
    changes: { code: 'helicopters', name: 'Helicopters', life: '15', method: 'annuity', rate: '3' },
  },
  {
    name: 'treasury',
    page: '/capital/treasury',
    action: '/capital/treasury',
    changes: { opening_cfr: '55000000', life: '30', income_2021: '150000', income_2016: '250000' },
    edit: true,
  },
  {
    name: 'new capital scheme',
    page: '/capital/lines/new',
    action: '/capital/lines/new',
    changes: {
      name: 'Custody suite',
      nature: 'capital',
      recurrence: 'one_off',
      budget_owner: 'capital_programme',
      spend_type: 'capital_estates',
      amount_2020: '1m',
      reason: 'New scheme',
    },
  },
  {
    name: 'precept proposal',
    page: '/precept/2026-27/proposal',
    action: '/precept/2026-27/proposal',
    changes: { band_d: '£10 a year', notified_on: '30/01/2026' },
  },
  {
    name: 'precept proposal changed',
    page: '/precept/2017-18/proposal',
    action: '/precept/2017-18/proposal',
    prepare: (db) => db('precepts').where({ fy_start: 2017 }).update({ panel_report_on: null }),
    changes: { band_d: '£4 a year', notified_on: '26/01/2017' },
    edit: true,
  },
  {
    name: 'the Panel’s report',
    page: '/precept/2017-18/panel-report',
    action: '/precept/2017-18/panel-report',
    changes: { panel_decision: 'vetoed_too_high', veto_votes: '15', panel_report_on: '06/02/2017' },
    edit: true,
  },
  {
    name: 'revised precept',
    page: '/precept/2017-18/revised',
    action: '/precept/2017-18/revised',
    prepare: (db) =>
      db('precepts').where({ fy_start: 2017 }).update({ panel_decision: 'vetoed_too_high', veto_votes: 15 }),
    changes: { revised: '156.15', revised_on: '14/02/2017' },
    edit: true,
  },
  {
    name: 'tax base declarations',
    page: '/precept/2017-18/authorities',
    action: '/precept/2017-18/authorities',
    changes: { tax_base_medway: '90,000.25', collection_fund_swale: '-1,000', confirm_plausible: 'yes' },
    edit: true,
    exact: true,
  },
  {
    name: 'referendum principle',
    page: '/precept/2026-27/principle',
    action: '/precept/2026-27/principle',
    changes: { percent: '3', pounds: '15', source: 'Test principle' },
  },
  {
    name: 'section 25 statement',
    page: '/precept/2017-18/section-25',
    action: '/precept/2017-18/section-25',
    changes: { reserves_risks: 'Changed by a test', signed_on: '28/01/2017' },
    edit: true,
  },
  {
    name: 'the Panel’s membership',
    page: '/precept/panel',
    action: '/precept/panel',
    changes: { members_in_office: '19' },
    edit: true,
  },
  {
    name: 'budget change asked for',
    page: '/changes/new',
    action: '/changes/new',
    changes: {
      type: 'reduction',
      fy: '2020-21',
      title: 'Audit reduction',
      reason: 'Test',
      line_0: '5',
      amount_0: '-100',
      action: 'submit',
    },
  },
  {
    name: 'Panel pack commentary',
    page: '/reports/2020-21/P8/commentary',
    action: '/reports/2020-21/P8/commentary',
    changes: { body: 'Spending is on track.', 'programme_MOBILE-FIRST': 'Devices arrive in January.' },
  },
  {
    name: 'new grant',
    page: '/transparency/grants/new',
    action: '/transparency/grants/new',
    changes: {
      fy: '2020-21',
      kind: 'crime_disorder',
      recipient: 'Dover Community Safety Partnership',
      purpose: 'Partnership plan',
      amount: '35,000',
      conditions: 'Half-yearly report',
      awarded_on: '1/4/2020',
      decision_reference: 'OPCC.D.001.20',
    },
  },
  {
    name: 'edit a grant',
    page: '/transparency/grants/1/edit',
    action: '/transparency/grants/1/edit',
    changes: { amount: '7,000', conditions: 'Changed', purpose: 'Changed purpose' },
    edit: true,
  },
  {
    name: 'new contract',
    page: '/transparency/contracts/new',
    action: '/transparency/contracts/new',
    changes: {
      reference: 'KP-2020-001',
      title: 'Custody healthcare',
      supplier: 'Healthcare supplier',
      body: 'Force',
      department: 'Custody',
      value: '2,400,000',
      start_on: '1/4/2020',
      end_on: '31/3/2023',
      procurement_route: 'Open tender',
    },
  },
  {
    name: 'edit a contract',
    page: '/transparency/contracts/1/edit',
    action: '/transparency/contracts/1/edit',
    changes: { value: '1,920,000', end_on: '31/3/2022', procurement_route: 'Framework' },
    edit: true,
  },
  {
    name: 'reprofile a capital scheme',
    page: '/capital/lines/26/reprofile',
    action: '/capital/lines/26/reprofile',
    changes: { amount_2020: '3,000,000', amount_2021: '500,000', title: 'Audit', reason: 'Test', action: 'submit' },
    prepare: (db) => db('financial_years').insert({ fy_start: 2021, status: 'draft' }),
  },
  {
    name: 'year-end transfer to a reserve',
    page: '/years/2019-20/outturn',
    action: '/years/2019-20/outturn/transfer',
    changes: { reserve: '4', amount: '1,000', reason: 'Year end', decision: 'OPCC.D.013.17' },
  },
  {
    name: 'plan base',
    page: '/mtfp/settings?plan=2017-18',
    action: '/mtfp/settings',
    changes: { base: '296000000', base_local_income: '16600000', base_source: 'Test', note: 'Changed' },
    edit: true,
  },
  {
    name: 'new plan line',
    page: '/mtfp/lines/new?plan=2017-18',
    action: '/mtfp/lines/new',
    changes: { kind: 'growth', name: 'Audit growth', one_off: 'yes', amount_2019: '250000' },
  },
  {
    name: 'adopt the plan',
    page: '/mtfp',
    action: '/mtfp/adopt',
    prepare: (db) => db('mtfp_plans').update({ status: 'draft' }),
    changes: {},
  },
  {
    name: 'roll the plan forward',
    page: '/mtfp',
    action: '/mtfp/roll-forward',
    changes: {},
  },
  {
    name: 'workforce group',
    page: '/mtfp/workforce/officers/edit?plan=2017-18',
    action: '/mtfp/workforce/officers/edit',
    changes: { base_salary: '40500', fte_2020: '3850', pension_2021: '31.5', source_2020: 'Test' },
    edit: true,
  },
  {
    name: 'new saving',
    page: '/mtfp/savings/new',
    action: '/mtfp/savings/new',
    changes: {
      name: 'Audit saving',
      owner: 'CFO',
      fy: '2019-20',
      amount: '250000',
      recurring: 'no',
      confidence: 'red',
      delivered: 'yes',
      delivered_line: '1',
      delivered_fy: '2019-20',
      source: 'Test',
    },
  },
  {
    name: 'saving',
    page: async (db) => `/mtfp/savings/${await firstId(db, 'savings', { code: 'digital-18' })}/edit`,
    action: '/mtfp/savings/',
    changes: { amount: '4500000', confidence: 'red', delivered: 'yes', delivered_line: '1', delivered_fy: '2019-20' },
    edit: true,
  },
  {
    name: 'new account',
    page: '/accounts',
    action: '/accounts',
    changes: {
      email: 'audit@example.org',
      name: 'Audit test',
      role: 'approver',
      password: 'a long enough password 123',
      owners: ['force', 'opcc'],
      approval_limit: '500k',
    },
    role: 'admin',
  },
  {
    name: 'deactivate account',
    page: '/accounts',
    action: async (db) =>
      `/accounts/${Number((await db('users').where({ email: 'panel@demo.example.org' }).first<{ id: number }>('id')).id)}/active`,
    changes: {},
    role: 'admin',
  },
]

const resolve = async (v: string | ((db: Knex) => Promise<string>)) => (typeof v === 'string' ? v : v(env.db))

/** Opens the page, takes the form whose action starts with `action` (or is it, when `exact`) as a browser would send
 * it, applies `changes`. */
async function submit(
  agent: Agent,
  save: Save,
): Promise<{ status: number; body: string; location: string | undefined }> {
  const page = await agent.get(await resolve(save.page)).expect(200)
  const action = await resolve(save.action)
  const forms = postForms(page.text)
  const form = forms.find((f) => (save.exact ? f.action === action : f.action.startsWith(action)))
  if (!form) throw new Error(`${save.name}: no form posting to ${action} on the page`)
  const res = await agent
    .post(form.action)
    .type('form')
    .send({ ...form.fields, ...save.changes })
  return { status: res.status, body: res.text, location: res.headers.location }
}

describe.each(SAVES)('the $name form', (save) => {
  it('audits every cell the save changes, and nothing else', async () => {
    const agent = save.role === 'admin' ? admin : finance
    await save.prepare?.(env.db)
    const before = await readWritable(env.db)
    const res = await submit(agent, save)
    if (res.status !== 303)
      throw new Error(
        `${save.name}: ${res.status} ${res.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? ''}`,
      )
    const after = await readWritable(env.db)
    expect(after.audit_events?.length).toBeGreaterThan(before.audit_events?.length ?? 0)
    expect(unaudited(before, after, structural)).toEqual({ missing: [], phantom: [] })
  })

  if (save.edit) {
    it('writes nothing when saved again unchanged, and keeps the version', async () => {
      await save.prepare?.(env.db)
      expect((await submit(save.role === 'admin' ? admin : finance, save)).status).toBe(303)
      const before = await readWritable(env.db)
      const res = await submit(save.role === 'admin' ? admin : finance, {
        ...save,
        changes: save.name === 'profile' ? { method: 'even' } : {},
      })
      expect(res.status).toBe(303)
      expect(JSON.stringify(await readWritable(env.db))).toBe(JSON.stringify(before))
    })
  }
})
