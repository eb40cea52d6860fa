// Finance's forms: happy paths, each kind of bad input (the record is unchanged afterwards), conflicts, audit
// rows, and every changing route refused for every role that may not change figures.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, postForms, rowText } from '../support/html'
import { csrfOf, signedIn, type Agent } from '../support/session'

const env = useTestApp()
let finance: Agent

beforeAll(async () => {
  finance = await signedIn(env.app, 'finance')
})

/** Opens the form at `formPath` (for its CSRF token), posts `fields` to `action`, and checks the status. */
async function post(agent: Agent, formPath: string, action: string, fields: Record<string, string>, status: number) {
  const form = await agent.get(formPath).expect(200)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...fields })
    .expect(status)
}

const count = async (table: string) => Number((await env.db(table).count({ n: '*' }).first())?.n)

describe('programmes', () => {
  it('creates a programme, shows it, and records who set each field', async () => {
    const res = await post(
      finance,
      '/programmes/new',
      '/programmes/new',
      {
        code: 'drones',
        name: 'Drone unit',
        description: 'Four drones for search',
        status: 'approved',
        invest_to_save: 'yes',
      },
      303,
    )
    expect(res.headers.location).toBe('/programmes/DRONES')
    const page = await finance.get('/programmes/DRONES').expect(200)
    expect(pageText(page.text)).toContain('Drone unit')
    const audit = await env.db('audit_events').where({ table_name: 'programmes', action: 'create' }).orderBy('id')
    expect(audit.map((a: { field: string; column_name: string }) => [a.column_name, a.field])).toEqual([
      ['code', 'Code'],
      ['name', 'Name'],
      ['description', 'Description'],
      ['status', 'Status'],
      ['invest_to_save', 'Invest to save'],
    ])
    expect(audit[1]).toMatchObject({
      actor: 'Finance officer (demo) <finance@demo.example.org>',
      from_value: null,
      to_value: 'Drone unit',
    })
  })

  it('refuses bad input naming each field, keeps what was typed, and writes nothing', async () => {
    const [programmes, audits] = [await count('programmes'), await count('audit_events')]
    const res = await post(
      finance,
      '/programmes/new',
      '/programmes/new',
      { code: 'a b', name: '', status: 'sideways', description: 'kept text' },
      422,
    )
    const text = pageText(res.text)
    expect(res.text).toMatch(/<title>Error: New programme/)
    expect(text).toContain('The code must be 2 to 40 letters, digits or hyphens, like MOBILE-FIRST')
    expect(text).toContain('Enter the programme name')
    expect(text).toContain('Choose a status')
    expect(res.text).toContain('href="#code"')
    expect(res.text).toContain('href="#name"')
    expect(res.text).toContain('value="a b"')
    expect(res.text).toContain('kept text</textarea>')
    expect(res.text).toContain('aria-describedby=" name-error"')
    expect([await count('programmes'), await count('audit_events')]).toEqual([programmes, audits])
  })

  it('refuses a code already in use', async () => {
    const res = await post(
      finance,
      '/programmes/new',
      '/programmes/new',
      { code: 'esn', name: 'Another', status: 'proposed' },
      422,
    )
    expect(pageText(res.text)).toContain('A programme with the code ESN already exists')
  })

  it('edits a programme and audits the changed fields only', async () => {
    const form = await finance.get('/programmes/DRONES/edit').expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    await finance
      .post('/programmes/DRONES/edit')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        version,
        name: 'Drone unit',
        description: 'Six drones for search',
        status: 'in_progress',
        invest_to_save: 'yes',
      })
      .expect(303)
    const rows = await env.db('audit_events').where({ table_name: 'programmes', action: 'update' }).orderBy('id')
    expect(
      rows.map((r: { field: string; from_value: string; to_value: string }) => [r.field, r.from_value, r.to_value]),
    ).toEqual([
      ['Description', 'Four drones for search', 'Six drones for search'],
      ['Status', 'Approved', 'In progress'],
    ])
  })

  it("refuses a stale save with the other person's change, and changes nothing", async () => {
    const mine = await finance.get('/programmes/DRONES/edit').expect(200)
    const myVersion = /name="version" value="(\d+)"/.exec(mine.text)?.[1] ?? ''
    const other = await signedIn(env.app, 'approver')
    const theirs = await other.get('/programmes/DRONES/edit').expect(200)
    await other
      .post('/programmes/DRONES/edit')
      .type('form')
      .send({
        _csrf: csrfOf(theirs.text),
        version: myVersion,
        name: 'Drone unit (renamed)',
        status: 'in_progress',
        invest_to_save: 'yes',
      })
      .expect(303)
    const res = await finance
      .post('/programmes/DRONES/edit')
      .type('form')
      .send({ _csrf: csrfOf(mine.text), version: myVersion, name: 'My name', status: 'complete' })
      .expect(409)
    const text = pageText(res.text)
    // Who saved first, and when: not "someone else".
    expect(text).toMatch(/Police and Crime Commissioner \(demo\) <[^>]+> saved first/)
    expect(text).toMatch(
      /was changed by Police and Crime Commissioner \(demo\) <[^>]+> on \d{1,2} \w+ \d{4} at \d\d:\d\d \(UK time\) after you opened this form/,
    )
    expect(text).toContain('Drone unit (renamed)')
    expect(res.text).toContain('value="My name"')
    const row = await env.db('programmes').where({ code: 'DRONES' }).first()
    expect(row).toMatchObject({ name: 'Drone unit (renamed)', status: 'in_progress' })
  })

  it('retires a programme with a reason, never deleting it', async () => {
    const form = await finance.get('/programmes/DRONES/edit').expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const missing = await finance
      .post('/programmes/DRONES/retire')
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, reason: '' })
      .expect(422)
    expect(pageText(missing.text)).toContain('Enter the reason for retiring the programme')
    await finance
      .post('/programmes/DRONES/retire')
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, reason: 'Merged into another scheme' })
      .expect(303)
    await finance.get('/programmes/DRONES').expect(404)
    expect(await env.db('programmes').where({ code: 'DRONES' }).first()).toBeTruthy()
    expect(await env.db('audit_events').where({ table_name: 'programmes', action: 'retire' }).first()).toMatchObject({
      reason: 'Merged into another scheme',
    })
  })
})

