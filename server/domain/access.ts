// Who may see and do what (issue #3). Visitors who have not signed in are the public.
//   public   published programmes and years, open decisions
//   panel    + confidential decisions marked for the Panel; changes nothing
//   finance  everything, drafts included; enters and changes figures; publishes a year
//   approver finance, and may approve budget changes up to a limit for named budget owners
//   admin    manages accounts; reads everything; changes no figures

export type Role = 'finance' | 'approver' | 'panel' | 'admin'
export const ROLES: Role[] = ['finance', 'approver', 'panel', 'admin']

export const ROLE_NAMES: Record<Role, string> = {
  finance: 'Finance team',
  approver: 'Approver (finance, with an approval limit)',
  panel: 'Police and Crime Panel member',
  admin: 'Administrator',
}

export interface Viewer {
  kind: 'public' | Role
  userId: number | null
  name: string | null
  email: string | null
}

export const PUBLIC_VIEWER: Viewer = { kind: 'public', userId: null, name: null, email: null }

export function isRole(value: string): value is Role {
  return (ROLES as string[]).includes(value)
}

/** Enter and change figures, programmes, decisions. */
export function canEditFigures(v: Viewer): boolean {
  return v.kind === 'finance' || v.kind === 'approver'
}

/** See draft years and proposed programmes. */
export function canSeeDrafts(v: Viewer): boolean {
  return v.kind === 'finance' || v.kind === 'approver' || v.kind === 'admin'
}

/** See confidential decisions: all of them (finance, admin) or those marked for the Panel (panel). */
export function confidentialAccess(v: Viewer): 'all' | 'panel' | 'none' {
  if (canSeeDrafts(v)) return 'all'
  return v.kind === 'panel' ? 'panel' : 'none'
}

export function canManageAccounts(v: Viewer): boolean {
  return v.kind === 'admin'
}

/** Read the audit trail: those who can see drafts (it records draft figures too). */
export function canReadAudit(v: Viewer): boolean {
  return canSeeDrafts(v)
}
