// Reading one row of a finance-ledger extract (issue #9), after its columns have been mapped to the tracker's
// fields: the posting date, the period (P1–P13), the ledger reference, cost centre and account code, and the amount
// as ledgers write it (`1,234.56`, `(1,234.56)`, `1234.56-`, `£1,234.56`, or separate debit and credit columns).
// Pure: the import service matches cost centres to budget lines, checks the year and finds duplicates.
import { ADJUSTMENT_PERIOD } from './financial-year'
import { parseDateInput } from './uk-date'

/** The tracker's fields a ledger column can be mapped to. */
export type LedgerField =
  | 'posted_on'
  | 'period'
  | 'ledger_ref'
  | 'cost_centre'
  | 'account_code'
  | 'supplier'
  | 'description'
  | 'amount'
  | 'debit'
  | 'credit'
  | 'vat'

/** A row as the mapping gives it: each field's cell text (absent when the file has no such column). */
export type MappedRow = Partial<Record<LedgerField, string>>

export interface LedgerRow {
  ledgerRef: string
  postedOn: string
  period: number
  costCentre: string
  accountCode: string
  supplier: string | null
  description: string | null
  /** Spend positive, income and credits negative, in pence. */
  amountPence: bigint
  vatPence: bigint | null
}

export interface RowProblem {
  field: LedgerField
  reason: string
}

export type RowReading = { ok: true; row: LedgerRow } | { ok: false; problems: RowProblem[] }

const AMOUNT = /^(-)?\(?(-)?£?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|\.\d{1,2})\)?(-)?$/

/**
 * An amount as a ledger writes it, in pence: thousands separators and a £ sign are allowed, and a negative is a
 * leading or trailing minus or brackets. Blank is null; anything else is a reason.
 */
export function readLedgerAmount(text: string | undefined): { pence: bigint | null } | { reason: string } {
  const t = (text ?? '').replace(/[\s\u00a0]/g, '').replace(/−/g, '-')
  if (t === '') return { pence: null }
  const m = AMOUNT.exec(t)
  const bracketed = t.includes('(') || t.includes(')')
  if (!m || (bracketed && !(t.includes('(') && t.includes(')')))) {
    return { reason: `"${text ?? ''}" is not an amount of money (like 1,234.56, -1234.56 or (1,234.56))` }
  }
  const signs = [m[1], m[2], m[4]].filter(Boolean).length + (bracketed ? 1 : 0)
  if (signs > 1) return { reason: `"${text ?? ''}" is marked negative twice` }
  const [pounds = '0', pence = ''] = (m[3] ?? '').replace(/,/g, '').split('.')
  const value = BigInt(pounds || '0') * 100n + BigInt(pence.padEnd(2, '0') || '0')
  return { pence: signs === 1 ? -value : value }
}

/** A ledger period: `P8`, `p08`, `8`, `Period 8`, from 1 to 13 (P13: year-end adjustments). */
export function readLedgerPeriod(text: string | undefined): { period: number } | { reason: string } {
  const m = /^(?:p|period\s*)?0*(\d{1,2})$/i.exec((text ?? '').trim())
  const period = m ? Number(m[1]) : NaN
  if (Number.isInteger(period) && period >= 1 && period <= ADJUSTMENT_PERIOD) return { period }
  return {
    reason: `"${text ?? ''}" is not a ledger period: P1 (April) to P12 (March), or P13 for year-end adjustments`,
  }
}

function required(
  row: MappedRow,
  want: { field: LedgerField; what: string; max: number },
  problems: RowProblem[],
): string {
  const { field, what, max } = want
  const value = (row[field] ?? '').trim()
  if (value === '') problems.push({ field, reason: `${what} is missing` })
  else if (value.length > max) problems.push({ field, reason: `${what} is longer than ${max} characters` })
  return value
}

const optionalText = (value: string | undefined, max: number) => {
  const t = (value ?? '').trim()
  return t === '' ? null : t.slice(0, max)
}

/** The amount of a row: its amount column, or its debit less its credit (never both a debit and a credit). */
function rowAmount(row: MappedRow, problems: RowProblem[]): bigint | null {
  if (row.amount !== undefined) {
    const a = readLedgerAmount(row.amount)
    if ('reason' in a) problems.push({ field: 'amount', reason: a.reason })
    else if (a.pence === null) problems.push({ field: 'amount', reason: 'The amount is missing' })
    else return a.pence
    return null
  }
  const debit = readLedgerAmount(row.debit)
  const credit = readLedgerAmount(row.credit)
  if ('reason' in debit) problems.push({ field: 'debit', reason: debit.reason })
  if ('reason' in credit) problems.push({ field: 'credit', reason: credit.reason })
  if ('reason' in debit || 'reason' in credit) return null
  if (debit.pence !== null && credit.pence !== null && debit.pence !== 0n && credit.pence !== 0n) {
    problems.push({
      field: 'debit',
      reason: 'The row has both a debit and a credit: a ledger line is one or the other',
    })
    return null
  }
  if (debit.pence === null && credit.pence === null) {
    problems.push({ field: 'debit', reason: 'The row has neither a debit nor a credit' })
    return null
  }
  return (debit.pence ?? 0n) - (credit.pence ?? 0n)
}

/** Reads one mapped row: the transaction it records, or every problem with it, each naming its field. */
export function readLedgerRow(row: MappedRow): RowReading {
  const problems: RowProblem[] = []
  const ledgerRef = required(row, { field: 'ledger_ref', what: 'The ledger reference', max: 60 }, problems)
  const costCentre = required(row, { field: 'cost_centre', what: 'The cost centre', max: 40 }, problems)
  const accountCode = required(row, { field: 'account_code', what: 'The account code', max: 40 }, problems)
  const date = parseDateInput(row.posted_on ?? '')
  if (!date.ok) problems.push({ field: 'posted_on', reason: `The posting date ${date.problem}` })
  const period = readLedgerPeriod(row.period)
  if ('reason' in period) problems.push({ field: 'period', reason: period.reason })
  const amountPence = rowAmount(row, problems)
  const vat = readLedgerAmount(row.vat)
  if ('reason' in vat) problems.push({ field: 'vat', reason: vat.reason })
  if (problems.length > 0 || !date.ok || 'reason' in period || amountPence === null || 'reason' in vat)
    return { ok: false, problems }
  return {
    ok: true,
    row: {
      ledgerRef,
      postedOn: date.iso,
      period: period.period,
      costCentre,
      accountCode,
      supplier: optionalText(row.supplier, 200),
      description: optionalText(row.description, 300),
      amountPence,
      vatPence: vat.pence,
    },
  }
}

/**
 * A text cell made safe for a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * would be read as a formula (formula injection), so it is prefixed with an apostrophe. Numbers are not text cells
 * and are never passed here.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