describe('cost lines and their budgets', () => {
  const line = {
    name: 'Cameras',
    nature: 'capital',
    recurrence: 'one_off',
    budget_owner: 'capital_programme',
    spend_type: 'capital_equipment',
    funding_source: 'approved-capital',
    note: 'Test line',
    source_reference: 'OPCC.D.999.26',
  }

  it('accepts money as people type it and stores it exactly, with an audit row per year', async () => {
    await post(
      finance,
      '/programmes/BWV/lines/new',
      '/programmes/BWV/lines/new',
      { ...line, amount_2018: '£1,800,000', amount_2019: '1.8m', amount_2020: '535k', reason: 'New phase' },
      303,
    )
    const next = pageText((await finance.get('/programmes/BWV').expect(200)).text)
    expect(next).toContain(
      'Cost line “Cameras” saved: 2018/19 £1,800,000.00; 2019/20 £1,800,000.00; 2020/21 £535,000.00.',
    )
    expect(pageText((await finance.get('/programmes/BWV').expect(200)).text)).not.toContain('saved:')
    const row = (await env.db('budget_lines').where({ name: 'Cameras' }).first()) as { id: number }
    const amounts = await env
      .db('budget_amounts')
      .where({ budget_line_id: row.id })
      .orderBy('fy_start')
      .select('fy_start', 'amount_pence')
    expect(
      amounts.map((a: { fy_start: number; amount_pence: string | number }) => [
        Number(a.fy_start),
        String(a.amount_pence),
      ]),
    ).toEqual([
      [2018, '180000000'],
      [2019, '180000000'],
      [2020, '53500000'],
    ])
    const audit = await env.db('audit_events').where({ table_name: 'budget_amounts' }).orderBy('id')
    expect(
      audit.map((a: { field: string; to_value: string; reason: string }) => [a.field, a.to_value, a.reason]),
    ).toEqual([
      ['Budget 2018/19', '£1,800,000.00', 'New phase'],
      ['Budget 2019/20', '£1,800,000.00', 'New phase'],
      ['Budget 2020/21', '£535,000.00', 'New phase'],
    ])
  })

  it('refuses each kind of bad input and writes nothing', async () => {
    const [lines, amounts] = [await count('budget_lines'), await count('budget_amounts')]
    const res = await post(
      finance,
      '/programmes/BWV/lines/new',
      '/programmes/BWV/lines/new',
      {
        ...line,
        name: '',
        spend_type: 'officer_pay',
        amount_2017: '2.5m',
        amount_2018: '12.345',
        amount_2019: 'lots',
        amount_2020: '-5',
      },
      422,
    )
    const text = pageText(res.text)
    expect(text).toContain('Enter the name of the cost line')
    expect(text).toContain('Police officer pay is a type of revenue spend: choose a capital type')
    expect(text).toContain('The 2018/19 budget has more than two decimal places')
    expect(text).toContain('The 2019/20 budget must be an amount of money in numbers')
    expect(text).toContain('The 2020/21 budget must not be negative here')
    expect(text).toContain('Read as £2,500,000.00')
    expect(res.text).toContain('href="#amount_2018"')
    expect(res.text).toContain('value="12.345"')
    expect([await count('budget_lines'), await count('budget_amounts')]).toEqual([lines, amounts])
  })

  it('needs a reason to change a published year, then records it', async () => {
    const row = (await env.db('budget_lines').where({ name: 'Cameras' }).first()) as { id: number }
    const form = await finance.get(`/lines/${row.id}/edit`).expect(200)
    expect(form.text).toContain('value="£1,800,000.00"')
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const fields = {
      _csrf: csrfOf(form.text),
      version,
      ...line,
      amount_2018: '1.9m',
      amount_2019: '1.8m',
      amount_2020: '535k',
    }
    const refused = await finance.post(`/lines/${row.id}/edit`).type('form').send(fields).expect(422)
    expect(pageText(refused.text)).toContain('Give a reason for changing the budget of 2018/19: it is published')
    expect(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: row.id, fy_start: 2018 })
            .first<{ amount_pence: string | number }>()
        )?.amount_pence,
      ),
    ).toBe('180000000')
    await finance
      .post(`/lines/${row.id}/edit`)
      .type('form')
      .send({ ...fields, reason: 'Extra cameras approved' })
      .expect(303)
    expect(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: row.id, fy_start: 2018 })
            .first<{ amount_pence: string | number }>()
        )?.amount_pence,
      ),
    ).toBe('190000000')
    const audit = await env.db('audit_events').where({ table_name: 'budget_amounts', action: 'update' }).first()
    expect(audit).toMatchObject({
      field: 'Budget 2018/19',
      from_value: '£1,800,000.00',
      to_value: '£1,900,000.00',
      reason: 'Extra cameras approved',
    })
  })
})

