// The year-end outturn (issue #13): the final outturn by owner and line against the revised budget; the revenue
// underspend to an earmarked reserve and capital slippage rolled forward, each a year-end budget change for approval,
// the only changes a year posted to P12 still takes; closing the year, refused while a year-end change waits, after
// which nothing moves its budget until an administrator reopens it (audited).
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { formFields } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const idOf = (location: string | undefined) => Number(/\/changes\/(\d+)/.exec(location ?? '')?.[1])

async function post(agent: Agent, path: string, fields: Record<string, string>, status: number) {
  const form = await formFields(agent, path.replace(/\/(transfer|slippage|close)$/, ''), path)
  return agent
    .post(path)
    .type('form')
    .send({ ...form, ...fields })
    .expect(status)
}

async function approve(id: number) {
  const commissioner = await signedIn(env.app, 'approver', 'commissioner@demo.example.org')
  const form = await formFields(commissioner, `/changes/${id}`, `/changes/${id}/approve`)
  await commissioner.post(`/changes/${id}/approve`).type('form').send(form).expect(303)
}

it('shows 2015/16 closed, its outturn by owner and line, and its year-end changes; the Panel sees it without forms', async () => {
  const page = await finance.get('/years/2015-16/outturn').expect(200)
  const text = pageText(page.text)
  expect(text).toContain('Closed by Finance officer (demo)')
  expect(text).toContain('2015/16 revenue underspend to the budget smoothing reserve')
  expect(rowText(page.text, 'Outturn by line, 2015/16', 'Police officer pay')).toMatch(
    /^Police officer pay .* 167,123 164,023 /,
  )
  expect(text).not.toContain('Close 2015/16')
  const panel = await signedIn(env.app, 'panel')
  const seen = await panel.get('/years/2016-17/outturn').expect(200)
  expect(pageText(seen.text)).not.toContain('Send the transfer for approval')
  const dashboard = await panel.get('/?fy=2015-16').expect(200)
  expect(pageText(dashboard.text)).toContain(
    '3 approved changes have moved the budget since the original was frozen. The latest: 2015/16 revenue underspend to the budget smoothing reserve',
  )
  await finance.get('/years/2040-41/outturn').expect(404)
  await finance.get('/years/nonsense/outturn').expect(400)
})

it('proposes the underspend to a reserve and slippage as year-end changes a P12 year takes, then closes the year', async () => {
  const reserve = await env.db('reserves').where({ code: 'insurance' }).first<{ id: number }>('id')
  const base = '/years/2019-20/outturn'
  const tooMuch = await post(
    finance,
    `${base}/transfer`,
    { reserve: String(reserve.id), amount: '900m', reason: 'Year end', decision: 'OPCC.D.013.17' },
    422,
  )
  expect(pageText(tooMuch.text)).toMatch(/2019\/20's revenue lines underspent £[\d,.]+ in all/)
  const sent = await post(
    finance,
    `${base}/transfer`,
    { reserve: String(reserve.id), amount: '100,000', reason: 'Year end', decision: 'OPCC.D.013.17' },
    303,
  )
  const transfer = idOf(sent.headers.location)
  const page = await finance.get(base).expect(200)
  const fleet = await env.db('budget_lines').where({ name: 'Fleet replacement' }).first<{ id: number }>('id')
  const slip = await post(
    finance,
    `${base}/slippage`,
    { line: String(fleet.id), slip: '50,000', slip_reason: 'Late delivery' },
    303,
  )
  const slippage = idOf(slip.headers.location)
  expect(pageText(page.text)).toContain('Transfer the revenue underspend to a reserve')
  const waiting = await post(finance, `${base}/close`, {}, 422)
  expect(pageText(waiting.text)).toContain(`Budget change ${transfer}, ${slippage} is still waiting for a decision`)
  await approve(transfer)
  await approve(slippage)
  const financing = await env.db('capital_financing').where({ budget_line_id: fleet.id, fy_start: 2020 })
  expect(financing.length).toBeGreaterThan(0)
  await post(finance, `${base}/close`, { note: 'Outturn final' }, 303)
  const closed = await finance.get(base).expect(200)
  expect(pageText(closed.text)).toContain('Closed by Finance officer (demo)')
  const audit = await env.db('audit_events').where({ table_name: 'financial_years', row_id: '2019' })
  expect(audit.map((a: { field: string }) => a.field)).toContain('Outturn closed by')
  // An administrator's reopening opens the outturn again, audited.
  const admin = await signedIn(env.app, 'admin')
  const reopen = await formFields(admin, '/years/2019-20/reopen')
  await admin
    .post('/years/2019-20/reopen')
    .type('form')
    .send({ ...reopen, reason: 'Late invoice' })
    .expect(303)
  expect(pageText((await finance.get(base).expect(200)).text)).toContain('Year closed Not closed')
})
