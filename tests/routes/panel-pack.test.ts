// The Panel pack (issue #14): the report as at a period of a year, from live data; the sections a February meeting adds;
// "since the last meeting" from the meeting dates of the packs; who may read it; bad requests; the PDF's explanation
// where the server has no Chromium. (The PDF itself is checked in tests/browser/panel-pack.test.ts.)
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { formFields } from '../support/forms'
import { createApp } from '../../server/app'
import { createServices } from '../../server/services'

const env = useTestApp({ fresh: 'test' })
let finance: Agent
let panel: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
  panel = await signedIn(env.app, 'panel')
})

const FEBRUARY = '/reports/panel-pack?fy=2016-17&period=P10'
const MARCH = '/reports/panel-pack?fy=2016-17&period=P11'

it('assembles the February pack: cover, contents, every section, the precept and section 25, the commentary', async () => {
  const text = pageText((await panel.get(FEBRUARY).expect(200)).text)
  expect(text).toContain('Budget monitoring report 2016/17, as at P10 (January)')
  expect(text).toContain('Meeting 7 February 2017')
  for (const heading of [
    '1. Summary and commentary',
    '2. Revenue budget',
    '3. Capital programme and financing',
    '4. Programmes',
    '4.1 Body Worn Video',
    '5. Budget changes approved since the last meeting',
    '6. Decisions taken since the last meeting',
    '7. Invest-to-save appraisal',
    '8. Medium-term financial plan, reserves and savings',
    '9. The precept proposal',
    "10. The Chief Finance Officer's section 25 statement",
    '11. Glossary',
  ])
    expect(text).toContain(heading)
  expect(text).toContain('Spending is on budget at the end of January.')
  expect(text).toContain('The 2015/16 slippage of £373,000 was spent in June 2016')
  // The precept proposal for the next year, every band, and the referendum test.
  expect(text).toContain("The Commissioner's proposed precept for 2017/18")
  expect(rowText((await panel.get(FEBRUARY)).text, 'Every band: the 2017/18 charge and its rise', 'D')).toContain(
    '£157.15',
  )
  expect(text).toContain('Within the principle')
  // No meeting before 7 February 2017 is recorded: the changes approved since the year began count (not the virement of
  // December 2015), and the decisions of March are not yet taken.
  expect(text).toContain('Body Worn Video: replacement cameras slip into 2016/17')
  expect(text).not.toContain('Police staff pay: cover for the overspend')
  expect(text).toContain(
    '2 budget changes approved; 0 decisions taken (no earlier meeting is recorded: since 1 April 2016)',
  )
})

it('counts changes and decisions since the last meeting, and leaves the precept to the February pack', async () => {
  const text = pageText((await panel.get(MARCH).expect(200)).text)
  expect(text).toContain('Meeting 28 March 2017')
  expect(text).toContain('0 budget changes approved; 2 decisions taken (since 7 February 2017)')
  expect(text).toContain('OPCC.D.013.17 Mobile First - Integrated Software Procurement 6 March 2017')
  expect(text).toContain('OPCC.D.014.17')
  expect(text).toContain('No budget change was approved in that time.')
  expect(text).not.toContain('The precept proposal')
  expect(text).toContain('9. Glossary')
})

it('gives the figures as at the period asked for: actuals to it, forecasts made by then', async () => {
  const atP3 = pageText((await panel.get('/reports/panel-pack?fy=2016-17&period=P3').expect(200)).text)
  expect(atP3).toContain('Actuals are to the end of P3 (June 2016)')
  expect(atP3).toContain('Actual to P3 £373,000 (profile £373,000)')
  const atP2 = pageText((await panel.get('/reports/panel-pack?fy=2016-17&period=P2').expect(200)).text)
  expect(atP2).toContain('Actual to P2 £0 (profile £0)')
  // A forecast made in P5 is not yet made as at P4.
  const line = await env
    .db('budget_lines')
    .where({ name: "CSE team: Commissioner's contribution" })
    .first<{ id: number }>('id')
  await env.db('forecasts').where({ budget_line_id: line.id, fy_start: 2016 }).del()
  await env
    .db('forecasts')
    .insert({ budget_line_id: line.id, fy_start: 2016, made_in_period: 5, amount_pence: 1234500, note: 'test' })
  const cse = (period: string) =>
    panel.get(`/reports/panel-pack?fy=2016-17&period=${period}`).then((r) => pageText(r.text))
  expect(await cse('P4')).not.toContain('Forecast outturn £412,345')
  expect(await cse('P5')).toContain('Forecast outturn £412,345 (the budget stands in for lines with no forecast)')
  // A year closed at P13: the outturn.
  const closed = pageText((await panel.get('/reports/panel-pack?fy=2015-16&period=P13').expect(200)).text)
  expect(closed).toContain('2015/16 is closed')
  // Without a year and period: the latest published year as at its latest posted period.
  const latest = pageText((await panel.get('/reports/panel-pack').expect(200)).text)
  expect(latest).toContain('Budget monitoring report 2020/21, as at P8 (November)')
})

