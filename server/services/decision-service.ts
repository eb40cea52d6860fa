// The decision register with sign-off dates as written and governance flags (never corrected).
import type { Knex } from 'knex'
import * as decisions from '../data/decision-repository'
import { NotFoundError } from '../domain/errors'
import {
  decisionKey,
  governanceFlags,
  readDecisionKey,
  SIGNOFF_ROLES,
  type GovernanceFlag,
  type SignoffRole,
} from '../domain/decisions'
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
  /** Its address: the reference, or "unnumbered-<id>" when the record gives none. */
  key: string
  signoffs: SignoffView[]
  flags: GovernanceFlag[]
  /** When it was taken: the Commissioner's sign-off (as written, and as a date when it is one), or what the
   * source says where there is no sign-off; null when nothing gives it. */
  decided: { iso: string | null; asWritten: string } | null
  /** What it commits in all (null when no amount is recorded), and by year where known. */
  commitment: Decimal | null
  commitments: { fyStart: number | null; amount: Decimal; note: string | null }[]
  programmes: { code: string; name: string; note: string | null }[]
}

interface Money {
  totals: Map<number, Decimal>
  rows: decisions.CommitmentRow[]
}

function decidedOf(d: decisions.DecisionRow, own: decisions.SignoffRow[]): DecisionView['decided'] {
  const pcc = own.find((s) => s.role === 'commissioner')
  if (pcc?.signed_as_written) return { iso: pcc.signed_on, asWritten: pcc.signed_as_written }
  return d.decided_when ? { iso: null, asWritten: d.decided_when } : null
}

function view(
  d: decisions.DecisionRow,
  related: { signoffs: decisions.SignoffRow[]; links: decisions.DecisionLinkRow[]; money: Money },
): DecisionView {
  const { signoffs, links, money } = related
  const own = signoffs.filter((s) => s.decision_id === d.id)
  const flags = governanceFlags(own.map(toSignoff))
  const byRole = new Map(own.map((s) => [s.role, s]))
  return {
    ...d,
    key: decisionKey(d.reference, d.id),
    decided: decidedOf(d, own),
    commitment: money.totals.get(d.id) ?? null,
    commitments: money.rows
      .filter((c) => c.decision_id === d.id)
      .map((c) => ({ fyStart: c.fy_start, amount: fromPence(c.amount_pence), note: c.note })),
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
      .map((l) => ({ code: l.programme_code, name: l.programme_name, note: l.note })),
  }
}

export function decisionService(db: Knex) {
  return {
    async list(viewer: Viewer): Promise<DecisionView[]> {
      const v = decisionVisibility(viewer)
      const [rows, signoffs, links, totals] = await Promise.all([
        decisions.listDecisions(db, v),
        decisions.signoffsFor(db),
        decisions.allDecisionLinks(db, v),
        decisions.commitmentTotals(db, v),
      ])
      const money: Money = { totals: new Map(totals.map((t) => [t.decision_id, fromPence(t.total_pence)])), rows: [] }
      return rows.map((d) => view({ ...d, id: Number(d.id) }, { signoffs, links, money }))
    },

    async get(viewer: Viewer, key: string): Promise<DecisionView> {
      const v = decisionVisibility(viewer)
      const row = await decisions.findDecisionByKey(db, readDecisionKey(key), v)
      if (!row) throw new NotFoundError(`A decision with the reference "${key}"`)
      const id = Number(row.id)
      const [signoffs, links, rows] = await Promise.all([
        decisions.signoffsFor(db, [id]),
        decisions.allDecisionLinks(db, v),
        decisions.commitmentsFor(db, [id], v),
      ])
      const total = rows.length > 0 ? rows.reduce((a, r) => a.plus(fromPence(r.amount_pence)), fromPence(0)) : null
      const money: Money = { totals: new Map(total === null ? [] : [[id, total]]), rows }
      return view({ ...row, id }, { signoffs, links: links.filter((l) => l.decision_id === id), money })
    },
  }
}
