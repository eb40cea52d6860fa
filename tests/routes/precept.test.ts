// The precept (issue #12): the 2017/18 proposal (£152.15 → £157.15: +£5.00, 3.29%, within the £5 route), every band's
// rise, the council tax requirement from the plan, the billing authorities' shares summing to the precept, the
// statutory process against its timetable; Band D by year; and the plan taking its precept income from here.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'

const env = useTestApp({ fresh: 'test' })

describe('the year’s precept', () => {
  it('shows the 2017/18 precept: a £5.00 rise (3.29%) within the 2% or £5 route, every band a year, a month, a week', async () => {
    const page = await request(env.app).get('/precept').expect(200)
    const text = pageText(page.text)
    expect(text).toContain('The police precept for 2017/18')
    expect(text).toContain('Issued to the billing authorities £157.15')
    expect(text).toContain('Rise on Band D £5.00 a year (3.29%)')
    expect(text).toContain(
      'A rise of 2% or more and of more than £5.00 on Band D is excessive: the greater of the two is allowed.',
    )
    expect(text).toContain('Within the principle The largest Band D allowed without a referendum is £157.15.')
    expect(rowText(page.text, 'Every band', 'D')).toBe('D £152.15 £157.15 £5.00 £0.42 £0.10 3.29%')
    expect(rowText(page.text, 'Every band', 'A')).toBe('A £101.43 £104.77 £3.33 £0.28 £0.06 3.29%')
    expect(rowText(page.text, 'Every band', 'H')).toBe('H £304.30 £314.30 £10.00 £0.83 £0.19 3.29%')
  })

  it('builds the council tax requirement from the plan and sets the precept against it', async () => {
    const page = await request(env.app).get('/precept?fy=2017-18').expect(200)
    const row = (label: string) => rowText(page.text, 'How the council tax requirement is built', label)
    expect(row('Net revenue budget')).toBe('Net revenue budget £301,800,000.00')
    expect(row('plus contributions to reserves')).toBe('plus contributions to reserves £0.18')
    expect(row('Council tax requirement')).toBe('Council tax requirement £95,900,000.18')
    expect(row('Tax base')).toBe('Tax base (Band D equivalent properties) 610,244.99')
    expect(row('Band D it needs')).toBe('Band D it needs (requirement ÷ tax base, to the penny) £157.15')
    expect(row('Precept at Band D')).toBe('Precept at Band D £157.15 (tax base × Band D) £95,900,000.18')
    expect(row('Precept less the requirement')).toBe('Precept less the requirement £0.00')
  })

  it('shares the precept between the 13 billing authorities, to the penny', async () => {
    const page = await request(env.app).get('/precept?fy=2017-18').expect(200)
    const caption = 'Tax base, precept and collection fund by billing authority'
    expect(rowText(page.text, caption, 'All billing authorities')).toBe(
      'All billing authorities 610,244.99 £95,900,000.18 £800,000.00',
    )
    const shares = [...page.text.matchAll(/<th scope="row" class="govuk-table__header">([^<]+Council)/g)].map((m) =>
      rowText(page.text, caption, m[1] ?? ''),
    )
    expect(shares).toHaveLength(13)
    const pence = shares.map((r) => {
      const money = r.match(/£([\d,]+\.\d\d)/)?.[1] ?? '0'
      return BigInt(money.replace(/[,.]/g, ''))
    })
    expect(pence.reduce((a, p) => a + p, 0n)).toBe(9590000018n)
  })

  it('tracks the statutory process against its timetable', async () => {
    const page = await request(env.app).get('/precept?fy=2017-18').expect(200)
    const step = (label: string) => rowText(page.text, 'The 2017/18 precept, step by step', label)
    expect(step('The Commissioner notifies')).toBe(
      'The Commissioner notifies the Panel of the proposed precept by 1 February 2017 27 January 2017',
    )
    expect(step('After a veto')).toContain('Not needed: no veto')
    expect(step('The precept is issued')).toContain('before 1 March 2017 20 February 2017')
    expect(pageText(page.text)).toContain('The Panel has 20 members in office: a veto needs 14 of them (two-thirds).')
    expect(pageText(page.text)).toContain('The robustness of the estimates')
  })

  it('shows a year with only the published Band D, and refuses a malformed or unknown year', async () => {
    const page = await request(env.app).get('/precept?fy=2019-20').expect(200)
    expect(pageText(page.text)).toContain('Rise on Band D £24.00 a year (14.19%)')
    expect(pageText(page.text)).toContain('No section 25 statement has been recorded for 2019/20.')
    await request(env.app).get('/precept?fy=2040-41').expect(404)
    const bad = await request(env.app).get('/precept?fy=17-18x').expect(400)
    expect(pageText(bad.text)).toContain('is not a financial year')
    await request(env.app).get('/precept?fy=2017-18&fy=2018-19').expect(400)
  })
})

describe('Band D by year', () => {
  it('lists Band D since 2013/14 with its rise and the year’s limit, with a chart from the table', async () => {
    const page = await request(env.app).get('/precept/history').expect(200)
    const row = (fy: string) => rowText(page.text, 'Band D, its rise and the referendum limit by year', fy)
    expect(row('2013/14')).toBe('2013/14 £141.47 — — 2% — —')
    expect(row('2016/17')).toBe('2016/17 £152.15 £5.00 3.40% 2% or £5.00 (the greater) £152.15 Within')
    expect(row('2017/18')).toBe('2017/18 £157.15 £5.00 3.29% 2% or £5.00 (the greater) £157.15 Within')
    expect(row('2019/20')).toBe('2019/20 £193.15 £24.00 14.19% £24.00 £193.15 Within')
    expect(row('2025/26')).toBe('2025/26 £270.15 £14.00 5.47% £14.00 £270.15 Within')
    expect(page.text).toContain('data-chart="precept"')
  })
})

describe('the plan and the precept', () => {
  it('takes its precept income and collection fund from the precept, and the budget year balances', async () => {
    const plan = await request(env.app).get('/mtfp').expect(200)
    const row = rowText(plan.text, 'Medium-term financial plan', 'Precept income: the precept')
    expect(row).toContain('95.9 Band D £157.15')
    expect(row).toContain("121.9 the plan's published figure, 121.9: source 3 Band D £193.15")
    expect(rowText(plan.text, 'Medium-term financial plan', 'Collection fund')).toContain('0.8 declared')
    expect(pageText(plan.text)).toContain('The budget year 2017/18 balances.')
  })
})
