// Finance creates, edits and retires programmes (never deletes them). Each save is one transaction with its
// audit rows; a stale form (another user saved first) is refused with a conflict.
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError } from '../domain/errors'
import { writeAudit } from '../data/audit-repository'
import { codeTaken, findLiveByCode, insertReturningId } from '../data/versioned'
import { changes, editorOf, refusingDuplicates, updateVersioned } from './edit-context'
import { choice, optionalText, parseForm, requiredText, version, type FormBody } from './forms'

export const PROGRAMME_STATUSES = ['proposed', 'approved', 'in_progress', 'complete', 'closed'] as const

const fields = {
  name: requiredText('the programme name', 200),
  description: optionalText('the description', 2000),
  status: choice('a status', PROGRAMME_STATUSES),
  invest_to_save: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
}

const createSchema = z.object({
  code: z
    .string({ error: 'Enter a code, like MOBILE-FIRST' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { error: 'The code must be 2 to 40 letters, digits or hyphens, like MOBILE-FIRST' }),
  ...fields,
})

const updateSchema = z.object({ ...fields, version })

const retireSchema = z.object({
  version,
  reason: requiredText('the reason for retiring the programme', 500),
})

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
  const row = await findLiveByCode<ProgrammeRecord>(db, 'programmes', code)
  if (!row) throw new NotFoundError(`A programme with the code "${code}"`)
  return { ...row, id: Number(row.id), version: Number(row.version) }
}

function current(p: ProgrammeRecord): Record<string, string> {
  return { name: p.name, description: p.description ?? '', status: p.status, invest_to_save: p.invest_to_save ? 'yes' : 'no' }
}

export function programmeAdminService(db: Knex) {
  return {
    load: (code: string) => load(db, code),

    async create(viewer: Viewer, body: FormBody): Promise<string> {
      const who = editorOf(viewer, 'create programmes')
      const input = parseForm(createSchema, body)
      const taken = () => new ValidationError([{ field: 'code', message: `A programme with the code ${input.code} already exists: choose another code` }])
      return refusingDuplicates(() => db.transaction(async (trx) => {
        if (await codeTaken(trx, 'programmes', input.code)) throw taken()
        const values = { code: input.code, name: input.name, description: input.description, status: input.status, invest_to_save: input.invest_to_save }
        const id = await insertReturningId(trx, 'programmes', values)
        await writeAudit(trx, changes(who, { action: 'create', table: 'programmes', rowId: id, programmeId: id }, null, values))
        return input.code
      }), taken)
    },

    async update(viewer: Viewer, code: string, body: FormBody): Promise<void> {
      const who = editorOf(viewer, 'change programmes')
      const input = parseForm(updateSchema, body)
      await db.transaction(async (trx) => {
        const before = await load(trx, code)
        const values = { name: input.name, description: input.description, status: input.status, invest_to_save: input.invest_to_save }
        await updateVersioned(trx, 'programmes', before.id, input.version, values, { what: `The programme ${before.code}`, current: current(before) })
        const normalised = { ...before, invest_to_save: Boolean(before.invest_to_save) }
        await writeAudit(trx, changes(who, { action: 'update', table: 'programmes', rowId: before.id, programmeId: before.id }, normalised, values))
      })
    },

    async retire(viewer: Viewer, code: string, body: FormBody): Promise<void> {
      const who = editorOf(viewer, 'retire programmes')
      const input = parseForm(retireSchema, body)
      await db.transaction(async (trx) => {
        const before = await load(trx, code)
        await updateVersioned(trx, 'programmes', before.id, input.version, { retired_at: trx.fn.now() }, { what: `The programme ${before.code}`, current: current(before) })
        await writeAudit(trx, [
          { ...who, action: 'retire', table: 'programmes', rowId: before.id, programmeId: before.id, field: 'retired_at', from: null, to: 'retired', reason: input.reason },
        ])
      })
    },
  }
}
