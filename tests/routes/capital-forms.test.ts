// How a capital scheme is paid for (issue #11): its financing by year and source on the record path; a receipt used
// once and not before it came in; financing that does not equal the budget confirmed first.
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { countRows, formFields, post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

async function lineId(name: string): Promise<number> {
  return Number((await env.db('budget_lines').where({ name }).first<{ id: number }>('id')).id)
}

const formAt = formFields

it('moves financing between sources, audited; the programme and the financing page follow', async () => {
  const id = await lineId('Fleet replacement')
  const path = `/capital/lines/${id}/financing`
  const fields = await formAt(finance, path)
  expect(fields.revenue_contributions_2019).toBe('2500000.00')
  await finance
    .post(path)
    .type('form')
    .send({ ...fields, revenue_contributions_2019: '1,500,000', borrowing_2019: '1,000,000', reason: 'Less revenue' })
    .expect(303)
  const audit = await env.db('audit_events').where({ table_name: 'capital_financing' }).orderBy('id')
  expect(
    audit.map((a: { field: string; from_value: string | null; to_value: string | null }) => [
      a.field,
      a.from_value,
      a.to_value,
    ]),
  ).toEqual(
    expect.arrayContaining([
      ['Financing 2019/20, borrowing: amount', null, '£1,000,000.00'],
      ['Financing 2019/20, revenue contributions: amount', '£2,500,000.00', '£1,500,000.00'],
    ]),
  )
  expect(audit).toHaveLength(2)
  const page = await finance.get('/capital').expect(200)
  expect(rowText(page.text, 'Spend and financing by year', '2019/20')).toBe(
    '2019/20 15,371 204 1,793 3,000 6,000 4,375 15,371 Equals spend',
  )
  const financing = await finance.get('/capital/financing').expect(200)
  // £1m more borrowing in 2019/20 on vehicles (5 years) is £200k more MRP from 2020/21.
  expect(rowText(financing.text, 'CFR, MRP, debt, interest', '2020/21')).toContain(' 4,355 ')
})

it('refuses a receipt used beyond its amount or before it came in, and a source without its receipt or reserve', async () => {
  const id = await lineId('IT refresh')
  const path = `/capital/lines/${id}/financing`
  const fields = await formAt(finance, path)
  const receipt = await env
    .db('capital_receipts')
    .where({ description: 'Sale of a police station' })
    .first<{ id: number }>('id')
  const before = await countRows(env.db, 'audit_events')
  const res = await finance
    .post(path)
    .type('form')
    .send({
      ...fields,
      revenue_contributions_2017: '',
      capital_receipts_2017: '2,000,000',
      receipt_2017: String(receipt.id),
      revenue_contributions_2020: '1,000,000',
      capital_receipts_2020: '1,000,000',
      receipt_2020: String(receipt.id),
      revenue_contributions_2018: '2,000,000',
      reserves_2018: '500,000',
    })
    .expect(422)
  const text = pageText(res.text)
  expect(text).toContain('Sale of a police station was received in 2018/19: it cannot pay for 2017/18')
  expect(text).toContain(
    'Sale of a police station (£1,200,000.00) would be used for £4,200,000.00: a receipt is used once, and £0.00 of it is left for this scheme',
  )
  expect(text).toContain('Choose the reserve drawn on in 2018/19')
  expect(await countRows(env.db, 'audit_events')).toBe(before)
})

it('asks to confirm financing that does not equal the budget; the Panel cannot; a revenue line is not a capital line', async () => {
  const id = await lineId('Estates programme')
  const path = `/capital/lines/${id}/financing`
  const fields = await formAt(finance, path)
  const warned = await finance
    .post(path)
    .type('form')
    .send({ ...fields, reserves_2020: '4,500,000' })
    .expect(422)
  expect(pageText(warned.text)).toContain(
    '2020/21: financing of £4,500,000.00 falls short of the budget of £5,000,000.00 by £500,000.00',
  )
  await finance
    .post(path)
    .type('form')
    .send({ ...fields, reserves_2020: '4,500,000', confirm_plausible: 'yes' })
    .expect(303)
  const page = await finance.get('/capital').expect(200)
  expect(pageText(page.text)).toContain('2020/21: £500,000.00 of spend has no financing.')
  const panel = await signedIn(env.app, 'panel')
  await panel.get(path).expect(403)
  await finance.get(`/capital/lines/${await lineId('Premises')}/financing`).expect(404)
})

describe('capital receipts', () => {
  it('gives the IP address sale its amount; refuses an amount below what schemes use, and retiring one in use', async () => {
    const ip = await env
      .db('capital_receipts')
      .where({ description: 'Sale of IP addresses' })
      .first<{ id: number }>('id')
    const path = `/capital/receipts/${ip.id}/edit`
    const fields = await formAt(finance, path)
    expect(fields.amount).toBe('')
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, amount: '150,000', reason: 'Amount confirmed' })
      .expect(303)
    const page = await finance.get('/capital').expect(200)
    expect(rowText(page.text, 'Capital receipts held and used', 'Sale of IP addresses')).toContain(
      '2023/24 £150,000 £0 £150,000',
    )
    const station = await env
      .db('capital_receipts')
      .where({ description: 'Sale of a police station' })
      .first<{ id: number }>('id')
    const s = `/capital/receipts/${station.id}/edit`
    const form = await formAt(finance, s)
    const low = await finance
      .post(s)
      .type('form')
      .send({ ...form, amount: '1,000,000' })
      .expect(422)
    expect(pageText(low.text)).toContain('Schemes already use £1,200,000.00 of this receipt: its amount cannot be less')
    const retire = await finance
      .post(s)
      .type('form')
      .send({ ...form, retire: 'yes', reason: 'No' })
      .expect(422)
    expect(pageText(retire.text)).toContain('Schemes use £1,200,000.00 of this receipt: it cannot be retired')
  })

  it('adds a receipt with its decision, audited', async () => {
    const fields = await formAt(finance, '/capital/receipts/new')
    const bad = await finance
      .post('/capital/receipts/new')
      .type('form')
      .send({ ...fields, description: '', fy: 'soon' })
      .expect(422)
    expect(pageText(bad.text)).toContain('Enter what the receipt is from')
    expect(pageText(bad.text)).toContain('Enter the year the receipt came in, like 2018-19')
    await finance
      .post('/capital/receipts/new')
      .type('form')
      .send({ ...fields, description: 'Sale of land', fy: '2020-21', amount: '2m' })
      .expect(303)
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'capital_receipts', column_name: 'amount_pence' })
      .first()
    expect(audit).toMatchObject({ action: 'create', to_value: '£2,000,000.00' })
  })
})

