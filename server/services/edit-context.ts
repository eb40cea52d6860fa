// What every change needs: who is making it (for the audit trail) and a guard that they may.
import type { Viewer } from '../domain/access'
import { canEditFigures } from '../domain/access'
import type { AuditEntry } from '../data/audit-repository'
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

/** Audit rows for each field whose value changed, as text (money fields as pence, named *_pence). */
export function changes(
  who: Actor,
  base: Omit<AuditEntry, 'actor' | 'userId' | 'field' | 'from' | 'to'>,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): AuditEntry[] {
  const asText = (v: unknown): string | null => {
    if (v === null || v === undefined) return null
    if (typeof v === 'boolean') return v ? 'yes' : 'no'
    if (typeof v === 'string') return v
    if (typeof v === 'number' || typeof v === 'bigint') return v.toString()
    return JSON.stringify(v)
  }
  return Object.keys(after)
    .filter((field) => asText(before?.[field]) !== asText(after[field]))
    .map((field) => ({ ...who, ...base, field, from: asText(before?.[field]), to: asText(after[field]) }))
}

export { updateVersioned } from '../data/versioned'

/**
 * Runs a save whose insert a unique key guards; when the key refuses the row because someone saved the same key
 * at the same moment (the check before the insert could not see the other save), answers `duplicate()`: the
 * same error a save one after the other gets, never a 500. The transaction has been rolled back by then.
 */
export async function refusingDuplicates<T>(save: () => Promise<T>, duplicate: () => Error | Promise<Error>): Promise<T> {
  try {
    return await save()
  } catch (err) {
    if (isUniqueViolation(err)) throw await duplicate()
    throw err
  }
}
