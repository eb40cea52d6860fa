// The appraisal pages over the seeded demo office: the IT platform's payback (3.00 and about 3.23 years),
// Mobile First's time saved, the portfolio, and a fixed number of queries.
import request from 'supertest'
import type { Express } from 'express'
import { createApp } from '../../server/app'
import { createServices } from '../../server/services'
import { countQueries, createTestDb, type TestDb } from '../support/test-db'
import { pageText, rowText } from '../support/html'

let t: TestDb
let app: Express

beforeAll(async () => {
  t = await createTestDb()
  app = createApp(t.db, createServices(t.db), { production: true, secureCookies: false, sessionCleanupInterval: 0 })
})
afterAll(async () => {
  await t.destroy()
})

describe('GET /programmes/:code/appraisal', () => {
  it('shows the IT platform paying back in 3.00 years, about 3.23 discounted, as its decision claimed', async () => {
    const res = await request(app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    const text = pageText(res.text)
    expect(rowText(res.text, 'Results', 'Simple payback')).toBe('Simple payback 3.00 years 3.00 years')
    expect(rowText(res.text, 'Results', 'Discounted payback')).toBe('Discounted payback 3.23 years 3.23 years')
    expect(rowText(res.text, 'Results', 'Present value of costs')).toBe('Present value of costs £4,200,000 £4,200,000')
    expect(rowText(res.text, 'Results', 'Benefit-cost ratio')).toBe('Benefit-cost ratio 1.51 1.51')
    expect(text).toContain('Payback as claimed: claimed 3 years; computed 3.00 years.')
    expect(text).toContain('benefits can fall 34% before this stops paying back')
    expect(text).toContain('Figures are in cash prices')
    expect(rowText(res.text, 'Cash flows by year', '0: 2015/16')).toBe('0: 2015/16 £4,200,000 £0 £0 £0 1.0000 −£4,200,000 −£4,200,000 −£4,200,000')
    expect(rowText(res.text, 'Cash flows by year', '3: 2018/19')).toContain('£0 £0')
    expect(rowText(res.text, 'Sensitivity', 'Costs 20% higher')).toContain('3.60 years')
    expect(rowText(res.text, 'Sensitivity', 'Benefits 30% lower')).toMatch(/does not pay back within 6 years|\d\.\d\d years/)
  })

  it("values Mobile First's time saved for the 2,200 device holders only, with each assumption's source", async () => {
    const res = await request(app).get('/programmes/MOBILE-FIRST/appraisal').expect(200)
    const text = pageText(res.text)
    expect(rowText(res.text, 'Officer time saved', 'Officers with the tool')).toContain('2200 2,200 devices issued to officers')
    expect(rowText(res.text, 'Officer time saved', 'Shifts per officer per year')).toContain('Assumption')
    expect(rowText(res.text, 'Officer time saved', 'Hours saved a year')).toBe('Hours saved a year 440000 worth £13,200,000 a year, or 266.7 FTE')
    expect(rowText(res.text, 'Results', 'Simple payback')).toBe('Simple payback does not pay back within 4 years 0.13 years')
    expect(text).toContain('Full economic')
  })

  it('says when a programme has no benefits, and 404s an unknown one', async () => {
    const res = await request(app).get('/programmes/ESN/appraisal').expect(200)
    expect(pageText(res.text)).toContain('No benefits have been recorded for this programme')
    await request(app).get('/programmes/NOPE/appraisal').expect(404)
  })

  it('flags a claimed payback more than half a year from the computed one', async () => {
    await t.db('programmes').where({ code: 'ITP-ESSEX' }).update({ claimed_payback_years: '2' })
    const res = await request(app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    expect(pageText(res.text)).toContain('The claimed payback differs from the computed one by more than half a year: claimed 2 years; computed 3.00 years.')
    await t.db('programmes').where({ code: 'ITP-ESSEX' }).update({ claimed_payback_years: '3' })
  })

  it('appraises in real prices when an inflation assumption is set', async () => {
    await t.db('programmes').where({ code: 'ITP-ESSEX' }).update({ inflation_rate: '0.02', inflation_source: 'Assumption: 2% a year' })
    const res = await request(app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    expect(pageText(res.text)).toContain('Figures are in real 2015/16 prices: cash figures deflated at 2% a year (Assumption: 2% a year)')
    expect(rowText(res.text, 'Results', 'Simple payback')).not.toContain('3.00 years')
    await t.db('programmes').where({ code: 'ITP-ESSEX' }).update({ inflation_rate: null, inflation_source: null })
  })
})

describe('GET /appraisal', () => {
  it('ranks every programme with benefits by NPV, filterable to invest to save', async () => {
    const res = await request(app).get('/appraisal').expect(200)
    expect(rowText(res.text, 'Programmes with benefits', 'IT platform with Essex')).toContain('3.00 years 3.23 years 3 years')
    const text = pageText(res.text)
    expect(text.indexOf('Mobile First')).toBeLessThan(text.indexOf('IT platform with Essex'))
    expect(text).not.toContain('Emergency Services Network')
    const filtered = await request(app).get('/appraisal?invest-to-save=yes').expect(200)
    expect(pageText(filtered.text)).toContain('IT platform with Essex')
  })

  it('runs a fixed number of queries', async () => {
    expect(await countQueries(t.db, () => request(app).get('/appraisal').expect(200))).toBe(4)
    expect(await countQueries(t.db, () => request(app).get('/programmes/ITP-ESSEX/appraisal').expect(200))).toBe(5)
  })
})
