// Printing a report to an A4 PDF with the machine's Chromium (playwright-core): tagged (headings, tables, the
// document's title and language), with the header and footer of the print stylesheet ("Page 3 of 18"). A report's
// contents give the page each section starts on: the printer prints once with the document outline, reads from it
// (pdf-lib) the page each section's heading fell on, and prints again with those numbers in the contents, until they
// agree with where the headings fall (the second print, as each section starts a page of its own).
import type { Browser, BrowserContext } from 'playwright-core'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, type PDFRef } from 'pdf-lib'
import { staticFile } from '../static-files'

export interface PrintJob {
  /** The page's HTML with the contents' page numbers filled in (null: not yet known). */
  html: (pages: Record<string, number> | null) => Promise<string>
  /** The sections the contents list: each id and its heading as printed. */
  sections: { id: string; title: string }[]
}

export interface Printed {
  pdf: Buffer
  pages: number
  /** The page each section starts on, by its id. */
  starts: Record<string, number>
}

/** The printer is busy with as many jobs as it takes at once: the caller answers 503 (try again shortly). */
export class PrinterBusyError extends Error {}

const ORIGIN = 'http://report.invalid'
const MAX_JOBS = 2
const TIMEOUT = 60_000

/** The headings of a PDF's outline, in order, with the page (from 1) each points to. */
export function outlineOf(doc: PDFDocument): { title: string; page: number }[] {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]))
  const found: { title: string; page: number }[] = []
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const walk = (item: PDFDict | undefined) => {
    for (let at = item; at; at = at.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = at.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? ''
      const dest = at.lookupMaybe(PDFName.of('Dest'), PDFArray)
      const ref = dest?.get(0) as PDFRef | undefined
      const page = ref ? pageIndex.get(ref.toString()) : undefined
      if (page !== undefined) found.push({ title: title.replace(/\s+/g, ' ').trim(), page })
      walk(at.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
  return found
}

async function printOnce(context: BrowserContext, html: string): Promise<Buffer> {
  const page = await context.newPage()
  try {
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      if (url.origin !== ORIGIN) return route.abort()
      if (url.pathname === '/report') return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' })
      const file = staticFile(url.pathname)
      return file ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: '' })
    })
    await page.goto(`${ORIGIN}/report`, { waitUntil: 'load', timeout: TIMEOUT })
    await page.emulateMedia({ media: 'print' })
    // The charts redraw at the printed width on beforeprint (public/js/charts.js), as they do for Ctrl+P.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true })
  } finally {
    await page.close()
  }
}

async function startsOf(pdf: Buffer, sections: PrintJob['sections']) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const outline = outlineOf(doc)
  const starts: Record<string, number> = {}
  for (const s of sections) {
    const title = s.title.replace(/\s+/g, ' ').trim()
    // Chromium titles the outline entry of a heading that a link points to with its text twice ("ContentsContents").
    const hit = outline.find((o) => o.title === title || o.title === title + title)
    if (hit) starts[s.id] = hit.page
  }
  return { starts, pages: doc.getPageCount() }
}

const same = (a: Record<string, number> | null, b: Record<string, number>) =>
  a !== null && Object.keys(b).length === Object.keys(a).length && Object.entries(b).every(([k, v]) => a[k] === v)

/** A printer over one Chromium executable. Each job launches its own browser and closes it (nothing lingers). */
export function pdfPrinter(executablePath: string | null) {
  let running = 0
  return {
    available: executablePath !== null,
    async print(job: PrintJob): Promise<Printed> {
      if (executablePath === null) throw new Error('No Chromium is configured to print PDFs')
      if (running >= MAX_JOBS) throw new PrinterBusyError('The PDF printer is busy')
      running += 1
      let browser: Browser | null = null
      try {
        // playwright-core is loaded for the first print (about 60 MB a server that never prints need not hold).
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (jest's CommonJS has no import())
        const { chromium } = require('playwright-core') as typeof import('playwright-core')
        browser = await chromium.launch({ executablePath, timeout: TIMEOUT })
        const context = await browser.newContext({ viewport: { width: 703, height: 1000 }, javaScriptEnabled: true })
        let known: Record<string, number> | null = null
        for (let pass = 0; pass < 3; pass += 1) {
          const pdf = await printOnce(context, await job.html(known))
          const { starts, pages } = await startsOf(pdf, job.sections)
          if (same(known, starts)) return { pdf, pages, starts }
          known = starts
        }
        throw new Error('The contents page numbers did not settle after three prints')
      } finally {
        running -= 1
        await browser?.close().catch(() => undefined)
      }
    },
  }
}

export type PdfPrinter = ReturnType<typeof pdfPrinter>
