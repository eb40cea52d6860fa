// The data layer on a real database (SQLite here; PostgreSQL too when DATABASE_URL is set).
import { createTestDb, type TestDb } from '../support/test-db'
import * as figures from '../../server/data/figures-repository'
import { listProgrammes, findProgrammeByCode } from '../../server/data/programme-repository'
import { insertVolume } from '../../server/data/volume'
import { addToSummaries, summaryDifferences } from '../../server/data/spend-summaries'
import { fromPence } from '../../server/domain/money'

let t: TestDb

beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t.destroy()
})

async function lineId(name: string): Promise<number> {
  const row = await t.db('budget_lines').where({ name }).first<{ id: number }>('id')
  if (!row) throw new Error(`No budget line named ${name}`)
  return Number(row.id)
}

describe('figures repository', () => {
  it('loads the sourced programme budgets exactly', async () => {
    const rows = await listProgrammes(t.db, true)
    const whole = Object.fromEntries(rows.map((r) => [r.code, fromPence(r.whole_life_budget).toString()]))
    expect(whole).toMatchObject({
      'ITP-ESSEX': '4200000',
      BWV: '1800000',
      'MOBILE-FIRST': '5900000',
      ESN: '9500000',
      'CSE-TEAM': '1800000',
      VPC: '72000',
      'OPCC-WEB': '0',
    })
    const mobile = rows.find((r) => r.code === 'MOBILE-FIRST')
    expect(fromPence(mobile?.revenue_budget).toString()).toBe('1915000')
    expect(Number(mobile?.first_fy)).toBe(2017)
    expect(Number(mobile?.last_fy)).toBe(2020)
  })

  it('sizes the illustrative whole revenue budget so spending before local income is the published Kent budget', async () => {
    for (const [fy, expected, published, income] of [
      [2018, '314400000', '333300000', '-18900000'],
      [2019, '332600000', '353200000', '-20600000'],
    ] as const) {
      const rows = (await figures.dashboardFigures(t.db, { fyStart: fy, toPeriod: 13, publishedOnly: false })).filter(
        (r) => r.grouping === 'spend_type',
      )
      const net = rows.reduce((a, r) => a.plus(fromPence(r.budget)), fromPence(0))
      expect(net.toString()).toBe(expected)
      expect(fromPence(rows.find((r) => r.code === 'income')?.budget).toString()).toBe(income)
      const spending = rows
        .filter((r) => r.code !== 'income')
        .reduce((a, r) => a.plus(fromPence(r.budget)), fromPence(0))
      expect(spending.toString()).toBe(published)
      const pay = rows
        .filter((r) => ['officer_pay', 'pcso_pay', 'staff_pay', 'overtime'].includes(r.code))
        .reduce((a, r) => a.plus(fromPence(r.budget)), fromPence(0))
      const share = pay.dividedBy(spending)
      expect(share.greaterThan('0.75') && share.lessThan('0.85')).toBe(true)
    }
  })

  it('sums pence exactly: 10p + 20p is 30p', async () => {
    const id = await lineId('OPCC office running costs')
    await t.db.transaction(async (trx) => {
      await trx('spend_transactions').where({ budget_line_id: id, fy_start: 2025 }).del()
      await trx('budget_amounts').insert({ budget_line_id: id, fy_start: 2025, amount_pence: 0 })
      await trx('spend_transactions').insert([
        {
          ledger_ref: 'EXACT-1',
          posted_on: '2025-04-01',
          fy_start: 2025,
          period: 1,
          budget_line_id: id,
          amount_pence: 10,
        },
        {
          ledger_ref: 'EXACT-2',
          posted_on: '2025-04-02',
          fy_start: 2025,
          period: 1,
          budget_line_id: id,
          amount_pence: 20,
        },
      ])
      await addToSummaries(trx, (q) => q.whereIn('ledger_ref', ['EXACT-1', 'EXACT-2']), 1)
    })
    const rows = (await figures.dashboardFigures(t.db, { fyStart: 2025, toPeriod: 12, publishedOnly: false })).filter(
      (r) => r.grouping === 'owner',
    )
    const opcc = rows.find((r) => r.code === 'opcc_office')
    expect(fromPence(opcc?.actual).toString()).toBe('0.3')
    await t.db.transaction(async (trx) => {
      await addToSummaries(trx, (q) => q.whereIn('ledger_ref', ['EXACT-1', 'EXACT-2']), -1)
      await trx('spend_transactions').whereIn('ledger_ref', ['EXACT-1', 'EXACT-2']).del()
      await trx('budget_amounts').where({ budget_line_id: id, fy_start: 2025 }).del()
    })
    expect(await summaryDifferences(t.db)).toEqual([])
  })

  it('rolls back the whole of a failed save', async () => {
    const id = await lineId('OPCC office running costs')
    const before = await t.db('spend_transactions').count({ n: '*' }).first()
    await expect(
      t.db.transaction(async (trx) => {
        await trx('spend_transactions').insert({
          ledger_ref: 'ROLLBACK-1',
          posted_on: '2020-04-01',
          fy_start: 2020,
          period: 1,
          budget_line_id: id,
          amount_pence: 100,
        })
        // The same ledger reference again breaks the unique constraint: nothing of this save may remain.
        await trx('spend_transactions').insert({
          ledger_ref: 'ROLLBACK-1',
          posted_on: '2020-04-01',
          fy_start: 2020,
          period: 1,
          budget_line_id: id,
          amount_pence: 100,
        })
      }),
    ).rejects.toThrow()
    const after = await t.db('spend_transactions').count({ n: '*' }).first()
    expect(Number(after?.n)).toBe(Number(before?.n))
  })

  it('takes the latest forecast of a line, and the budget where none was made', async () => {
    const programme = await findProgrammeByCode(t.db, 'esn', true)
    const years = await figures.programmeFiguresByYear(t.db, Number(programme?.id), false)
    expect(years.map((y) => y.fy_start)).toEqual([2017, 2018, 2019, 2020])
    const forecast2020 = await t
      .db('forecasts as f')
      .join('budget_lines as l', 'l.id', 'f.budget_line_id')
      .where({ 'l.programme_id': programme?.id, 'f.fy_start': 2020 })
      .orderBy('f.made_in_period', 'desc')
      .first<{ amount_pence: number | string }>('f.amount_pence')
    expect(fromPence(years[3]?.forecast).equals(fromPence(forecast2020?.amount_pence))).toBe(true)
  })

  it('finds the latest posted period and the years with budget', async () => {
    expect(await figures.latestPostedPeriod(t.db, 2020)).toBe(8)
    expect(await figures.latestPostedPeriod(t.db, 2019)).toBeGreaterThanOrEqual(12)
    expect(await figures.latestPostedPeriod(t.db, 2030)).toBe(0)
    expect(await figures.yearsWithBudget(t.db, false)).toEqual([2015, 2016, 2017, 2018, 2019, 2020])
  })

  it('marks illustrative actuals, forecasts and profiles', async () => {
    expect(await figures.illustrativeFlags(t.db)).toEqual({ transactions: true, forecasts: true, profiles: true })
  })

  it('generates volume in batches without moving the periods posted', async () => {
    const before = Number((await t.db('spend_transactions').count({ n: '*' }).first())?.n)
    expect(await insertVolume(t.db, { count: 1234, seed: 7 })).toBe(1234)
    const after = Number((await t.db('spend_transactions').count({ n: '*' }).first())?.n)
    expect(after - before).toBe(1234)
    expect(await figures.latestPostedPeriod(t.db, 2020)).toBe(8)
  })
})
