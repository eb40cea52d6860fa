// Accounts, for administrators.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { csrfOf, signedIn, type Agent } from '../support/session'
import { post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
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
