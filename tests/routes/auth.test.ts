// Signing in and out, CSRF, the sign-in limit, and what each role may see.
import request from 'supertest'
import { testApp, useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, tokenFor } from '../support/session'

const env = useTestApp()

describe('signing in', () => {
  it('signs in with the right password, shows who is signed in, and signs out', async () => {
    const agent = await signedIn(env.app, 'finance')
    const home = await agent.get('/').expect(200)
    expect(pageText(home.text)).toContain('Finance officer (demo) (Finance team)')
    const sessions = await env.db('sessions').count({ n: '*' }).first()
    expect(Number(sessions?.n)).toBeGreaterThan(0)
    const _csrf = await tokenFor(agent, '/')
    await agent.post('/sign-out').type('form').send({ _csrf }).expect(303)
    const after = await agent.get('/').expect(200)
    expect(pageText(after.text)).toContain('Sign in')
    expect(pageText(after.text)).not.toContain('Finance officer (demo)')
  })

  it('refuses a wrong password without saying which part was wrong, keeping the email typed', async () => {
    const agent = request.agent(env.app)
    const _csrf = await tokenFor(agent)
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'finance@demo.example.org', password: 'wrong password', _csrf })
      .expect(401)
    const text = pageText(res.text)
    expect(text).toContain('There is a problem')
    expect(text).toContain('The email address or password is not right')
    expect(res.text).toContain('value="finance@demo.example.org"')
    expect(res.text).toMatch(/<title>Error: Sign in/)
    expect(res.text).toContain('href="#email"')
  })

  it('names each empty field', async () => {
    const agent = request.agent(env.app)
    const _csrf = await tokenFor(agent)
    const res = await agent.post('/sign-in').type('form').send({ email: '', password: '', _csrf }).expect(422)
    expect(pageText(res.text)).toContain('Enter your email address')
    expect(pageText(res.text)).toContain('Enter your password')
  })

  it('refuses a form without its CSRF token', async () => {
    const res = await request(env.app)
      .post('/sign-in')
      .type('form')
      .send({ email: 'finance@demo.example.org', password: 'demo-finance-only' })
      .expect(403)
    expect(pageText(res.text)).toContain('This form has expired')
  })

  it('limits repeated failed sign-ins for an email', async () => {
    const agent = request.agent(env.app)
    const _csrf = await tokenFor(agent)
    for (let i = 0; i < 5; i++) {
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email: 'force-fd@demo.example.org', password: `wrong ${i}`, _csrf })
        .expect(401)
    }
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'force-fd@demo.example.org', password: 'demo-force-approver', _csrf })
      .expect(429)
    expect(pageText(res.text)).toContain('Too many failed attempts')
  })

  it('never refuses correct sign-ins made at the same moment: only failures count', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const agent = request.agent(env.app)
        const _csrf = await tokenFor(agent)
        return agent
          .post('/sign-in')
          .type('form')
          .send({ email: 'cfo@demo.example.org', password: 'demo-cfo-approver', _csrf })
      }),
    )
    expect(attempts.map((r) => r.status)).toEqual(Array(12).fill(303))
    const failures = await env
      .db('sign_in_failures')
      .where('limit_key', 'like', '%|cfo@demo.example.org')
      .count({ n: '*' })
      .first()
    expect(Number(failures?.n)).toBe(0)
  })

  it('counts wrong passwords sent at the same moment one by one, and keeps the lock across a restart', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const agent = request.agent(env.app)
        const _csrf = await tokenFor(agent)
        return agent
          .post('/sign-in')
          .type('form')
          .send({ email: 'someone.else@demo.example.org', password: `wrong ${i}`, _csrf })
      }),
    )
    expect(attempts.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429])
    // A new app over the same database is what a restart is: the failures are still counted.
    const restarted = testApp(env.db)
    const agent = request.agent(restarted)
    const _csrf = await tokenFor(agent)
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'someone.else@demo.example.org', password: 'another guess', _csrf })
      .expect(429)
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(800)
    expect(pageText(res.text)).toMatch(/Wait 1[45] minutes/)
  })

  it('keeps no signed-in page in a cache', async () => {
    const finance = await signedIn(env.app, 'finance')
    for (const path of ['/', '/audit', '/programmes/new', '/years']) {
      const res = await finance.get(path).expect(200)
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-store'])
    }
    const admin = await signedIn(env.app, 'admin')
    expect((await admin.get('/accounts').expect(200)).headers['cache-control']).toBe('no-store')
    expect((await request(env.app).get('/').expect(200)).headers['cache-control']).toBe('private, no-cache')
  })

  it('only follows a next address on this site', async () => {
    const agent = request.agent(env.app)
    const _csrf = await tokenFor(agent)
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'admin@demo.example.org', password: 'demo-administrator', _csrf, next: '//evil.example/' })
      .expect(303)
    expect(res.headers.location).toBe('/')
  })
})

