// Accounts: read for sign-in and for each signed-in request; written by the account service and the CLI.
import { clientOf, type Db } from './db'
import type { PenceValue } from '../domain/money'
import type { Role } from '../domain/access'

export interface UserRow {
  id: number
  email: string
  name: string
  role: Role
  password_hash: string
  approval_limit_pence: PenceValue
  active: boolean | number
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return (await db('users').where('email', email.trim().toLowerCase()).first()) as UserRow | undefined
}

export async function findActiveUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return (await db('users').where({ id, active: true }).first()) as UserRow | undefined
}

export interface NewUser {
  email: string
  name: string
  role: Role
  passwordHash: string
  approvalLimitPence: bigint | null
  budgetOwnerCodes: string[]
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const [row] = await db('users')
    .insert({
      email: user.email.trim().toLowerCase(),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      approval_limit_pence: user.approvalLimitPence === null ? null : user.approvalLimitPence.toString(),
      active: true,
    })
    .returning<({ id: number } | number)[]>('id')
  const id = Number(typeof row === 'object' ? row.id : row)
  if (user.budgetOwnerCodes.length > 0) {
    const owners: { id: number; code: string }[] = await db('budget_owners')
      .whereIn('code', user.budgetOwnerCodes)
      .select('id', 'code')
    const missing = user.budgetOwnerCodes.filter((c) => !owners.some((o) => o.code === c))
    if (missing.length > 0) throw new Error(`No budget owner with the code ${missing.join(', ')}`)
    await db('user_budget_owners').insert(owners.map((o) => ({ user_id: id, budget_owner_id: o.id })))
  }
  return id
}

/** The ids of the budget owners with these codes, by code (codes with no owner are absent). */
export async function budgetOwnerIds(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map()
  const rows: { id: number; code: string }[] = await db('budget_owners').whereIn('code', codes).select('id', 'code')
  return new Map(rows.map((r) => [r.code, Number(r.id)]))
}

export async function recordSignIn(db: Db, id: number): Promise<void> {
  await db('users').where({ id }).update({ last_signed_in_at: db.fn.now() })
}

export interface AccountListRow {
  id: number
  email: string
  name: string
  role: Role
  active: boolean | number
  approval_limit_pence: string | number | null
  owners: string | null
  last_signed_in_at: string | Date | null
}

/** Every account with the names of the budget owners it may approve for: one query. */
export async function accountRows(db: Db): Promise<AccountListRow[]> {
  const agg = clientOf(db) === 'postgres' ? "string_agg(o.name, ', ')" : "group_concat(o.name, ', ')"
  const ownerNames = db('user_budget_owners as uo')
    .join('budget_owners as o', 'o.id', 'uo.budget_owner_id')
    .whereRaw('uo.user_id = u.id')
    .select(db.raw(agg))
  return db('users as u')
    .select<AccountListRow[]>(
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.active',
      'u.approval_limit_pence',
      'u.last_signed_in_at',
      ownerNames.as('owners'),
    )
    .orderBy(['u.role', 'u.email'])
}

export async function findUserById(
  db: Db,
  id: number,
): Promise<{ email: string; active: boolean | number; version: number } | undefined> {
  return db('users')
    .where({ id })
    .first<{ email: string; active: boolean | number; version: number } | undefined>('email', 'active', 'version')
}

/** Signs a user out everywhere: removes the sessions that name them (the session store writes user_id). */
export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db('sessions').where('user_id', userId).del()
}