describe('financial years', () => {
  it('adds a draft year and publishes it, audited', async () => {
    const bad = await post(finance, '/years', '/years', { fy: '2021-23' }, 422)
    expect(pageText(bad.text)).toContain('Enter the financial year: a financial year looks like 2017-18 (or 2017/18)')
    await post(finance, '/years', '/years', { fy: '2021/22' }, 303)
    expect(await env.db('financial_years').where({ fy_start: 2021 }).first()).toMatchObject({ status: 'draft' })
    await post(finance, '/years', '/years/2021-22/publish', {}, 303)
    expect(await env.db('financial_years').where({ fy_start: 2021 }).first()).toMatchObject({ status: 'published' })
    expect(
      await env.db('audit_events').where({ table_name: 'financial_years', action: 'publish' }).first(),
    ).toMatchObject({ row_id: '2021', column_name: 'status', from_value: 'Draft', to_value: 'Published' })
    const again = await post(finance, '/years', '/years/2021-22/publish', {}, 422)
    expect(pageText(again.text)).toContain('2021/22 is already published')
  })
})

describe('the audit trail', () => {
  it('lists changes with filters and pages', async () => {
    const res = await finance.get('/audit?programme=BWV').expect(200)
    const text = pageText(res.text)
    expect(text).toContain('Budget 2018/19')
    expect(text).toContain('Extra cameras approved')
    expect(text).not.toContain('Six drones for search')
    const bad = await finance.get('/audit?from=31/2/2026').expect(422)
    expect(pageText(bad.text)).toContain('The from date has day 31, which February 2026 does not have')
  })
})