describe('what each role sees', () => {
  beforeAll(async () => {
    // 2020/21 back to draft, a proposed programme, and a confidential decision (marked for the Panel or not).
    await env.db('financial_years').where({ fy_start: 2020 }).update({ status: 'draft' })
    await env.db('programmes').where({ code: 'ESN' }).update({ status: 'proposed' })
    await env
      .db('decisions')
      .where({ reference: 'OPCC.D.034.23' })
      .update({ classification: 'confidential', published_to_panel: true })
    await env
      .db('decisions')
      .where({ reference: 'OPCC.D.033.23' })
      .update({ classification: 'confidential', published_to_panel: false })
  })
  afterAll(async () => {
    await env.db('financial_years').where({ fy_start: 2020 }).update({ status: 'published' })
    await env.db('programmes').where({ code: 'ESN' }).update({ status: 'in_progress' })
    await env
      .db('decisions')
      .whereIn('reference', ['OPCC.D.033.23', 'OPCC.D.034.23'])
      .update({ classification: 'open', published_to_panel: true })
  })

  it('shows the public only published years, published programmes and open decisions', async () => {
    const home = await request(env.app).get('/').expect(200)
    expect(pageText(home.text)).toContain('2019/20 Office dashboard')
    expect(home.text).not.toContain('<option value="2020-21"')
    await request(env.app).get('/?fy=2020-21').expect(404)
    const list = await request(env.app).get('/programmes').expect(200)
    expect(pageText(list.text)).not.toContain('ESN Emergency Services Network')
    expect(pageText(list.text)).toContain('MOBILE-FIRST Mobile First')
    await request(env.app).get('/programmes/ESN').expect(404)
    const mobile = await request(env.app).get('/programmes/MOBILE-FIRST').expect(200)
    expect(mobile.text).not.toContain('<option value="2020-21"')
    expect(() => rowText(mobile.text, 'by financial year', '2020/21')).toThrow(/No row/)
    expect(pageText(mobile.text)).toContain('Whole-life budget £4,443,750')
    const decisions = pageText((await request(env.app).get('/decisions').expect(200)).text)
    expect(decisions).not.toContain('OPCC.D.033.23')
    expect(decisions).not.toContain('OPCC.D.034.23')
    await request(env.app).get('/decisions/OPCC.D.034.23').expect(404)
  })

  it('shows the Panel confidential decisions marked for the Panel, but no drafts', async () => {
    const panel = await signedIn(env.app, 'panel')
    const decisions = pageText((await panel.get('/decisions').expect(200)).text)
    expect(decisions).toContain('OPCC.D.034.23')
    expect(decisions).not.toContain('OPCC.D.033.23')
    await panel.get('/?fy=2020-21').expect(404)
    await panel.get('/programmes/ESN').expect(404)
  })

  it('shows finance everything, drafts included', async () => {
    const finance = await signedIn(env.app, 'finance')
    // The draft year is offered, labelled a draft, but the dashboard opens on the latest published year.
    const home = pageText((await finance.get('/').expect(200)).text)
    expect(home).toContain('2019/20 Office dashboard')
    expect(home).toContain('2020/21 (draft)')
    const draft = pageText((await finance.get('/?fy=2020-21').expect(200)).text)
    expect(draft).toContain('2020/21 (draft) Office dashboard')
    expect(draft).toContain(
      '2020/21 is a draft. Its figures are not published: the Panel and the public do not see them.',
    )
    await finance.get('/programmes/ESN').expect(200)
    const decisions = pageText((await finance.get('/decisions').expect(200)).text)
    expect(decisions).toContain('OPCC.D.033.23')
    expect(decisions).toContain('OPCC.D.034.23')
  })
})
