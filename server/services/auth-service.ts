// Signing in and creating accounts. Passwords are hashed with argon2id (the argon2 package's default).
import argon2 from 'argon2'
import type { Knex } from 'knex'
import * as users from '../data/user-repository'
import { PUBLIC_VIEWER, canManageAccounts, isRole, type Role, type Viewer } from '../domain/access'
import { NotAllowedError } from './edit-context'
import { clientOf } from '../data/db'
import { parseMoney } from '../domain/parse-money'
import { formatMoney, fromPence, type Decimal } from '../domain/money'
import { ValidationError, type FieldError } from '../domain/errors'

// A hash to verify against when the email is unknown, so a wrong email takes as long as a wrong password.
const DUMMY_HASH = argon2.hash('not a real password: timing only')

export const MIN_PASSWORD_LENGTH = 12

export interface CreateAccount {
  email: string
  name: string
  role: string
  password: string
  approvalLimitPence?: bigint | null
  budgetOwnerCodes?: string[]
}

export function viewerOf(user: users.UserRow | undefined): Viewer {
  if (!user || !user.active) return PUBLIC_VIEWER
  return { kind: user.role, userId: Number(user.id), name: user.name, email: user.email }
}

function checkAccount(a: CreateAccount): FieldError[] {
  const errors: FieldError[] = []
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim())) errors.push({ field: 'email', message: 'Enter an email address, like name@example.org' })
  if (a.name.trim() === '') errors.push({ field: 'name', message: 'Enter the person’s name' })
  if (!isRole(a.role)) errors.push({ field: 'role', message: 'Choose a role: finance, approver, panel or admin' })
  if (a.password.length < MIN_PASSWORD_LENGTH) {
    errors.push({ field: 'password', message: `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters` })
  }
  return errors
}

export interface AccountRow {
  id: number
  email: string
  name: string
  role: Role
  active: boolean
  approvalLimit: Decimal | null
  owners: string
  lastSignedInAt: string | null
}

function adminOf(viewer: Viewer): string {
  if (!canManageAccounts(viewer)) throw new NotAllowedError('manage accounts')
  return `${viewer.name ?? ''} <${viewer.email ?? ''}>`
}

