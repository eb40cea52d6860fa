// How a failed request is answered: 404 for unknown pages and records, 4xx naming what was wrong with a
// malformed request (too large, too many fields, an unknown character set, a broken address), 503 while the
// database is away (nothing was changed; try again), and 500 with no detail for anything else. Request bodies are
// never logged: they hold CSRF tokens and what people typed.
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { ForbiddenError } from './guards'
import { NotAllowedError } from '../services/edit-context'

/** The error page, or for the JSON API (/api/) the same words as JSON: { error: { status, title, message, hint } }. */
function reply(
  req: { path: string },
  res: { status: (n: number) => { render: (v: string, o: object) => void; json: (o: object) => void } },
  answer: { status: number; title: string; heading?: string; message: string; hint?: string },
): void {
  const { status, ...words } = answer
  if (req.path.startsWith('/api/')) {
    res.status(status).json({ error: { status, title: words.title, message: words.message, hint: words.hint ?? null } })
    return
  }
  res.status(status).render('pages/error', words)
}

export const notFoundHandler: RequestHandler = (req, res) => {
  reply(req, res, {
    status: 404,
    title: 'Page not found',
    heading: 'Page not found',
    message: `There is no page at ${req.path}.`,
    hint: 'Check the address, or start from the dashboard.',
  })
}

interface Answer {
  status: number
  title: string
  heading?: string
  message: string
  hint?: string
}

// body-parser's and the router's own errors carry a status and a `type`; each gets words a person can act on.
const REQUEST_FAULTS: Record<string, Omit<Answer, 'status'>> = {
  'entity.too.large': {
    title: 'Form too large',
    message: 'The form sent was larger than this service accepts (200 kB). Nothing has been changed.',
    hint: 'Shorten the longest text, then send the form again.',
  },
  'parameters.too.many': {
    title: 'Too many fields',
    message: 'The form sent had more fields than this service accepts (500). Nothing has been changed.',
    hint: 'Reload the form and send it again.',
  },
  'charset.unsupported': {
    title: 'Character set not accepted',
    message: 'The form was sent in a character set this service does not accept. Nothing has been changed.',
    hint: 'Send the form as UTF-8, as a browser does.',
  },
  'encoding.unsupported': {
    title: 'Encoding not accepted',
    message: 'The form was sent with a content encoding this service does not accept. Nothing has been changed.',
    hint: 'Send the form without compression, as a browser does.',
  },
  'entity.parse.failed': {
    title: 'Bad request',
    message: 'The form sent could not be read. Nothing has been changed.',
    hint: 'Reload the form and send it again.',
  },
  'request.aborted': {
    title: 'Bad request',
    message: 'The form was not sent completely. Nothing has been changed.',
    hint: 'Send the form again.',
  },
  'request.size.invalid': {
    title: 'Bad request',
    message: 'The form sent was not the size it said it was. Nothing has been changed.',
    hint: 'Send the form again.',
  },
}

function statusOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null
  const status =
    (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null
}

function isCsrfError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EBADCSRFTOKEN'
}

/** The answer to an error a user (or a client) caused, or null for a fault of the service. */
function clientAnswer(err: unknown): Answer | null {
  if (err instanceof NotFoundError) {
    return {
      status: 404,
      title: 'Not found',
      message: `${err.what} was not found.`,
      hint: 'Check the address, or choose from the lists linked below.',
    }
  }
  if (err instanceof ForbiddenError || err instanceof NotAllowedError) {
    return {
      status: 403,
      title: 'Not allowed',
      heading: 'You cannot do this',
      message: `Your account cannot ${err.what}. Nothing has been changed.`,
    }
  }
  if (isCsrfError(err)) {
    return {
      status: 403,
      title: 'Form expired',
      heading: 'This form has expired',
      message: 'Nothing has been changed. Go back, reload the page and try again.',
    }
  }
  if (err instanceof BadRequestError) {
    return {
      status: 400,
      title: 'Bad request',
      heading: 'There is a problem with the address',
      message: `${err.message}: ${err.hint}.`,
    }
  }
  const status = statusOf(err)
  if (status === null) return null
  const type = (err as { type?: unknown }).type
  const known = typeof type === 'string' ? REQUEST_FAULTS[type] : undefined
  if (known) return { status, ...known }
  // The router answers 400 when a path's percent-encoding cannot be decoded (e.g. /programmes/%E0%A4%A).
  if (status === 400)
    return {
      status,
      title: 'Bad request',
      heading: 'There is a problem with the address',
      message: 'The address is not valid: part of it could not be decoded.',
      hint: 'Check the address, or start from the dashboard.',
    }
  return { status, title: 'Bad request', message: 'This request could not be accepted. Nothing has been changed.' }
}

export interface ErrorHandlerOptions {
  production: boolean
  /** Whether an error means the database is away (the data layer knows its drivers). */
  isDatabaseUnavailable: (err: unknown) => boolean
}

/** A line for the log: the method, the path and the error's own stack or message, never the request's body. */
function logLine(req: { method: string; path: string }, err: unknown, production: boolean): string {
  const detail =
    err instanceof Error ? (production ? `${err.name}: ${err.message}` : (err.stack ?? err.message)) : 'unknown error'
  return `Error on ${req.method} ${req.path}: ${detail}`
}

export function errorHandler(options: ErrorHandlerOptions): ErrorRequestHandler {
  // Express knows an error handler by its four parameters.
  // eslint-disable-next-line max-params
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err)
    const answer = clientAnswer(err)
    if (answer) return reply(req, res, { heading: answer.title, ...answer })
    if (options.isDatabaseUnavailable(err)) {
      console.error(
        `Database unavailable on ${req.method} ${req.path}: ${err instanceof Error ? err.message : 'unknown error'}`,
      )
      res.set('Retry-After', '30').set('Cache-Control', 'no-store')
      // SQLite's one writer is held (a large ledger import being written, all at once): say so.
      const busy = (err as { code?: unknown }).code === 'SQLITE_BUSY'
      if (busy)
        return reply(req, res, {
          status: 503,
          title: 'The database is busy',
          heading: 'The database is busy',
          message:
            'Another change is being written just now, most likely a ledger import (it is written all at once). Nothing you sent was changed.',
          hint: 'Try again in a minute: go back and send the form again.',
        })
      return reply(req, res, {
        status: 503,
        title: 'Sorry, the service is unavailable',
        heading: 'Sorry, the service is unavailable',
        message: 'The service cannot reach its database just now. Nothing was changed.',
        hint: 'Try again in a few minutes. If you were saving a form, go back and send it again: it was not saved.',
      })
    }
    console.error(logLine(req, err, options.production))
    return reply(req, res, {
      status: 500,
      title: 'Sorry, there is a problem with the service',
      heading: 'Sorry, there is a problem with the service',
      message: 'Try again later. Nothing you were viewing has been changed.',
    })
  }
}
