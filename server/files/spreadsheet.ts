// Tables of figures as spreadsheets (issue #9): XLSX through exceljs, with real numbers formatted as currency (the
// exact pounds and pence, shown in £ or £k as the page shows them), a title row with the financial year, the unit and
// when it was produced, a frozen header row, column widths, a sheet name, and totals as formulas (SUM, and a ratio
// for a percentage) that Excel and LibreOffice recalculate to the page's figures; and CSV (RFC 4180, UTF-8 with a
// byte-order mark so Excel reads £ signs). Text cells that a spreadsheet would run as a formula are neutralised.
import type ExcelJS from 'exceljs'
import { Decimal, decimalText } from '../domain/money'
import { neutraliseCell } from '../domain/ledger'
import { fyLabel } from '../domain/financial-year'

export type SheetCell = string | Decimal | number | null

export interface SheetColumn {
  header: string
  /** money: pounds (a Decimal), shown in the table's unit; percent: a fraction (0.02 is 2.0%); count: a whole number;
   * ratio: a number shown to two places (a benefit-cost ratio); factor: to four (a discount factor). */
  kind: 'text' | 'money' | 'percent' | 'count' | 'ratio' | 'factor'
  width?: number
}

/** How a total row fills a column: the sum of the column, a ratio of two summed columns (the first over the absolute
 * second, as variance over budget), words, or nothing. */
export type TotalCell = { sum: true } | { ratio: [number, number] } | { text: string } | null

export interface SheetTable {
  /** The worksheet's name (Excel allows 31 characters, without : \ / ? * [ ]). */
  name: string
  /** What the table is, as the page's caption says it ("Revenue budget 2020/21 by type of spend"). */
  title: string
  fyStart: number | null
  unit: 'pounds' | 'k'
  columns: SheetColumn[]
  rows: SheetCell[][]
  total?: { label: string; cells: TotalCell[] }
}

const MONEY_FORMAT = { pounds: '£#,##0.00;-£#,##0.00', k: '#,##0,;-#,##0,' } as const
const PERCENT_FORMAT = '+0.0%;-0.0%;0.0%'

const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet'

const unitWords = (unit: SheetTable['unit']) =>
  unit === 'k' ? '£k (thousands of pounds; the cells hold the exact pounds and pence)' : '£ (pounds and pence)'

function cellValue(value: SheetCell, kind: SheetColumn['kind']): string | number | null {
  if (value === null) return null
  if (kind === 'text') return neutraliseCell(String(value))
  return value instanceof Decimal ? value.toNumber() : typeof value === 'number' ? value : neutraliseCell(value)
}

