// Each page in Debian's Chromium: it renders, its chart draws from its table, axe finds no WCAG 2.2 A/AA
// violation, and a screenshot is saved (tests/browser/screenshots). The dashboard and a programme page are
// printed to A4 PDF (tests/browser/output) with no navigation chrome.
import { execFileSync } from 'node:child_process'
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
  {
    name: 'programme-it-platform',
    url: '/programmes/ITP-ESSEX?fy=2015-16',
    heading: 'IT platform with Essex',
    chart: true,
  },
  { name: 'programme-ip-sale', url: '/programmes/IP-SALE', heading: 'Sale of IP addresses', chart: false },
  { name: 'decisions', url: '/decisions', heading: 'Decision register', chart: false },
  {
    name: 'appraisal-it-platform',
    url: '/programmes/ITP-ESSEX/appraisal',
    heading: 'IT platform with Essex: will it pay back?',
    chart: true,
  },
  {
    name: 'appraisal-mobile-first',
    url: '/programmes/MOBILE-FIRST/appraisal',
    heading: 'Mobile First: will it pay back?',
    chart: true,
  },
  { name: 'appraisal-portfolio', url: '/appraisal', heading: 'Appraisal: will it pay back?', chart: false },
  { name: 'reserves', url: '/mtfp/reserves', heading: 'Reserves forecast', chart: true },
  { name: 'mtfp', url: '/mtfp', heading: 'The plan 2017/18 to 2021/22', chart: true },
  { name: 'mtfp-workforce', url: '/mtfp/workforce', heading: 'Workforce and pay', chart: false },
  { name: 'mtfp-savings', url: '/mtfp/savings', heading: 'Savings register', chart: false },
  { name: 'capital', url: '/capital', heading: 'The capital programme and how it is paid for', chart: true },
  {
    name: 'capital-financing',
    url: '/capital/financing',
    heading: 'What the capital programme costs the revenue budget',
    chart: true,
  },
  { name: 'precept', url: '/precept', heading: 'The police precept for 2017/18', chart: false },
  { name: 'precept-history', url: '/precept/history', heading: 'Band D by year', chart: true },
  { name: 'changes', url: '/changes', heading: 'Budget changes in year', chart: false },
  { name: 'change-movements', url: '/changes/movements?fy=2015-16', heading: 'Budget movements 2015/16', chart: true },
  { name: 'change-bwv-slippage', url: '/changes/2', heading: /Body Worn Video: replacement cameras/, chart: false },
  { name: 'outturn-2015-16', url: '/years/2015-16/outturn', heading: 'Outturn 2015/16', chart: false },
  {
    name: 'decision-013',
    url: '/decisions/OPCC.D.013.17',
    heading: 'Mobile First - Integrated Software Procurement',
    chart: false,
  },
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
      (width) =>
        Array.from(document.querySelectorAll('main table'))
          .filter((t) => t.scrollWidth > width + 1)
          .map((t) => t.querySelector('caption')?.textContent?.trim()),
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
    ['reserves', '/mtfp/reserves'],
    ['mtfp', '/mtfp'],
    ['mtfp-workforce', '/mtfp/workforce'],
    ['mtfp-savings', '/mtfp/savings'],
    ['capital', '/capital'],
    ['capital-financing', '/capital/financing'],
    ['precept', '/precept?fy=2017-18'],
    ['precept-history', '/precept/history'],
    ['change-movements', '/changes/movements?fy=2015-16'],
    ['outturn-2015-16', '/years/2015-16/outturn'],
  ])(
    'prints %s to A4 with no navigation chrome',
    async (name, url) => {
      const context = await h.browser.newContext()
      const page = await context.newPage()
      await page.goto(h.baseUrl + url)
      await page.emulateMedia({ media: 'print' })
      for (const selector of [
        '.govuk-service-navigation',
        '.govuk-generic-header',
        '.govuk-footer',
        '.app-year-picker',
      ]) {
        expect(await page.locator(selector).first().isVisible()).toBe(false)
      }
      // No table wider than the A4 printable width (210mm less 24mm margins at 96 dpi ≈ 703px).
      await page.setViewportSize({ width: 703, height: 1000 })
      const overflow = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table'))
          .filter((t) => t.scrollWidth > 703)
          .map((t) => t.querySelector('caption')?.textContent?.trim()),
      )
      expect(overflow).toEqual([])
      const file = path.join(OUTPUT, `${name}.pdf`)
      await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true })
      // The printed pages carry the page's heading as text (not an image), and every page its "Page N of M".
      const heading = ((await page.locator('h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
      const pages = pdfPages(file)
      expect(pages.length).toBeGreaterThan(0)
      expect(pages[0]?.replace(/\s+/g, ' ')).toContain(heading)
      pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`))
      await context.close()
    },
    60_000,
  )
})

/** The text of each page of a PDF (pdftotext, from poppler-utils). */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  return text.split('\f').filter((p) => p.trim() !== '')
}

describe('printing a page loaded on screen (Ctrl+P)', () => {
  it.each([
    ['dashboard', '/', 'Office dashboard 2020/21'],
    ['programme-mobile-first', '/programmes/MOBILE-FIRST', 'Mobile First'],
    ['appraisal-it-platform', '/programmes/ITP-ESSEX/appraisal', 'IT platform with Essex: appraisal'],
    ['change-movements', '/changes/movements?fy=2015-16', 'Budget movements 2015/16'],
  ])(
    '%s: charts redraw at the printed width, every page has its title, date and "Page N of M", and no caption is parted from its first rows',
    async (name, url, title) => {
      const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      await page.goto(h.baseUrl + url)
      await page.locator('[data-chart-rendered="true"] canvas').first().waitFor({ state: 'visible' })
      expect((await page.locator('canvas').first().boundingBox())?.width).toBeGreaterThan(900)
      // Line charts show each series in the legend as a stroke of its own line (dashes included), not a filled box.
      const legends = await page.evaluate(() =>
        Array.from(document.querySelectorAll('canvas')).map((c) => {
          const chart = (
            window as unknown as {
              Chart: {
                getChart: (c: HTMLCanvasElement) => {
                  config: { type: string }
                  options: { plugins: { legend: { labels: { pointStyle?: string } } } }
                }
              }
            }
          ).Chart.getChart(c)
          return { type: chart.config.type, pointStyle: chart.options.plugins.legend.labels.pointStyle }
        }),
      )
      for (const l of legends) if (l.type === 'line') expect(l.pointStyle).toBe('line')
      // What each table's caption must share a printed page with: its first row.
      const firsts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main table')).map((t) => ({
          caption: t.querySelector('caption')?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 40) ?? '',
          first:
            (t.querySelector('tbody tr')?.querySelector('th, td') as HTMLElement | null)?.innerText
              .trim()
              .split(/\s+/)[0] ?? '',
        })),
      )
      // What Ctrl+P does: the browser fires beforeprint, then lays the page out for print and draws the canvases as
      // they are; the charts must be at the printed width by the time beforeprint has run.
      const width = await page.evaluate(() => {
        window.dispatchEvent(new Event('beforeprint'))
        return Math.max(...Array.from(document.querySelectorAll('canvas')).map((c) => c.getBoundingClientRect().width))
      })
      expect(width).toBeLessThanOrEqual(703)
      await page.emulateMedia({ media: 'print' })
      const file = path.join(OUTPUT, `${name}-from-screen.pdf`)
      await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true })
      const pages = pdfPages(file)
      pages.forEach((text, i) => {
        expect(text).toContain(`Page ${i + 1} of ${pages.length}`)
        expect(text).toContain(title)
        expect(text).toMatch(/(Printed|Produced) \d{1,2} \w+ \d{4}, \d\d:\d\d/)
      })
      const squash = (s: string) => s.replace(/\s+/g, ' ')
      for (const { caption, first } of firsts) {
        const at = pages.findIndex((p) => squash(p).includes(caption))
        if (at < 0 || first === '') continue
        expect([caption, squash(pages[at] ?? '').includes(first)]).toEqual([caption, true])
      }
      execFileSync('pdftoppm', ['-r', '50', '-png', file, path.join(SCREENSHOTS, `${name}-printed`)])
      await context.close()
    },
    60_000,
  )
})

describe('at 320 CSS pixels wide (WCAG 1.4.10 reflow)', () => {
  it.each(PAGES.map((p) => [p.name, p.url] as const))(
    '%s does not scroll sideways; a wide table scrolls in its own labelled, focusable region',
    async (_name, url) => {
      const context = await h.browser.newContext({ viewport: { width: 320, height: 700 } })
      const page = await context.newPage()
      await page.goto(h.baseUrl + url)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      const regions = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main table')).map((t) => {
          const region = t.closest('.app-table')
          const label = region?.getAttribute('aria-labelledby')
          return {
            role: region?.getAttribute('role'),
            named: Boolean(label && document.getElementById(label)?.textContent?.trim()),
            scrolls: region ? region.scrollWidth > region.clientWidth + 1 : false,
            focusable: region?.getAttribute('tabindex') === '0',
          }
        }),
      )
      for (const r of regions) {
        expect(r).toMatchObject({ role: 'region', named: true })
        if (r.scrolls) expect(r.focusable).toBe(true)
      }
      await context.close()
    },
    60_000,
  )
})
