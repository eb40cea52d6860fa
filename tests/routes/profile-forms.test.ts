// A line's monthly profile and forecast outturn.
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn, csrfOf, type Agent } from '../support/session'
import { post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

describe('monthly profiles and forecasts', () => {
  let lineId = 0
  // A cost line of its own, made through the form: £535,000 in 2020/21 and no profile yet.
  beforeEach(async () => {
    const line = {
      name: 'Cameras',
      nature: 'capital',
      recurrence: 'one_off',
      budget_owner: 'capital_programme',
      spend_type: 'capital_equipment',
      funding_source: 'approved-capital',
      amount_2020: '535k',
      reason: 'New phase',
      // More than BWV's decisions commit: confirmed, as a user who has checked it would.
      confirm_plausible: 'yes',
    }
    await post(finance, '/programmes/BWV/lines/new', '/programmes/BWV/lines/new', line, 303)
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
