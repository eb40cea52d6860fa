// The appraisal pages over the seeded demo office: the IT platform's payback (3.00 and about 3.23 years),
// Mobile First's time saved, the portfolio, and a fixed number of queries.
import request from 'supertest'
import { countQueries } from '../support/test-db'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { csrfOf, signedIn } from '../support/session'

const env = useTestApp()

describe('GET /programmes/:code/appraisal', () => {
  it('shows the IT platform paying back in 3.00 years, about 3.23 discounted, as its decision claimed', async () => {
    const res = await request(env.app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    const text = pageText(res.text)
    expect(rowText(res.text, 'Results', 'Simple payback')).toBe('Simple payback 3.00 years 3.00 years')
    expect(rowText(res.text, 'Results', 'Discounted payback')).toBe('Discounted payback 3.23 years 3.23 years')
    expect(rowText(res.text, 'Results', 'Present value of costs')).toBe('Present value of costs £4,200,000 £4,200,000')
    expect(rowText(res.text, 'Results', 'Benefit-cost ratio')).toBe('Benefit-cost ratio 1.51 1.51')
    expect(text).toContain('Payback as claimed: claimed 3 years; computed 3.00 years.')
    expect(text).toContain('benefits can fall 34% before this stops paying back')
    expect(text).toContain('Figures are in cash prices')
    expect(rowText(res.text, 'Cash flows by year', '0: 2015/16')).toBe(
      '0: 2015/16 £4,200,000 £0 £0 £0 1.0000 −£4,200,000 −£4,200,000 −£4,200,000',
    )
    expect(rowText(res.text, 'Cash flows by year', '3: 2018/19')).toContain('£0 £0')
    expect(rowText(res.text, 'Sensitivity', 'Costs 20% higher')).toContain('3.60 years')
    // £1.4m × 0.7 = £0.98m a year: simple payback £4.2m ÷ £0.98m = 4.29 years; NPV 0.7 × £6,321,073 − £4.2m = £224,751.
    expect(rowText(res.text, 'Sensitivity', 'Benefits 30% lower')).toBe(
      'Benefits 30% lower £224,751 4.29 years; 4.73 years £224,751 4.29 years; 4.73 years',
    )
  })

  it("values Mobile First's time saved for the 2,200 device holders only, with each assumption's source", async () => {
    const res = await request(env.app).get('/programmes/MOBILE-FIRST/appraisal').expect(200)
    const text = pageText(res.text)
    expect(rowText(res.text, 'Officer time saved', 'Officers with the tool')).toContain(
      '2200 2,200 devices issued to officers',
    )
    expect(rowText(res.text, 'Officer time saved', 'Shifts per officer per year')).toContain('Assumption')
    expect(rowText(res.text, 'Officer time saved', 'Hours saved a year')).toBe(
      'Hours saved a year 440000 worth £13,200,000 a year, or 266.7 FTE',
    )
    expect(rowText(res.text, 'Results', 'Simple payback')).toBe(
      'Simple payback does not pay back within 4 years 0.13 years',
    )
    expect(text).toContain('Full economic')
  })

  it('says when a programme has no benefits, and 404s an unknown one', async () => {
    const res = await request(env.app).get('/programmes/ESN/appraisal').expect(200)
    expect(pageText(res.text)).toContain('No benefits have been recorded for this programme')
    await request(env.app).get('/programmes/NOPE/appraisal').expect(404)
  })

  it('flags a claimed payback more than half a year from the computed one', async () => {
    await env.db('programmes').where({ code: 'ITP-ESSEX' }).update({ claimed_payback_years: '2' })
    const res = await request(env.app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    expect(pageText(res.text)).toContain(
      'The claimed payback differs from the computed one by more than half a year: claimed 2 years; computed 3.00 years.',
    )
    await env.db('programmes').where({ code: 'ITP-ESSEX' }).update({ claimed_payback_years: '3' })
  })

  it('appraises in real prices when an inflation assumption is set', async () => {
    await env
      .db('programmes')
      .where({ code: 'ITP-ESSEX' })
      .update({ inflation_rate: '0.02', inflation_source: 'Assumption: 2% a year' })
    const res = await request(env.app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    expect(pageText(res.text)).toContain(
      'Figures are in real 2015/16 prices: cash figures deflated at 2% a year (Assumption: 2% a year)',
    )
    expect(rowText(res.text, 'Results', 'Simple payback')).not.toContain('3.00 years')
    await env.db('programmes').where({ code: 'ITP-ESSEX' }).update({ inflation_rate: null, inflation_source: null })
  })
})

describe('a benefit derived from the claim it is checked against', () => {
  it('says so on the appraisal page itself, beside the claimed payback', async () => {
    const text = pageText((await request(env.app).get('/programmes/ITP-ESSEX/appraisal').expect(200)).text)
    expect(text).toContain('Payback as claimed: claimed 3 years; computed 3.00 years.')
    expect(text).toContain(
      'Derived, not sourced: “Annual saving implied by the three-year payback claim (derived)” (Derived, not in the documents: £4.2m paid back in three years is £1.4m a year.',
    )
    expect(text).toContain('A computed payback that matches the claim it was derived from does not test the claim.')
    expect(text).toContain('Benefit inputs: 0 of 1 from documents, 1 derived from other figures.')
  })
})

describe('GET /appraisal', () => {
  it('ranks by cashable NPV by default (full economic on request), with how many inputs are sourced or assumed', async () => {
    const res = await request(env.app).get('/appraisal').expect(200)
    const itp = rowText(res.text, 'Programmes with benefits', 'IT platform with Essex')
    expect(itp).toContain('3.00 years 3.23 years 3 years the benefit is derived from this claim')
    expect(itp).toMatch(/0 of 1 from documents, 1 derived from other figures$/)
    expect(rowText(res.text, 'Programmes with benefits', 'Mobile First')).toMatch(
      /2 of 5 from documents, 3 assumptions$/,
    )
    const text = pageText(res.text)
    expect(text).toContain('ranked by cashable net present value')
    expect(text.indexOf('IT platform with Essex')).toBeLessThan(text.indexOf('Mobile First'))
    expect(text).not.toContain('Emergency Services Network')
    const full = pageText((await request(env.app).get('/appraisal?rank=full').expect(200)).text)
    expect(full).toContain('ranked by full economic net present value')
    expect(full.indexOf('Mobile First')).toBeLessThan(full.indexOf('IT platform with Essex'))
    const filtered = await request(env.app).get('/appraisal?invest-to-save=yes').expect(200)
    expect(pageText(filtered.text)).toContain('IT platform with Essex')
  })

  it('runs a fixed number of queries', async () => {
    expect(await countQueries(env.db, () => request(env.app).get('/appraisal').expect(200))).toBe(6)
    expect(await countQueries(env.db, () => request(env.app).get('/programmes/ITP-ESSEX/appraisal').expect(200))).toBe(
      7,
    )
  })
})

describe('appraisal inputs', () => {
  it('lets finance set the claim and inflation, and record a time-saved assumption, each with its source', async () => {
    const finance = await signedIn(env.app, 'finance')
    const form = await finance.get('/programmes/ITP-ESSEX/appraisal/settings').expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const bad = await finance
      .post('/programmes/ITP-ESSEX/appraisal/settings')
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, claimed_payback_years: 'three', inflation: '2', inflation_source: '' })
      .expect(422)
    expect(pageText(bad.text)).toContain('The claimed payback must be a number, like 1650')
    expect(pageText(bad.text)).toContain('Say where the inflation assumption comes from')
    await finance
      .post('/programmes/ITP-ESSEX/appraisal/settings')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        version,
        claimed_payback_years: '3',
        claimed_payback_source: 'Key decisions 2015',
        inflation: '2%',
        inflation_source: 'Assumption: CPI target',
      })
      .expect(303)
    expect(await env.db('programmes').where({ code: 'ITP-ESSEX' }).first('inflation_rate')).toEqual({
      inflation_rate: '0.02',
    })

    const newForm = await finance.get('/programmes/VPC/assumptions/new').expect(200)
    const fields = {
      _csrf: csrfOf(newForm.text),
      description: 'Leaders’ admin time saved',
      hours_per_shift: '0.5',
      hours_per_shift_source: 'Assumption: half an hour',
      shifts_per_officer_per_year: '40',
      shifts_source: 'Assumption: weekly units',
      officers: '50',
      officers_source: 'Unit leaders: agenda pack',
      cost_per_hour: '£25',
      cost_per_hour_source: '',
      productive_hours_per_fte: '0',
      productive_hours_source: 'Assumption',
      from_fy: '2017/18',
      to_fy: '2016/17',
    }
    const refused = await finance.post('/programmes/VPC/assumptions/new').type('form').send(fields).expect(422)
    const text = pageText(refused.text)
    expect(text).toContain('Say where the cost per hour comes from')
    expect(text).toContain('The productive hours per FTE must be more than 0')
    expect(text).toContain('The last year must be 2017/18 or later')
    expect(text).toContain('Read as £25.00')
    expect(Number((await env.db('time_saved_assumptions').count({ n: '*' }).first())?.n)).toBe(1)
    await finance
      .post('/programmes/VPC/assumptions/new')
      .type('form')
      .send({
        ...fields,
        cost_per_hour_source: 'Assumption: volunteer time valued',
        productive_hours_per_fte: '1650',
        to_fy: '2017/18',
      })
      .expect(303)
    const page = await request(env.app).get('/programmes/VPC/appraisal').expect(200)
    expect(rowText(page.text, 'Leaders’ admin time saved', 'Hours saved a year')).toBe(
      'Hours saved a year 1000 worth £25,000 a year, or 0.6 FTE',
    )
    expect(
      await env.db('audit_events').where({ table_name: 'time_saved_assumptions', column_name: 'officers' }).first(),
    ).toMatchObject({ to_value: '50' })
  })
})

