// Finance keeps the capital receipts and the loans, the opening CFR and investment income (issue #11), on the record
// path: one transaction, an audit row a changed cell, the version checked. A receipt's amount may not fall below what
// schemes already use of it, and a receipt in use cannot be retired; a loan is repaid after it is taken.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, fySlug } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { createRecord, loadRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import {
  loans as listLoans,
  receipts as listReceipts,
  treasury,
  type LoanRow,
  type ReceiptRow,
} from '../data/capital-repository'
import { decisionOptions } from '../data/capital-repository'

export type { LoanRow } from '../data/capital-repository'
import { editorOf, saveEditForm } from './edit-context'
import {
  decimal,
  financialYear,
  money,
  oneOf,
  optionalFinancialYear,
  optionalMoney,
  optionalText,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  type FormBody,
  type FormFields,
} from './forms'

export interface ReceiptForEdit {
  receipt: ReceiptRow | null
  decisions: { id: number; reference: string; title: string }[]
}

async function loadReceipt(db: Knex, id: number | null): Promise<ReceiptForEdit> {
  const decisions = await decisionOptions(db)
  if (id === null) return { receipt: null, decisions }
  const receipt = (await listReceipts(db)).find((r) => r.id === id)
  if (!receipt) throw new NotFoundError(`A capital receipt numbered ${id}`)
  return { receipt, decisions }
}

export function receiptFormValues(r: ReceiptForEdit): Record<string, string> {
  const v = r.receipt
  return {
    version: v ? String(v.version) : '',
    description: v?.description ?? '',
    fy: v ? fySlug(v.fy_received) : '',
    amount: v?.amount_pence ? fromPence(v.amount_pence).toFixed(2) : '',
    decision: r.decisions.find((d) => d.reference === v?.decision_reference)?.id.toString() ?? '',
    source: v?.source ?? '',
  }
}

/** The receipt's form read and checked: its amount not below what schemes use, and one in use not retired. */
function readReceipt(r: ReceiptForEdit, body: FormBody) {
  const fields: FormFields = {
    description: requiredText('what the receipt is from', 300),
    fy: financialYear('Enter the year the receipt came in, like 2018-19'),
    amount: optionalMoney('The amount', { maxPounds: 1_000_000_000 }),
    decision: oneOf(
      r.decisions.map((d) => String(d.id)),
      'Choose the decision',
      { optional: true },
    ),
    source: optionalText('the source', 500),
    ...retiring('retiring the receipt'),
    ...(r.receipt ? { version } : {}),
  }
  const form = parseForm(fields, body, retireRule('retiring the receipt')) as {
    description: string
    fy: number
    amount: { pence: bigint } | null
    decision: string | null
    source: string | null
    retire: boolean
    reason: string | null
    version?: number
  }
  const used = r.receipt ? fromPence(r.receipt.used_pence) : fromPence(0)
  const errors: FieldError[] = []
  if (form.amount && form.amount.pence < 0n) errors.push({ field: 'amount', message: 'The amount must be £0 or more' })
  if (form.amount && fromPence(form.amount.pence).lessThan(used))
    errors.push({
      field: 'amount',
      message: `Schemes already use ${formatMoney(used, 'pence')} of this receipt: its amount cannot be less`,
    })
  if (form.retire && !used.isZero())
    errors.push({
      field: 'retire',
      message: `Schemes use ${formatMoney(used, 'pence')} of this receipt: it cannot be retired`,
    })
  if (errors.length > 0) throw new ValidationError(errors)
  return form
}

