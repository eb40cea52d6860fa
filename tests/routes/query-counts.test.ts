// Each page issues a fixed number of SQL queries whatever the number of spend transactions: the public pages listed
// (with their counts), and every page a finance officer and an administrator can reach by a link from the main
// pages, forms and exports included (found by following the links, so a new page is counted without being listed).
import request from 'supertest'
import type { Express } from 'express'
import { summaryDifferences } from '../../server/data/spend-summaries'
import { insertVolume } from '../../server/data/volume'
import { countQueries, createTestDb, type TestDb } from '../support/test-db'
import { testApp } from '../support/test-app'
import { signedIn, type Agent } from '../support/session'

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

// Where the crawl starts; every link on these pages (and on the pages they link to) is followed once per shape.
const ROOTS = [
  '/',
  '/programmes',
  '/programmes/MOBILE-FIRST',
  '/programmes/ITP-ESSEX/appraisal',
  '/decisions',
  '/decisions/OPCC.D.013.17',
  '/mtfp',
  '/mtfp/reserves',
  '/mtfp/savings',
  '/mtfp/workforce',
  '/capital',
  '/capital/financing',
  '/precept',
  '/precept/2020-21',
  '/changes',
  '/years',
  '/transparency',
  '/transparency/grants',
  '/transparency/contracts',
  '/funding-sources',
  '/accounts',
  '/audit',
  '/imports',
  '/reports/panel-pack',
  // Pages no page links to as such (exports offered by a form, the API, the published spending list).
  '/dashboard.csv',
  '/dashboard.xlsx',
  '/programmes/MOBILE-FIRST/figures.csv',
  '/lines/3/year.csv?fy=2017-18',
  '/appraisal.csv',
  '/transparency/spend?month=2017-06',
  '/transparency/spend.csv?month=2017-06',
  '/transparency/grants.csv?fy=2022-23',
  '/api/v1/programmes',
  '/api/v1/budget-lines?fy=2017-18',
  '/api/v1/actuals?fy=2017-18',
  '/api/v1/forecasts?fy=2020-21',
  '/api/v1/decisions',
  '/api/v1/plan',
  '/api/v1/precept',
]
// Links that are not pages to count: signing out, the PDF (printed by Chromium), and pages of a different year or
// period of a page already counted.
const NOT_COUNTED = /^\/(sign-out|sign-in|css|js|images)\b|\.pdf(\?|$)|^\/vendor|^\/assets|^\/api\/v1\/openapi|#/

/** A link's shape: its numbers and codes generalised, so one page of each shape is counted. */
function shapeOf(href: string): string {
  const [pathname = ''] = href.split('?')
  return pathname
    .replace(/\/\d+(?=\/|$|\.)/g, '/:id')
    .replace(/\/\d{4}-\d{2}(?=\/|$)/g, '/:fy')
    .replace(/\/P\d+(?=\/|$)/g, '/:period')
    .replace(/^\/decisions\/[A-Z0-9.]+?(?=\/|$|\.(csv|xlsx)$)/, '/decisions/:reference')
    .replace(
      /^\/(programmes|funding-sources|capital\/asset-classes|mtfp\/reserves|mtfp\/workforce)\/[^/.]+/,
      '/$1/:code',
    )
}

/** The pages reachable in two steps from ROOTS that answer `agent` with 200, one of each shape. */
async function crawl(agent: Agent): Promise<string[]> {
  const seen = new Map(ROOTS.map((page) => [shapeOf(page), page]))
  const ok: string[] = []
  let frontier = ROOTS
  for (let depth = 0; depth <= 2; depth++) {
    const next: string[] = []
    for (const page of frontier) {
      const res = await agent.get(page)
      if (res.status !== 200) continue
      ok.push(page)
      if (depth === 2 || !String(res.headers['content-type']).includes('html')) continue
      for (const [, raw] of String(res.text).matchAll(/href="(\/[^"]*)"/g)) {
        const href = (raw ?? '').replace(/&amp;/g, '&')
        if (NOT_COUNTED.test(href) || seen.has(shapeOf(href))) continue
        seen.set(shapeOf(href), href)
        next.push(href)
      }
    }
    frontier = next
  }
  return ok.sort()
}

async function signedInCounts(agent: Agent, pages: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const page of pages) {
    counts[page] = await countQueries(t.db, async () => {
      const res = await agent.get(page)
      if (res.status !== 200) throw new Error(`${page} answered ${res.status}`)
    })
  }
  return counts
}

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
    '/capital/financing': 18,
    '/precept': 24,
    '/precept/history': 1,
    '/changes': 1,
    '/changes/movements?fy=2017-18': 4,
    '/years/2017-18/outturn': 8,
    // The pack: the pages it summarises (dashboard, capital and financing, plan and reserves, savings, appraisal,
    // decisions, changes), plus the February meeting's precept; the plan and the capital financing base are built
    // once for the pack (services/read-memo.ts), not once for each section that uses them.
    '/reports/panel-pack?fy=2016-17&period=P10': 60,
    '/reports/panel-pack?fy=2016-17&period=P11': 53,
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

it('runs the same number of queries at 1,000 and at 50,000 transactions on every page a finance officer or an administrator can reach', async () => {
  await t.db('spend_summaries').del()
  await t.db('spend_transactions').del()
  await insertVolume(t.db, { count: 1_000, seed: 21 })
  const finance = await signedIn(app, 'finance')
  const admin = await signedIn(app, 'admin')
  const financePages = await crawl(finance)
  const adminPages = (await crawl(admin)).filter((p) => !financePages.includes(p))
  // The crawl reaches the forms and exports too, so a page added later is counted without being listed here.
  expect(financePages.length).toBeGreaterThan(80)
  expect(financePages).toEqual(
    expect.arrayContaining(['/lines/3/edit', '/capital/loans/1/edit', '/precept/2017-18/issued', '/years.xlsx']),
  )
  expect(adminPages).toEqual(expect.arrayContaining(['/accounts']))
  const small = { finance: await signedInCounts(finance, financePages), admin: await signedInCounts(admin, adminPages) }
  await insertVolume(t.db, { count: 49_000, seed: 22 })
  const large = { finance: await signedInCounts(finance, financePages), admin: await signedInCounts(admin, adminPages) }
  expect(large).toEqual(small)
}, 300_000)
