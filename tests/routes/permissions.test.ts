// Every changing route is refused to those who may not change figures, and changes nothing.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { csrfOf, signedIn } from '../support/session'
import { countRows } from '../support/forms'

const env = useTestApp({ fresh: 'test' })

const count = (table: string) => countRows(env.db, table)

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
    ['post', '/lines/1/journal?fy=2020-21'],
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
