// Changing a reserve (issue #10): on the record path (audited cell by cell, version-checked); a plan that takes a
// reserve below nothing is refused naming the year; a general reserve below its minimum is confirmed first.
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, csrfOf, type Agent } from '../support/session'
import { countRows } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

async function formOf(agent: Agent, code: string): Promise<Record<string, string>> {
  const page = await agent.get(`/mtfp/reserves/${code}/edit`).expect(200)
  const fields: Record<string, string> = { _csrf: csrfOf(page.text) }
  for (const m of page.text.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1] ?? ''] = m[2] ?? ''
  for (const m of page.text.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields[m[1] ?? ''] = (m[2] ?? '')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=')
  delete fields.confirm_plausible
  delete fields.retire
  if (!/id="in_budget"[^>]*checked/.test(page.text)) delete fields.in_budget
  return fields
}

it('saves a change of use, audited by year, and the forecast follows', async () => {
  const fields = await formOf(finance, 'budget-smoothing')
  expect(fields.use_2020).toBe('1300000.00')
  await finance
    .post('/mtfp/reserves/budget-smoothing/edit')
    .type('form')
    .send({ ...fields, use_2020: '1,000,000', reason: 'Smaller draw' })
    .expect(303)
  const audit = await env
    .db('audit_events')
    .where({ table_name: 'reserve_flows', column_name: 'use_pence' })
    .first<{ field: string; from_value: string; to_value: string; reason: string }>()
  expect(audit).toMatchObject({ from_value: '£1,300,000.00', to_value: '£1,000,000.00', reason: 'Smaller draw' })
  expect(audit.field).toContain('2020/21')
  const page = await finance.get('/mtfp/reserves').expect(200)
  expect(rowText(page.text, 'Budget smoothing reserve', '2020/21')).toContain('1.3 0.0 1.0 0.3')
  const again = await formOf(finance, 'budget-smoothing')
  const before = await countRows(env.db, 'audit_events')
  await finance.post('/mtfp/reserves/budget-smoothing/edit').type('form').send(again).expect(303)
  expect(await countRows(env.db, 'audit_events')).toBe(before)
})

it('refuses a use beyond the balance, naming the year, and changes nothing', async () => {
  const fields = await formOf(finance, 'budget-smoothing')
  const before = await countRows(env.db, 'audit_events')
  const res = await finance
    .post('/mtfp/reserves/budget-smoothing/edit')
    .type('form')
    .send({ ...fields, use_2020: '2,000,000' })
    .expect(422)
  expect(pageText(res.text)).toContain(
    'Budget smoothing reserve would close 2020/21 at −£700,000.00: a reserve cannot be used beyond its balance',
  )
  const bad = await finance
    .post('/mtfp/reserves/budget-smoothing/edit')
    .type('form')
    .send({ ...fields, use_2019: 'lots', opening: '' })
    .expect(422)
  expect(pageText(bad.text)).toContain('The use in 2019/20')
  expect(pageText(bad.text)).toContain('The balance at the start of 2017/18')
  expect(await countRows(env.db, 'audit_events')).toBe(before)
})

it('asks to confirm a general reserve planned below its minimum, then saves with the confirmation', async () => {
  const fields = await formOf(finance, 'general')
  const warned = await finance
    .post('/mtfp/reserves/general/edit')
    .type('form')
    .send({ ...fields, use_2019: '1,000,000' })
    .expect(422)
  expect(pageText(warned.text)).toContain(
    'The general reserve would close 2019/20 at £9,500,000.18, below its minimum of £9,978,000.00 (3% of the net revenue budget)',
  )
  await finance
    .post('/mtfp/reserves/general/edit')
    .type('form')
    .send({ ...fields, use_2019: '1,000,000', confirm_plausible: 'yes' })
    .expect(303)
  const page = await finance.get('/mtfp/reserves').expect(200)
  expect(rowText(page.text, 'Reserves at each year end', '2019/20')).toContain('Below the minimum')
})

it('refuses a save over someone else’s, and the Panel', async () => {
  const fields = await formOf(finance, 'insurance')
  await finance
    .post('/mtfp/reserves/insurance/edit')
    .type('form')
    .send({ ...fields, use_2021: '1,000,000' })
    .expect(303)
  await finance
    .post('/mtfp/reserves/insurance/edit')
    .type('form')
    .send({ ...fields, use_2021: '1,500,000' })
    .expect(409)
  const panel = await signedIn(env.app, 'panel')
  await panel.get('/mtfp/reserves/insurance/edit').expect(403)
  await finance.get('/mtfp/reserves/nope/edit').expect(404)
})

