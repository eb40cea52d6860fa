// The ledger codes (issue #9): which budget line a ledger cost centre and account (subjective) code posts to, and so
// its owner, type of spend and programme. Finance adds and retires them on the record path (audited).
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { ValidationError } from '../domain/errors'
import { createRecord, retireRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { findLedgerCode, lineOptions, listLedgerCodes } from '../data/import-repository'
import { editorOf, refusingDuplicates } from './edit-context'
import { oneOf, optionalText, parseForm, retireReason, version, type FormBody } from './forms'

const code = (what: string, example: string) =>
  z
    .string({ error: `Enter the ${what}, like ${example}` })
    .trim()
    .toUpperCase()
    .min(1, { error: `Enter the ${what}, like ${example}` })
    .regex(/^[A-Z0-9][A-Z0-9._/-]{0,39}$/, {
      error: `The ${what} is 1 to 40 letters, digits, dots, slashes or hyphens, like ${example}`,
    })

async function create(db: Knex, viewer: Viewer, body: FormBody) {
  const who = editorOf(viewer, 'add ledger codes')
  const lines = await lineOptions(db)
  const input = parseForm(
    {
      cost_centre: code('cost centre', 'F1002'),
      account_code: code('account code', 'S0400'),
      budget_line_id: oneOf(
        lines.map((l) => String(l.id)),
        'Choose the budget line these codes post to',
      ),
      note: optionalText('the note', 200),
    },
    body,
  )
  const key = { costCentre: input.cost_centre, accountCode: input.account_code }
  const taken = async (on: Knex | Knex.Transaction = db) => {
    const held = await findLedgerCode(on, key)
    return new ValidationError([
      {
        field: 'cost_centre',
        message: `Cost centre ${input.cost_centre} with account code ${input.account_code} is already mapped to “${held?.line_name ?? 'a budget line'}”${held?.retired_at ? ' (retired: it cannot be used again)' : ''}`,
      },
    ])
  }
  return refusingDuplicates(
    () =>
      db.transaction(async (trx) => {
        if (await findLedgerCode(trx, key)) throw await taken(trx)
        await createRecord(trx, specs.ledgerCodes, {
          who,
          values: { ...input, budget_line_id: Number(input.budget_line_id) },
        })
        return { to: '/ledger-codes', message: `Ledger code ${input.cost_centre} / ${input.account_code} added.` }
      }),
    () => taken(),
  )
}

async function retire(db: Knex, viewer: Viewer, form: { id: number; body: FormBody }) {
  const who = editorOf(viewer, 'retire ledger codes')
  const input = parseForm({ version, reason: retireReason('retiring the ledger code') }, form.body)
  await db.transaction((trx) =>
    retireRecord(trx, specs.ledgerCodes, { who, id: form.id, version: input.version, reason: input.reason }),
  )
  return { to: '/ledger-codes', message: 'Ledger code retired: rows with it are now rejected at import.' }
}

export function ledgerCodeService(db: Knex) {
  return {
    page: async () => ({ codes: await listLedgerCodes(db), lines: await lineOptions(db) }),
    create: (viewer: Viewer, body: FormBody) => create(db, viewer, body),
    retire: (viewer: Viewer, id: number, body: FormBody) => retire(db, viewer, { id, body }),
  }
}
