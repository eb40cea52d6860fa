// Signing in and creating accounts. Passwords are hashed with argon2id (the argon2 package's default).
import argon2 from 'argon2'
import type { Knex } from 'knex'
import * as users from '../data/user-repository'
import * as failures from '../data/sign-in-repository'
import { createRecord, updateRecord, type Editor } from '../data/records'
import * as specs from '../data/record-specs'
import { PUBLIC_VIEWER, canManageAccounts, isRole, type Role, type Viewer } from '../domain/access'
import { NotAllowedError, refusingDuplicates } from './edit-context'
import { z } from 'zod'
import { codes, optionalMoney, parseForm, requiredText, yesNo, type FormBody } from './forms'
import { formatMoney, fromPence, type Decimal } from '../domain/money'
import { ValidationError, type FieldError } from '../domain/errors'

// A hash to verify against when the email is unknown, so a wrong email takes as long as a wrong password.
const DUMMY_HASH = argon2.hash('not a real password: timing only')

export const MIN_PASSWORD_LENGTH = 12

/** Five failed sign-ins for one email from one address lock that pair for 15 minutes. Only failures count. */
export const SIGN_IN_LIMIT = { windowMs: 15 * 60 * 1000, failures: 5 }

export type SignInResult =
  { outcome: 'signed-in'; userId: number } | { outcome: 'refused' } | { outcome: 'locked'; retryAfterSeconds: number }

/** An IPv6 address's /64 (one household or host can hold a whole /64); IPv4 (and IPv4-mapped IPv6) as it is. */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)
  if (v4?.[1]) return v4[1]
  if (!ip.includes(':')) return ip
  const [head = '', tail] = ip.split('::')
  const headParts = head ? head.split(':') : []
  const tailParts = tail ? tail.split(':') : []
  const groups =
    tail === undefined
      ? headParts
      : [...headParts, ...Array<string>(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0'), ...tailParts]
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

// Sign-ins for one key run one at a time in this process, so simultaneous wrong passwords cannot all slip in
// before the first failure is counted, while simultaneous right ones are never refused.
const inFlight = new Map<string, Promise<unknown>>()
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve()
  const next = previous.then(work, work)
  const settled = next.then(
    () => undefined,
    () => undefined,
  )
  inFlight.set(key, settled)
  void settled.then(() => {
    if (inFlight.get(key) === settled) inFlight.delete(key)
  })
  return next
}

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
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim()))
    errors.push({ field: 'email', message: 'Enter an email address, like name@example.org' })
  if (a.name.trim() === '') errors.push({ field: 'name', message: 'Enter the person’s name' })
  if (!isRole(a.role)) errors.push({ field: 'role', message: 'Choose a role: finance, approver, panel or admin' })
  if (a.password.length < MIN_PASSWORD_LENGTH) {
    errors.push({ field: 'password', message: `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters` })
  }
  return errors
}

