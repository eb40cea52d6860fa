// A manual journal (issue #9): an accrual or a correction that finance enters against a cost line and a period of
// an open year, with its reason. It is a ledger transaction like any other (its reference starts MJ-), counted in
// the actuals, and audited.
import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, fyOfDate, fySlug, isLockedYear } from '../domain/financial-year'
import { createRecord } from '../data/records'
import { addReferenceToSummaries } from '../data/spend-summaries'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import { money, optionalDate, parseForm, period, requiredText, type FormBody, type Parsed } from './forms'
import type { LineYear } from './profile-service'

const journalFields = {
  journal_date: optionalDate('The posting date'),
  journal_period: period('Choose the period the journal is posted to, P1 to P13'),
  journal_amount: money('The amount', { allowNegative: true }),
  journal_description: requiredText('what the journal is for', 300),
  journal_reason: requiredText('the reason for the journal', 500),
}

/** A journal goes in an open year, dated in that year, in a period the ledger has reached or the next one. */
function journalRules(ly: LineYear) {
  return (v: Partial<Parsed<typeof journalFields>>): FieldError[] => {
    const errors: FieldError[] = []
    if (!v.journal_date) errors.push({ field: 'journal_date', message: 'Enter the posting date, like 30/11/2020' })
    else if (fyOfDate(v.journal_date.iso) !== ly.fyStart) {
      errors.push({
        field: 'journal_date',
        message: `The posting date, ${v.journal_date.understood}, is not in ${fyLabel(ly.fyStart)}`,
      })
    }
    const latest = Math.max(1, ly.latestPosted + 1)
    if (v.journal_period !== undefined && v.journal_period > latest) {
      errors.push({
        field: 'journal_period',
        message: `The ledger is posted to P${ly.latestPosted}: a journal goes in P${latest} at the latest`,
      })
    }
    if (v.journal_amount && v.journal_amount.pence === 0n)
      errors.push({ field: 'journal_amount', message: 'The amount of a journal is not £0.00' })
    return errors
  }
}

export async function enterJournal(
  db: Knex,
  viewer: Viewer,
  input: { ly: LineYear; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { ly, body } = input
  const who = editorOf(viewer, 'enter journals')
  if (isLockedYear(ly.latestPosted, ly.reopened)) {
    throw new ValidationError([
      { field: 'journal_period', message: `${fyLabel(ly.fyStart)} is closed: its ledger is locked` },
    ])
  }
  const form = parseForm(journalFields, body, journalRules(ly))
  const ledgerRef = `MJ-${ly.fyStart}-${randomBytes(5).toString('hex').toUpperCase()}`
  await db.transaction(async (trx) => {
    const values = {
      ledger_ref: ledgerRef,
      posted_on: form.journal_date?.iso,
      fy_start: ly.fyStart,
      period: form.journal_period,
      budget_line_id: ly.lineId,
      amount_pence: form.journal_amount.pence.toString(),
      description: form.journal_description,
      supplier: 'Manual journal',
    }
    const naming = { label: `Manual journal ${ledgerRef} on cost line “${ly.lineName}”`, programmeId: ly.programmeId }
    await createRecord(trx, specs.manualJournals, { who, values, reason: form.journal_reason, naming })
    await addReferenceToSummaries(trx, ledgerRef)
  })
  return {
    to: `/programmes/${ly.programmeCode}?fy=${fySlug(ly.fyStart)}#by-year`,
    message: `Manual journal ${ledgerRef} posted to “${ly.lineName}”, ${fyLabel(ly.fyStart)} P${form.journal_period}: ${form.journal_amount.understood}.`,
  }
}

export function journalService(db: Knex) {
  return {
    enter: (viewer: Viewer, ly: LineYear, body: FormBody) => enterJournal(db, viewer, { ly, body }),
  }
}
