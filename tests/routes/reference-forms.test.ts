// Funding sources and programmes' benefits.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, csrfOf, type Agent } from '../support/session'
import { post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
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