/** The account form: checked in full by `checkAccount` too, which the shell's user:create shares. */
const accountFields = {
  email: z.string({ error: 'Enter an email address, like name@example.org' }),
  name: z.string({ error: 'Enter the person’s name' }),
  role: z.string({ error: 'Choose a role: finance, approver, panel or admin' }),
  password: z.string({ error: `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters` }),
  approval_limit: optionalMoney('The approval limit'),
  owners: codes('Choose budget owners from the list'),
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

function adminOf(viewer: Viewer): Editor {
  if (!canManageAccounts(viewer) || viewer.userId === null) throw new NotAllowedError('manage accounts')
  return { actor: `${viewer.name ?? ''} <${viewer.email ?? ''}>`, userId: viewer.userId }
}

/** Makes an account, audited as made by `who` (an administrator, or the shell). */
async function createAccount(db: Knex, input: { account: CreateAccount; who: Editor }): Promise<number> {
  const { account: a, who } = input
  const errors = checkAccount(a)
  if (errors.length > 0) throw new ValidationError(errors)
  const taken = () =>
    new ValidationError([{ field: 'email', message: 'An account with this email address already exists' }])
  if (await users.findUserByEmail(db, a.email)) throw taken()
  const ownerIds = await users.budgetOwnerIds(db, a.budgetOwnerCodes ?? [])
  const missing = (a.budgetOwnerCodes ?? []).filter((c) => !ownerIds.has(c))
  if (missing.length > 0)
    throw new ValidationError([
      {
        field: 'owners',
        message: `Choose budget owners from the list: there is none with the code ${missing.join(', ')}`,
      },
    ])
  const passwordHash = await argon2.hash(a.password)
  return refusingDuplicates(
    () =>
      db.transaction(async (trx) => {
        const values = {
          email: a.email.trim().toLowerCase(),
          name: a.name.trim(),
          role: a.role,
          password_hash: passwordHash,
          approval_limit_pence:
            a.approvalLimitPence === null || a.approvalLimitPence === undefined
              ? null
              : a.approvalLimitPence.toString(),
          active: true,
        }
        const owners = (id: string) => [
          {
            spec: specs.userBudgetOwners,
            scope: { user_id: Number(id) },
            rows: [...ownerIds.values()].map((o) => ({ budget_owner_id: o })),
          },
        ]
        return Number(
          await createRecord(trx, specs.users, {
            who,
            values,
            children: owners,
            reason: `Account created for ${values.email}`,
          }),
        )
      }),
    taken,
  )
}

/** Deactivates (signing the account out everywhere) or reactivates an account. */
async function changeActive(
  db: Knex,
  viewer: Viewer,
  change: { id: number; active: boolean },
): Promise<{ to: string; message: string }> {
  const { id, active } = change
  const who = adminOf(viewer)
  if (viewer.userId === id && !active)
    throw new ValidationError([{ field: 'accounts', message: 'You cannot deactivate your own account' }])
  return db.transaction(async (trx) => {
    const user = await users.findUserById(trx, id)
    if (!user) throw new ValidationError([{ field: 'accounts', message: 'There is no such account' }])
    if (Boolean(user.active) === active)
      return { to: '/accounts', message: `${user.email} is already ${active ? 'active' : 'deactivated'}.` }
    await updateRecord(trx, specs.users, {
      who,
      id,
      version: Number(user.version),
      values: { active },
      before: { ...user },
      action: active ? 'update' : 'retire',
    })
    // A deactivated account is signed out everywhere: its sessions are removed.
    if (!active) await users.deleteSessionsOf(trx, id)
    return { to: '/accounts', message: `${user.email} ${active ? 'reactivated' : 'deactivated and signed out'}.` }
  })
}

/** Signs in when the email and password match an active account (never says which was wrong), unless this
 * email has failed too often from this address lately. */
async function signIn(db: Knex, attempt: { email: string; password: string; address: string }): Promise<SignInResult> {
  const { email, password, address } = attempt
  const key = `${addressKey(address)}|${email.trim().toLowerCase()}`
  return oneAtATime(key, async () => {
    const now = new Date()
    const since = new Date(now.getTime() - SIGN_IN_LIMIT.windowMs)
    const recent = await failures.countFailuresSince(db, key, since)
    if (recent.count >= SIGN_IN_LIMIT.failures) {
      const until = new Date(recent.oldest ?? now.toISOString()).getTime() + SIGN_IN_LIMIT.windowMs
      return { outcome: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) }
    }
    const user = await users.findUserByEmail(db, email)
    const ok = await argon2.verify(user?.password_hash ?? (await DUMMY_HASH), password)
    if (!user || !ok || !user.active) {
      await failures.recordFailure(db, key, now)
      return { outcome: 'refused' }
    }
    await failures.clearFailures(db, key, since)
    await users.recordSignIn(db, Number(user.id))
    return { outcome: 'signed-in', userId: Number(user.id) }
  })
}

/** An administrator creates an account from the accounts form. */
async function createAccountFromForm(
  db: Knex,
  viewer: Viewer,
  body: FormBody,
): Promise<{ to: string; message: string }> {
  const who = adminOf(viewer)
  const input = parseForm(accountFields, body, (v) =>
    v.role === 'approver' && v.owners?.length === 0
      ? [{ field: 'owners', message: 'Choose the budget owners an approver may approve changes for' }]
      : [],
  )
  const approver = input.role === 'approver'
  const limit = approver ? (input.approval_limit?.pence ?? null) : null
  await createAccount(db, {
    who,
    account: {
      email: input.email,
      name: input.name,
      role: input.role,
      password: input.password,
      approvalLimitPence: limit,
      budgetOwnerCodes: approver ? input.owners : [],
    },
  })
  const limitWords = approver
    ? limit === null
      ? ' with no approval limit'
      : ` with an approval limit of ${formatMoney(fromPence(limit), 'pence')}`
    : ''
  return {
    to: '/accounts',
    message: `Account created for ${input.email.trim().toLowerCase()} (${input.role})${limitWords}.`,
  }
}

/** The sign-in form: an email address and a password (never trimmed: spaces may be part of it). */
const signInFields = {
  email: requiredText('your email address', 254),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, { error: 'Enter your password' })
    .max(1000, { error: 'The password is too long' }),
}

/** Reads the sign-in form: what was typed, or every problem with it. */
function readSignIn(body: FormBody): { email: string; password: string } | { errors: FieldError[] } {
  try {
    return parseForm(signInFields, body)
  } catch (err) {
    if (err instanceof ValidationError) return { errors: err.errors }
    throw err
  }
}

export function authService(db: Knex) {
  return {
    readSignIn,
    async accounts(viewer: Viewer): Promise<AccountRow[]> {
      adminOf(viewer)
      const rows = await users.accountRows(db)
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

    createFromForm: (viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> =>
      createAccountFromForm(db, viewer, body),

    async setActive(viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> {
      const { active } = parseForm({ active: yesNo }, body)
      return changeActive(db, viewer, { id, active })
    },

    /** The viewer for a session's user id; the public when there is none or the account is inactive. */
    async viewer(userId: number | undefined): Promise<Viewer> {
      if (userId === undefined) return PUBLIC_VIEWER
      return viewerOf(await users.findActiveUserById(db, userId))
    },

    signIn: (email: string, password: string, address: string): Promise<SignInResult> =>
      signIn(db, { email, password, address }),

    createAccount: (a: CreateAccount, who: Editor): Promise<number> => createAccount(db, { account: a, who }),
  }
}
