// Recording the precept through the statutory process (issue #12): each step on the record path and audited; a rise
// typed per week shown back as its yearly figure; a veto short of two-thirds, a date outside the timetable, a second
// veto, a revised precept on the wrong side of the vetoed one, and an issued figure the process does not allow are
// refused with the rule named, and write nothing.
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { countRows, formFields } from '../support/forms'
import { snapshotWritable } from '../support/test-db'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

async function postStep(fy: string, step: string, fields: Record<string, string>, status: number) {
  const path = `/precept/${fy}/${step}`
  const form = await formFields(finance, path)
  return finance
    .post(path)
    .type('form')
    .send({ ...form, ...fields })
    .expect(status)
}

/** Posts a step that must be refused, and checks that nothing at all was written. */
async function refused(fy: string, step: string, fields: Record<string, string>, status = 422): Promise<string> {
  const before = await snapshotWritable(env.db)
  const page = await postStep(fy, step, fields, status)
  expect(await snapshotWritable(env.db)).toBe(before)
  return pageText(page.text)
}

it('catches a rise typed per week: shown back as its yearly figure, above the principle, and saved only once confirmed', async () => {
  const weekly = await refused('2022-23', 'proposal', { band_d: '£5 per week', notified_on: '28/01/2022' })
  expect(weekly).toContain(
    '“£5 per week” is read as £5.00 a week is £260.00 a year on Band D: Band D of £478.15. Check that you meant a rise a week, not a year',
  )
  expect(weekly).toContain(
    'Band D of £478.15 is a rise of £260.00 (119.18%): above the 2022/23 referendum principle, it would trigger a referendum',
  )
  await postStep('2022-23', 'proposal', { band_d: '£10 a year', notified_on: '28/01/2022' }, 303)
  const row = await env.db('precepts').where({ fy_start: 2022 }).first<Record<string, unknown>>()
  expect(row).toMatchObject({ proposed_as_typed: '£10 a year' })
  expect(String(row.proposed_band_d_pence)).toBe('22815')
  const audit = await env.db('audit_events').where({ table_name: 'precepts', row_id: '2022' })
  expect(audit.map((a: { field: string; to_value: string }) => [a.field, a.to_value])).toEqual(
    expect.arrayContaining([
      ['Proposed Band D', '£228.15'],
      ['Proposal as typed', '£10 a year'],
    ]),
  )
  const page = await finance.get('/precept?fy=2022-23').expect(200)
  expect(pageText(page.text)).toContain('Proposed £228.15')
  expect(pageText(page.text)).toContain('Rise on Band D £10.00 a year (4.58%)')
})

it('refuses a proposal notified after 1 February, or typed as nothing it can read', async () => {
  expect(await refused('2022-23', 'proposal', { band_d: '£10 a year', notified_on: '02/02/2022' })).toContain(
    '2 February 2022 is too late: the Commissioner notifies the Panel of the proposed precept by 1 February 2022 (Police Reform and Social Responsibility Act 2011, Schedule 5)',
  )
  expect(await refused('2022-23', 'proposal', { band_d: 'ten pounds', notified_on: '28/01/2022' })).toContain(
    'Enter Band D as an amount, like £157.15, or the rise on Band D, like £5 a year, £0.42 a month or 3.29%',
  )
  expect(await refused('2022-23', 'proposal', { band_d: '£10 a year', notified_on: '' })).toContain(
    'Enter the date the proposal was notified to the Panel',
  )
})

it('carries a veto through: two-thirds needed, the revised precept on the vetoed side, no second veto, issued in time', async () => {
  await postStep('2022-23', 'proposal', { band_d: '£10 a year', notified_on: '28/01/2022' }, 303)
  const veto = { panel_report_on: '07/02/2022', panel_decision: 'vetoed_too_high', members_in_office: '20' }
  expect(await refused('2022-23', 'panel-report', { ...veto, veto_votes: '13' })).toContain(
    'A veto needs two-thirds of the members in office: 14 of 20 (Police Reform and Social Responsibility Act 2011, Schedule 5, paragraph 4); 13 voted to veto, so the Panel did not veto',
  )
  expect(
    await refused('2022-23', 'panel-report', { ...veto, veto_votes: '14', panel_report_on: '09/02/2022' }),
  ).toContain('9 February 2022 is too late: the Panel reports on the proposal by 8 February 2022')
  await postStep('2022-23', 'panel-report', { ...veto, veto_votes: '14' }, 303)
  expect(await refused('2022-23', 'proposal', { band_d: '£9 a year', notified_on: '28/01/2022' })).toContain(
    'The Panel reported on the proposal on 7 February 2022: the proposal can no longer be changed',
  )
  expect(await refused('2022-23', 'revised', { revised: '228.15', revised_on: '14/02/2022' })).toContain(
    'The Panel vetoed £228.15 as too high: the revised precept must be lower, and £228.15 is not',
  )
  await postStep('2022-23', 'revised', { revised: '225.15', revised_on: '14/02/2022' }, 303)
  expect(
    await refused('2022-23', 'second-report', { second_report_on: '21/02/2022', second_report_decision: 'vetoed' }),
  ).toContain('The Panel cannot veto the revised precept: a precept may be vetoed once')
  await postStep(
    '2022-23',
    'second-report',
    { second_report_on: '21/02/2022', second_report_decision: 'accepted' },
    303,
  )
  expect(await refused('2022-23', 'issued', { issued: '225.15', issued_on: '01/03/2022' })).toContain(
    '1 March 2022 is too late: the precept is issued to the billing authorities before 1 March 2022',
  )
  expect(await refused('2022-23', 'issued', { issued: '229.15', issued_on: '25/02/2022' })).toContain(
    'The Panel vetoed £228.15 as too high',
  )
  await postStep('2022-23', 'issued', { issued: '225.15', issued_on: '25/02/2022' }, 303)
  const page = await finance.get('/precept?fy=2022-23').expect(200)
  const step = (label: string) => rowText(page.text, 'The 2022/23 precept, step by step', label)
  expect(step('After a veto')).toContain('by 15 February 2022 14 February 2022')
  expect(step('The precept is issued')).toContain('before 1 March 2022 25 February 2022')
  expect(pageText(page.text)).toContain('Issued to the billing authorities £225.15')
  expect(pageText(page.text)).toContain('vetoed the proposal as too high, 14 of 20 members voting to veto')
  expect(await countRows(env.db, 'audit_events')).toBeGreaterThan(0)
})