function addTable(wb: ExcelJS.Workbook, table: SheetTable, produced: Date): void {
  const ws = wb.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 4 }] })
  ws.addRow([table.title]).font = { bold: true, size: 14 }
  ws.addRow([
    `${table.fyStart === null ? '' : `Financial year ${fyLabel(table.fyStart)}. `}Unit: ${unitWords(table.unit)}. Produced ${produced.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  ])
  ws.addRow([])
  const header = ws.addRow(
    table.columns.map((c) => (c.kind === 'money' ? `${c.header} (${table.unit === 'k' ? '£k' : '£'})` : c.header)),
  )
  header.font = { bold: true }
  for (const r of table.rows) ws.addRow(r.map((v, i) => cellValue(v, table.columns[i]?.kind ?? 'text')))
  const first = 5
  const last = 4 + table.rows.length
  if (table.total) addTotal(ws, table, { first, last })
  table.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1)
    column.width = c.width ?? (c.kind === 'text' ? 40 : 16)
    if (c.kind === 'money') column.numFmt = MONEY_FORMAT[table.unit]
    if (c.kind === 'percent') column.numFmt = PERCENT_FORMAT
    if (c.kind === 'count') column.numFmt = '#,##0'
    if (c.kind === 'ratio') column.numFmt = '0.00'
    if (c.kind === 'factor') column.numFmt = '0.0000'
  })
}

function addTotal(ws: ExcelJS.Worksheet, table: SheetTable, at: { first: number; last: number }): void {
  const total = table.total
  if (!total) return
  const letter = (i: number) => ws.getColumn(i + 1).letter
  const sums = sumColumns(table)
  const row = ws.addRow(
    table.columns.map((_, i) => {
      const cell = total.cells[i]
      if (i === 0) return total.label
      if (!cell) return null
      if ('text' in cell) return cell.text
      if ('sum' in cell)
        return at.last < at.first
          ? 0
          : { formula: `SUM(${letter(i)}${at.first}:${letter(i)}${at.last})`, result: sums[i]?.toNumber() ?? 0 }
      const [n, d] = cell.ratio
      const ratio = ratioOf(sums, cell.ratio)
      const totalRow = at.last + 1
      return {
        formula: `IF(${letter(d)}${totalRow}=0,"",${letter(n)}${totalRow}/ABS(${letter(d)}${totalRow}))`,
        result: ratio === null ? '' : ratio.toNumber(),
      }
    }),
  )
  row.font = { bold: true }
  row.border = { top: { style: 'thin' } }
}

/** Each column's exact sum (money and counts), for a total row's cached result and the CSV's total. */
function sumColumns(table: SheetTable): (Decimal | null)[] {
  return table.columns.map((c, i) =>
    c.kind === 'money' || c.kind === 'count'
      ? table.rows.reduce<Decimal>(
          (acc, r) => acc.plus(r[i] instanceof Decimal || typeof r[i] === 'number' ? r[i] : 0),
          new Decimal(0),
        )
      : null,
  )
}

function ratioOf(sums: (Decimal | null)[], [n, d]: [number, number]): Decimal | null {
  const den = sums[d]
  const num = sums[n]
  return den && num && !den.isZero() ? num.dividedBy(den.abs()) : null
}

/** The tables as one workbook, a sheet each. */
export async function workbook(tables: SheetTable[], produced = new Date()): Promise<Buffer> {
  // exceljs is loaded when a spreadsheet is first written (about 27 MB a server need not hold until then).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (jest's CommonJS has no import())
  const excel = require('exceljs') as typeof ExcelJS
  const wb = new excel.Workbook()
  wb.creator = 'Budget and capital programme tracker'
  wb.created = produced
  // Excel and LibreOffice recalculate every formula on opening, whatever results the file caches.
  wb.calcProperties.fullCalcOnLoad = true
  for (const t of tables) addTable(wb, t, produced)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

function csvCell(value: SheetCell, kind: SheetColumn['kind']): string {
  if (value === null) return ''
  if (kind === 'percent' && value instanceof Decimal) return decimalText(value.times(100), 1)
  if (value instanceof Decimal) return decimalText(value, kind === 'count' ? 0 : kind === 'factor' ? 4 : 2)
  if (typeof value === 'number') return String(value)
  return csvField(neutraliseCell(value))
}

/** One table as CSV: its header row (money in £, percentages in %), its rows, and its total row. */
export function csvTable(table: SheetTable): string {
  const header = table.columns.map((c) =>
    csvField(
      c.kind === 'money'
        ? `${c.header} (£)`
        : c.kind === 'percent' && !c.header.endsWith('%')
          ? `${c.header} (%)`
          : c.header,
    ),
  )
  const lines = [
    header.join(','),
    ...table.rows.map((r) => r.map((v, i) => csvCell(v, table.columns[i]?.kind ?? 'text')).join(',')),
  ]
  if (table.total) {
    const sums = sumColumns(table)
    const total = table.total
    lines.push(
      table.columns
        .map((c, i) => {
          const cell = total.cells[i]
          if (i === 0) return csvField(total.label)
          if (!cell) return ''
          if ('text' in cell) return csvField(cell.text)
          if ('sum' in cell) return csvCell(sums[i] ?? null, c.kind)
          return csvCell(ratioOf(sums, cell.ratio), 'percent')
        })
        .join(','),
    )
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}
