// Values no form of ours sends, and saves that race each other: each gets a 4xx that says what to do, and the
// database is left as it was (or, for a race, as the one save that won left it). On PostgreSQL (CI's second run)
// the races are real; on SQLite the single connection makes them one after the other, and the answers must match.
import { useTestApp } from '../support/test-app'
import { pageText, postForms } from '../support/html'
import { csrfOf, signedIn, type Agent } from '../support/session'
import { snapshotWritable } from '../support/test-db'

const env = useTestApp()
let finance: Agent

beforeAll(async () => {
  finance = await signedIn(env.app, 'finance')
})

/** The first POST form on `formPath` whose action starts with `action`, as a browser would send it. */
async function formOn(agent: Agent, formPath: string, action: string) {
  const page = await agent.get(formPath).expect(200)
  const form = postForms(page.text).find((f) => f.action.startsWith(action))
  if (!form) throw new Error(`No form for ${action} on ${formPath}`)
  return form
}

describe('a version that is not one', () => {
  const cases: [string, () => Promise<[string, string]>][] = [
    [
      'a benefit',
      async () => [`/benefits/${(await env.db('benefits').first<{ id: number }>('id'))?.id}/edit`, '/benefits/'],
    ],
    ['a decision', () => Promise.resolve(['/decisions/OPCC.D.013.17/edit', '/decisions/OPCC.D.013.17/edit'])],
    [
      'appraisal settings',
      () => Promise.resolve(['/programmes/ITP-ESSEX/appraisal/settings', '/programmes/ITP-ESSEX/appraisal/settings']),
    ],
    ['a programme', () => Promise.resolve(['/programmes/ESN/edit', '/programmes/ESN/edit'])],
  ]
  it.each(cases)('on %s is refused with 422, asking for a reload, and changes nothing', async (_what, where) => {
    const [formPath, action] = await where()
    for (const bad of ['abc', '', '0', '-1', '1.5', '99999999999999999999']) {
      const form = await formOn(finance, formPath, action)
      const before = await snapshotWritable(env.db)
      const res = await finance
        .post(form.action)
        .type('form')
        .send({ ...form.fields, version: bad, description: 'changed' })
      expect([bad, res.status]).toEqual([bad, 422])
      expect(pageText(res.text)).toContain('reload the page and make your change again')
      expect(await snapshotWritable(env.db)).toBe(before)
    }
  })
})

describe('the profile form', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses the method %s with 422 and changes nothing',
    async (method) => {
      const line = await env
        .db('budget_amounts')
        .where({ fy_start: 2020 })
        .first<{ budget_line_id: number }>('budget_line_id')
      const form = await formOn(
        finance,
        `/lines/${line?.budget_line_id}/year?fy=2020-21`,
        `/lines/${line?.budget_line_id}/profile`,
      )
      const before = await snapshotWritable(env.db)
      const res = await finance
        .post(form.action)
        .type('form')
        .send({ ...form.fields, method })
      expect(res.status).toBe(422)
      expect(pageText(res.text)).toContain('Choose how to profile the year')
      expect(await snapshotWritable(env.db)).toBe(before)
    },
  )
})

