// Changing the plan (issue #10): a line's amounts by year on the record path (audited, version-checked); a published
// figure needs its source; changing an adopted plan makes it a draft; adoption refused while the budget year has a
// gap, naming the amount; rolling forward; the workforce and the savings register.
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { countRows, formFields } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const PLAN = 'Medium-term financial plan 2017/18 to 2021/22'

const formAt = formFields

async function lineId(name: string): Promise<number> {
  const row = await env.db('mtfp_lines').where({ name }).first<{ id: number }>('id')
  return Number(row.id)
}

describe('a plan line', () => {
  it('saves an amount, audited by year; the adopted plan becomes a draft; adoption is refused naming the gap', async () => {
    const id = await lineId('Police grant (Home Office)')
    const path = `/mtfp/lines/${id}/edit`
    const fields = await formAt(finance, path)
    expect(fields.amount_2017).toBe('120400000.00')
    expect(fields.status_2017).toBe('final')
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, amount_2017: '119,400,000', reason: 'Settlement' })
      .expect(303)
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'mtfp_amounts', column_name: 'amount_pence' })
      .first<{ field: string; from_value: string; to_value: string; reason: string }>()
    expect(audit).toMatchObject({
      field: 'Plan 2017/18: amount',
      from_value: '£120,400,000.00',
      to_value: '£119,400,000.00',
      reason: 'Settlement',
    })
    const status = await env
      .db('audit_events')
      .where({ table_name: 'mtfp_plans', column_name: 'status' })
      .first<{ from_value: string; to_value: string }>()
    expect(status).toMatchObject({ from_value: 'Adopted', to_value: 'Draft' })
    const page = await finance.get('/mtfp').expect(200)
    expect(pageText(page.text)).toContain(
      '2017/18 does not balance: spending exceeds funding and planned use of reserves by £1,000,000.00.',
    )
    const adopt = await formAt(finance, '/mtfp', '/mtfp/adopt')
    const refused = await finance.post('/mtfp/adopt').type('form').send(adopt).expect(422)
    expect(pageText(refused.text)).toContain('There is a problem')
    expect(pageText(refused.text)).toContain('by £1,000,000.00')
    expect((await env.db('mtfp_plans').first<{ status: string }>('status')).status).toBe('draft')
    // Balance it with a specific grant (the precept income comes from the precept set for the year), then adopt.
    const grant = await lineId('Specific grants')
    const gf = await formAt(finance, `/mtfp/lines/${grant}/edit`)
    await finance
      .post(`/mtfp/lines/${grant}/edit`)
      .type('form')
      .send({ ...gf, amount_2017: String(Number(gf.amount_2017 || '0') + 1_000_000), status_2017: 'final' })
      .expect(303)
    const again = await formAt(finance, '/mtfp', '/mtfp/adopt')
    await finance.post('/mtfp/adopt').type('form').send(again).expect(303)
    const adopted = await finance.get('/mtfp').expect(200)
    expect(pageText(adopted.text)).toContain('The budget year 2017/18 balances.')
    expect(pageText(adopted.text)).toMatch(/Status Adopted on \d+ \w+ \d{4} by Finance officer \(demo\)/)
  })

  it('refuses a published figure without its source, and bad amounts, naming the field and changing nothing', async () => {
    const id = await lineId('Precept income')
    const path = `/mtfp/lines/${id}/edit`
    const fields = await formAt(finance, path)
    const before = await countRows(env.db, 'audit_events')
    const res = await finance
      .post(path)
      .type('form')
      .send({ ...fields, basis_2018: 'published', source_2018: '', amount_2019: 'lots', amount_2020: '-5' })
      .expect(422)
    const text = pageText(res.text)
    expect(text).toContain('Enter the source of the published 2018/19 figure')
    expect(text).toContain('The amount in 2019/20 must be an amount of money')
    expect(text).toMatch(/The amount in 2020\/21 .*negative/)
    expect(await countRows(env.db, 'audit_events')).toBe(before)
  })

  it('asks to confirm a funding line that jumps by more than a quarter, then saves', async () => {
    const id = await lineId('Precept income')
    const path = `/mtfp/lines/${id}/edit`
    const fields = await formAt(finance, path)
    const warned = await finance
      .post(path)
      .type('form')
      .send({ ...fields, amount_2018: '150,000,000' })
      .expect(422)
    expect(pageText(warned.text)).toContain('The 2018/19 amount of £150,000,000.00 is 56% away from 2017/18')
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, amount_2018: '150,000,000', confirm_plausible: 'yes' })
      .expect(303)
  })

  it('adds a growth line, one-off, into the plan; refuses a save over someone else’s; the Panel cannot', async () => {
    const fields = await formAt(finance, '/mtfp/lines/new?plan=2017-18')
    await finance
      .post('/mtfp/lines/new?plan=2017-18')
      .type('form')
      .send({ ...fields, kind: 'growth', name: 'Major operation', one_off: 'yes', amount_2018: '2,000,000' })
      .expect(303)
    const page = await finance.get('/mtfp').expect(200)
    expect(rowText(page.text, PLAN, 'Growth: Major operation (one-off)')).toContain('2.0 * (assumption)')
    expect(rowText(page.text, PLAN, 'One-off growth of the year before, ending')).toBe(
      'One-off growth of the year before, ending 0.0 0.0 −2.0 −1.0 0.0',
    )
    const id = await lineId('Major operation')
    const form = await formAt(finance, `/mtfp/lines/${id}/edit`)
    await finance
      .post(`/mtfp/lines/${id}/edit`)
      .type('form')
      .send({ ...form, amount_2018: '2,500,000' })
      .expect(303)
    await finance
      .post(`/mtfp/lines/${id}/edit`)
      .type('form')
      .send({ ...form, amount_2018: '3,000,000' })
      .expect(409)
    const panel = await signedIn(env.app, 'panel')
    await panel.get(`/mtfp/lines/${id}/edit`).expect(403)
    await finance.get('/mtfp/lines/999999/edit').expect(404)
  })
})