describe('benefit realisation', () => {
  it('records realised savings, where they were banked, and recomputes payback on realised figures to date', async () => {
    const finance = await signedIn(env.app, 'finance')
    const form = await finance.get('/programmes/ITP-ESSEX/realisations/new').expect(200)
    const line =
      /<option value="(\d+)">Force \(delegated to the Chief Constable\): Supplies and services<\/option>/.exec(
        form.text,
      )?.[1] ?? ''
    expect(line).not.toBe('')
    const bad = await finance
      .post('/programmes/ITP-ESSEX/realisations/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), fy: '2016/17', banked_line: line })
      .expect(422)
    expect(pageText(bad.text)).toContain('Enter the cashable saving or the hours saved (or both)')
    expect(pageText(bad.text)).toContain('Choose the year the saving was removed from the budget line')
    expect(Number((await env.db('benefit_realisations').count({ n: '*' }).first())?.n)).toBe(0)
    await finance
      .post('/programmes/ITP-ESSEX/realisations/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), fy: '2016/17', cashable: '1.2m', banked_line: line, banked_fy: '2017/18' })
      .expect(303)
    await finance
      .post('/programmes/ITP-ESSEX/realisations/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), fy: '2017/18', cashable: '1.4m' })
      .expect(303)
    const res = await request(env.app).get('/programmes/ITP-ESSEX/appraisal').expect(200)
    expect(rowText(res.text, 'Planned against realised', '2016/17')).toBe(
      '2016/17 £1,400,000 £1,200,000 0 not recorded',
    )
    expect(rowText(res.text, 'Where each realised saving was banked', '2016/17')).toContain(
      'Force (delegated to the Chief Constable): Supplies and services, 2017/18',
    )
    expect(rowText(res.text, 'Where each realised saving was banked', '2017/18')).toContain(
      'Not banked the saving has not left the budget',
    )
    expect(pageText(res.text)).toContain(
      'On the cashable savings realised to 2017/18, against the costs to then: simple payback does not pay back within 3 years',
    )
    expect(
      await env.db('audit_events').where({ table_name: 'benefit_realisations', column_name: 'cashable_pence' }).first(),
    ).toMatchObject({ field: 'Cashable saving', to_value: '£1,200,000.00' })
  })
})