it('without a veto, issues only the proposal or the Panel’s figure; a step out of order is refused; the Panel cannot record', async () => {
  expect(
    await refused('2022-23', 'panel-report', { panel_report_on: '07/02/2022', panel_decision: 'supported' }),
  ).toContain('Record the proposal first: the Panel reports on a proposal')
  await postStep('2022-23', 'proposal', { band_d: '228.15', notified_on: '28/01/2022' }, 303)
  expect(await refused('2022-23', 'revised', { revised: '227.15', revised_on: '14/02/2022' })).toContain(
    'A revised precept follows a veto, and the Panel has not vetoed the proposal',
  )
  await postStep(
    '2022-23',
    'panel-report',
    { panel_report_on: '07/02/2022', panel_decision: 'recommended', recommended: '226.15', members_in_office: '20' },
    303,
  )
  expect(await refused('2022-23', 'issued', { issued: '227.15', issued_on: '20/02/2022' })).toContain(
    'Without a veto the Commissioner issues the proposed precept (£228.15) or the Band D the Panel recommended (£226.15)',
  )
  await postStep('2022-23', 'issued', { issued: '226.15', issued_on: '20/02/2022' }, 303)
  const panel = await signedIn(env.app, 'panel')
  await panel.get('/precept/2022-23/proposal').expect(403)
  await finance.get('/precept/2022-23/nonsense').expect(404)
  await finance.get('/precept/2099-00/proposal').expect(404)
  await finance.get('/precept/20x9/proposal').expect(400)
})

describe('the billing authorities’ declarations', () => {
  it('saves typed declarations, audited; a late one is confirmed; a declared tax base is never blanked', async () => {
    await postStep(
      '2022-23',
      'authorities',
      { tax_base_medway: '95,000.50', collection_fund_medway: '-12,000', declared_on_medway: '14/01/2022' },
      303,
    )
    const row = await env.db('tax_bases').where({ fy_start: 2022 }).first<Record<string, unknown>>()
    expect(String(row.tax_base_hundredths)).toBe('9500050')
    expect(String(row.collection_fund_pence)).toBe('-1200000')
    const audit = await env.db('audit_events').where({ table_name: 'tax_bases' })
    expect(audit.map((a: { field: string; to_value: string }) => [a.field, a.to_value])).toEqual(
      expect.arrayContaining([
        ['Tax base (Band D equivalents)', '95,000.50'],
        ['Collection fund surplus (deficit)', '−£12,000.00'],
      ]),
    )
    const late = await refused('2022-23', 'authorities', {
      tax_base_swale: '50,000',
      declared_on_swale: '02/02/2022',
    })
    expect(late).toContain('Swale Borough Council declared on 2 February 2022: the tax base is set by 31 January 2022')
    await postStep(
      '2022-23',
      'authorities',
      { tax_base_swale: '50,000', declared_on_swale: '02/02/2022', confirm_plausible: 'yes' },
      303,
    )
    expect(await refused('2017-18', 'authorities', { tax_base_medway: '' })).toContain(
      'Medway Council has declared a tax base: correct it rather than leave it blank',
    )
    expect(
      await refused('2022-23', 'authorities', { tax_base_dover: '12.345', declared_on_dover: '10/01/2022' }),
    ).toContain('The tax base of Dover District Council can have at most 2 decimal places')
    const page = await finance.get('/precept?fy=2022-23').expect(200)
    // 2022/23's published Band D (£228.15) is shared in proportion to the two tax bases declared so far.
    expect(rowText(page.text, 'Tax base, precept and collection fund', 'Medway Council')).toBe(
      'Medway Council 95,000.50 £21,674,364.08 −£12,000.00 14 January 2022',
    )
    expect(rowText(page.text, 'Tax base, precept and collection fund', 'All billing authorities')).toBe(
      'All billing authorities 145,000.50 £33,081,864.08 −£12,000.00',
    )
  })

  it('imports a CSV file into the same form: a row an authority by name or code; an unknown authority is named', async () => {
    const path = '/precept/2022-23/authorities'
    const form = await formFields(finance, path, '/precept/2022-23/authorities/import')
    const csv = (text: string) =>
      finance
        .post('/precept/2022-23/authorities/import')
        .field('_csrf', form._csrf ?? '')
        .field('import_source', 'Councils’ tax base returns, January 2022')
        .attach('file', Buffer.from(text), 'tax-base.csv')
    const before = await snapshotWritable(env.db)
    const bad = await csv('Authority,Tax base\nashford,40000\nNowhere,1\n').expect(422)
    expect(pageText(bad.text)).toContain('Row 3: "Nowhere" is not a billing authority')
    expect(await snapshotWritable(env.db)).toBe(before)
    const wrong = await csv('Council,Band D equivalents,Declared on\nashford,forty,10/01/2022\n').expect(422)
    expect(pageText(wrong.text)).toContain('The tax base of Ashford Borough Council must be a number')
    await csv(
      '\ufeffBilling authority,Tax base,Collection fund,Declared on\nAshford Borough Council,"40,100.25",5000,10/01/2022\nmedway,"94,000",-3000,12/01/2022\n',
    ).expect(303)
    const rows = await env.db('tax_bases').where({ fy_start: 2022 }).orderBy('billing_authority_id')
    expect(
      rows.map((r: { tax_base_hundredths: unknown; source: string }) => [String(r.tax_base_hundredths), r.source]),
    ).toEqual([
      ['4010025', 'Councils’ tax base returns, January 2022'],
      ['9400000', 'Councils’ tax base returns, January 2022'],
    ])
    const panel = await signedIn(env.app, 'panel')
    await panel.get(path).expect(403)
  })
})