describe('rolling forward', () => {
  it('copies the adopted plan as a draft from the next year and supersedes it; a superseded plan is not changed', async () => {
    const form = await formAt(finance, '/mtfp', '/mtfp/roll-forward')
    const res = await finance.post('/mtfp/roll-forward').type('form').send(form).expect(303)
    expect(res.headers.location).toBe('/mtfp?plan=2018-19')
    const page = await finance.get('/mtfp?plan=2018-19').expect(200)
    expect(pageText(page.text)).toContain('The plan 2018/19 to 2021/22')
    expect(pageText(page.text)).toContain('Status Draft')
    expect(rowText(page.text, 'Medium-term financial plan 2018/19', 'Base: net spending of the year before')).toBe(
      'Base: net spending of the year before 301.8 314.4 332.6 356.0',
    )
    // The same figures a year on: 2018/19's gap is the one the old plan showed.
    expect(rowText(page.text, 'Medium-term financial plan 2018/19', 'Gap')).toBe(
      'Gap (shortfall; surplus negative) 3.2 −0.1 2.5 0.0',
    )
    const old = await finance.get('/mtfp?plan=2017-18').expect(200)
    expect(pageText(old.text)).toContain('Superseded')
    const id = await lineId('Precept income')
    const refused = await finance
      .post(`/mtfp/lines/${id}/edit`)
      .type('form')
      .send({ ...(await formAt(finance, `/mtfp/lines/${id}/edit`)), amount_2018: '1' })
      .expect(422)
    expect(pageText(refused.text)).toContain('has been superseded by a later plan')
    const audit = await env.db('audit_events').where({ table_name: 'mtfp_plans', column_name: 'status' })
    expect(audit.map((a: { to_value: string }) => a.to_value)).toContain('Superseded')
    const again = await finance.post('/mtfp/roll-forward').type('form').send(form).expect(422)
    expect(pageText(again.text)).toContain('Only an adopted plan is rolled forward')
  })
})