describe('loans and the treasury', () => {
  it('adds a loan whose interest the financing page charges; a loan repaid before it is taken is refused', async () => {
    const fields = await formAt(finance, '/capital/loans/new')
    const bad = await finance
      .post('/capital/loans/new')
      .type('form')
      .send({ ...fields, name: 'Short loan', principal: '5,000,000', rate: '4', taken: '2020-21', repaid: '2019-20' })
      .expect(422)
    expect(pageText(bad.text)).toContain('A loan taken in 2020/21 is repaid in a later year')
    await finance
      .post('/capital/loans/new')
      .type('form')
      .send({ ...fields, name: 'Short loan', principal: '5,000,000', rate: '4', taken: '2020-21', repaid: '2025-26' })
      .expect(303)
    const page = await finance.get('/capital/financing').expect(200)
    // £250k on the PWLB loan and £200k on the new one.
    expect(rowText(page.text, 'CFR, MRP, debt, interest', '2020/21')).toContain(' 15,000 ')
    expect(rowText(page.text, 'CFR, MRP, debt, interest', '2020/21')).toContain(' 450 ')
  })

  it('changes the opening CFR and investment income, and the costs follow', async () => {
    const fields = await formAt(finance, '/capital/treasury')
    expect(fields.opening_cfr).toBe('60000000.00')
    await finance
      .post('/capital/treasury')
      .type('form')
      .send({ ...fields, opening_cfr: '50,000,000', income_2021: '150,000' })
      .expect(303)
    const page = await finance.get('/capital/financing').expect(200)
    // £50m over 25 years is £2m a year.
    expect(rowText(page.text, 'CFR, MRP, debt, interest', '2015/16')).toMatch(/^2015\/16 50,000 4,200 2,000 /)
    expect(rowText(page.text, 'CFR, MRP, debt, interest', '2021/22')).toContain(' 150 ')
  })
})

