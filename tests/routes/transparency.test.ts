// The published record (issue #14): open to everyone without signing in, and always as the public sees it, whoever asks.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn } from '../support/session'
import { formFields } from '../support/forms'

const env = useTestApp({ fresh: 'test' })

it('publishes the open decisions with reference, title, date and amount, as a page and a CSV', async () => {
  const page = pageText((await request(env.app).get('/transparency/decisions').expect(200)).text)
  expect(page).toContain('OPCC.D.013.17 Mobile First - Integrated Software Procurement 6 March 2017 £1,915,000')
  expect(page).toContain('OPCC.D.014.17')
  const csv = await request(env.app).get('/transparency/decisions.csv').expect(200)
  expect(csv.headers['content-type']).toContain('text/csv')
  const lines = csv.text.split(/\r?\n/)
  expect(lines[0]).toContain('Reference,Title,Date decided,Decided (as written),Amount (£),Summary')
  expect(lines.find((l) => l.startsWith('OPCC.D.013.17'))).toContain(',2017-03-06,6/3/2017,1915000.00,')
  await request(env.app).get('/transparency/decisions.xlsx').expect(200)
  await request(env.app).get('/transparency/decisions.pdf').expect(400)
  await request(env.app).get('/transparency').expect(200)
})

it('never publishes a confidential decision, even to finance', async () => {
  await env.db('decisions').where('reference', 'OPCC.D.013.17').update({ classification: 'confidential' })
  const finance = await signedIn(env.app, 'finance')
  const page = pageText((await finance.get('/transparency/decisions').expect(200)).text)
  expect(page).not.toContain('OPCC.D.013.17')
  expect(page).toContain('OPCC.D.014.17')
  const csv = (await finance.get('/transparency/decisions.csv').expect(200)).text
  expect(csv).not.toContain('OPCC.D.013.17')
  // The register itself still shows it to finance.
  expect(pageText((await finance.get('/decisions').expect(200)).text)).toContain('OPCC.D.013.17')
})

