// Each page in Debian's Chromium: it renders, its chart draws from its table, axe finds no WCAG 2.2 A/AA
// violation, and a screenshot is saved (tests/browser/screenshots). The dashboard and a programme page are
// printed to A4 PDF (tests/browser/output) with no navigation chrome.
import fs from 'node:fs'
import path from 'node:path'
import { OUTPUT, SCREENSHOTS, startHarness, verifyOnPage, wcagViolations, type Harness } from './support'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => {
  await h?.close()
})

const PAGES: { name: string; url: string; heading: string | RegExp; chart: boolean }[] = [
  { name: 'dashboard', url: '/', heading: 'Office dashboard', chart: true },
  { name: 'dashboard-2015-16', url: '/?fy=2015-16', heading: 'Office dashboard', chart: true },
  { name: 'programmes', url: '/programmes', heading: 'Programmes', chart: false },
  { name: 'programme-mobile-first', url: '/programmes/MOBILE-FIRST', heading: 'Mobile First', chart: true },
  { name: 'programme-it-platform', url: '/programmes/ITP-ESSEX?fy=2015-16', heading: 'IT platform with Essex', chart: true },
  { name: 'programme-ip-sale', url: '/programmes/IP-SALE', heading: 'Sale of IP addresses', chart: false },
  { name: 'decisions', url: '/decisions', heading: 'Decision register', chart: false },
  { name: 'appraisal-it-platform', url: '/programmes/ITP-ESSEX/appraisal', heading: 'IT platform with Essex: will it pay back?', chart: true },
  { name: 'appraisal-mobile-first', url: '/programmes/MOBILE-FIRST/appraisal', heading: 'Mobile First: will it pay back?', chart: true },
  { name: 'appraisal-portfolio', url: '/appraisal', heading: 'Appraisal: will it pay back?', chart: false },
  { name: 'decision-013', url: '/decisions/OPCC.D.013.17', heading: 'Mobile First - Integrated Software Procurement', chart: false },
  { name: 'decision-014', url: '/decisions/OPCC.D.014.17', heading: /Launch of new Office/, chart: false },
  { name: 'not-found', url: '/programmes/NOPE', heading: 'Not found', chart: false },
  { name: 'bad-year', url: '/?fy=2017-1', heading: 'There is a problem with the address', chart: false },
]

describe.each(PAGES)('$name', ({ name, url, heading, chart }) => {
  it('renders, draws its chart, passes axe and is screenshotted', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[04]/.test(m.text())) errors.push(m.text())
    })
    await page.goto(h.baseUrl + url)
    await verifyOnPage(page, heading)
    if (chart) {
      await page.locator('[data-chart-rendered="true"] canvas').first().waitFor({ state: 'visible' })
      const box = await page.locator('[data-chart-rendered="true"] canvas').first().boundingBox()
      expect(box?.height).toBeGreaterThan(100)
    }
    expect(await wcagViolations(page)).toEqual([])
    // Nothing wider than the window (no sideways scrolling at 1280px), and no table wider than the page column.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    const column = await page.evaluate(() => document.querySelector('main')?.clientWidth ?? 0)
    const wide = await page.evaluate(
      (width) => Array.from(document.querySelectorAll('main table')).filter((t) => t.scrollWidth > width + 1).map((t) => t.querySelector('caption')?.textContent?.trim()),
      column,
    )
    expect(wide).toEqual([])
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})

describe('without JavaScript', () => {
  it('shows every figure in tables and the year picker still works', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(h.baseUrl + '/')
    await page.getByLabel('Financial year').selectOption('2015-16')
    await page.getByRole('button', { name: 'Show year' }).click()
    await verifyOnPage(page, 'Office dashboard')
    expect(page.url()).toContain('fy=2015-16')
    const row = page.getByRole('row', { name: /IT platform with Essex/ })
    await expect(row.textContent()).resolves.toContain('4,200,000')
    expect(await page.locator('canvas').count()).toBe(0)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-no-js.png'), fullPage: true })
    await context.close()
  }, 60_000)
})

describe('print', () => {
  it.each([
    ['dashboard', '/'],
    ['programme-mobile-first', '/programmes/MOBILE-FIRST'],
    ['appraisal-it-platform', '/programmes/ITP-ESSEX/appraisal'],
    ['appraisal-portfolio', '/appraisal'],
  ])('prints %s to A4 with no navigation chrome', async (name, url) => {
    const context = await h.browser.newContext()
    const page = await context.newPage()
    await page.goto(h.baseUrl + url)
    await page.emulateMedia({ media: 'print' })
    for (const selector of ['.govuk-service-navigation', '.govuk-generic-header', '.govuk-footer', '.app-year-picker']) {
      expect(await page.locator(selector).first().isVisible()).toBe(false)
    }
    // No table wider than the A4 printable width (210mm less 24mm margins at 96 dpi ≈ 703px).
    await page.setViewportSize({ width: 703, height: 1000 })
    const overflow = await page.evaluate(() =>
      Array.from(document.querySelectorAll('table')).filter((t) => t.scrollWidth > 703).map((t) => t.querySelector('caption')?.textContent?.trim()),
    )
    expect(overflow).toEqual([])
    const file = path.join(OUTPUT, `${name}.pdf`)
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(fs.statSync(file).size).toBeGreaterThan(10_000)
    await context.close()
  }, 60_000)
})