async function saveReceipt(db: Knex, viewer: Viewer, input: { id: number | null; body: FormBody }) {
  const who = editorOf(viewer, 'change capital receipts')
  return db.transaction(async (trx) => {
    const r = await loadReceipt(trx, input.id)
    const form = readReceipt(r, input.body)
    const values = {
      description: form.description,
      fy_received: form.fy,
      amount_pence: form.amount ? form.amount.pence.toString() : null,
      decision_id: form.decision ? Number(form.decision) : null,
      source: form.source,
    }
    if (!r.receipt) {
      await createRecord(trx, specs.capitalReceipts, { who, values, reason: form.reason })
      return { to: '/capital', message: `${form.description} added to the capital receipts.` }
    }
    const outcome = await saveEditForm(trx, specs.capitalReceipts, {
      who,
      id: r.receipt.id,
      values,
      before: await loadRecord(trx, specs.capitalReceipts, r.receipt.id),
      form: { version: form.version ?? 0, retire: form.retire, reason: form.reason },
      reasonForChange: true,
    })
    return { to: '/capital', message: `${form.description} ${outcome}.` }
  })
}

async function loadLoan(db: Knex, id: number | null): Promise<LoanRow | null> {
  if (id === null) return null
  const loan = (await listLoans(db)).find((l) => l.id === id)
  if (!loan) throw new NotFoundError(`A loan numbered ${id}`)
  return loan
}

export function loanFormValues(l: LoanRow | null): Record<string, string> {
  return {
    version: l ? String(l.version) : '',
    name: l?.name ?? '',
    lender: l?.lender ?? '',
    principal: l ? fromPence(l.principal_pence).toFixed(2) : '',
    rate: l?.rate_percent ?? '',
    taken: l ? fySlug(l.taken_fy) : '',
    repaid: l?.repaid_fy ? fySlug(l.repaid_fy) : '',
  }
}

/** The loan's form read and checked: repaid after it is taken; a principal above nothing. */
function readLoan(loan: LoanRow | null, body: FormBody) {
  const fields: FormFields = {
    name: requiredText('the name of the loan', 200),
    lender: optionalText('the lender', 200),
    principal: money('The principal', { maxPounds: 10_000_000_000 }),
    rate: decimal('the interest rate, in percent', { max: 25, places: 4, example: '2.5' }),
    taken: financialYear('Enter the year the loan was taken, like 2019-20'),
    repaid: optionalFinancialYear('Enter the year the loan is repaid, like 2044-45'),
    ...retiring('retiring the loan'),
    ...(loan ? { version } : {}),
  }
  const form = parseForm(fields, body, (v) => {
    const problems = retireRule('retiring the loan')(v)
    const taken = v.taken as number | undefined
    const repaid = v.repaid as number | null | undefined
    if (taken !== undefined && repaid !== null && repaid !== undefined && repaid <= taken)
      problems.push({ field: 'repaid', message: `A loan taken in ${fyLabel(taken)} is repaid in a later year` })
    return problems
  }) as {
    name: string
    lender: string | null
    principal: { pence: bigint }
    rate: string
    taken: number
    repaid: number | null
    retire: boolean
    reason: string | null
    version?: number
  }
  if (form.principal.pence <= 0n)
    throw new ValidationError([{ field: 'principal', message: 'The principal must be more than £0' }])
  return form
}

async function saveLoan(db: Knex, viewer: Viewer, input: { id: number | null; body: FormBody }) {
  const who = editorOf(viewer, 'change loans')
  return db.transaction(async (trx) => {
    const loan = await loadLoan(trx, input.id)
    const form = readLoan(loan, input.body)
    const values = {
      name: form.name,
      lender: form.lender,
      principal_pence: form.principal.pence.toString(),
      rate_percent: form.rate,
      taken_fy: form.taken,
      repaid_fy: form.repaid,
    }
    if (!loan) {
      await createRecord(trx, specs.loans, { who, values, reason: form.reason })
      return { to: '/capital/financing', message: `${form.name} added.` }
    }
    const outcome = await saveEditForm(trx, specs.loans, {
      who,
      id: loan.id,
      values,
      before: await loadRecord(trx, specs.loans, loan.id),
      form: { version: form.version ?? 0, retire: form.retire, reason: form.reason },
      reasonForChange: true,
    })
    return { to: '/capital/financing', message: `${form.name} ${outcome}.` }
  })
}

