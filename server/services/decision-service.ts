// The decision register with sign-off dates as written and governance flags (never corrected).
import type { Knex } from 'knex'
import * as decisions from '../data/decision-repository'
import { NotFoundError } from '../domain/errors'
import { governanceFlags, SIGNOFF_ROLES, type GovernanceFlag, type SignoffRole } from '../domain/decisions'
import { fromPence, type Decimal } from '../domain/money'
import { toSignoff } from './programme-service'
import { canSeeDrafts, confidentialAccess, type Viewer } from '../domain/access'

export function decisionVisibility(viewer: Viewer): decisions.DecisionVisibility {
  return { confidential: confidentialAccess(viewer), drafts: canSeeDrafts(viewer) }
}

export interface SignoffView {
  role: SignoffRole
  signedOn: string | null
  signedAsWritten: string | null
  comments: string | null
  invalid: boolean
  late: boolean
}

export interface DecisionView extends decisions.DecisionRow {
  signoffs: SignoffView[]
  flags: GovernanceFlag[]
  programmes: { code: string; name: string; amount: Decimal | null; note: string | null }[]
}

function view(d: decisions.DecisionRow, signoffs: decisions.SignoffRow[], links: decisions.DecisionLinkRow[]): DecisionView {
  const own = signoffs.filter((s) => s.decision_id === d.id)
  const flags = governanceFlags(own.map(toSignoff))
  const byRole = new Map(own.map((s) => [s.role, s]))
  return {
    ...d,
    flags,
    signoffs: SIGNOFF_ROLES.map((role) => {
      const s = byRole.get(role)
      return {
        role,
        signedOn: s?.signed_on ?? null,
        signedAsWritten: s?.signed_as_written ?? null,
        comments: s?.comments ?? null,
        invalid: flags.some((f) => f.role === role && f.kind === 'invalid-date'),
        late: flags.some((f) => f.role === role && f.kind === 'signed-after-commissioner'),
      }
    }),
    programmes: links
      .filter((l) => l.decision_id === d.id)
      .map((l) => ({
        code: l.programme_code,
        name: l.programme_name,
        amount: l.amount_pence === null || l.amount_pence === undefined ? null : fromPence(l.amount_pence),
        note: l.note,
      })),
  }
}

export function decisionService(db: Knex) {
  return {
    async list(viewer: Viewer): Promise<DecisionView[]> {
      const v = decisionVisibility(viewer)
      const [rows, signoffs, links] = await Promise.all([
        decisions.listDecisions(db, v),
        decisions.signoffsFor(db),
        decisions.allDecisionLinks(db, v),
      ])
      return rows.map((d) => view({ ...d, id: Number(d.id) }, signoffs, links))
    },

    async get(viewer: Viewer, reference: string): Promise<DecisionView> {
      const v = decisionVisibility(viewer)
      const row = await decisions.findDecisionByReference(db, reference, v)
      if (!row) throw new NotFoundError(`A decision with the reference "${reference}"`)
      const id = Number(row.id)
      const [signoffs, links] = await Promise.all([decisions.signoffsFor(db, [id]), decisions.allDecisionLinks(db, v)])
      return view({ ...row, id }, signoffs, links.filter((l) => l.decision_id === id))
    },
  }
}