it('retires an emptied reserve with its reason, keeping its years in the totals; refuses the general reserve and one not empty', async () => {
  const smoothing = await formOf(finance, 'budget-smoothing')
  const notEmpty = await finance
    .post('/mtfp/reserves/insurance/edit')
    .type('form')
    .send({ ...(await formOf(finance, 'insurance')), retire: 'yes', reason: 'Done' })
    .expect(422)
  expect(pageText(notEmpty.text)).toContain('Insurance and legal claims reserve closes 2021/22 at £7,000,000.00')
  const general = await finance
    .post('/mtfp/reserves/general/edit')
    .type('form')
    .send({ ...(await formOf(finance, 'general')), retire: 'yes', reason: 'No' })
    .expect(422)
  expect(pageText(general.text)).toContain('The general reserve cannot be retired')
  const mixed = await finance
    .post('/mtfp/reserves/budget-smoothing/edit')
    .type('form')
    .send({ ...smoothing, use_2020: '1,000,000', retire: 'yes', reason: 'Done' })
    .expect(422)
  expect(pageText(mixed.text)).toContain('Retiring a reserve saves nothing else')
  const noReason = await finance
    .post('/mtfp/reserves/budget-smoothing/edit')
    .type('form')
    .send({ ...smoothing, retire: 'yes' })
    .expect(422)
  expect(pageText(noReason.text)).toContain('Enter the reason for retiring the reserve')
  const totalBefore = rowText(
    (await finance.get('/mtfp/reserves').expect(200)).text,
    'Reserves at each year end',
    '2017/18',
  )
  await finance
    .post('/mtfp/reserves/budget-smoothing/edit')
    .type('form')
    .send({ ...smoothing, retire: 'yes', reason: 'Smoothing complete' })
    .expect(303)
  const after = await finance.get('/mtfp/reserves').expect(200)
  expect(pageText(after.text)).toContain('Budget smoothing reserve (earmarked, funds the revenue budget, retired)')
  expect(rowText(after.text, 'Reserves at each year end', '2017/18')).toBe(totalBefore)
  await finance.get('/mtfp/reserves/budget-smoothing/edit').expect(404)
  const audit = await env
    .db('audit_events')
    .where({ table_name: 'reserves', action: 'retire' })
    .first<{ reason: string }>()
  expect(audit.reason).toBe('Smoothing complete')
})

it('adds an earmarked reserve with its flows, audited; the plan counts one that funds the budget', async () => {
  const page = await finance.get('/mtfp/reserves/new').expect(200)
  const base = { _csrf: csrfOf(page.text) }
  const bad = await finance
    .post('/mtfp/reserves/new')
    .type('form')
    .send({ ...base, code: 'Bad Code!', name: '', purpose: 'x', opening: '1,000,000', use_2017: '2,000,000' })
    .expect(422)
  const text = pageText(bad.text)
  expect(text).toContain('The code is 1 to 60 lower-case letters, digits or hyphens')
  expect(text).toContain('Enter the name of the reserve')
  const taken = await finance
    .post('/mtfp/reserves/new')
    .type('form')
    .send({ ...base, code: 'general', name: 'Again', purpose: 'x', opening: '0' })
    .expect(422)
  expect(pageText(taken.text)).toContain('A reserve with the code "general" already exists')
  const below = await finance
    .post('/mtfp/reserves/new')
    .type('form')
    .send({
      ...base,
      code: 'workforce-change',
      name: 'Workforce change',
      purpose: 'Redundancy',
      opening: '1,000,000',
      use_2017: '2,000,000',
    })
    .expect(422)
  expect(pageText(below.text)).toContain('Workforce change would close 2017/18 at −£1,000,000.00')
  const rows = await countRows(env.db, 'reserves')
  await finance
    .post('/mtfp/reserves/new')
    .type('form')
    .send({
      ...base,
      code: 'workforce-change',
      name: 'Workforce change',
      purpose: 'Redundancy and retraining',
      opening: '1,000,000',
      in_budget: 'yes',
      use_2021: '1,000,000',
    })
    .expect(303)
  expect(await countRows(env.db, 'reserves')).toBe(rows + 1)
  const forecast = await finance.get('/mtfp/reserves').expect(200)
  expect(rowText(forecast.text, 'Workforce change', '2021/22')).toContain('1.0 0.0 1.0 0.0')
  const plan = await finance.get('/mtfp').expect(200)
  expect(rowText(plan.text, 'Medium-term financial plan', 'Use of reserves')).toMatch(/ 1\.0 funds recurring spending$/)
  const audit = await env.db('audit_events').where({ table_name: 'reserves', action: 'create' })
  expect(audit.map((a: { field: string }) => a.field)).toEqual(
    expect.arrayContaining(['Name', 'Purpose', 'Opening balance', 'Funds the revenue budget']),
  )
})

it("counts the capital programme's financing from a reserve as its use: shown on its form, refused beyond its balance", async () => {
  // The capital and estates reserve (£25m) pays £6m, £7m, £6m and £6m of the capital programme from 2017/18.
  const page = await finance.get('/mtfp/reserves').expect(200)
  expect(rowText(page.text, 'Capital and estates reserve', '2018/19')).toBe(
    '2018/19 19.0 0.0 7.0 of which 7.0 for capital schemes 12.0 Illustrative',
  )
  expect(rowText(page.text, 'Capital and estates reserve', '2020/21')).toContain(
    ' 6.0 of which 6.0 for capital schemes 0.0 ',
  )
  const form = await finance.get('/mtfp/reserves/capital/edit').expect(200)
  expect(pageText(form.text)).toContain(
    'Use in 2019/20 Besides £6,000,000.00 drawn for capital schemes (set on their financing forms, on the capital programme page)',
  )
  const fields = await formOf(finance, 'capital')
  const before = await countRows(env.db, 'audit_events')
  const refused = await finance
    .post('/mtfp/reserves/capital/edit')
    .type('form')
    .send({ ...fields, use_2020: '1' })
    .expect(422)
  expect(pageText(refused.text)).toContain(
    'Capital and estates reserve would close 2020/21 at −£1.00 (with £6,000,000.00 drawn for capital schemes): a reserve cannot be used beyond its balance',
  )
  // Saving the form unchanged changes nothing: the capital draws are not typed into its uses.
  await finance.post('/mtfp/reserves/capital/edit').type('form').send(fields).expect(303)
  expect(await countRows(env.db, 'audit_events')).toBe(before)
})