describe('spending over £500', () => {
  const JUNE = '/transparency/spend?month=2017-06'

  it('publishes each item over £500 by invoice, net of recoverable VAT, and nothing that is not supplier spend', async () => {
    const text = pageText((await request(env.app).get(JUNE).expect(200)).text)
    expect(text).toContain('Spending over £500, June 2017')
    // £500.01 in, £500.00 out.
    expect(text).toContain('Example Training Ltd First aid training £500.01')
    expect(text).not.toContain('Demo Stationery Ltd')
    // A £300 line of a £12,300 invoice is published with it.
    expect(text).toContain('Example Radio Services Ltd Delivery £300.00')
    // £450 with £60 of VAT the OPCC cannot recover is £510; £480 with recoverable VAT is £480.
    expect(text).toContain('Demo Venue Hire Ltd Public meeting room hire £510.00 £60.00 Venue hire')
    expect(text).not.toContain('Demo Print Ltd')
    // Payroll, tax and journals are not published; an item posted in July's period is July's.
    for (const absent of ['Staff payroll adjustment', 'HM Revenue and Customs', 'Internal recharge', 'Payroll run'])
      expect(text).not.toContain(absent)
    expect(text).not.toContain('Example Fleet Tyres Ltd')
    const july = pageText((await request(env.app).get('/transparency/spend?month=2017-07').expect(200)).text)
    expect(july).toContain('Example Fleet Tyres Ltd Tyres £1,800.00')
  })

  it('redacts payments to individuals, and withholds items with the reason while keeping them in the total', async () => {
    const text = pageText((await request(env.app).get(JUNE).expect(200)).text)
    expect(text).toContain('Redacted: a payment to an individual Interpreting fees £750.00')
    expect(text).not.toContain('A. N. Interpreter')
    expect(text).toContain("Withheld: the prevention or detection of crime: counted in the month's total")
    expect(text).not.toContain('Covert')
    expect(text).toContain('of which £2,400.00 in 1 withheld item')
    // The CSV: its items and the withheld row add up to the total, which is the page's.
    const csv = (await request(env.app).get('/transparency/spend.csv?month=2017-06').expect(200)).text
    const rows = csv.trim().split(/\r?\n/).slice(1)
    const amount = (line: string) => /,(-?\d+\.\d{2}),(-?\d+\.\d{2})?,/.exec(line)?.[1]
    const total = rows.pop() ?? ''
    expect(total.startsWith('Total for the month')).toBe(true)
    const sum = rows.reduce((acc, line) => acc + BigInt((amount(line) ?? '0').replace('.', '')), 0n)
    expect(`£${(Number(sum) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`).toBe(
      /Total for the month (£[\d,]+\.\d{2})/.exec(text)?.[1],
    )
    expect(rows).toContain(',,,"Withheld items (1), in total",,2400.00,,,,,')
    expect(csv).not.toContain('Covert')
  })

  it('shows every role the same list as the public', async () => {
    const table = (html: string) => pageText(html.slice(html.indexOf('<table'), html.indexOf('</table>')))
    const publicList = table((await request(env.app).get(JUNE).expect(200)).text)
    for (const role of ['panel', 'finance', 'approver', 'admin'] as const) {
      const agent = await signedIn(env.app, role)
      expect([role, table((await agent.get(JUNE).expect(200)).text)]).toEqual([role, publicList])
    }
  })

  it('lists a month of thousands of items a page of 500 at a time, with the whole month in its totals and its CSV', async () => {
    const itemsOf = (text: string) => Number(/in ([\d,]+) items/.exec(text)?.[1]?.replace(/,/g, ''))
    const totalOf = (text: string) => /Total for the month (£[\d,]+\.\d{2})/.exec(text)?.[1]
    const pounds = (text: string) => Number(totalOf(text)?.replace(/[£,]/g, ''))
    const before = pageText((await request(env.app).get(JUNE).expect(200)).text)
    const line = await env
      .db('spend_transactions')
      .where('ledger_ref', 'PUB-1706-01')
      .first<{ budget_line_id: number }>('budget_line_id')
    const rows = Array.from({ length: 1_100 }, (_, i) => ({
      ledger_ref: `PAGING-${String(i).padStart(4, '0')}`,
      posted_on: '2017-06-20',
      fy_start: 2017,
      period: 3,
      budget_line_id: line?.budget_line_id,
      supplier: 'Paging Test Ltd',
      description: 'Item of a long month',
      amount_pence: 60_000,
      illustrative: true,
    }))
    for (let i = 0; i < rows.length; i += 400) await env.db('spend_transactions').insert(rows.slice(i, i + 400))
    const count = itemsOf(before) + 1_100
    const bodyRows = (html: string) => (html.slice(html.indexOf('<tbody')).match(/<tr /g) ?? []).length - 1
    const first = await request(env.app).get(JUNE).expect(200)
    const text = pageText(first.text)
    expect(bodyRows(first.text)).toBe(500)
    expect(itemsOf(text)).toBe(count)
    expect(text).toContain(`Items 1 to 500 of ${count.toLocaleString('en-GB')}: page 1 of 3`)
    expect(pounds(text)).toBe(pounds(before) + 660_000)
    expect(first.text).toContain('href="/transparency/spend?month=2017-06&amp;page=2" rel="next"')
    const last = await request(env.app).get(`${JUNE}&page=3`).expect(200)
    expect(bodyRows(last.text)).toBe(count - 1_000)
    expect(pageText(last.text)).toContain(`Items 1,001 to ${count.toLocaleString('en-GB')}`)
    expect(totalOf(pageText(last.text))).toBe(totalOf(text))
    for (const bad of ['4', '0', 'two', '-1', '1.5']) await request(env.app).get(`${JUNE}&page=${bad}`).expect(400)
    await request(env.app).get(`${JUNE}&page=1&page=2`).expect(400)
    const csv = (await request(env.app).get('/transparency/spend.csv?month=2017-06').expect(200)).text
    expect(csv.split(/\r?\n/).filter((l) => l.includes('Paging Test Ltd'))).toHaveLength(1_100)
  })

  it('publishes only published years, to everyone alike, and refuses a month that is not one', async () => {
    await env.db('financial_years').where('fy_start', 2017).update({ status: 'draft' })
    const finance = await signedIn(env.app, 'finance')
    const text = pageText((await finance.get(JUNE).expect(200)).text)
    expect(text).toContain('Nothing over £500 is published for June 2017')
    await env.db('financial_years').where('fy_start', 2017).update({ status: 'published' })
    await request(env.app).get('/transparency/spend?month=2017-13').expect(400)
    await request(env.app).get('/transparency/spend?month=June').expect(400)
    await request(env.app).get('/transparency/spend?month=2017-06&month=2017-07').expect(400)
    const latest = pageText((await request(env.app).get('/transparency/spend').expect(200)).text)
    expect(latest).toContain('Spending over £500, November 2020')
  })
})