describe('asset classes', () => {
  it('changes a class to the annuity method (a rate required) and MRP follows; one in use is not retired', async () => {
    const path = '/capital/asset-classes/it-systems/edit'
    const fields = await formAt(finance, path)
    expect(fields.method).toBe('straight_line')
    const noRate = await finance
      .post(path)
      .type('form')
      .send({ ...fields, method: 'annuity', rate: '' })
      .expect(422)
    expect(pageText(noRate.text)).toContain('Enter the annuity rate, like 3.5')
    const before = await finance.get('/capital/financing').expect(200)
    await finance
      .post(path)
      .type('form')
      .send({ ...fields, life: '8' })
      .expect(303)
    const after = await finance.get('/capital/financing').expect(200)
    expect(rowText(after.text, 'The MRP policy of each asset class', 'IT systems')).toContain('8 Straight line')
    expect(rowText(after.text, 'CFR, MRP, debt, interest', '2021/22')).not.toBe(
      rowText(before.text, 'CFR, MRP, debt, interest', '2021/22'),
    )
    const retire = await finance
      .post(path)
      .type('form')
      .send({ ...fields, retire: 'yes', reason: 'x' })
      .expect(422)
    expect(pageText(retire.text)).toContain('capital lines use this asset class: move them first')
  })

  it('adds a class, refusing a code already used', async () => {
    const fields = await formAt(finance, '/capital/asset-classes/new')
    const taken = await finance
      .post('/capital/asset-classes/new')
      .type('form')
      .send({ ...fields, code: 'vehicles', name: 'Cars', life: '5' })
      .expect(422)
    expect(pageText(taken.text)).toContain('An asset class with the code "vehicles" already exists')
    await finance
      .post('/capital/asset-classes/new')
      .type('form')
      .send({ ...fields, code: 'helicopters', name: 'Helicopters', life: '15', method: 'annuity', rate: '3' })
      .expect(303)
    const page = await finance.get('/capital/financing').expect(200)
    expect(rowText(page.text, 'The MRP policy of each asset class', 'Helicopters')).toContain('15 Annuity at 3%')
  })
})

describe('a scheme not tagged to a programme', () => {
  it('is added from the capital programme in a new draft year, financed from a reserve within its balance; the Panel does not see the draft year', async () => {
    await post(finance, '/years', '/years', { fy: '2022/23' }, 303)
    const path = '/capital/lines/new'
    const fields = await formAt(finance, path)
    expect(fields.nature).toBe('capital')
    const scheme = {
      ...fields,
      name: 'Custody suite',
      budget_owner: 'capital_programme',
      spend_type: 'capital_estates',
      amount_2022: '3m',
    }
    const revenue = await finance
      .post(path)
      .type('form')
      .send({ ...scheme, nature: 'revenue', spend_type: 'premises' })
      .expect(422)
    expect(pageText(revenue.text)).toContain(
      'A scheme added to the capital programme is capital: choose capital, or add a revenue line to its programme',
    )
    const saved = await finance.post(path).type('form').send(scheme).expect(303)
    expect(saved.headers.location).toBe('/capital#schemes')
    const line = await env
      .db('budget_lines')
      .where({ name: 'Custody suite' })
      .first<{ id: number; programme_id: null }>()
    expect(line.programme_id).toBeNull()
    const audit = await env.db('audit_events').where({ table_name: 'budget_lines', row_id: String(line.id) })
    expect(audit.length).toBeGreaterThan(0)

    // The capital and estates reserve is spent by 2020/21: drawing £1 more is refused, naming the reserve and year.
    const financingPath = `/capital/lines/${line.id}/financing`
    const financing = await formAt(finance, financingPath)
    const reserveOf = async (code: string) =>
      String((await env.db('reserves').where({ code }).first<{ id: number }>('id')).id)
    const before = await countRows(env.db, 'audit_events')
    const refused = await finance
      .post(financingPath)
      .type('form')
      .send({
        ...financing,
        reserves_2022: '1,000,000',
        reserve_2022: await reserveOf('capital'),
        borrowing_2022: '2m',
      })
      .expect(422)
    expect(pageText(refused.text)).toContain(
      'Capital and estates reserve would close 2022/23 at −£1,000,000.00: a reserve cannot be drawn beyond its balance',
    )
    expect(await countRows(env.db, 'audit_events')).toBe(before)
    await finance
      .post(financingPath)
      .type('form')
      .send({
        ...financing,
        reserves_2022: '1,000,000',
        reserve_2022: await reserveOf('general'),
        borrowing_2022: '2m',
      })
      .expect(303)

    // Finance sees the draft year on the capital programme; the Panel sees only the published years.
    const page = await finance.get('/capital').expect(200)
    expect(rowText(page.text, 'Spend and financing by year', '2022/23')).toBe(
      '2022/23 draft: finance only 3,000 0 0 0 1,000 2,000 3,000 Equals spend',
    )
    expect(rowText(page.text, 'Capital schemes by year', 'Custody suite')).toContain('Not tagged')
    const panel = await signedIn(env.app, 'panel')
    const seen = await panel.get('/capital').expect(200)
    expect(pageText(seen.text)).not.toContain('2022/23')
    expect(pageText(seen.text)).not.toContain('Custody suite')

    // The draw is the general reserve's use in 2022/23, a year it had no entry for.
    const reserves = await finance.get('/mtfp/reserves').expect(200)
    expect(rowText(reserves.text, 'General reserve', '2022/23')).toContain(' 1.0 of which 1.0 for capital schemes ')
    const edit = await finance.get('/lines/' + String(line.id) + '/edit').expect(200)
    expect(pageText(edit.text)).toContain('Edit capital scheme')
  })
})
