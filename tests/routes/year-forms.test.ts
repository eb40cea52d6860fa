// Financial years and publishing, and the audit trail.
import { useTestApp } from '../support/test-app'
import { pageText, postForms } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
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
    // A change to a BWV line's published budget, with its reason, and a change to another programme.
    const line = Number(
      (
        await env
          .db('budget_lines as l')
          .join('programmes as p', 'p.id', 'l.programme_id')
          .where('p.code', 'BWV')
          .first<{ id: number }>('l.id')
      ).id,
    )
    const form = (await finance.get(`/lines/${line}/edit`).expect(200)).text
    const fields = postForms(form).find((f) => f.action === `/lines/${line}/edit`)?.fields ?? {}
    await finance
      .post(`/lines/${line}/edit`)
      .type('form')
      .send({ ...fields, amount_2020: '1.9m', reason: 'Extra cameras approved', confirm_plausible: 'yes' })
      .expect(303)
    await post(
      finance,
      '/programmes/ESN/edit',
      '/programmes/ESN/edit',
      {
        name: 'Emergency Services Network',
        status: 'approved',
        description: 'Six drones for search',
        version: String(
          (await env.db('programmes').where({ code: 'ESN' }).first<{ version: number }>('version')).version,
        ),
      },
      303,
    )
    const res = await finance.get('/audit?programme=BWV').expect(200)
    const text = pageText(res.text)
    expect(text).toContain('Budget 2020/21')
    expect(text).toContain('Extra cameras approved')
    expect(text).not.toContain('Six drones for search')
    const bad = await finance.get('/audit?from=31/2/2026').expect(422)
    expect(pageText(bad.text)).toContain('The from date has day 31, which February 2026 does not have')
  })
})