describe('grants', () => {
  it('publishes a year’s grants with recipient, purpose, amount and conditions, as a page and a CSV', async () => {
    const text = pageText((await request(env.app).get('/transparency/grants?fy=2022-23').expect(200)).text)
    expect(text).toContain("Victims' services £3,860,000.00 in 2 grants")
    expect(text).toContain(
      "Victim Support (demo) (illustrative) Victims' services Victims' referral and assessment service £2,100,000.00 Outcome measures reported each quarter",
    )
    const csv = (await request(env.app).get('/transparency/grants.csv?fy=2022-23').expect(200)).text
    expect(csv).toContain('All grants,,,3860000.00')
    await request(env.app).get('/transparency/grants?fy=2030-31').expect(200) // a year with none: an empty list
    await request(env.app).get('/transparency/grants?fy=twenty').expect(400)
  })

  it('lets finance add, change and withdraw a grant, audited, and refuses a bad one naming the field', async () => {
    const finance = await signedIn(env.app, 'finance')
    const form = await formFields(finance, '/transparency/grants/new')
    const bad = await finance
      .post('/transparency/grants/new')
      .type('form')
      .send({ ...form, fy: '2020-21', recipient: '', amount: '0', purpose: 'x' })
      .expect(422)
    expect(pageText(bad.text)).toContain('Enter the recipient')
    expect(pageText(bad.text)).toContain('The amount of the grant must be more than £0')
    expect(await env.db('grants').where({ fy_start: 2020 })).toEqual([])
    await finance
      .post('/transparency/grants/new')
      .type('form')
      .send({
        ...form,
        fy: '2020-21',
        kind: 'crime_disorder',
        recipient: 'Dover CSP',
        purpose: 'Plan',
        amount: '35,000',
      })
      .expect(303)
    const grant = await env.db('grants').where({ recipient: 'Dover CSP' }).first<{ id: number }>('id')
    const edit = await formFields(finance, `/transparency/grants/${grant.id}/edit`)
    await finance
      .post(`/transparency/grants/${grant.id}/edit`)
      .type('form')
      .send({ ...edit, amount: '36,000' })
      .expect(303)
    const audit = await env.db('audit_events').where({ table_name: 'grants', field: 'Amount' }).orderBy('id')
    expect(audit.map((a: { from_value: string | null; to_value: string }) => [a.from_value, a.to_value])).toEqual([
      [null, '£35,000.00'],
      ['£35,000.00', '£36,000.00'],
    ])
    const again = await formFields(finance, `/transparency/grants/${grant.id}/edit`)
    const unreasoned = await finance
      .post(`/transparency/grants/${grant.id}/edit`)
      .type('form')
      .send({ ...again, retire: 'yes' })
      .expect(422)
    expect(pageText(unreasoned.text)).toContain('Enter the reason for withdrawing the grant')
    await finance
      .post(`/transparency/grants/${grant.id}/edit`)
      .type('form')
      .send({ ...again, retire: 'yes', reason: 'Entered twice' })
      .expect(303)
    const list = pageText((await request(env.app).get('/transparency/grants?fy=2020-21').expect(200)).text)
    expect(list).not.toContain('Dover CSP')
    const panel = await signedIn(env.app, 'panel')
    await panel.get('/transparency/grants/new').expect(403)
  })

  it('does not publish the grants of a draft year, which finance sees labelled so', async () => {
    await env.db('financial_years').where('fy_start', 2016).update({ status: 'draft' })
    await request(env.app).get('/transparency/grants?fy=2016-17').expect(404)
    const finance = await signedIn(env.app, 'finance')
    expect(pageText((await finance.get('/transparency/grants?fy=2016-17').expect(200)).text)).toContain(
      '2016/17 is a draft. Its grants are not published',
    )
  })
})

