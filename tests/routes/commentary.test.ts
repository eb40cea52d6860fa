// Finance's commentary for the Panel pack (issue #14): written as at a period of a year, on the budget and on each
// programme, saved on the record path with its audit rows and version check; shown on the programme's page; the Panel
// reads it but cannot write it; a bad period or year is refused.
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { formFields } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const PATH = '/reports/2020-21/P8/commentary'

it('saves the commentary as at P8, audited, and shows the programme’s on its page', async () => {
  const form = await formFields(finance, PATH)
  expect(form.version).toBe('')
  await finance
    .post(PATH)
    .type('form')
    .send({ ...form, body: 'Spending is on track.', 'programme_MOBILE-FIRST': 'Devices arrive in January.' })
    .expect(303)
    .expect('Location', PATH)
  const page = await finance.get('/programmes/MOBILE-FIRST').expect(200)
  expect(pageText(page.text)).toContain(
    "Commentary, 2020/21 Devices arrive in January. Finance's commentary for the Panel pack, as at P8.",
  )
  const again = await formFields(finance, PATH)
  expect(again['programme_MOBILE-FIRST']).toBe('Devices arrive in January.')
  await finance
    .post(PATH)
    .type('form')
    .send({ ...again, 'programme_MOBILE-FIRST': 'Devices arrive in February.' })
    .expect(303)
  const audit = await env.db('audit_events').where({ table_name: 'programme_commentaries' }).orderBy('id')
  expect(audit.map((a: { from_value: string | null; to_value: string | null }) => [a.from_value, a.to_value])).toEqual([
    [null, 'Devices arrive in January.'],
    ['Devices arrive in January.', 'Devices arrive in February.'],
  ])
  // A form opened before that save is refused, keeping what was typed.
  const stale = await finance
    .post(PATH)
    .type('form')
    .send({ ...again, body: 'Typed on a stale page' })
    .expect(409)
  expect(pageText(stale.text)).toContain('nothing you typed has been saved')
})

it('lets the Panel read the commentary but not write it, and refuses a bad period or year', async () => {
  const panel = await signedIn(env.app, 'panel')
  await panel.get(PATH).expect(403)
  await finance.get('/reports/2020-21/P14/commentary').expect(400)
  await finance.get('/reports/2040-41/P8/commentary').expect(404)
  const form = await formFields(finance, PATH)
  const long = await finance
    .post(PATH)
    .type('form')
    .send({ ...form, body: 'x'.repeat(5001) })
    .expect(422)
  expect(pageText(long.text)).toContain('commentary on the budget')
  await finance.post(PATH).type('form').send(form).expect(303) // a blank form: nothing written, nothing saved
  const rows = await env.db('pack_commentaries').where({ fy_start: 2020 }).count<{ n: number | string }[]>({ n: '*' })
  expect(Number(rows[0]?.n)).toBe(0)
})