describe('every changing route is refused to those who may not change figures', () => {
  const routes: [string, string][] = [
    ['post', '/programmes/new'],
    ['post', '/programmes/ESN/edit'],
    ['post', '/programmes/ESN/retire'],
    ['post', '/programmes/ESN/lines/new'],
    ['post', '/lines/1/edit'],
    ['post', '/years'],
    ['post', '/years/2020-21/publish'],
    ['post', '/lines/1/retire'],
    ['post', '/lines/1/profile?fy=2020-21'],
    ['post', '/lines/1/forecast?fy=2020-21'],
    ['post', '/decisions/new'],
    ['post', '/decisions/OPCC.D.013.17/edit'],
    ['post', '/funding-sources'],
    ['post', '/funding-sources/borrowing/edit'],
    ['post', '/programmes/ESN/benefits/new'],
    ['post', '/benefits/1/edit'],
    ['post', '/programmes/ESN/appraisal/settings'],
    ['post', '/programmes/ESN/assumptions/new'],
    ['post', '/assumptions/1/edit'],
    ['post', '/programmes/ESN/realisations/new'],
    ['post', '/realisations/1/edit'],
  ]
  const forms = [
    '/programmes/new',
    '/programmes/ESN/edit',
    '/programmes/ESN/lines/new',
    '/lines/1/edit',
    '/lines/1/year?fy=2020-21',
    '/years',
    '/decisions/new',
    '/decisions/OPCC.D.013.17/edit',
    '/funding-sources',
    '/funding-sources/borrowing/edit',
    '/programmes/ESN/benefits/new',
    '/benefits/1/edit',
    '/programmes/ESN/appraisal/settings',
    '/programmes/ESN/assumptions/new',
    '/assumptions/1/edit',
    '/programmes/ESN/realisations/new',
  ]

  it.each(['panel', 'admin'] as const)('%s gets 403 and nothing changes', async (role) => {
    const agent = await signedIn(env.app, role)
    const token = csrfOf((await agent.get('/').expect(200)).text)
    const before = await count('audit_events')
    for (const [, path] of routes) {
      const res = await agent
        .post(path)
        .type('form')
        .send({ _csrf: token, code: 'X1', name: 'X', status: 'proposed', fy: '2030-31', version: '1', reason: 'r' })
      expect([path, res.status]).toEqual([path, 403])
    }
    for (const path of forms) expect([path, (await agent.get(path)).status]).toEqual([path, 403])
    expect(await count('audit_events')).toBe(before)
    const audit = await agent.get('/audit')
    expect(audit.status).toBe(role === 'admin' ? 200 : 403)
    if (role === 'panel') {
      expect((await agent.get('/accounts')).status).toBe(403)
      expect(
        (
          await agent
            .post('/accounts')
            .type('form')
            .send({ _csrf: token, email: 'x@example.org', role: 'admin', password: 'long enough password' })
        ).status,
      ).toBe(403)
    }
  })

  it('the public is sent to sign in, and a post changes nothing', async () => {
    const agent = request.agent(env.app)
    const token = csrfOf((await agent.get('/sign-in').expect(200)).text)
    const before = await count('audit_events')
    for (const [, path] of routes) {
      const res = await agent.post(path).type('form').send({ _csrf: token, code: 'X1', name: 'X', status: 'proposed' })
      expect([path, res.status]).toEqual([path, 401])
    }
    for (const path of ['/accounts/1/active', '/accounts']) {
      expect([path, (await agent.post(path).type('form').send({ _csrf: token, active: 'no' })).status]).toEqual([
        path,
        401,
      ])
    }
    for (const path of [...forms, '/audit', '/accounts']) {
      const res = await agent.get(path)
      expect([path, res.status, res.headers.location]).toEqual([path, 303, `/sign-in?next=${encodeURIComponent(path)}`])
    }
    expect(await count('audit_events')).toBe(before)
  })
})

describe('monthly profiles and forecasts', () => {
  let lineId = 0
  beforeAll(async () => {
    lineId = Number((await env.db('budget_lines').where({ name: 'Cameras' }).first<{ id: number }>('id')).id)
  })
  const profileOf = async (fy: number) =>
    (
      await env
        .db('budget_profiles')
        .where({ budget_line_id: lineId, fy_start: fy })
        .orderBy('period')
        .select('amount_pence')
    ).map((r: { amount_pence: string | number }) => String(r.amount_pence))

  it('spreads a year evenly with the remainder pennies placed so it adds up exactly', async () => {
    const form = await finance.get(`/lines/${lineId}/year?fy=2020-21`).expect(200)
    expect(form.text).toContain(`action="/lines/${lineId}/profile?fy=2020-21"`)
    expect(form.text).toContain(`action="/lines/${lineId}/forecast?fy=2020-21"`)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    await finance
      .post(`/lines/${lineId}/profile?fy=2020-21`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, method: 'even' })
      .expect(303)
    const periods = await profileOf(2020)
    expect(periods).toHaveLength(12)
    expect(periods.reduce((a, b) => a + BigInt(b), 0n)).toBe(53_500_000n)
    expect(periods.slice(0, 4)).toEqual(['4458334', '4458334', '4458334', '4458334'])
    expect(periods[11]).toBe('4458333')
    const audit = await env.db('audit_events').where({ table_name: 'budget_profiles' }).count({ n: '*' }).first()
    expect(Number(audit?.n)).toBe(12)
  })

  it('refuses a typed profile that does not add up, naming the difference, and changes nothing', async () => {
    const before = await profileOf(2020)
    const form = await finance.get(`/lines/${lineId}/year?fy=2020-21`).expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const fields: Record<string, string> = { _csrf: csrfOf(form.text), version, method: 'typed' }
    for (let p = 1; p <= 12; p++) fields[`p${p}`] = '44k'
    const res = await finance.post(`/lines/${lineId}/profile?fy=2020-21`).type('form').send(fields).expect(422)
    expect(pageText(res.text)).toContain(
      'The periods add up to £528,000.00, £7,000.00 less than the 2020/21 budget of £535,000.00',
    )
    expect(pageText(res.text)).toContain('Read as £44,000.00')
    fields.p3 = '4.5.6'
    const bad = await finance.post(`/lines/${lineId}/profile?fy=2020-21`).type('form').send(fields).expect(422)
    expect(pageText(bad.text)).toContain('P3 (June) must be an amount of money in numbers')
    expect(await profileOf(2020)).toEqual(before)
  })

  it('accepts a typed profile that adds up', async () => {
    const form = await finance.get(`/lines/${lineId}/year?fy=2020-21`).expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const fields: Record<string, string> = { _csrf: csrfOf(form.text), version, method: 'typed' }
    for (let p = 1; p <= 11; p++) fields[`p${p}`] = '44k'
    fields.p12 = '£51,000'
    await finance.post(`/lines/${lineId}/profile?fy=2020-21`).type('form').send(fields).expect(303)
    expect((await profileOf(2020))[11]).toBe('5100000')
  })

  it('enters a forecast, refuses a bad one, and replaces it in the same period', async () => {
    const form = await finance.get(`/lines/${lineId}/year?fy=2020-21`).expect(200)
    const _csrf = csrfOf(form.text)
    const bad = await finance
      .post(`/lines/${lineId}/forecast?fy=2020-21`)
      .type('form')
      .send({ _csrf, made_in_period: '14', amount: 'about half' })
      .expect(422)
    expect(pageText(bad.text)).toContain('Choose the period the forecast is made in, P1 to P13')
    expect(pageText(bad.text)).toContain('The forecast outturn must be an amount of money in numbers')
    await finance
      .post(`/lines/${lineId}/forecast?fy=2020-21`)
      .type('form')
      .send({ _csrf, made_in_period: '8', amount: '500k', note: 'Slippage' })
      .expect(303)
    const again = await finance.get(`/lines/${lineId}/year?fy=2020-21`).expect(200)
    const version = /name="version" value="(\d*)"/g
    const versions = [...again.text.matchAll(version)].map((m) => m[1])
    await finance
      .post(`/lines/${lineId}/forecast?fy=2020-21`)
      .type('form')
      .send({ _csrf: csrfOf(again.text), version: versions[1], made_in_period: '8', amount: '480k' })
      .expect(303)
    const rows = await env
      .db('forecasts')
      .where({ budget_line_id: lineId, fy_start: 2020 })
      .select('made_in_period', 'amount_pence')
    expect(
      rows.map((r: { made_in_period: number; amount_pence: string | number }) => [
        Number(r.made_in_period),
        String(r.amount_pence),
      ]),
    ).toEqual([[8, '48000000']])
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'forecasts', column_name: 'amount_pence' })
      .orderBy('id')
      .select('from_value', 'to_value')
    expect(audit).toEqual([
      { from_value: null, to_value: '£500,000.00' },
      { from_value: '£500,000.00', to_value: '£480,000.00' },
    ])
  })
})

