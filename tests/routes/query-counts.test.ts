// Each page issues a fixed number of SQL queries whatever the number of spend transactions.
import request from 'supertest'
import type { Express } from 'express'
import { summaryDifferences } from '../../server/data/spend-summaries'
import { insertVolume } from '../../server/data/volume'
import { countQueries, createTestDb, type TestDb } from '../support/test-db'
import { testApp } from '../support/test-app'

let t: TestDb
let app: Express

const PAGES = [
  '/',
  '/?fy=2017-18',
  '/programmes',
  '/programmes/MOBILE-FIRST',
  '/programmes/ITP-ESSEX?fy=2015-16',
  '/decisions',
  '/decisions/OPCC.D.013.17',
  '/mtfp/reserves',
  '/mtfp',
  '/mtfp/workforce',
  '/mtfp/savings',
  '/capital',
  '/capital/financing',
  '/precept',
  '/precept/history',
  '/changes',
  '/changes/movements?fy=2017-18',
  '/years/2017-18/outturn',
  '/reports/panel-pack?fy=2016-17&period=P10',
  '/reports/panel-pack?fy=2016-17&period=P11',
  '/transparency/decisions',
  '/transparency/spend?month=2017-06',
  '/transparency/grants?fy=2022-23',
  '/transparency/contracts',
  '/api/v1/programmes',
  '/api/v1/actuals?fy=2017-18',
  '/api/v1/budget-lines?fy=2017-18',
  '/healthz',
]

async function countsPerPage(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const page of PAGES) {
    counts[page] = await countQueries(t.db, async () => {
      await request(app).get(page).expect(200)
    })
  }
  return counts
}

beforeAll(async () => {
  t = await createTestDb()
  app = testApp(t.db)
  await t.db('spend_summaries').del()
  await t.db('spend_transactions').del()
})
afterAll(async () => {
  await t.destroy()
})

it('runs the same number of queries at 1,000 and at 50,000 transactions', async () => {
  await insertVolume(t.db, { count: 1_000, seed: 11 })
  const small = await countsPerPage()
  await insertVolume(t.db, { count: 49_000, seed: 12 })
  expect(Number((await t.db('spend_transactions').count({ n: '*' }).first())?.n)).toBe(50_000)
  const large = await countsPerPage()
  expect(large).toEqual(small)
  expect(await summaryDifferences(t.db)).toEqual([])
  expect(small).toEqual({
    '/': 8,
    '/?fy=2017-18': 8,
    '/programmes': 1,
    '/programmes/MOBILE-FIRST': 13,
    '/programmes/ITP-ESSEX?fy=2015-16': 13,
    '/decisions': 4,
    '/decisions/OPCC.D.013.17': 4,
    '/mtfp/reserves': 22,
    '/mtfp': 21,
    '/mtfp/workforce': 21,
    '/mtfp/savings': 4,
    '/capital': 5,
    '/capital/financing': 25,
    '/precept': 24,
    '/precept/history': 1,
    '/changes': 1,
    '/changes/movements?fy=2017-18': 4,
    '/years/2017-18/outturn': 8,
    // The pack: the pages it summarises (dashboard, capital and financing, plan and reserves, savings, appraisal,
    // decisions, changes), plus the February meeting's precept.
    '/reports/panel-pack?fy=2016-17&period=P10': 102,
    '/reports/panel-pack?fy=2016-17&period=P11': 79,
    '/transparency/decisions': 4,
    '/transparency/spend?month=2017-06': 1,
    '/transparency/grants?fy=2022-23': 3,
    '/transparency/contracts': 1,
    '/api/v1/programmes': 1,
    '/api/v1/actuals?fy=2017-18': 2,
    '/api/v1/budget-lines?fy=2017-18': 2,
    '/healthz': 1,
  })
}, 120_000)
