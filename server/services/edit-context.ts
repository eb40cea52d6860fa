// What every change needs: who is making it (for the audit trail) and a guard that they may.
import type { Viewer } from '../domain/access'
import { canEditFigures } from '../domain/access'
import { isUniqueViolation } from '../data/faults'

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
