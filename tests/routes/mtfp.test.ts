// The medium-term financial plan's pages (issue #10) against the published figures: the plan, the workforce and the
// savings register.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'

const env = useTestApp({ fresh: 'test' })

const PLAN = 'Medium-term financial plan 2017/18 to 2021/22'

describe('the plan', () => {
  it('shows the published funding of 2019/20 and 2021/22, each figure with its source or marked an assumption', async () => {
    const page = await request(env.app).get('/mtfp').expect(200)
    expect(rowText(page.text, PLAN, 'Total grants')).toBe('Total grants 200.0 201.8 206.0 225.1 236.5')
    // Precept income is the precept set for each year (tax base × Band D); the plan's published figure stays beside it.
    expect(rowText(page.text, PLAN, 'Precept income')).toBe(
      "Precept income: the precept (tax base × Band D); a year without one, the plan's line 95.9 Band D £157.15 104.9 Band D £169.15 121.9 the plan's published figure, 121.9: source 3 Band D £193.15 130.0 Band D £203.15 139.7 the plan's published figure, 139.7: source 4 Band D £218.15",
    )
    expect(rowText(page.text, PLAN, 'Collection fund')).toContain(
      "1.2 the plan's published figure, 1.2: source 5 declared",
    )
    expect(rowText(page.text, PLAN, 'Collection fund')).toContain(
      "−1.5 the plan's published figure, −1.5: source 6 declared",
    )
    expect(rowText(page.text, PLAN, 'Police grant (Home Office)')).toContain(
      '120.4 * (assumption) final 121.0 * (assumption) provisional',
    )
    const text = pageText(page.text)
    expect(page.text).toContain('<li id="source-3">Kent Police budget 2019/20: precept £121.9m</li>')
    expect(text).toContain('Kent Police budget 2019/20: central government grants £206.0m in all')
  })

  it('builds net spending from the year before and reaches the published budgets', async () => {
    const page = await request(env.app).get('/mtfp').expect(200)
    expect(rowText(page.text, PLAN, 'Base: net spending of the year before')).toBe(
      'Base: net spending of the year before 295.5 301.8 314.4 332.6 356.0',
    )
    expect(rowText(page.text, PLAN, 'Net spending')).toBe('Net spending 301.8 314.4 332.6 356.0 374.7')
    // The published budgets are spending before local income: £353.2m in 2019/20; £402.8m in 2021/22 after savings.
    expect(rowText(page.text, PLAN, 'Spending before local income')).toBe(
      'Spending before local income (as published) 319.0 333.3 353.2 380.0 402.8',
    )
    expect(rowText(page.text, PLAN, 'Savings, recurring')).toBe(
      'Savings, recurring ( register ) −11.0 −7.0 −9.7 −7.0 −6.5',
    )
    expect(rowText(page.text, PLAN, 'Use of reserves')).toContain('5.1 funds recurring spending')
  })

  it('balances the budget year and shows the gap of each later year, with its chart table', async () => {
    const page = await request(env.app).get('/mtfp').expect(200)
    expect(rowText(page.text, PLAN, 'Gap')).toBe('Gap (shortfall; surplus negative) 0.0 3.2 −0.1 2.5 0.0')
    expect(rowText(page.text, 'The gap by year', '2017/18')).toBe('2017/18 301.8 296.7 5.1 0.0 Balanced')
    // 2019/20's published figures are each rounded to £0.1m: funding and reserves are £0.1m more than its net budget.
    expect(rowText(page.text, 'The gap by year', '2019/20')).toContain('Surplus of £')
    const text = pageText(page.text)
    expect(text).toContain('The budget year 2017/18 balances.')
    expect(text).toContain('Reserves fund recurring spending in 2017/18, 2018/19, 2019/20, 2020/21.')
    expect(text).toContain('2017/18: £5.1m of reserves, with no one-off growth for them to pay for.')
    expect(text).toContain('2019/20: £3.6m of reserves against one-off growth of £1.0m.')
    expect(page.text).toContain('data-chart="gap"')
    expect(page.text).toContain('data-chart="reserves"')
    expect(rowText(page.text, 'Reserves at each year end', '2021/22')).toBe('2021/22 19.5 12.5 11.2 Within the policy')
  })

  it('answers a plan that is not there with 404, and a malformed one with 400 or 422', async () => {
    await request(env.app).get('/mtfp?plan=2030-31').expect(404)
    await request(env.app).get('/mtfp?plan=soon').expect(400)
    await request(env.app).get('/mtfp?plan=2017-18&plan=2018-19').expect(400)
  })
})

describe('the workforce', () => {
  it('shows the 2017/18 establishment with its source, the 31% police pension from 2019/20, and cost by year', async () => {
    const page = await request(env.app).get('/mtfp/workforce').expect(200)
    expect(rowText(page.text, 'Police officers', '2017/18')).toMatch(
      /^2017\/18 3260 2% £40,871 10\.5% 24\.2% 1% [\d.]+ Sourced: 2017-03-28 Panel agenda pack: 3,260 officers \(\+80\)/,
    )
    expect(rowText(page.text, 'Police officers', '2019/20')).toContain('31%')
    expect(rowText(page.text, 'Police community support officers', '2016/17')).toMatch(/^2016\/17 280 /)
    expect(rowText(page.text, 'Police community support officers', '2017/18')).toMatch(/^2017\/18 304 /)
    expect(pageText(page.text)).toContain("The plan's pay line is each year's total less the year before's")
  })
})

describe('the savings register', () => {
  it('totals the published savings by year, recurring or one-off, with confidence and delivery', async () => {
    const page = await request(env.app).get('/mtfp/savings').expect(200)
    expect(rowText(page.text, 'Savings by year', '2019/20')).toBe('2019/20 9.7 9.7 0.0 0.0 0.0 2.5 7.2 0.0')
    expect(rowText(page.text, 'Savings by year', '2021/22')).toBe('2021/22 6.5 6.5 0.0 0.0 0.0 0.0 3.5 3.0')
    expect(rowText(page.text, 'Savings by year', '2018/19')).toBe('2018/19 8.0 7.0 1.0 3.0 0.0 3.0 5.0 0.0')
    expect(rowText(page.text, 'Each scheme', 'Estates rationalisation')).toContain('Yes: off Premises in 2017/18')
    expect(rowText(page.text, 'Each scheme', 'Contract renewals')).toContain('Red: unlikely without action Not yet')
  })
})
