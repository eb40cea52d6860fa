// The capital programme and its financing (issue #11): every scheme by year, financing by source equal to spend, the
// receipts ledger; the CFR, MRP by asset class, interest on external debt only, and the financing-cost ratio.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'

const env = useTestApp({ fresh: 'test' })

describe('the capital programme', () => {
  it('lists every scheme, tagged or not, and finances each year to the penny by source', async () => {
    const page = await request(env.app).get('/capital').expect(200)
    expect(rowText(page.text, 'Capital schemes by year', 'Estates programme')).toBe(
      'Estates programme (illustrative) Not tagged Land and buildings — — 6,000 7,500 6,500 5,000 25,000',
    )
    expect(rowText(page.text, 'Capital schemes by year', "ESN: Kent's share")).toContain(
      'Emergency Services Network IT systems and networks — — 2,375 2,375 2,375 2,375 9,500',
    )
    expect(rowText(page.text, 'Spend and financing by year', '2018/19')).toBe(
      '2018/19 16,871 996 1,000 5,000 7,000 2,875 16,871 Equals spend',
    )
    expect(rowText(page.text, 'Spend and financing by year', '2016/17')).toBe(
      '2016/17 373 0 166 207 0 0 373 Equals spend',
    )
    expect(pageText(page.text)).toContain("Every year's financing equals its spend to the penny.")
    expect(page.text).toContain('data-chart="financing"')
  })

  it('says by how much a year is not financed', async () => {
    const line = await env.db('budget_lines').where({ name: 'Fleet replacement' }).first<{ id: number }>('id')
    await env
      .db('budget_amounts')
      .where({ budget_line_id: line.id, fy_start: 2019 })
      .update({ amount_pence: '360000000' })
    const page = await request(env.app).get('/capital').expect(200)
    expect(pageText(page.text)).toContain('2019/20: £100,000.00 of spend has no financing.')
    expect(rowText(page.text, 'Spend and financing by year', '2019/20')).toContain('£100,000.00 unfinanced')
    expect(rowText(page.text, 'Capital schemes by year', 'Fleet replacement')).toContain(
      '2019/20: £100,000.00 unfinanced',
    )
  })

  it('keeps the receipts ledger: the sale of IP addresses with its decision and no amount', async () => {
    const page = await request(env.app).get('/capital').expect(200)
    expect(rowText(page.text, 'Capital receipts held and used', 'Sale of a police station')).toBe(
      'Sale of a police station 2018/19 £1,200,000 £1,200,000 £0 Illustrative',
    )
    expect(rowText(page.text, 'Capital receipts held and used', 'Sale of IP addresses')).toContain(
      '( OPCC.D.033.23 ) 2023/24 Not given £0 —',
    )
  })
})

describe('capital financing', () => {
  it('builds the CFR from borrowing less MRP, charges interest on the loan only, and the ratio to the net revenue stream', async () => {
    const page = await request(env.app).get('/capital/financing').expect(200)
    const table = 'CFR, MRP, debt, interest'
    // 2016/17: the IT platform's £4.2m borrowed in 2015/16 is charged over 7 years from the year after: £600k.
    expect(rowText(page.text, table, '2016/17')).toBe(
      '2016/17 61,800 0 3,000 58,800 0 58,800 0 300 2,700 295,500 0.91%',
    )
    // 2019/20: the £10m PWLB loan at 2.5% costs £250k; the rest of the CFR is internal borrowing, with no interest.
    expect(rowText(page.text, table, '2019/20')).toBe(
      '2019/20 57,711 3,375 3,684 57,401 10,000 47,401 250 600 3,334 332,600 1.00%',
    )
    expect(rowText(page.text, table, '2021/22')).toContain('374,700 (plan)')
    expect(rowText(page.text, 'The MRP policy of each asset class', 'Land and buildings')).toBe(
      'Land and buildings 40 Annuity at 3.5%: MRP rises each year',
    )
    expect(page.text).toContain('data-chart="capital-costs"')
  })
})

describe('the plan and capital financing', () => {
  it("takes the plan's capital financing costs from the financing page: MRP + interest − investment income, every year", async () => {
    const [plan, financing] = await Promise.all([
      request(env.app).get('/mtfp').expect(200),
      request(env.app).get('/capital/financing').expect(200),
    ])
    const memo = rowText(plan.text, 'Medium-term financial plan', 'Capital financing costs: MRP').split(' ').slice(-5)
    const years = ['2017/18', '2018/19', '2019/20', '2020/21', '2021/22']
    const costs = years.map((fy) => {
      const cells = rowText(financing.text, 'CFR, MRP, debt, interest', fy).split(' ')
      const k = Number((cells[9] ?? '').replace(/,/g, ''))
      return (k / 1000).toFixed(1)
    })
    expect(memo).toEqual(costs)
    expect(memo).toEqual(['2.6', '2.8', '3.3', '4.2', '4.7'])
    // Its change from the year before is the plan's spending line, in place of an entered figure.
    expect(rowText(plan.text, 'Medium-term financial plan', 'Capital financing costs: change')).toBe(
      'Capital financing costs: change from the year before ( capital financing ) −0.1 0.2 0.5 0.9 0.5',
    )
    expect(pageText(plan.text)).toContain('The budget year 2017/18 balances.')
  })
})
