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
  | 'irrecoverable_vat'
  | 'merchant_category'
  | 'department'
  | 'body'
  | 'individual'
  | 'invoice_ref'
  | 'kind'
  | 'withheld_reason'
  | 'procurement_route'

export interface LedgerFieldInfo {
  field: LedgerField
  label: string
  hint?: string
  /** Must be mapped (amount, or debit and credit, are checked together). */
  required?: boolean
  /** Column headings a ledger commonly uses for it, lower case, to suggest a mapping. */
  guesses: string[]
}

/** Every field a ledger column can be mapped to, in the order the mapping screen asks for them. */
export const LEDGER_FIELDS: LedgerFieldInfo[] = [
  {
    field: 'posted_on',
    label: 'Posting date',
    required: true,
    guesses: ['posting date', 'posted on', 'date', 'transaction date', 'gl date'],
  },
  {
    field: 'period',
    label: 'Posting period (P1–P13)',
    required: true,
    guesses: ['period', 'posting period', 'accounting period', 'gl period'],
  },
  {
    field: 'ledger_ref',
    label: 'Ledger reference',
    required: true,
    guesses: [
      'ledger reference',
      'reference',
      'ref',
      'transaction ref',
      'transaction reference',
      'transaction number',
      'journal number',
      'document number',
    ],
  },
  {
    field: 'cost_centre',
    label: 'Cost centre',
    required: true,
    guesses: ['cost centre', 'cost center', 'cost centre code', 'cc'],
  },
  {
    field: 'account_code',
    label: 'Account (subjective) code',
    required: true,
    guesses: ['account code', 'account', 'subjective', 'subjective code', 'expense type code', 'nominal'],
  },
  { field: 'supplier', label: 'Supplier', guesses: ['supplier', 'supplier name', 'vendor', 'payee'] },
  { field: 'description', label: 'Description', guesses: ['description', 'narrative', 'details', 'expense type'] },
  {
    field: 'amount',
    label: 'Amount',
    hint: 'Or map a debit column and a credit column instead',
    guesses: ['amount', 'net amount', 'value', 'amount (£)', 'net'],
  },
  { field: 'debit', label: 'Debit', guesses: ['debit', 'dr'] },
  { field: 'credit', label: 'Credit', guesses: ['credit', 'cr'] },
  { field: 'vat', label: 'VAT', guesses: ['vat', 'vat amount'] },
  { field: 'irrecoverable_vat', label: 'Irrecoverable VAT', guesses: ['irrecoverable vat', 'non-recoverable vat'] },
  {
    field: 'merchant_category',
    label: 'Merchant category',
    guesses: ['merchant category', 'merchant category code', 'mcc'],
  },
  { field: 'department', label: 'Department', guesses: ['department', 'service area', 'directorate'] },
  { field: 'body', label: 'Body (OPCC or Force)', guesses: ['body', 'body name', 'organisation', 'entity'] },
  {
    field: 'individual',
    label: 'Payment to an individual',
    hint: 'Yes or no',
    guesses: ['individual', 'payment to individual', 'payment to an individual'],
  },
  {
    field: 'invoice_ref',
    label: 'Invoice number',
    hint: 'The lines of one invoice share it: the £500 publication test is on the invoice',
    guesses: ['invoice', 'invoice number', 'invoice no', 'invoice ref', 'invoice reference'],
  },
  {
    field: 'kind',
    label: 'Type of transaction',
    hint: 'Supplier, payroll, tax, pension or journal: only supplier spend is published',
    guesses: ['transaction type', 'type of transaction', 'kind'],
  },
  {
    field: 'withheld_reason',
    label: 'Withheld from publication',
    hint: 'National security, safety, or crime (its prevention or detection); blank when published',
    guesses: ['withheld', 'withheld reason', 'redaction reason', 'exemption'],
  },
  {
    field: 'procurement_route',
    label: 'Procurement route',
    hint: 'How value for money was obtained (framework, tender, quotes, ...)',
    guesses: ['procurement route', 'procurement', 'vfm route', 'value for money', 'contract route'],
  },
]

/** The kinds of ledger transaction: only supplier spend is published; the others are not expenditure on suppliers. */
export const TRANSACTION_KINDS = ['supplier', 'payroll', 'tax', 'pension', 'journal'] as const
export type TransactionKind = (typeof TRANSACTION_KINDS)[number]

/** Why an item of spend may be withheld from publication (the Specified Information Order). */
export const WITHHELD_REASONS = ['national_security', 'safety', 'crime'] as const
export type WithheldReason = (typeof WITHHELD_REASONS)[number]

export const WITHHELD_WORDS: Record<WithheldReason, string> = {
  national_security: 'Withheld: national security',
  safety: "Withheld: someone's safety",
  crime: 'Withheld: the prevention or detection of crime',
}

/** A saved mapping: each mapped field's column heading in the file. */
export type ColumnMapping = Partial<Record<LedgerField, string>>

/** Suggests a mapping for a file's headings from the names ledgers commonly use (case and spacing ignored). */
export function guessMapping(headers: string[]): ColumnMapping {
  const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ')
  const mapping: ColumnMapping = {}
  const used = new Set<string>()
  for (const info of LEDGER_FIELDS) {
    const found = headers.find((h) => !used.has(h) && info.guesses.includes(norm(h)))
    if (found !== undefined) {
      mapping[info.field] = found
      used.add(found)
    }
  }
  if (mapping.amount !== undefined) {
    delete mapping.debit
    delete mapping.credit
  }
  return mapping
}

