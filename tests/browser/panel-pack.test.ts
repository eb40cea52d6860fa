// The Panel pack's PDF (issue #14), as the server prints it with Chromium, read back with poppler-utils: A4, tagged with
// its title and language, "Page N of M" and the report's title on every page, the contents' page numbers where the
// sections start, and no table row parted across two pages. The HTML report passes axe and prints without the site's
// navigation. The PNGs of every page are written to tests/browser/screenshots (panel-pack-*.png) to look at.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { OUTPUT, SCREENSHOTS, startHarness, wcagViolations, type Harness } from './support'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => {
  await h?.close()
})

const QUERY = '?fy=2016-17&period=P10'
const TITLE = 'Budget monitoring report 2016/17, as at P10 (January)'

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Each page's text (pdftotext -layout, one run per page). */
function pageTexts(file: string): string[] {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
  return Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
  )
}

/** Each page's words with their height on the page (pdftotext -bbox). */
function pageWords(file: string): { text: string; y: number }[][] {
  const xhtml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const unescape = (t: string) =>
    t
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) =>
      Array.from(page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)).map((m) => ({
        y: Number(m[1]),
        text: unescape(m[2] ?? ''),
      })),
    )
}

/** The contents page's entries: each section's heading and the page it gives. */
function contentsOf(page: string): { title: string; page: number }[] {
  return page
    .split('\n')
    .map((line) => /^\s*(\d+(?:\.\d+)?\.? .+?)\s{2,}(\d+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: squash(m[1] ?? ''), page: Number(m[2]) }))
}

/** Every table row of the HTML report, as its cells' texts. */
async function tableRows(): Promise<string[][]> {
  const page = await h.browser.newPage()
  await page.goto(`${h.baseUrl}/reports/panel-pack${QUERY}`)
  const rows = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.app-pack-section:not(.app-pack-contents) table tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    ),
  )
  await page.close()
  return rows.filter((cells) => cells.some((c) => c !== ''))
}

describe('the Panel pack PDF', () => {
  let file: string
  let pages: string[]

  beforeAll(async () => {
    const res = await fetch(`${h.baseUrl}/reports/panel-pack.pdf${QUERY}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    file = path.join(OUTPUT, 'panel-pack.pdf')
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    pages = pageTexts(file)
    for (const old of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith('panel-pack-')))
      fs.rmSync(path.join(SCREENSHOTS, old))
    execFileSync('pdftoppm', ['-r', '50', '-png', file, path.join(SCREENSHOTS, 'panel-pack')])
  }, 120_000)

  it('is a tagged A4 document with its title and language', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    expect(info).toMatch(/^Tagged:\s+yes$/m)
    expect(info).toMatch(/^Page size:\s+594\.96 x 841\.92 pts \(A4\)$/m)
    expect(info).toContain(`Title:           ${TITLE}`)
    // The document's language, from the page's lang attribute, in the catalogue.
    expect(fs.readFileSync(file).toString('latin1')).toMatch(/\/Lang \(en-GB\)/)
    expect(pages.length).toBeGreaterThanOrEqual(15)
  })

  it('heads every page with the title and as-at period and numbers it "Page N of M"', () => {
    pages.forEach((text, i) => {
      expect(text).toContain(TITLE)
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`)
    })
  })

  it("gives in its contents the page each section's heading is on", () => {
    const contents = contentsOf(pages[1] ?? '')
    expect(contents.map((c) => c.title)).toEqual([
      '1. Summary and commentary',
      '2. Revenue budget',
      '3. Capital programme and financing',
      '4. Programmes',
      '4.1 Body Worn Video',
      '4.2 Child sexual exploitation team',
      '4.3 OPCC website',
      '4.4 Volunteer Police Cadets',
      '5. Budget changes approved since the last meeting',
      '6. Decisions taken since the last meeting',
      '7. Invest-to-save appraisal',
      '8. Medium-term financial plan, reserves and savings',
      '9. The precept proposal',
      "10. The Chief Finance Officer's section 25 statement",
      '11. Glossary',
    ])
    for (const { title, page } of contents) {
      // The heading is the first line of its page under the running header, and on no page before it but the contents.
      const lines = (pages[page - 1] ?? '').split('\n').filter((l) => l.trim() !== '')
      expect([title, squash(lines[1] ?? '')]).toEqual([title, title])
      const earlier = pages.slice(2, page - 1).filter((p) => p.split('\n').some((l) => squash(l) === title))
      expect([title, earlier.length]).toEqual([title, 0])
    }
  })

  it('never parts a table row across two pages', async () => {
    const rows = await tableRows()
    expect(rows.length).toBeGreaterThan(100)
    const words = pageWords(file)
    // A row is whole when, on one page, every word of it lies within a row's height below its first word: a row parted
    // across two pages has some of its words on the next page.
    const whole = (cells: string[]) => {
      const wanted = cells
        .join(' ')
        .split(' ')
        .filter((w) => w !== '')
      return words.some((page) =>
        page
          .filter((w) => w.text === wanted[0])
          .some((start) => {
            const band = page.filter((w) => w.y >= start.y - 12 && w.y <= start.y + 60).map((w) => w.text)
            return wanted.every((w) => band.includes(w))
          }),
      )
    }
    expect(rows.filter((cells) => !whole(cells)).map((cells) => cells.join(' | '))).toEqual([])
  })
})

it('the HTML report has no WCAG 2.2 AA violation and prints without the site navigation', async () => {
  const context = await h.browser.newContext()
  const page = await context.newPage()
  await page.goto(`${h.baseUrl}/reports/panel-pack${QUERY}`)
  expect(await wcagViolations(page)).toEqual([])
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false)
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pack-html.png'), fullPage: false })
  await context.close()
}, 60_000)

it('repeats a long table’s header row on every printed page (the month’s spending list, landscape)', async () => {
  const context = await h.browser.newContext()
  const page = await context.newPage()
  await page.goto(`${h.baseUrl}/transparency/spend?month=2017-06`)
  await page.emulateMedia({ media: 'print' })
  const file = path.join(OUTPUT, 'spend-2017-06.pdf')
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true })
  await context.close()
  const pages = pageTexts(file)
  const withRows = pages.filter((p) => /PUB-1706|ILL-2017/.test(p))
  expect(withRows.length).toBeGreaterThan(1)
  for (const text of withRows) expect(squash(text)).toMatch(/Date Body Department Supplier Purpose Amount/)
  pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`))
}, 60_000)