describe('decisions', () => {
  const base = {
    title: 'Drone pilot',
    classification: 'open',
    published_to_panel: 'yes',
    cfo_date: '1/3/2017',
    cos_date: '1/3/2017',
    pcc_date: '2/3/2017',
    link_0: 'ESN',
    commit_2017: '250k',
  }

  it('refuses an impossible date, naming the field, and writes nothing', async () => {
    const before = await count('decisions')
    const res = await post(
      finance,
      '/decisions/new',
      '/decisions/new',
      { ...base, reference: 'OPCC.D.101.17', cfo_date: '17/13/17' },
      422,
    )
    expect(pageText(res.text)).toContain(
      "The Chief Finance Officer's sign-off date has month 13: there are only 12 months",
    )
    expect(res.text).toContain('href="#cfo_date"')
    expect(res.text).toContain('value="17/13/17"')
    expect(pageText(res.text)).toContain('Read as £250,000.00')
    expect(await count('decisions')).toBe(before)
  })

  it('saves a late CFO sign-off with a governance flag, says two-digit years back, and keeps the date as typed', async () => {
    await post(
      finance,
      '/decisions/new',
      '/decisions/new',
      { ...base, reference: 'opcc.d.102.17', cfo_date: '6/5/17', cos_date: '6/3/2017', pcc_date: '6/3/2017' },
      303,
    )
    const page = await finance.get('/decisions/OPCC.D.102.17').expect(200)
    const text = pageText(page.text)
    expect(text).toContain('Decision OPCC.D.102.17 saved, committing £250,000.00 in all.')
    expect(text).toContain('Chief Finance Officer: 6/5/17 was read as 6 May 2017 (the year "17" was read as 2017)')
    expect(text).toContain('Governance flag: Chief Finance Officer signed after the Commissioner')
    expect(text).toContain('6 May 2017 (written 6/5/17) Signed after the Commissioner')
    expect(
      await env
        .db('decision_signoffs as s')
        .join('decisions as d', 'd.id', 's.decision_id')
        .where({ 'd.reference': 'OPCC.D.102.17', 's.role': 'cfo' })
        .first('s.signed_on', 's.signed_as_written'),
    ).toMatchObject({
      signed_as_written: '6/5/17',
    })
    const esn = pageText((await finance.get('/programmes/ESN').expect(200)).text)
    expect(esn).toContain('OPCC.D.102.17')
    expect(esn).toContain('Governance flag')
    const audit = await env.db('audit_events').where({ table_name: 'decision_commitments' }).first()
    expect(audit).toMatchObject({ field: 'Commitment 2017/18: amount', to_value: '£250,000.00' })
    expect(await env.db('audit_events').where({ table_name: 'decision_programmes' }).first()).toMatchObject({
      field: 'Linked programme Emergency Services Network (ESN)',
      to_value: 'added',
    })
  })

  it('edits a decision, with a conflict when someone else saved first', async () => {
    const form = await finance.get('/decisions/OPCC.D.102.17/edit').expect(200)
    expect(form.text).toContain('value="6/5/17"')
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const fields = { _csrf: csrfOf(form.text), version, ...base, cfo_date: '1/3/2017', link_0: 'ESN', commit_2017: '' }
    await finance.post('/decisions/OPCC.D.102.17/edit').type('form').send(fields).expect(303)
    const stale = await finance
      .post('/decisions/OPCC.D.102.17/edit')
      .type('form')
      .send({ ...fields, title: 'Stale' })
      .expect(409)
    expect(pageText(stale.text)).toMatch(/Finance officer \(demo\) <[^>]+> saved first/)
    expect(
      (await env.db('decisions').where({ reference: 'OPCC.D.102.17' }).first<{ title: string }>('title')).title,
    ).toBe('Drone pilot')
    const dates = await env
      .db('audit_events')
      .where({ table_name: 'decision_signoffs', field: 'Chief Finance Officer sign-off: date as written' })
      .orderBy('id')
      .select('from_value', 'to_value')
    expect(dates.at(-1)).toEqual({ from_value: '6/5/17', to_value: '1/3/2017' })
  })
})

