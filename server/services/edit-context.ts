// What every change needs: who is making it (for the audit trail) and a guard that they may.
import type { Viewer } from '../domain/access'
import { canEditFigures } from '../domain/access'
import type { Knex } from 'knex'
import { isUniqueViolation } from '../data/faults'
import { updateRecord, type RecordSpec } from '../data/records'

export class NotAllowedError extends Error {
  constructor(public readonly what: string) {
    super(`Not allowed: ${what}`)
    this.name = 'NotAllowedError'
  }
}

export interface Actor {
  actor: string
  userId: number
}

export function editorOf(viewer: Viewer, what: string): Actor {
  if (!canEditFigures(viewer) || viewer.userId === null) throw new NotAllowedError(what)
  return { actor: `${viewer.name ?? ''} <${viewer.email ?? ''}>`, userId: viewer.userId }
}

/**
 * Runs a save whose insert a unique key guards; when the key refuses the row because someone saved the same key
 * at the same moment (the check before the insert could not see the other save), answers `duplicate()`: the
 * same error a save one after the other gets, never a 500. The transaction has been rolled back by then.
 */
export async function refusingDuplicates<T>(
  save: () => Promise<T>,
  duplicate: () => Error | Promise<Error>,
): Promise<T> {
  try {
    return await save()
  } catch (err) {
    if (isUniqueViolation(err)) throw await duplicate()
    throw err
  }
}

/** What an edit form with a "retire this" tick did, in the words its message uses. */
export type EditOutcome = 'retired' | 'saved' | 'unchanged: nothing to save'

/**
 * Saves an edit form whose record may also be retired from it (ticked "retire", with a reason): the record changes,
 * or is retired, or, when nothing differs, is left exactly as it was. Says which.
 */
export async function saveEditForm(
  trx: Knex.Transaction,
  spec: RecordSpec,
  edit: {
    who: Actor
    id: number
    values: Record<string, unknown>
    before: Record<string, unknown>
    form: { version: number; retire: boolean; reason: string | null }
    /** Keep the form's reason with a change too, not only with a retirement. */
    reasonForChange?: boolean
  },
): Promise<EditOutcome> {
  const { form } = edit
  const retire = form.retire ? (form.reason ?? '') : undefined
  const { changed } = await updateRecord(trx, spec, {
    who: edit.who,
    id: edit.id,
    version: form.version,
    values: edit.values,
    before: edit.before,
    retire,
    ...(edit.reasonForChange ? { reason: form.reason } : {}),
  })
  return form.retire ? 'retired' : changed ? 'saved' : 'unchanged: nothing to save'
}