describe('saves that race', () => {
  it('gives the loser of two simultaneous creates of one programme code the same 422 as a later duplicate', async () => {
    const forms = await Promise.all([0, 1].map(() => finance.get('/programmes/new').expect(200)))
    const results = await Promise.all(
      forms.map((f, i) =>
        finance
          .post('/programmes/new')
          .type('form')
          .send({ _csrf: csrfOf(f.text), code: 'RACE', name: `Racer ${i}`, status: 'proposed' }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([303, 422])
    const loser = results.find((r) => r.status === 422)
    expect(pageText(loser?.text ?? '')).toContain('A programme with the code RACE already exists')
    expect(Number((await env.db('programmes').where({ code: 'RACE' }).count({ n: '*' }).first())?.n)).toBe(1)
  })

  // Every other create a unique key guards: two people saving the same key at the same moment get, between them, one
  // save and the refusal a later duplicate gets (on PostgreSQL the two really run at once).
  it.each([
    [
      'a funding source code',
      '/funding-sources',
      '/funding-sources',
      { code: 'race-fund', name: 'Race', kind: 'borrowing' },
      'A funding source with the code race-fund already exists',
    ],
    [
      'a decision reference',
      '/decisions/new',
      '/decisions/new',
      { reference: 'OPCC.D.999.99', title: 'Race', classification: 'open' },
      'A decision with the reference OPCC.D.999.99 already exists',
    ],
    ['a financial year', '/years', '/years', { fy: '2024-25' }, '2024/25 already exists'],
  ] as const)(
    'gives the loser of two simultaneous creates of %s the same 422 as a later duplicate',
    async (_what, page, action, fields, refusal) => {
      const forms = await Promise.all([0, 1].map(() => finance.get(page).expect(200)))
      const results = await Promise.all(
        forms.map((f) =>
          finance
            .post(action)
            .type('form')
            .send({ _csrf: csrfOf(f.text), ...fields }),
        ),
      )
      expect(results.map((r) => r.status).sort()).toEqual([303, 422])
      expect(pageText(results.find((r) => r.status === 422)?.text ?? '')).toContain(refusal)
    },
  )

  it('gives the loser of two simultaneous creates of one account email the same 422 as a later duplicate', async () => {
    // Two administrators' sessions (the one demo administrator, signed in twice), each with its form.
    const admins = await Promise.all([0, 1].map(() => signedIn(env.app, 'admin')))
    const forms = await Promise.all(admins.map((a) => a.get('/accounts').expect(200)))
    const account = { email: 'race@example.org', name: 'Race', role: 'panel', password: 'a long enough password 123' }
    const results = await Promise.all(
      admins.map((a, i) =>
        a
          .post('/accounts')
          .type('form')
          .send({ _csrf: csrfOf(forms[i]?.text ?? ''), ...account }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([303, 422])
    expect(pageText(results.find((r) => r.status === 422)?.text ?? '')).toContain(
      'An account with this email address already exists',
    )
    expect(Number((await env.db('users').where({ email: 'race@example.org' }).count({ n: '*' }).first())?.n)).toBe(1)
  })

  it('gives the loser of two simultaneous first forecasts for one period a 409 naming who saved first', async () => {
    const line = await env
      .db('budget_amounts')
      .where({ fy_start: 2020 })
      .first<{ budget_line_id: number }>('budget_line_id')
    const id = line?.budget_line_id
    await env.db('forecasts').where({ budget_line_id: id, fy_start: 2020, made_in_period: 9 }).del()
    const other = await signedIn(env.app, 'approver')
    const [mine, theirs] = await Promise.all([
      formOn(finance, `/lines/${id}/year?fy=2020-21`, `/lines/${id}/forecast`),
      formOn(other, `/lines/${id}/year?fy=2020-21`, `/lines/${id}/forecast`),
    ])
    const results = await Promise.all([
      finance
        .post(mine.action)
        .type('form')
        .send({ ...mine.fields, made_in_period: '9', version: '', amount: '1000', note: 'mine' }),
      other
        .post(theirs.action)
        .type('form')
        .send({ ...theirs.fields, made_in_period: '9', version: '', amount: '2000', note: 'theirs' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([303, 409])
    const loser = results.find((r) => r.status === 409)
    expect(pageText(loser?.text ?? '')).toMatch(
      /The P9 .*forecast of .* was changed by (Finance officer|Police and Crime Commissioner) \(demo\)/,
    )
    expect(
      Number(
        (
          await env
            .db('forecasts')
            .where({ budget_line_id: id, fy_start: 2020, made_in_period: 9 })
            .count({ n: '*' })
            .first()
        )?.n,
      ),
    ).toBe(1)
  })
})