describe('saving a decision keeps what the form does not show', () => {
  it('keeps the note on its programme link, and audits a change to a sign-off comment and to a year it commits', async () => {
    const form = await finance.get('/decisions/OPCC.D.013.17/edit').expect(200)
    const fields = postForms(form.text).find((f) => f.action === '/decisions/OPCC.D.013.17/edit')?.fields ?? {}
    expect(fields.commit_2018).toBe('£460,000.00')
    await finance
      .post('/decisions/OPCC.D.013.17/edit')
      .type('form')
      .send({ ...fields, pcc_comments: 'Will help us equip officers (comment edited)', commit_2020: '450k' })
      .expect(303)
    const link = await env
      .db('decision_programmes as dp')
      .join('decisions as d', 'd.id', 'dp.decision_id')
      .where('d.reference', 'OPCC.D.013.17')
      .first<{ note: string }>('dp.note')
    expect(link.note).toBe('£535k in 2017/18, then £460k a year to 2020/21')
    const audit = await env
      .db('audit_events')
      .whereIn('table_name', ['decision_signoffs', 'decision_commitments'])
      .orderBy('id', 'desc')
      .limit(2)
      .select('field', 'from_value', 'to_value')
    expect(audit).toEqual(
      expect.arrayContaining([
        { field: 'Commitment 2020/21: amount', from_value: '£460,000.00', to_value: '£450,000.00' },
        expect.objectContaining({
          field: 'Police and Crime Commissioner sign-off: comments',
          to_value: 'Will help us equip officers (comment edited)',
        }),
      ]),
    )
    const page = pageText((await finance.get('/decisions/OPCC.D.013.17').expect(200)).text)
    expect(page).toContain('Commits £1,905,000 in all')
  })
})

