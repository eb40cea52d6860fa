// Finance creates, edits and retires programmes (never deletes them). Each save is one transaction with its
// audit rows; a stale form (another user saved first) is refused with a conflict.
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError } from '../domain/errors'
import { codesOf, PROGRAMME_STATUS_WORDS } from '../domain/words'
import { codeTaken, findLiveByCode } from '../data/versioned'
import { createRecord, retireRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, refusingDuplicates } from './edit-context'
import { choice, optionalText, parseForm, requiredText, retireReason, version, yesNo, type FormBody } from './forms'

export const PROGRAMME_STATUSES = codesOf(PROGRAMME_STATUS_WORDS)

const fields = {
  name: requiredText('the programme name', 200),
  description: optionalText('the description', 2000),
  status: choice('a status', PROGRAMME_STATUSES),
  invest_to_save: yesNo,
}

const createFields = {
  code: z
    .string({ error: 'Enter a code, like MOBILE-FIRST' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, {
      error: 'The code must be 2 to 40 letters, digits or hyphens, like MOBILE-FIRST',
    }),
  ...fields,
}

const updateFields = { ...fields, version }

const retireFields = { version, reason: retireReason('retiring the programme') }

export interface ProgrammeRecord {
  id: number
  code: string
  name: string
  description: string | null
  status: string
  invest_to_save: boolean | number
  version: number
}

async function load(db: Knex | Knex.Transaction, code: string): Promise<ProgrammeRecord> {
  const row = await findLiveByCode<ProgrammeRecord>(db, specs.programmes, code)
  if (!row) throw new NotFoundError(`A programme with the code "${code}"`)
  return { ...row, id: Number(row.id), version: Number(row.version) }
}

/** Creates a programme; its code must be new (also when two people save the same code at once). */
async function createProgramme(db: Knex, viewer: Viewer, body: FormBody): Promise<string> {
  const who = editorOf(viewer, 'create programmes')
  const input = parseForm(createFields, body)
  const taken = () =>
    new ValidationError([
      { field: 'code', message: `A programme with the code ${input.code} already exists: choose another code` },
    ])
  return refusingDuplicates(
    () =>
      db.transaction(async (trx) => {
        if (await codeTaken(trx, specs.programmes, input.code)) throw taken()
        const values = {
          code: input.code,
          name: input.name,
          description: input.description,
          status: input.status,
          invest_to_save: input.invest_to_save,
        }
        await createRecord(trx, specs.programmes, { who, values })
        return input.code
      }),
    taken,
  )
}

export function programmeAdminService(db: Knex) {
  return {
    load: (code: string) => load(db, code),

    create: (viewer: Viewer, body: FormBody): Promise<string> => createProgramme(db, viewer, body),

    async update(viewer: Viewer, code: string, body: FormBody): Promise<void> {
      const who = editorOf(viewer, 'change programmes')
      const input = parseForm(updateFields, body)
      await db.transaction(async (trx) => {
        const before = await load(trx, code)
        const values = {
          name: input.name,
          description: input.description,
          status: input.status,
          invest_to_save: input.invest_to_save,
        }
        await updateRecord(trx, specs.programmes, {
          who,
          id: before.id,
          version: input.version,
          values,
          before: { ...before },
        })
      })
    },

    async retire(viewer: Viewer, code: string, body: FormBody): Promise<void> {
      const who = editorOf(viewer, 'retire programmes')
      const input = parseForm(retireFields, body)
      await db.transaction(async (trx) => {
        const before = await load(trx, code)
        await retireRecord(trx, specs.programmes, {
          who,
          id: before.id,
          version: input.version,
          reason: input.reason,
          before: { ...before },
        })
      })
    },
  }
}
