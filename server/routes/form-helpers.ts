// What every form route shares: reading the request, the editors' guard, and a save that re-renders the form
// with the answers kept on a validation error (422) or a conflict (409), or redirects with a message.
import type { Request, RequestHandler, Response, Router } from 'express'
import type { Viewer } from '../domain/access'
import type { FormBody } from '../services/forms'
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

/** What a save answers: where to go next (with a message), or, for a form that shows its effect before it is sent, the
 * effect to show on the form again (nothing saved). */
export type SaveOutcome = string | { to: string; message: string } | { preview: Record<string, unknown> }

/** Runs a save; on a validation error or a conflict re-renders the form with the answers kept. A save may
 * return a message, shown once on the next page (kept in the session). */
export async function save(
  req: Request,
  res: Response,
  form: { render: Render; action: () => Promise<SaveOutcome> },
): Promise<void> {
  const { render, action } = form
  try {
    const done = await action()
    if (typeof done === 'string') return res.redirect(303, done)
    if ('preview' in done) return await render(200, { values: req.body as Record<string, unknown>, ...done.preview })
    req.session.flash = done.message
    res.redirect(303, done.to)
  } catch (err) {
    const values = req.body as Record<string, unknown>
    if (err instanceof ValidationError)
      return await render(422, {
        errors: err.errors,
        understood: err.understood,
        values,
        errorTitle: true,
        confirmable: err.confirmable,
      })
    if (err instanceof ConflictError) {
      return await render(409, {
        values,
        errorTitle: true,
        conflict: {
          what: err.what,
          current: Object.entries(err.current).map(([field, value]) => ({ field, value })),
          changedBy: err.changedBy,
        },
        errors: [
          {
            field: 'conflict',
            message: `${err.what} was changed by ${err.changedBy ? `${err.changedBy.actor} on ${helpers.ukTime(err.changedBy.at)}` : 'someone else'} while you were editing: nothing you typed has been saved`,
          },
        ],
      })
    }
    throw err
  }
}

export const editors = allow(canEditFigures, 'change figures')

export interface FormRoute<C> {
  /** The address of the page with the form; its POST saves, unless `postPath` is given. */
  path: string
  postPath?: string
  /** Who may use it (default: the editors of figures). */
  guard?: RequestHandler
  /** What the form is about (a record, a programme), read from the request: a 404 when it is not there. */
  load: (req: Request) => Promise<C> | C
  /** Renders the page holding the form, with `locals` (its values, errors, a conflict). */
  render: (res: Response, page: FormPage<C>) => Promise<void> | void
  /** The form's values when the page is opened; a form with none is post-only (its page is another route). */
  values?: (context: C, req: Request) => Promise<Record<string, unknown>> | Record<string, unknown>
  /** The save: where to go next, with the message to show there. */
  save: (input: { viewer: Viewer; context: C; body: FormBody; req: Request }) => Promise<SaveOutcome>
}

/** What a form's page is rendered with: its status, what it is about, and the form's values, errors or conflict. */
export interface FormPage<C> {
  status: number
  context: C
  locals: Record<string, unknown>
}

/** Registers a form's page (GET) and its save (POST): the one way a route offers a form. A refused save re-renders
 * the page (422 or 409) with what was typed. */
export function formRoute<C>(router: Router, f: FormRoute<C>): void {
  const guard = f.guard ?? editors
  const values = f.values
  if (values) {
    router.get(f.path, guard, async (req, res) => {
      const context = await f.load(req)
      await f.render(res, { status: 200, context, locals: { values: await values(context, req) } })
    })
  }
  router.post(f.postPath ?? f.path, guard, async (req, res) => {
    const context = await f.load(req)
    await save(req, res, {
      render: (status, locals) => f.render(res, { status, context, locals }),
      action: () => f.save({ viewer: res.locals.viewer, context, body: req.body as FormBody, req }),
    })
  })
}