describe('funding sources and benefits', () => {
  it('adds a funding source, refuses a duplicate code, and retires one with a reason', async () => {
    await post(
      finance,
      '/funding-sources',
      '/funding-sources',
      { code: 'Home-Office-ESN', name: 'Home Office ESN grant', kind: 'national_grant' },
      303,
    )
    const dup = await post(
      finance,
      '/funding-sources',
      '/funding-sources',
      { code: 'home-office-esn', name: 'Again', kind: 'national_grant' },
      422,
    )
    expect(pageText(dup.text)).toContain('A funding source with the code home-office-esn already exists')
    const form = await finance.get('/funding-sources/home-office-esn/edit').expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const noReason = await finance
      .post('/funding-sources/home-office-esn/edit')
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, name: 'Home Office ESN grant', kind: 'national_grant', retire: 'yes' })
      .expect(422)
    expect(pageText(noReason.text)).toContain('Enter the reason for retiring the funding source')
    await finance
      .post('/funding-sources/home-office-esn/edit')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        version,
        name: 'Home Office ESN grant',
        kind: 'national_grant',
        retire: 'yes',
        reason: 'Never used',
      })
      .expect(303)
    const list = (await finance.get('/funding-sources').expect(200)).text
    expect(pageText(list)).toContain('Funding source “Home Office ESN grant” retired.')
    expect(() => rowText(list, 'Funding sources in use', 'Home Office ESN grant')).toThrow(/No row/)
  })

  it('records cashable and non-cashable benefits, refusing a cashable one with no amount', async () => {
    const bad = await post(
      finance,
      '/programmes/ITP-ESSEX/benefits/new',
      '/programmes/ITP-ESSEX/benefits/new',
      { kind: 'cashable', description: 'Running cost saving', hours: 'lots' },
      422,
    )
    expect(pageText(bad.text)).toContain('Enter the amount of a cashable benefit, like 1.4m')
    expect(pageText(bad.text)).toContain('The hours saved must be a number of hours')
    expect(pageText(bad.text)).toContain('Choose where the figure comes from')
    await post(
      finance,
      '/programmes/ITP-ESSEX/benefits/new',
      '/programmes/ITP-ESSEX/benefits/new',
      { kind: 'cashable', basis: 'document', description: 'Running cost saving', amount: '1.4m', fy: '2016/17' },
      303,
    )
    await post(
      finance,
      '/programmes/MOBILE-FIRST/benefits/new',
      '/programmes/MOBILE-FIRST/benefits/new',
      { kind: 'non_cashable', basis: 'assumption', description: '1 hour per officer per shift', hours: '2,200' },
      303,
    )
    const page = pageText((await request(env.app).get('/programmes/ITP-ESSEX').expect(200)).text)
    expect(page).toContain('Running cost saving Cashable 2016/17 £1,400,000')
    expect(
      await env.db('audit_events').where({ table_name: 'benefits', column_name: 'amount_pence' }).first(),
    ).toMatchObject({ field: 'Amount', to_value: '£1,400,000.00' })
  })
})

describe('accounts', () => {
  it('lets an administrator create and deactivate accounts, audited; nobody else', async () => {
    const admin = await signedIn(env.app, 'admin')
    const bad = await post(
      admin,
      '/accounts',
      '/accounts',
      { email: 'not an email', name: '', role: 'approver', password: 'short' },
      422,
    )
    const text = pageText(bad.text)
    expect(text).toContain('Choose the budget owners an approver may approve changes for')
    await post(
      admin,
      '/accounts',
      '/accounts',
      {
        email: 'new@example.org',
        name: 'New',
        role: 'approver',
        password: 'long enough password',
        approval_limit: '500k',
        owners: 'force',
      },
      303,
    )
    const listed = pageText((await admin.get('/accounts').expect(200)).text)
    expect(listed).toContain('Account created for new@example.org (approver) with an approval limit of £500,000.00.')
    expect(listed).toContain('Up to £500,000: Force (delegated to the Chief Constable)')
    const agent = request.agent(env.app)
    const token = csrfOf((await agent.get('/sign-in')).text)
    await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: token, email: 'new@example.org', password: 'long enough password' })
      .expect(303)
    await agent.get('/programmes/new').expect(200)
    const id = Number((await env.db('users').where({ email: 'new@example.org' }).first<{ id: number }>('id')).id)
    await post(admin, '/accounts', `/accounts/${id}/active`, { active: 'no' }, 303)
    await agent.get('/programmes/new').expect(303) // signed out: sent to sign in
    expect(
      await env.db('audit_events').where({ table_name: 'users', column_name: 'active', action: 'retire' }).first(),
    ).toMatchObject({ action: 'retire', from_value: 'Yes', to_value: 'No' })
    await finance.get('/accounts').expect(403)
  })
})

describe('retiring a cost line', () => {
  it('needs a reason, refuses a line with actual spend, and retires one without', async () => {
    const spent = Number(
      (await env.db('budget_lines').where({ name: "IT platform: Kent's investment" }).first<{ id: number }>('id')).id,
    )
    const form = await finance.get(`/lines/${spent}/edit`).expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const refused = await finance
      .post(`/lines/${spent}/retire`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, retire_reason: 'Done' })
      .expect(422)
    expect(pageText(refused.text)).toContain('has actual spend posted to it, so it cannot be retired')
    const cameras = Number((await env.db('budget_lines').where({ name: 'Cameras' }).first<{ id: number }>('id')).id)
    const form2 = await finance.get(`/lines/${cameras}/edit`).expect(200)
    const v2 = /name="version" value="(\d+)"/.exec(form2.text)?.[1] ?? ''
    const noReason = await finance
      .post(`/lines/${cameras}/retire`)
      .type('form')
      .send({ _csrf: csrfOf(form2.text), version: v2, retire_reason: '' })
      .expect(422)
    expect(pageText(noReason.text)).toContain('Enter the reason for retiring the cost line')
    await finance
      .post(`/lines/${cameras}/retire`)
      .type('form')
      .send({ _csrf: csrfOf(form2.text), version: v2, retire_reason: 'Duplicate of another line' })
      .expect(303)
    expect(pageText((await finance.get('/programmes/BWV').expect(200)).text)).toContain('Cost line “Cameras” retired.')
    expect(await env.db('budget_lines').where({ id: cameras }).first()).toBeTruthy()
    expect(await env.db('audit_events').where({ table_name: 'budget_lines', action: 'retire' }).first()).toMatchObject({
      reason: 'Duplicate of another line',
    })
  })
})