export function authService(db: Knex) {
  return {
    async accounts(viewer: Viewer): Promise<AccountRow[]> {
      adminOf(viewer)
      const agg = clientOf(db) === 'postgres' ? "string_agg(o.name, ', ')" : "group_concat(o.name, ', ')"
      const ownerNames = db('user_budget_owners as uo').join('budget_owners as o', 'o.id', 'uo.budget_owner_id').whereRaw('uo.user_id = u.id').select(db.raw(agg))
      type Row = { id: number; email: string; name: string; role: Role; active: boolean | number; approval_limit_pence: string | number | null; owners: string | null; last_signed_in_at: string | Date | null }
      const rows = (await db('users as u')
        .select('u.id', 'u.email', 'u.name', 'u.role', 'u.active', 'u.approval_limit_pence', 'u.last_signed_in_at', ownerNames.as('owners'))
        .orderBy(['u.role', 'u.email'])) as Row[]
      return rows.map((r) => ({
        id: Number(r.id),
        email: r.email,
        name: r.name,
        role: r.role,
        active: Boolean(r.active),
        approvalLimit: r.approval_limit_pence === null ? null : fromPence(r.approval_limit_pence),
        owners: r.owners ?? '',
        lastSignedInAt: r.last_signed_in_at ? new Date(r.last_signed_in_at).toISOString() : null,
      }))
    },

    async createFromForm(viewer: Viewer, body: Record<string, unknown>): Promise<{ to: string; message: string }> {
      const actor = adminOf(viewer)
      const str = (k: string) => (typeof body[k] === 'string' ? body[k] : '')
      let limit: bigint | null = null
      const limitText = str('approval_limit').trim()
      if (limitText) {
        const reading = parseMoney(limitText)
        if (!reading.ok) throw new ValidationError([{ field: 'approval_limit', message: `The approval limit ${reading.problem}` }])
        limit = reading.pence
      }
      const owners = Array.isArray(body.owners) ? body.owners.filter((o): o is string => typeof o === 'string') : str('owners') ? [str('owners')] : []
      if (str('role') === 'approver' && owners.length === 0) throw new ValidationError([{ field: 'owners', message: 'Choose the budget owners an approver may approve changes for' }])
      await this.createAccount({ email: str('email'), name: str('name'), role: str('role'), password: str('password'), approvalLimitPence: str('role') === 'approver' ? limit : null, budgetOwnerCodes: str('role') === 'approver' ? owners : [] }, actor)
      const limitWords = str('role') === 'approver' ? (limit === null ? ' with no approval limit' : ` with an approval limit of ${formatMoney(fromPence(limit), 'pence')}`) : ''
      return { to: '/accounts', message: `Account created for ${str('email').trim().toLowerCase()} (${str('role')})${limitWords}.` }
    },

    async setActive(viewer: Viewer, id: number, active: boolean): Promise<{ to: string; message: string }> {
      const actor = adminOf(viewer)
      if (viewer.userId === id && !active) throw new ValidationError([{ field: 'accounts', message: 'You cannot deactivate your own account' }])
      return db.transaction(async (trx) => {
        const user = await trx('users').where({ id }).first<{ email: string; active: boolean | number } | undefined>('email', 'active')
        if (!user) throw new ValidationError([{ field: 'accounts', message: 'There is no such account' }])
        if (Boolean(user.active) === active) return { to: '/accounts', message: `${user.email} is already ${active ? 'active' : 'deactivated'}.` }
        await trx('users').where({ id }).update({ active, version: trx.raw('version + 1') })
        // A deactivated account is signed out everywhere: its sessions are removed.
        if (!active) {
          const sessions: { sid: string; sess: string | { userId?: number } }[] = await trx('sessions').select('sid', 'sess')
          const theirs = sessions.filter((r) => (typeof r.sess === 'string' ? (JSON.parse(r.sess) as { userId?: number }) : r.sess).userId === id).map((r) => r.sid)
          if (theirs.length > 0) await trx('sessions').whereIn('sid', theirs).del()
        }
        await trx('audit_events').insert({ actor, user_id: viewer.userId, action: active ? 'update' : 'retire', table_name: 'users', row_id: String(id), field: 'active', from_value: active ? 'no' : 'yes', to_value: active ? 'yes' : 'no' })
        return { to: '/accounts', message: `${user.email} ${active ? 'reactivated' : 'deactivated and signed out'}.` }
      })
    },

    /** The viewer for a session's user id; the public when there is none or the account is inactive. */
    async viewer(userId: number | undefined): Promise<Viewer> {
      if (userId === undefined) return PUBLIC_VIEWER
      return viewerOf(await users.findActiveUserById(db, userId))
    },

    /** The user id when the email and password match an active account; null otherwise (never says which). */
    async signIn(email: string, password: string): Promise<number | null> {
      const user = await users.findUserByEmail(db, email)
      const ok = await argon2.verify(user?.password_hash ?? (await DUMMY_HASH), password)
      if (!user || !ok || !user.active) return null
      await users.recordSignIn(db, Number(user.id))
      return Number(user.id)
    },

    async createAccount(a: CreateAccount, actor: string): Promise<number> {
      const errors = checkAccount(a)
      if (errors.length > 0) throw new ValidationError(errors)
      if (await users.findUserByEmail(db, a.email)) throw new ValidationError([{ field: 'email', message: 'An account with this email address already exists' }])
      const passwordHash = await argon2.hash(a.password)
      return db.transaction(async (trx) => {
        const id = await users.insertUser(trx, {
          email: a.email,
          name: a.name.trim(),
          role: a.role as Role,
          passwordHash,
          approvalLimitPence: a.approvalLimitPence ?? null,
          budgetOwnerCodes: a.budgetOwnerCodes ?? [],
        })
        await trx('audit_events').insert({
          actor,
          action: 'create',
          table_name: 'users',
          row_id: String(id),
          field: 'role',
          from_value: null,
          to_value: a.role,
          reason: `Account created for ${a.email.trim().toLowerCase()}`,
        })
        return id
      })
    },
  }
}