describe('contracts', () => {
  it('publishes contracts over £10,000 only: £10,000.00 out, £10,000.01 in', async () => {
    const finance = await signedIn(env.app, 'finance')
    const form = await formFields(finance, '/transparency/contracts/new')
    const add = (reference: string, value: string) =>
      finance
        .post('/transparency/contracts/new')
        .type('form')
        .send({
          ...form,
          reference,
          title: `Contract ${reference}`,
          supplier: 'S',
          body: 'OPCC',
          value,
          start_on: '1/4/2020',
        })
        .expect(303)
    await add('AT-LIMIT', '10,000.00')
    await add('OVER-LIMIT', '10,000.01')
    const text = pageText((await request(env.app).get('/transparency/contracts').expect(200)).text)
    expect(text).toContain('OVER-LIMIT Contract OVER-LIMIT S OPCC £10,000.01')
    expect(text).not.toContain('AT-LIMIT')
    expect(text).not.toContain('Panel meeting webcasting') // £8,000
    expect(text).toContain('KP-2017-013')
    const csv = (await request(env.app).get('/transparency/contracts.csv').expect(200)).text
    expect(csv).toContain('OVER-LIMIT')
    expect(csv).not.toContain('AT-LIMIT')
    // Finance sees what is not published, labelled so.
    const own = pageText((await finance.get('/transparency/contracts').expect(200)).text)
    expect(own).toContain('Not published: £10,000 or less')
    expect(own).toContain('AT-LIMIT')
  })

  it('refuses a duplicate reference and an end before the start, writing nothing', async () => {
    const finance = await signedIn(env.app, 'finance')
    const form = await formFields(finance, '/transparency/contracts/new')
    const before = await env.db('contracts').count<{ n: number | string }[]>({ n: '*' })
    const dup = await finance
      .post('/transparency/contracts/new')
      .type('form')
      .send({
        ...form,
        reference: 'KP-2017-013',
        title: 'T',
        supplier: 'S',
        body: 'Force',
        value: '20,000',
        start_on: '1/4/2020',
      })
      .expect(422)
    expect(pageText(dup.text)).toContain('A contract KP-2017-013 is already in the register')
    const backwards = await finance
      .post('/transparency/contracts/new')
      .type('form')
      .send({
        ...form,
        reference: 'NEW-1',
        title: 'T',
        supplier: 'S',
        body: 'Force',
        value: '20,000',
        start_on: '1/4/2020',
        end_on: '1/3/2020',
      })
      .expect(422)
    expect(pageText(backwards.text)).toContain('The end date is before the start date')
    const after = await env.db('contracts').count<{ n: number | string }[]>({ n: '*' })
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n))
  })
})

describe("the Commissioner's response to the Panel's report on the precept", () => {
  it('is recorded with the precept issued, audited, and published on the precept page and in the February pack', async () => {
    const finance = await signedIn(env.app, 'finance')
    const path = '/precept/2017-18/issued'
    const form = await formFields(finance, path)
    expect(form.response).toContain('I thank the Panel')
    const early = await finance
      .post(path)
      .type('form')
      .send({ ...form, response_on: '1/2/2017' })
      .expect(422)
    expect(pageText(early.text)).toContain("1 February 2017 is before the Panel's report (7 February 2017)")
    const undated = await finance
      .post(path)
      .type('form')
      .send({ ...form, response: 'Words', response_on: '' })
      .expect(422)
    expect(pageText(undated.text)).toContain('Enter the date the Commissioner gave the response')
    await finance
      .post(path)
      .type('form')
      .send({ ...form, response: 'I have set the precept as the Panel supported.', response_on: '12/2/2017' })
      .expect(303)
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'precepts', field: "Commissioner's response to the Panel's report" })
      .first<{ to_value: string }>()
    expect(audit.to_value).toBe('I have set the precept as the Panel supported.')
    const page = pageText((await request(env.app).get('/precept?fy=2017-18').expect(200)).text)
    expect(page).toContain(
      "The Commissioner's response to the Panel's report, 12 February 2017 I have set the precept as the Panel supported.",
    )
    const pack = pageText((await request(env.app).get('/reports/panel-pack?fy=2016-17&period=P10').expect(200)).text)
    expect(pack).toContain('I have set the precept as the Panel supported.')
  })
})