export interface TreasuryForEdit {
  settings: {
    opening_fy: number
    opening_cfr_pence: string
    opening_cfr_life_years: number
    source: string | null
    version: number
  } | null
  years: number[]
  income: Map<number, string>
}

async function loadTreasury(db: Knex, throughFy: number): Promise<TreasuryForEdit> {
  const t = await treasury(db)
  const first = t.settings?.opening_fy ?? throughFy
  const last = Math.max(throughFy, ...t.income.keys())
  return {
    settings: t.settings ?? null,
    years: Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i),
    income: t.income,
  }
}

export function treasuryFormValues(t: TreasuryForEdit): Record<string, string> {
  const values: Record<string, string> = {
    version: t.settings ? String(t.settings.version) : '',
    opening_fy: t.settings ? fySlug(t.settings.opening_fy) : '',
    opening_cfr: t.settings ? fromPence(t.settings.opening_cfr_pence).toFixed(2) : '',
    life: t.settings ? String(t.settings.opening_cfr_life_years) : '',
    source: t.settings?.source ?? '',
  }
  for (const [fy, p] of t.income) values[`income_${fy}`] = fromPence(p).toFixed(2)
  return values
}

async function saveTreasury(db: Knex, viewer: Viewer, input: { throughFy: number; body: FormBody }) {
  const who = editorOf(viewer, 'change capital financing')
  return db.transaction(async (trx) => {
    const t = await loadTreasury(trx, input.throughFy)
    if (!t.settings) throw new NotFoundError('The capital financing settings')
    const fields: FormFields = {
      version,
      opening_cfr: money('The opening CFR'),
      life: decimal('the years the opening CFR is charged over', { max: 100, places: 0, example: '25' }),
      source: requiredText('the source of the opening CFR', 500),
      reason: optionalText('the reason', 500),
    }
    for (const fy of t.years) fields[`income_${fy}`] = optionalMoney(`Investment income in ${fyLabel(fy)}`)
    const form = parseForm(fields, input.body) as Record<string, unknown> & {
      version: number
      opening_cfr: { pence: bigint }
      life: string
      source: string
      reason: string | null
    }
    if (form.life === '0')
      throw new ValidationError([{ field: 'life', message: 'The opening CFR is charged over 1 year or more' }])
    await updateRecord(trx, specs.capitalSettings, {
      who,
      id: 1,
      version: form.version,
      before: { ...t.settings, id: 1 },
      values: {
        opening_cfr_pence: form.opening_cfr.pence.toString(),
        opening_cfr_life_years: Number(form.life),
        source: form.source,
      },
      children: [
        {
          spec: specs.treasuryYears,
          scope: {},
          rows: t.years
            .map((fy) => ({ fy, income: form[`income_${fy}`] as { pence: bigint } | null }))
            .filter((y) => y.income !== null)
            .map((y) => ({
              fy_start: y.fy,
              investment_income_pence: (y.income as { pence: bigint }).pence.toString(),
            })),
        },
      ],
      reason: form.reason,
    })
    return { to: '/capital/financing', message: 'The opening CFR and investment income saved.' }
  })
}

export function capitalLedgerService(db: Knex) {
  return {
    loadReceipt: (id: number | null) => loadReceipt(db, id),
    saveReceipt: (viewer: Viewer, id: number | null, body: FormBody) => saveReceipt(db, viewer, { id, body }),
    loadLoan: (id: number | null) => loadLoan(db, id),
    saveLoan: (viewer: Viewer, id: number | null, body: FormBody) => saveLoan(db, viewer, { id, body }),
    loadTreasury: (throughFy: number) => loadTreasury(db, throughFy),
    saveTreasury: (viewer: Viewer, throughFy: number, body: FormBody) => saveTreasury(db, viewer, { throughFy, body }),
  }
}
