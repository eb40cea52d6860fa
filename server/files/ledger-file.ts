// Reading a ledger extract from disk, row by row, without holding the file in memory (issue #9): CSV through
// csv-parse (a byte-order mark, Windows line endings, and comma, semicolon or tab separators are all read), XLSX
// through exceljs's streaming reader (the first worksheet; dates as ISO dates, numbers as written, formulas as their
// results). Every row comes out as its cells' text; the domain (domain/ledger.ts) reads the text.
import fs from 'node:fs'
import { parse } from 'csv-parse'
import type ExcelJS from 'exceljs'

export type LedgerFileKind = 'csv' | 'xlsx'

/** A file the tracker cannot read as a ledger extract; the message says why, in words for the user. */
export class LedgerFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LedgerFileError'
  }
}

/** One row in a file longer than this is not a ledger line (and stops a file of garbage early). */
const MAX_ROW_BYTES = 64 * 1024

/** What a file is, from its first bytes: an XLSX workbook (a zip) or text; anything else is refused. */
export function detectKind(firstBytes: Buffer, fileName: string): LedgerFileKind {
  if (firstBytes.length === 0) throw new LedgerFileError('The file is empty')
  if (firstBytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx'
  if (/\.xlsx?$/i.test(fileName) && !fileName.toLowerCase().endsWith('.xlsx'))
    throw new LedgerFileError('Old-style .xls workbooks cannot be read: save it as .xlsx or .csv')
  const sample = firstBytes.subarray(0, 4096)
  const control = sample.filter((b) => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)).length
  if (control > 0) throw new LedgerFileError('The file is neither a CSV file nor an Excel workbook (.xlsx)')
  return 'csv'
}

/** The separator of a CSV file, from its first line: comma, semicolon or tab, whichever occurs most. */
export function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const)
  counts.sort((a, b) => b[1] - a[1])
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ','
}

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r')
  try {
    const buffer = Buffer.alloc(n)
    const { bytesRead } = await handle.read(buffer, 0, n, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** The kind of a stored file. */
export async function kindOfFile(file: string, fileName: string): Promise<LedgerFileKind> {
  return detectKind(await firstBytes(file, 4096), fileName)
}

async function* csvRows(file: string): AsyncGenerator<string[]> {
  const head = (await firstBytes(file, MAX_ROW_BYTES)).toString('utf8').replace(/^\uFEFF/, '')
  const delimiter = detectDelimiter(head.split(/\r?\n/)[0] ?? '')
  const parser = fs.createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_ROW_BYTES,
    }),
  )
  try {
    for await (const record of parser) yield record as string[]
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string }
    throw new LedgerFileError(
      `The file could not be read as CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.code === 'CSV_MAX_RECORD_SIZE' ? 'a row is longer than 64 KB' : (e.message ?? 'unreadable')}`,
    )
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  // Float noise (1234.5600000000002) is not a penny: 15 significant figures is what Excel shows.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)))
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null)
  if ('text' in value) return String(value.text)
  if ('error' in value) return String(value.error)
  return ''
}

async function* xlsxRows(file: string): AsyncGenerator<string[]> {
  // exceljs is loaded when a spreadsheet is first read or written (about 27 MB a server need not hold until then).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (jest's CommonJS has no import())
  const excel = require('exceljs') as typeof ExcelJS
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  try {
    for await (const sheet of reader) {
      let expected = 1
      for await (const row of sheet) {
        // Blank rows are absent from the stream: keep the row numbers a user sees in Excel.
        for (; expected < row.number; expected++) yield []
        const values = row.values as ExcelJS.CellValue[]
        yield values.slice(1).map((v) => cellText(v))
        expected = row.number + 1
      }
      return
    }
  } catch (err) {
    if (err instanceof LedgerFileError) throw err
    throw new LedgerFileError(`The workbook could not be read: ${(err as Error).message}`)
  }
}

/** Every row of the file, the first being its headings, as the text of each cell. */
export function readRows(file: string, kind: LedgerFileKind): AsyncGenerator<string[]> {
  return kind === 'xlsx' ? xlsxRows(file) : csvRows(file)
}

/** How many lines a CSV file has (a quick count of line ends, for "rows done of rows total"); null for XLSX. */
export async function countLines(file: string, kind: LedgerFileKind): Promise<number | null> {
  if (kind !== 'csv') return null
  let lines = 0
  let last = 0x0a
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? 0x0a
  }
  return last === 0x0a ? lines : lines + 1
}

/** Headings as a mapping names them: trimmed; a blank one is "Column 3"; a repeated one gets "(2)". */
export function nameHeadings(row: string[]): string[] {
  const seen = new Map<string, number>()
  return row.map((cell, i) => {
    const h = cell.trim().slice(0, 100) || `Column ${i + 1}`
    const n = (seen.get(h) ?? 0) + 1
    seen.set(h, n)
    return n === 1 ? h : `${h} (${n})`
  })
}

/** The headings of a file: its first row. */
export async function readHeaders(file: string, kind: LedgerFileKind): Promise<string[]> {
  for await (const row of readRows(file, kind)) {
    if (row.some((h) => h.trim() !== '')) return nameHeadings(row)
    throw new LedgerFileError('The first row of the file is blank: it must hold the column headings')
  }
  throw new LedgerFileError('The file is empty: it has no rows')
}