it('refuses a malformed year or period (400) and an unknown year (404)', async () => {
  await panel.get('/reports/panel-pack?fy=2016-17&period=P14').expect(400)
  await panel.get('/reports/panel-pack?fy=sixteen&period=P8').expect(400)
  await panel.get('/reports/panel-pack?fy=2016-17&fy=2017-18&period=P8').expect(400)
  await panel.get('/reports/panel-pack?fy=2040-41&period=P8').expect(404)
  await panel.get('/reports/panel-pack.pdf?fy=2016-17&period=P0').expect(400)
})

it('is published: the public reads it without signing in, with no draft year and no confidential decision', async () => {
  await env.db('financial_years').where('fy_start', 2016).update({ status: 'draft' })
  await request(env.app).get(FEBRUARY).expect(404)
  await panel.get(FEBRUARY).expect(404)
  const draft = pageText((await finance.get(FEBRUARY).expect(200)).text)
  expect(draft).toContain('2016/17 is a draft.')
  await env.db('financial_years').where('fy_start', 2016).update({ status: 'published' })
  await env.db('decisions').where('reference', 'OPCC.D.013.17').update({ classification: 'confidential' })
  const open = pageText((await request(env.app).get(MARCH).expect(200)).text)
  expect(open).toContain('0 budget changes approved; 1 decision taken')
  expect(open).not.toContain('OPCC.D.013.17 Mobile First')
  expect(open).toContain('OPCC.D.014.17 Launch of new Office')
})

it('records the meeting date on the commentary form, audited, and refuses an impossible date', async () => {
  const path = '/reports/2020-21/P8/commentary'
  const form = await formFields(finance, path)
  const bad = await finance
    .post(path)
    .type('form')
    .send({ ...form, meeting_date: '31/2/2021' })
    .expect(422)
  expect(pageText(bad.text)).toContain('The date of the Panel meeting')
  expect(await env.db('pack_commentaries').where({ fy_start: 2020 }).first()).toBeUndefined()
  await finance
    .post(path)
    .type('form')
    .send({ ...form, meeting_date: '2/2/2021' })
    .expect(303)
  const audit = await env.db('audit_events').where({ table_name: 'pack_commentaries', field: 'Panel meeting on' })
  expect(audit.map((a: { to_value: string }) => a.to_value)).toEqual(['2 February 2021'])
  const text = pageText((await panel.get('/reports/panel-pack?fy=2020-21&period=P8').expect(200)).text)
  expect(text).toContain('Meeting 2 February 2021')
  expect(text).toContain('since 28 March 2017')
  // A February meeting's pack adds the next year's precept (2021/22 has one in the demo).
  expect(text).toContain('The precept proposal')
})

it('explains how to print the HTML report where the server has no Chromium', async () => {
  const app = createApp(env.db, createServices(env.db), {
    production: true,
    secureCookies: false,
    sessionCleanupInterval: 0,
    chromiumPath: null,
  })
  const res = await request(app).get('/reports/panel-pack.pdf?fy=2016-17&period=P10').expect(503)
  const text = pageText(res.text)
  expect(text).toContain('This server has no Chromium to print the pack to PDF')
  expect(text).toContain('Choose Print (Ctrl+P')
  expect(res.text).toContain('href="/reports/panel-pack?fy=2016-17&amp;period=P10"')
})
