// Governance checks on a decision's sign-offs (DOMAIN.md, last paragraph): the CFO and the Chief of Staff
// must sign before (or on the same day as) the Commissioner. A later date is flagged, never corrected;
// a date that cannot exist is kept as written and marked "not a valid date".

export type SignoffRole = 'cfo' | 'chief_of_staff' | 'commissioner'

export const SIGNOFF_ROLES: SignoffRole[] = ['cfo', 'chief_of_staff', 'commissioner']

export const SIGNOFF_ROLE_NAMES: Record<SignoffRole, string> = {
  cfo: 'Chief Finance Officer',
  chief_of_staff: 'Chief of Staff',
  commissioner: 'Police and Crime Commissioner',
}

export interface Signoff {
  role: SignoffRole
  /** ISO date when the written date is a real date; null when it is missing or impossible. */
  signedOn: string | null
  /** The date exactly as the document writes it. */
  signedAsWritten: string | null
}

export interface GovernanceFlag {
  role: SignoffRole
  kind: 'signed-after-commissioner' | 'invalid-date'
  message: string
}

export function governanceFlags(signoffs: Signoff[]): GovernanceFlag[] {
  const flags: GovernanceFlag[] = []
  const commissioner = signoffs.find((s) => s.role === 'commissioner')
  for (const s of signoffs) {
    const name = SIGNOFF_ROLE_NAMES[s.role]
    if (s.signedOn === null && s.signedAsWritten) {
      flags.push({
        role: s.role,
        kind: 'invalid-date',
        message: `${name}'s date "${s.signedAsWritten}" is not a valid date`,
      })
      continue
    }
    if (s.role !== 'commissioner' && s.signedOn && commissioner?.signedOn && s.signedOn > commissioner.signedOn) {
      flags.push({
        role: s.role,
        kind: 'signed-after-commissioner',
        message: `${name} signed after the Commissioner: the ${name} must sign first`,
      })
    }
  }
  return flags
}

/** How a decision is addressed: its reference, or, when its record gives none, "unnumbered-" and its id (never
 * shown as a reference: the register says "No reference given"). */
export function decisionKey(reference: string | null, id: number): string {
  return reference ?? `unnumbered-${id}`
}

/** The reference or the id a decision's address names. */
export function readDecisionKey(key: string): { reference: string } | { id: number } {
  const m = /^unnumbered-([1-9][0-9]{0,8})$/i.exec(key)
  return m?.[1] ? { id: Number(m[1]) } : { reference: key }
}