/** What is wrong with a mapping for a file with these headings, each problem naming its field (empty when none). */
export function checkMapping(mapping: ColumnMapping, headers: string[]): RowProblem[] {
  const problems: RowProblem[] = []
  for (const info of LEDGER_FIELDS) {
    const column = mapping[info.field]
    if (column !== undefined && !headers.includes(column))
      problems.push({ field: info.field, reason: `${info.label}: the file has no column “${column}”` })
    else if (info.required && column === undefined)
      problems.push({ field: info.field, reason: `Choose the column that holds the ${info.label.toLowerCase()}` })
  }
  const hasAmount = mapping.amount !== undefined
  const hasDebitCredit = mapping.debit !== undefined || mapping.credit !== undefined
  if (hasAmount && hasDebitCredit)
    problems.push({ field: 'amount', reason: 'Map either an amount column or debit and credit columns, not both' })
  else if (!hasAmount && !(mapping.debit !== undefined && mapping.credit !== undefined))
    problems.push({ field: 'amount', reason: 'Choose the amount column, or both a debit and a credit column' })
  const columns = Object.values(mapping)
  const twice = columns.find((c, i) => columns.indexOf(c) !== i)
  if (twice !== undefined)
    problems.push({ field: 'ledger_ref', reason: `The column “${twice}” is mapped to two fields` })
  return problems
}

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
  irrecoverableVatPence: bigint | null
  merchantCategory: string | null
  department: string | null
  /** OPCC or Force; null when the file does not say. */
  body: 'OPCC' | 'Force' | null
  /** Whether the payment was to an individual (the Specified Information Order's £500 publication); null when unsaid. */
  individual: boolean | null
  invoiceRef: string | null
  /** Null when the file does not say: supplier spend. */
  kind: TransactionKind | null
  withheldReason: WithheldReason | null
  procurementRoute: string | null
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

function readBody(text: string | undefined, problems: RowProblem[]): 'OPCC' | 'Force' | null {
  const t = (text ?? '').trim().toLowerCase()
  if (t === '') return null
  if (['opcc', 'pcc', 'office of the police and crime commissioner'].includes(t)) return 'OPCC'
  if (['force', 'police', 'chief constable', 'cc'].includes(t)) return 'Force'
  problems.push({ field: 'body', reason: `"${text ?? ''}" is not a body: OPCC or Force` })
  return null
}

function readYesNo(text: string | undefined, problems: RowProblem[]): boolean | null {
  const t = (text ?? '').trim().toLowerCase()
  if (t === '') return null
  if (['y', 'yes', 'true', '1'].includes(t)) return true
  if (['n', 'no', 'false', '0'].includes(t)) return false
  problems.push({ field: 'individual', reason: `"${text ?? ''}" is not yes or no` })
  return null
}

const KIND_WORDS: Record<string, TransactionKind> = {
  supplier: 'supplier',
  'supplier payment': 'supplier',
  payment: 'supplier',
  invoice: 'supplier',
  payroll: 'payroll',
  salary: 'payroll',
  salaries: 'payroll',
  pay: 'payroll',
  tax: 'tax',
  hmrc: 'tax',
  paye: 'tax',
  pension: 'pension',
  pensions: 'pension',
  journal: 'journal',
  'internal journal': 'journal',
  jnl: 'journal',
}

function readKind(text: string | undefined, problems: RowProblem[]): TransactionKind | null {
  const t = (text ?? '').trim().toLowerCase()
  if (t === '') return null
  const kind = KIND_WORDS[t]
  if (kind) return kind
  problems.push({
    field: 'kind',
    reason: `"${text ?? ''}" is not a type of transaction: supplier, payroll, tax, pension or journal`,
  })
  return null
}

function readWithheld(text: string | undefined, problems: RowProblem[]): WithheldReason | null {
  const t = (text ?? '').trim().toLowerCase()
  if (t === '' || t === 'no' || t === 'n') return null
  if (t.includes('national security')) return 'national_security'
  if (t.includes('safety')) return 'safety'
  if (t.includes('crime')) return 'crime'
  problems.push({
    field: 'withheld_reason',
    reason: `"${text ?? ''}" is not a reason to withhold: national security, safety, or crime (its prevention or detection)`,
  })
  return null
}

function optionalAmount(row: MappedRow, field: 'vat' | 'irrecoverable_vat', problems: RowProblem[]): bigint | null {
  const a = readLedgerAmount(row[field])
  if ('reason' in a) {
    problems.push({ field, reason: a.reason })
    return null
  }
  return a.pence
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
  const vatPence = optionalAmount(row, 'vat', problems)
  const irrecoverableVatPence = optionalAmount(row, 'irrecoverable_vat', problems)
  const body = readBody(row.body, problems)
  const individual = readYesNo(row.individual, problems)
  const kind = readKind(row.kind, problems)
  const withheldReason = readWithheld(row.withheld_reason, problems)
  if (problems.length > 0 || !date.ok || 'reason' in period || amountPence === null) return { ok: false, problems }
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
      vatPence,
      irrecoverableVatPence,
      merchantCategory: optionalText(row.merchant_category, 100),
      department: optionalText(row.department, 100),
      body,
      individual,
      invoiceRef: optionalText(row.invoice_ref, 60),
      kind,
      withheldReason,
      procurementRoute: optionalText(row.procurement_route, 100),
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