describe('the workforce', () => {
  it('saves a group year by year; the plan’s pay line follows; bad rates are refused by name', async () => {
    const path = '/mtfp/workforce/officers/edit?plan=2017-18'
    const fields = await formAt(finance, path, path)
    expect(fields.fte_2017).toBe('3260')
    const bad = await finance
      .post(path)
      .type('form')
      .send({ ...fields, pension_2019: '131', fte_2018: 'many' })
      .expect(422)
    expect(pageText(bad.text)).toContain("The employer's pension rate in 2019/20, in percent must be 100 or less")
    expect(pageText(bad.text)).toContain('The FTE in 2018/19 must be a number, like 3260')
    const before = await finance.get('/mtfp').expect(200)
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, fte_2021: '4100' })
      .expect(303)
    const after = await finance.get('/mtfp').expect(200)
    const pay = (html: string) => rowText(html, PLAN, 'Pay: awards').split(' ').pop()
    expect(pay(after.text)).not.toBe(pay(before.text))
    const audit = await env.db('audit_events').where({ table_name: 'workforce_years', column_name: 'fte' }).first()
    expect(audit).toMatchObject({ field: 'Workforce 2021/22: FTE', from_value: '4000', to_value: '4100' })
  })
})

describe('the savings register', () => {
  it('adds a saving that feeds the plan; a delivered saving must name its line and year', async () => {
    const fields = await formAt(finance, '/mtfp/savings/new')
    const refused = await finance
      .post('/mtfp/savings/new')
      .type('form')
      .send({
        ...fields,
        name: 'Shared HR',
        owner: 'Chief Officer',
        fy: '2020-21',
        amount: '500,000',
        confidence: 'amber',
        delivered: 'yes',
      })
      .expect(422)
    expect(pageText(refused.text)).toContain('Choose the budget line the delivered saving came off')
    expect(pageText(refused.text)).toContain('Enter the year the delivered saving came off')
    await finance
      .post('/mtfp/savings/new')
      .type('form')
      .send({
        ...fields,
        name: 'Shared HR',
        owner: 'Chief Officer',
        fy: '2020-21',
        amount: '500,000',
        confidence: 'amber',
      })
      .expect(303)
    const page = await finance.get('/mtfp/savings').expect(200)
    expect(rowText(page.text, 'Savings by year', '2020/21')).toBe('2020/21 7.5 7.5 0.0 0.0 0.0 0.0 4.5 3.0')
    const plan = await finance.get('/mtfp').expect(200)
    expect(rowText(plan.text, PLAN, 'Savings, recurring')).toContain('−7.5')
    const audit = await env.db('audit_events').where({ table_name: 'savings', column_name: 'amount_pence' }).first()
    expect(audit).toMatchObject({ action: 'create', to_value: '£500,000.00' })
  })

  it('retires a saving with its reason', async () => {
    const row = await env.db('savings').where({ code: 'support-20' }).first<{ id: number }>('id')
    const path = `/mtfp/savings/${row.id}/edit`
    const fields = await formAt(finance, path)
    const noReason = await finance
      .post(path)
      .type('form')
      .send({ ...fields, retire: 'yes' })
      .expect(422)
    expect(pageText(noReason.text)).toContain('Enter the reason for retiring the saving')
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, retire: 'yes', reason: 'Dropped' })
      .expect(303)
    const page = await finance.get('/mtfp/savings').expect(200)
    expect(rowText(page.text, 'Savings by year', '2020/21')).toBe('2020/21 4.0 4.0 0.0 0.0 0.0 0.0 4.0 0.0')
    expect(rowText(page.text, 'Each scheme', 'Estates: second phase')).toContain('£4,000,000')
    expect(pageText(page.text)).not.toContain('Edit Support services review')
  })
})