describe('conflicts on cost lines and profiles', () => {
  it('refuses a stale cost line save and a stale profile save, changing nothing', async () => {
    const id = Number(
      (
        await env
          .db('budget_lines')
          .where({ name: 'Integrated software: annual revenue cost' })
          .first<{ id: number }>('id')
      ).id,
    )
    const mine = await finance.get(`/lines/${id}/edit`).expect(200)
    const myVersion = /name="version" value="(\d+)"/.exec(mine.text)?.[1] ?? ''
    const fields = {
      version: myVersion,
      name: 'Integrated software: annual revenue cost',
      nature: 'revenue',
      recurrence: 'recurring',
      budget_owner: 'force',
      spend_type: 'supplies',
      funding_source: 'force-revenue',
      amount_2017: '460k',
      amount_2018: '460k',
      amount_2019: '460k',
      amount_2020: '460k',
      reason: 'Licence price change',
    }
    const other = await signedIn(env.app, 'approver')
    const theirs = await other.get(`/lines/${id}/edit`).expect(200)
    await other
      .post(`/lines/${id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(theirs.text), ...fields, amount_2020: '470k' })
      .expect(303)
    const res = await finance
      .post(`/lines/${id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(mine.text), ...fields, amount_2020: '450k' })
      .expect(409)
    expect(pageText(res.text)).toMatch(/Police and Crime Commissioner \(demo\) <[^>]+> saved first/)
    expect(pageText(res.text)).toContain('Budget 2020/21 £470,000.00')
    expect(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: id, fy_start: 2020 })
            .first<{ amount_pence: string | number }>()
        )?.amount_pence,
      ),
    ).toBe('47000000')

    const year = await finance.get(`/lines/${id}/year?fy=2020-21`).expect(200)
    expect(pageText(year.text)).toContain('The saved profile adds up to £460,000.00, not the budget of £470,000.00')
    const profileVersion = /name="version" value="(\d+)"/.exec(year.text)?.[1] ?? ''
    const before = await env
      .db('budget_profiles')
      .where({ budget_line_id: id, fy_start: 2020 })
      .orderBy('period')
      .select('amount_pence')
    const theirYear = await other.get(`/lines/${id}/year?fy=2020-21`).expect(200)
    await other
      .post(`/lines/${id}/profile?fy=2020-21`)
      .type('form')
      .send({ _csrf: csrfOf(theirYear.text), version: profileVersion, method: 'even' })
      .expect(303)
    const after = await env
      .db('budget_profiles')
      .where({ budget_line_id: id, fy_start: 2020 })
      .orderBy('period')
      .select('amount_pence')
    expect(after).not.toEqual(before)
    await finance
      .post(`/lines/${id}/profile?fy=2020-21`)
      .type('form')
      .send({ _csrf: csrfOf(year.text), version: profileVersion, method: 'capital' })
      .expect(409)
    expect(
      await env
        .db('budget_profiles')
        .where({ budget_line_id: id, fy_start: 2020 })
        .orderBy('period')
        .select('amount_pence'),
    ).toEqual(after)
  })
})

describe('withdrawing a decision', () => {
  it('needs a reason, then removes it from the register without deleting it', async () => {
    const form = await finance.get('/decisions/OPCC.D.102.17/edit').expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const fields = { _csrf: csrfOf(form.text), version, title: 'Drone pilot', classification: 'open', retire: 'yes' }
    const refused = await finance.post('/decisions/OPCC.D.102.17/edit').type('form').send(fields).expect(422)
    expect(pageText(refused.text)).toContain('Enter the reason for withdrawing the decision')
    await finance
      .post('/decisions/OPCC.D.102.17/edit')
      .type('form')
      .send({ ...fields, reason: 'Recorded twice' })
      .expect(303)
    expect(pageText((await finance.get('/decisions').expect(200)).text)).toContain(
      'Decision OPCC.D.102.17 withdrawn from the register.',
    )
    await finance.get('/decisions/OPCC.D.102.17').expect(404)
    expect(await env.db('decisions').where({ reference: 'OPCC.D.102.17' }).first()).toBeTruthy()
    expect(await env.db('audit_events').where({ table_name: 'decisions', action: 'retire' }).first()).toMatchObject({
      reason: 'Recorded twice',
    })
  })
})
