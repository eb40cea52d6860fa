// Programmes: create, edit, conflicts, retire.
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { csrfOf, signedIn, type Agent } from '../support/session'
import { post, countRows } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const count = (table: string) => countRows(env.db, table)

/** The programme the edit, conflict and retire tests work on, made through the form as a user would. */
const makeDrones = () =>
  post(
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

describe('programmes', () => {
  it('creates a programme, shows it, and records who set each field', async () => {
    const res = await makeDrones()
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
    await makeDrones()
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
    await makeDrones()
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
    await makeDrones()
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