describe('what the precept is tested and set against', () => {
  it('records a year’s referendum principle with its source, and the proposal is tested against it', async () => {
    expect(await refused('2026-27', 'principle', { source: 'Principles report 2026/27' })).toContain(
      'Enter a percent limit, a pound limit on Band D, or both',
    )
    expect(await refused('2026-27', 'principle', { pounds: '£14', source: '' })).toContain(
      'Enter where the principle comes from',
    )
    await postStep('2026-27', 'principle', { pounds: '£14', source: 'Principles report 2026/27' }, 303)
    const audit = await env.db('audit_events').where({ table_name: 'referendum_principles', row_id: '2026' })
    expect(audit.map((a: { field: string; to_value: string }) => [a.field, a.to_value])).toEqual(
      expect.arrayContaining([['Pound limit on Band D', '£14.00']]),
    )
    const warned = await refused('2026-27', 'proposal', { band_d: '£14.01 a year', notified_on: '30/01/2026' })
    expect(warned).toContain('above the 2026/27 referendum principle, it would trigger a referendum')
    await postStep('2026-27', 'proposal', { band_d: '£14 a year', notified_on: '30/01/2026' }, 303)
    const page = await finance.get('/precept?fy=2026-27').expect(200)
    expect(pageText(page.text)).toContain('Proposed £284.15')
    expect(pageText(page.text)).toContain(
      'Within the principle The largest Band D allowed without a referendum is £284.15.',
    )
  })

  it('keeps the section 25 statement, every version audited', async () => {
    const form = await formFields(finance, '/precept/2017-18/section-25')
    expect(form.robustness).toContain('In my view the estimates are robust.')
    expect(await refused('2017-18', 'section-25', { robustness: '' })).toContain(
      'Enter the CFO’s view of the robustness of the estimates',
    )
    await postStep('2017-18', 'section-25', { reserves_adequacy: 'Adequate, at 3% of the net budget.' }, 303)
    const audit = await env.db('audit_events').where({ table_name: 'section25_statements', row_id: '2017' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ field: 'Adequacy of reserves', to_value: 'Adequate, at 3% of the net budget.' })
    const page = await finance.get('/precept?fy=2017-18').expect(200)
    expect(pageText(page.text)).toContain('The adequacy of reserves Adequate, at 3% of the net budget.')
  })

  it('records the Panel’s members in office, which the veto rule then counts', async () => {
    const path = '/precept/panel'
    const form = await formFields(finance, path)
    expect(form.members_in_office).toBe('20')
    const before = await snapshotWritable(env.db)
    const bad = await finance
      .post(path)
      .type('form')
      .send({ ...form, members_in_office: '0' })
      .expect(422)
    expect(pageText(bad.text)).toContain('The members in office are a whole number from 1 to 50')
    expect(await snapshotWritable(env.db)).toBe(before)
    await finance
      .post(path)
      .type('form')
      .send({ ...form, members_in_office: '18' })
      .expect(303)
    const page = await finance.get('/precept?fy=2017-18').expect(200)
    expect(pageText(page.text)).toContain('The Panel has 18 members in office: a veto needs 12 of them (two-thirds).')
    const panel = await signedIn(env.app, 'panel')
    await panel.get(path).expect(403)
  })
})
