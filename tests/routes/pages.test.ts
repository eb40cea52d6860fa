// Every page over a real migrated and seeded database, asserting the figures a reader sees.
import request from 'supertest'
import { testApp, useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import knex from 'knex'
import { openDatabase } from '../../server/data/db'

const env = useTestApp()

describe('GET /', () => {
  it('shows the latest year with budget by default, with the whole revenue budget and programme budgets', async () => {
    const res = await request(env.app).get('/').expect(200)
    const text = pageText(res.text)
    expect(text).toContain('Office dashboard')
    expect(text).toContain('2020/21')
    expect(text).toContain('Actuals and profile to date are to the end of P8 (November 2020)')
    expect(text).toContain('Revenue budget 2020/21 by type of spend (£k)')
    expect(text).toContain('Revenue budget 2020/21 by budget owner (£k)')
    expect(text).toContain('Programme budgets 2020/21 (£)')
    expect(text).toContain('Illustrative figures')
    for (const type of [
      'Police officer pay',
      'PCSO pay',
      'Police staff pay',
      'Overtime',
      'Premises',
      'Transport',
      'Supplies and services',
      'Third-party payments',
      'Capital financing',
      'Income',
    ]) {
      expect(text).toContain(type)
    }
    for (const owner of [
      'OPCC office',
      'OPCC commissioning',
      'Force (delegated to the Chief Constable)',
      'Capital programme',
    ])
      expect(text).toContain(owner)
    // 2020/21 net revenue budget: £378.4m gross less £24.0m income (illustrative), in £k.
    expect(rowText(res.text, 'by type of spend', 'Net revenue budget')).toMatch(/^Net revenue budget 356,000 /)
    expect(rowText(res.text, 'by type of spend', 'Income')).toMatch(/^Income \(illustrative\) −24,000 /)
    // Mobile First 2020/21: devices £996,250 + software £460,000.
    expect(rowText(res.text, 'Programme budgets 2020/21', 'Mobile First')).toMatch(/^Mobile First 1,456,250 /)
    expect(rowText(res.text, 'Programme budgets 2020/21', 'Emergency Services Network')).toMatch(
      /^Emergency Services Network 2,375,000 .* (Red|Amber|Green) /,
    )
    expect(text).toContain('Capital programme budgets £3,371,250 budget')
    expect(text).toContain('Revenue programme budgets £460,000 budget')
    expect(res.text).toContain('src="/vendor/chart.js/chart.umd.min.js"')
    expect(res.text).not.toContain('cdn')
  })

  it('shows the IT platform with Essex in 2015/16 as £4,200,000, and Body Worn Video as revised by its slippage', async () => {
    const res = await request(env.app).get('/?fy=2015-16').expect(200)
    expect(rowText(res.text, 'Programme budgets 2015/16', 'IT platform with Essex')).toMatch(
      /^IT platform with Essex 4,200,000 /,
    )
    expect(rowText(res.text, 'Programme budgets 2015/16', 'Body Worn Video')).toMatch(/^Body Worn Video 1,427,000 /)
    expect(rowText(res.text, 'Programme budgets 2015/16', 'Total programme budgets')).toMatch(
      /^Total programme budgets 6,227,000 /,
    )
  })

  it('accepts 2017/18 as well as 2017-18 and keeps the year picker working without JavaScript', async () => {
    const res = await request(env.app).get('/').query({ fy: '2017/18' }).expect(200)
    expect(res.text).toContain('<option value="2017-18" selected>2017/18</option>')
    expect(res.text).toMatch(/<form method="get" action="\/"/)
  })

  it('answers a malformed year with 400 saying what a financial year looks like', async () => {
    const res = await request(env.app).get('/?fy=2017-1').expect(400)
    expect(pageText(res.text)).toContain('"2017-1" is not a financial year: a financial year looks like 2017-18')
    await request(env.app).get('/?fy=2017-19').expect(400)
    await request(env.app).get('/?fy=2017-18&fy=2018-19').expect(400)
  })

  it('answers a year with no budget with 404 saying what was not found', async () => {
    const res = await request(env.app).get('/?fy=2030-31').expect(404)
    expect(pageText(res.text)).toContain('A budget for 2030/31 was not found')
  })
})

describe('GET /programmes', () => {
  it('lists every programme with whole-life budget, split, years and source', async () => {
    const res = await request(env.app).get('/programmes').expect(200)
    const row = (name: string) => rowText(res.text, 'Programmes and whole-life budgets', `${name}`)
    expect(row('ITP-ESSEX')).toBe(
      "ITP-ESSEX IT platform with Essex Invest to save Complete £4,200,000 £4,200,000 £0 2015/16 Commissioner's key decisions, July to September 2015 (Panel item C1, 22 September 2015)",
    )
    expect(row('MOBILE-FIRST')).toContain('£5,900,000 £3,985,000 £1,915,000 2017/18 to 2020/21')
    expect(row('ESN')).toContain('£9,500,000 £9,500,000 £0 2017/18 to 2020/21')
    expect(row('CSE-TEAM')).toContain('£1,800,000 £0 £1,800,000 2015/16 to 2017/18')
    expect(row('VPC')).toContain('£72,000 £0 £72,000 2016/17 to 2017/18')
    expect(row('IP-SALE')).toContain('Not given — — None budgeted')
  })
})

describe('GET /programmes/:code', () => {
  it('shows the cost lines by year, sources, budget against actual by year, the monthly profile and decisions', async () => {
    const res = await request(env.app).get('/programmes/MOBILE-FIRST').expect(200)
    const text = pageText(res.text)
    expect(
      rowText(res.text, 'Budget by cost line and financial year', 'Integrated software: annual revenue cost'),
    ).toBe('Integrated software: annual revenue cost (revenue) £460,000 £460,000 £460,000 £460,000 £1,840,000')
    expect(rowText(res.text, 'Budget by cost line and financial year', 'Total')).toBe(
      'Total £1,531,250 £1,456,250 £1,456,250 £1,456,250 £5,900,000',
    )
    expect(rowText(res.text, 'Cost lines of Mobile First', 'Integrated software: deployment')).toBe(
      'Integrated software: deployment and integration Revenue One-off Force revenue budget Force (delegated to the Chief Constable) Supplies and services',
    )
    expect(text).toContain('Police and Crime Panel agenda pack, 28 March 2017, OPCC.D.013.17')
    expect(text).toContain('is part of the £5.9m, not on top of it')
    expect(text).toContain('Monthly profile and actuals, 2020/21')
    expect(text).toContain('P1 (April)')
    expect(text).toContain('P12 (March)')
    expect(text).toMatch(
      /OPCC.D.013.17 ?: Mobile First - Integrated Software Procurement \(commits £1,915,000 in all\)/,
    )
    expect(text).toContain('Chief Finance Officer signed after the Commissioner')
    expect(rowText(res.text, 'budget against actual and forecast outturn by financial year', '2017/18')).toMatch(
      /^2017\/18 closed not frozen £1,531,250 £1,347,496 outturn £1,347,496 /,
    )
    expect(rowText(res.text, 'budget against actual and forecast outturn by financial year', '2020/21')).toMatch(
      /^2020\/21 not frozen £1,456,250 £1,223,413 forecast £686,157 /,
    )
  })

  it('shows the IT platform with Essex at £4,200,000 with its source and the plain reading', async () => {
    const res = await request(env.app).get('/programmes/itp-essex?fy=2015-16').expect(200)
    const text = pageText(res.text)
    expect(text).toContain('Whole-life budget £4,200,000: capital £4,200,000, revenue £0')
    expect(text).toContain('Assumption: the whole £4.2m falls in 2015/16')
    expect(text).toContain('Monthly profile and actuals, 2015/16')
  })

  it('says when a programme has no figures', async () => {
    const res = await request(env.app).get('/programmes/IP-SALE').expect(200)
    expect(pageText(res.text)).toContain('This programme has no budget lines: the documents give no amount.')
  })

  it('answers an unknown programme or a year it has no figures for with 404', async () => {
    const res = await request(env.app).get('/programmes/NOPE').expect(404)
    expect(pageText(res.text)).toContain('A programme with the code "NOPE" was not found')
    const year = await request(env.app).get('/programmes/BWV?fy=2019-20').expect(404)
    expect(pageText(year.text)).toContain('A budget for 2019/20 was not found')
    await request(env.app).get('/programmes/BWV?fy=20-21').expect(400)
  })
})

describe('the net revenue budget and closed years', () => {
  it.each([
    ['2018-19', '314,400', '333,300'],
    ['2019-20', '332,600', '353,200'],
  ])(
    '%s: spending before local income is the published Kent budget, shown beside it with its source',
    async (fy, net, published) => {
      const res = await request(env.app).get(`/?fy=${fy}`).expect(200)
      expect(rowText(res.text, 'by type of spend', 'Net revenue budget')).toMatch(
        new RegExp(`^Net revenue budget ${net} `),
      )
      expect(pageText(res.text)).toContain(
        `Published budget for ${fy.replace('-', '/')}: £${published},000 (Kent Police budgets (public record)).`,
      )
      expect(pageText(res.text)).toContain(
        `The tracker's spending before local income (the net revenue budget above without its income lines) is £${published},000: it agrees.`,
      )
    },
  )

  it("heads a closed year's columns as outturn and actual, and an open year's as forecast", async () => {
    const closed = await request(env.app).get('/?fy=2019-20').expect(200)
    expect(rowText(closed.text, 'by type of spend', 'Type of spend')).toBe(
      'Type of spend Budget Profile Actual Outturn Variance Variance % Status',
    )
    expect(pageText(closed.text)).toContain(
      "2019/20 is closed: the ledger has posted to P13 , so the outturn is the year's actual spend.",
    )
    const open = await request(env.app).get('/?fy=2020-21').expect(200)
    expect(rowText(open.text, 'by type of spend', 'Type of spend')).toBe(
      'Type of spend Budget Profile to date Actual to date Forecast outturn Variance Variance % Status',
    )
    expect(pageText(open.text)).not.toContain('Published budget')
  })
})

describe('GET /decisions', () => {
  it('keeps the sign-off dates as written, flags the late CFO sign-off and the impossible date', async () => {
    const res = await request(env.app).get('/decisions').expect(200)
    const d13 = rowText(res.text, 'Decisions', 'OPCC.D.013.17')
    expect(d13).toContain('6 May 2017 (written 6/5/17) Signed after the Commissioner')
    expect(d13).toContain('6 March 2017 (written 6/3/2017)')
    expect(d13).toContain('Mobile First')
    const d14 = rowText(res.text, 'Decisions', 'OPCC.D.014.17')
    expect(d14).toContain('17/13/17 Not a valid date')
    expect(d14).not.toContain('17 January')
    expect(rowText(res.text, 'Decisions', 'OPCC.D.033.23')).toContain('Sale of IP addresses')
  })

  it('shows when each decision was taken and what it commits in all', async () => {
    const res = await request(env.app).get('/decisions').expect(200)
    expect(rowText(res.text, 'Decisions', 'OPCC.D.013.17')).toMatch(
      /^OPCC.D.013.17 Mobile First - Integrated Software Procurement 6 March 2017 \(written 6\/3\/2017\) £1,915,000 Chief Finance Officer: 6 May 2017 \(written 6\/5\/17\) Signed after the Commissioner Chief of Staff: 6 March 2017/,
    )
    expect(rowText(res.text, 'Decisions', 'OPCC.D.014.17')).toMatch(
      / 17 March 2017 \(written 17\/3\/2017\) £0 Chief Finance Officer: 17\/13\/17 Not a valid date /,
    )
    expect(rowText(res.text, 'Decisions', 'OPCC.D.033.23')).toContain('Not given: noted by the Panel in 2023 Not given')
  })

  it('lists the 2015 key decisions without a reference number, saying so, with what they commit', async () => {
    const res = await request(env.app).get('/decisions').expect(200)
    const bwv = rowText(res.text, 'Decisions', 'No reference given : Wide-scale roll-out of body worn cameras')
    expect(bwv).toContain('July to September 2015 (reported to the Panel on 22 September 2015, item C1) £1,800,000')
    expect(bwv).toContain('Body Worn Video')
    const itp = rowText(res.text, 'Decisions', 'No reference given : Invest to save: a modern IT platform')
    expect(itp).toContain('£4,200,000')
    const link =
      /href="(\/decisions\/unnumbered-\d+)">No reference given<span class="govuk-visually-hidden">: Invest to save/.exec(
        res.text,
      )?.[1] ?? ''
    const page = pageText((await request(env.app).get(link).expect(200)).text)
    expect(page).toContain('Reference None: the source gives no reference number for this decision')
    expect(page).toContain('2015/16 £4,200,000.00 Capital. Assumption: all in 2015/16')
    expect(page).toContain("IT platform with Essex : Kent's investment £4.2m, anticipated payback three years")
    await request(env.app).get('/decisions/unnumbered-99999').expect(404)
  })

  it('shows what a decision commits by year: £535k in 2017/18, then £460k a year to 2020/21', async () => {
    const res = await request(env.app).get('/decisions/OPCC.D.013.17').expect(200)
    const caption = 'What the decision commits, by financial year'
    expect(rowText(res.text, caption, '2017/18')).toContain('£535,000.00')
    for (const fy of ['2018/19', '2019/20', '2020/21']) expect(rowText(res.text, caption, fy)).toContain('£460,000.00')
    expect(rowText(res.text, caption, 'Total')).toBe('Total £1,915,000.00')
    expect(pageText(res.text)).toContain("Decided 6 March 2017 (the Commissioner's sign-off)")
  })

  it('shows one decision with its sign-offs, flags and linked programmes', async () => {
    const res = await request(env.app).get('/decisions/OPCC.D.014.17').expect(200)
    const text = pageText(res.text)
    expect(text).toContain(
      'Governance flag: Chief Finance Officer\'s date "17/13/17" is not a valid date. The record is kept as written.',
    )
    expect(rowText(res.text, 'Sign-offs', 'Chief Finance Officer')).toContain('17/13/17 Not a valid date')
    expect(text).toMatch(/OPCC website ?: No cost to the OPCC/)
    expect(text).toContain('Commits £0 in all')
    const d13 = await request(env.app).get('/decisions/opcc.d.013.17').expect(200)
    expect(pageText(d13.text)).toMatch(/Mobile First ?: £535k in 2017\/18, then £460k a year to 2020\/21/)
  })

  it('answers an unknown decision with 404', async () => {
    const res = await request(env.app).get('/decisions/OPCC.D.999.99').expect(404)
    expect(pageText(res.text)).toContain('A decision with the reference "OPCC.D.999.99" was not found')
  })
})

describe('GET /healthz and errors', () => {
  it('reports ok after a real query', async () => {
    const res = await request(env.app).get('/healthz').expect(200)
    expect(res.body).toEqual({ status: 'ok', db: env.client })
  })

  it('answers an unknown page with 404', async () => {
    const res = await request(env.app).get('/no-such-page').expect(404)
    expect(pageText(res.text)).toContain('There is no page at /no-such-page')
  })

  it('sends security headers', async () => {
    const res = await request(env.app).get('/programmes').expect(200)
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })
})

describe('when the database is unreachable', () => {
  it('answers /healthz with 503 and a generic reason, and pages with 503 saying nothing was changed', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    // A database that cannot be opened: every query fails.
    const broken =
      env.client === 'postgres'
        ? openDatabase({ client: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' })
        : knex({
            client: 'sqlite3',
            connection: { filename: '/nonexistent-dir/tracker.sqlite3' },
            useNullAsDefault: true,
          })
    const brokenApp = testApp(broken)
    const health = await request(brokenApp).get('/healthz').expect(503)
    expect(health.body).toEqual({ status: 'unavailable', reason: 'The database is not available.' })
    const page = await request(brokenApp).get('/').expect(503)
    expect(pageText(page.text)).toContain('Sorry, the service is unavailable')
    expect(pageText(page.text)).toContain('Nothing was changed')
    expect(page.text).not.toMatch(/at .*\.ts:\d+/)
    expect(page.text).not.toContain('Error:')
    await broken.destroy()
    errors.mockRestore()
  })
})