describe('who sees a draft plan', () => {
  it('shows the Panel and the public the adopted plan only; finance sees the draft', async () => {
    const form = await formAt(finance, '/mtfp', '/mtfp/roll-forward')
    await finance.post('/mtfp/roll-forward').type('form').send(form).expect(303)
    expect(pageText((await finance.get('/mtfp').expect(200)).text)).toContain('The plan 2018/19 to 2021/22')
    const panel = await signedIn(env.app, 'panel')
    const seen = await panel.get('/mtfp').expect(200)
    expect(pageText(seen.text)).toContain('The plan 2017/18 to 2021/22')
    expect(pageText(seen.text)).not.toContain('2018/19 onwards')
    await panel.get('/mtfp?plan=2018-19').expect(404)
    await panel.get('/mtfp/workforce?plan=2018-19').expect(404)
  })
})

describe('a year added to the plan', () => {
  it('says a year has no workforce figures until they are added, and takes its pay as the year before’s', async () => {
    const id = await lineId('Precept income')
    const fields = await formAt(finance, `/mtfp/lines/${id}/edit`)
    await finance
      .post(`/mtfp/lines/${id}/edit`)
      .type('form')
      .send({ ...fields, amount_2022: '146,000,000' })
      .expect(303)
    const page = await finance.get('/mtfp').expect(200)
    expect(pageText(page.text)).toContain('The plan 2017/18 to 2022/23')
    expect(pageText(page.text)).toContain("2022/23 has no workforce figures: its pay is taken as the year before's")
    expect(rowText(page.text, 'Medium-term financial plan', 'Pay: awards').split(' ').slice(-4).join(' ')).toBe(
      '0.0 no workforce figures',
    )
    expect(pageText(page.text)).toContain("2022/23 has no local income figure: the year before's is taken.")
    expect(rowText(page.text, 'Medium-term financial plan', 'Change in local income').split(' ').pop()).toBe('0.0')
    const path = '/mtfp/workforce/officers/edit?plan=2017-18'
    const form = await formAt(finance, path, path)
    expect(form.fte_2022).toBe('')
    const half = await finance
      .post(path)
      .type('form')
      .send({ ...form, fte_2022: '4050', award_2022: '3' })
      .expect(422)
    expect(pageText(half.text)).toContain("Enter the employer's NI rate in 2022/23 (0 if none)")
    await finance
      .post(path)
      .type('form')
      .send({ ...form, fte_2022: '4050', award_2022: '3', ni_2022: '10.5', pension_2022: '31', vacancy_2022: '1' })
      .expect(303)
    const after = await finance.get('/mtfp').expect(200)
    expect(pageText(after.text)).toContain('2022/23 has no workforce figures') // PCSOs and staff still have none
    const officers = await env.db('workforce_years').where({ fy_start: 2022 }).count<{ n: number }[]>({ n: '*' })
    expect(Number(officers[0]?.n)).toBe(1)
  })
})

describe('the plan’s base', () => {
  it('saves the base with its source, audited, and the plan is built on it; a blank source is refused', async () => {
    const path = '/mtfp/settings?plan=2017-18'
    const fields = await formAt(finance, path, path)
    expect(fields.base).toBe('295500000.00')
    const bad = await finance
      .post(path)
      .type('form')
      .send({ ...fields, base_source: '', base: 'x' })
      .expect(422)
    expect(pageText(bad.text)).toContain('Enter the source of the base')
    expect(pageText(bad.text)).toContain('The net revenue budget of 2016/17 must be an amount of money')
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, base: '296,500,000', base_source: 'Budget book 2016/17' })
      .expect(303)
    const page = await finance.get('/mtfp').expect(200)
    expect(rowText(page.text, PLAN, 'Base: net spending of the year before')).toMatch(
      /^Base: net spending of the year before 296\.5 /,
    )
    expect(pageText(page.text)).toContain(
      '2017/18 does not balance: spending exceeds funding and planned use of reserves by £1,000,000.00',
    )
    const audit = await env.db('audit_events').where({ table_name: 'mtfp_plans', column_name: 'base_pence' }).first()
    expect(audit).toMatchObject({ from_value: '£295,500,000.00', to_value: '£296,500,000.00' })
  })
})
