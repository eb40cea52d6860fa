// What every form route shares: reading the request, the editors' guard, and a save that re-renders the form
// with the answers kept on a validation error (422) or a conflict (409), or redirects with a message.
import type { Request, Response } from 'express'
import { canEditFigures } from '../domain/access'
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors'
import { allow } from './guards'
import { helpers } from '../views/helpers'

/** Re-renders the form; awaited, so a failure while rendering (a record gone, the database away) is answered by
 * the error handler rather than left as a request that never gets a response. */
export type Render = (status: number, extra: Record<string, unknown>) => Promise<void> | void

export function fyQuery(req: Request): string {
  return typeof req.query.fy === 'string' ? req.query.fy : ''
}

export function param(req: Request, name: string): string {
  const v = (req.params as Record<string, unknown>)[name]
  return typeof v === 'string' ? v : ''
}

/** The record id in the address (`:id`): a whole number that fits the databases' integer ids (1 to 2,147,483,647);
 * anything else is no record of ours, so a 404 (PostgreSQL refused 99999999999999999999 with a 500). */
export function idParam(req: Request, what: string): number {
  const raw = param(req, 'id')
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : 0
  if (id < 1 || id > 2_147_483_647) throw new NotFoundError(`${what} numbered “${raw}”`)
  return id
}

/** Runs a save; on a validation error or a conflict re-renders the form with the answers kept. A save may
 * return a message, shown once on the next page (kept in the session). */
export async function save(req: Request, res: Response, render: Render, action: () => Promise<string | { to: string; message: string }>): Promise<void> {
  try {
    const done = await action()
    if (typeof done === 'string') return res.redirect(303, done)
    req.session.flash = done.message
    res.redirect(303, done.to)
  } catch (err) {
    const values = req.body as Record<string, unknown>
    if (err instanceof ValidationError) return await render(422, { errors: err.errors, understood: err.understood, values, errorTitle: true })
    if (err instanceof ConflictError) {
      return await render(409, {
        values,
        errorTitle: true,
        conflict: { what: err.what, current: Object.entries(err.current).map(([field, value]) => ({ field, value })), changedBy: err.changedBy },
        errors: [{ field: 'conflict', message: `${err.what} was changed by ${err.changedBy ? `${err.changedBy.actor} on ${helpers.ukTime(err.changedBy.at)}` : 'someone else'} while you were editing: nothing you typed has been saved` }],
      })
    }
    throw err
  }
}

export const editors = allow(canEditFigures, 'change figures')
