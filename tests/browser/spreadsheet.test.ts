// An exported workbook opened in LibreOffice (headless, as CI installs it from Debian's libreoffice-calc): its totals
// are formulas, recalculated on opening, and what LibreOffice shows equals what the page shows, row by row.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { rowText } from '../support/html'

jest.setTimeout(120_000)
const env = useTestApp()

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

/** The first sheet of a workbook as LibreOffice shows it (recalculated, formatted), as CSV rows. */
function shownByLibreOffice(xlsx: Buffer): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-soffice-'))
  try {
    const file = path.join(dir, 'export.xlsx')
    fs.writeFileSync(file, xlsx)
    // Filter options: comma, double quote, UTF-8, from row 1, …, save cell contents as shown (the 9th token).
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'pipe', timeout: 90_000 },
    )
    const text = fs.readFileSync(path.join(dir, 'export.csv'), 'utf8')
    return text
      .trim()
      .split(/\r?\n/)
      .map((line) =>
        [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) =>
          (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'),
        ),
      )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const norm = (s: string) => s.replace(/−/g, '-').replace(/\s+/g, ' ').trim()

/** The workbook with its formulas' cached results removed: what LibreOffice then shows, it calculated itself. */
async function withoutCachedResults(xlsx: Buffer): Promise<{ file: Buffer; formulas: number }> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer)
  let formulas = 0
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string } | null
        if (v && typeof v === 'object' && v.formula) {
          cell.value = { formula: v.formula }
          formulas++
        }
      }),
    ),
  )
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), formulas }
}

it('recalculates the dashboard workbook to the figures the page shows', async () => {
  const xlsx = await request(env.app).get('/dashboard.xlsx?fy=2019-20').buffer(true).parse(binary).expect(200)
  const stripped = await withoutCachedResults(xlsx.body as Buffer)
  expect(stripped.formulas).toBeGreaterThanOrEqual(18)
  const rows = shownByLibreOffice(stripped.file)
  const page = await request(env.app).get('/?fy=2019-20').expect(200)
  const body = rows.slice(4).filter((r) => r[0])
  expect(body.length).toBeGreaterThan(5)
  for (const r of body) {
    const shown = norm(rowText(page.text, 'by type of spend', r[0] ?? ''))
    // Budget, profile, actual, outturn, variance (£k) and variance %: as the page shows them.
    expect(shown).toContain(norm(r.slice(1, 7).join(' ')))
  }
  expect(body[body.length - 1]?.[0]).toBe('Net revenue budget')
})
