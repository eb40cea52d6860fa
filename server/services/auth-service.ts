// Signing in and creating accounts. Passwords are hashed with argon2id (the argon2 package's default).
import argon2 from 'argon2'
import type { Knex } from 'knex'
import * as users from '../data/user-repository'
import { PUBLIC_VIEWER, isRole, type Role, type Viewer } from '../domain/access'
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

export function authService(db: Knex) {
  return {
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
