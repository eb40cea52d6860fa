// The decision form: dates as written, governance flags, links and commitments, conflicts, withdrawal.
import { useTestApp } from '../support/test-app'
import { pageText, postForms } from '../support/html'
import { signedIn, csrfOf, type Agent } from '../support/session'
import { post, countRows } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const count = (table: string) => countRows(env.db, table)

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

/** Decision OPCC.D.102.17 as the sign-off test records it: the CFO's date written 6/5/17. */
const makeDronePilot = () =>
  post(
    finance,
    '/decisions/new',
    '/decisions/new',
    { ...base, reference: 'opcc.d.102.17', cfo_date: '6/5/17', cos_date: '6/3/2017', pcc_date: '6/3/2017' },
    303,
  )

describe('decisions', () => {
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
    await makeDronePilot()
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
describe('withdrawing a decision', () => {
  it('needs a reason, then removes it from the register without deleting it', async () => {
    await makeDronePilot()
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
