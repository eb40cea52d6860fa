// 404 for unknown pages and records, 400 for malformed requests, 500 with no detail for anything else.
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { ForbiddenError } from './guards'
import { NotAllowedError } from '../services/edit-context'

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).render('pages/error', {
    title: 'Page not found',
    heading: 'Page not found',
    message: `There is no page at ${req.path}.`,
    hint: 'Check the address, or start from the dashboard.',
  })
}

function isCsrfError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EBADCSRFTOKEN'
}

export function errorHandler(production: boolean): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err)
    if (err instanceof NotFoundError) {
      return res.status(404).render('pages/error', {
        title: 'Not found',
        heading: 'Not found',
        message: `${err.what} was not found.`,
        hint: 'Check the address, or choose from the lists linked below.',
      })
    }
    if (err instanceof ForbiddenError || err instanceof NotAllowedError) {
      return res.status(403).render('pages/error', {
        title: 'Not allowed',
        heading: 'You cannot do this',
        message: `Your account cannot ${err.what}. Nothing has been changed.`,
      })
    }
    if (isCsrfError(err)) {
      return res.status(403).render('pages/error', {
        title: 'Form expired',
        heading: 'This form has expired',
        message: 'Nothing has been changed. Go back, reload the page and try again.',
      })
    }
    if (err instanceof BadRequestError) {
      return res.status(400).render('pages/error', {
        title: 'Bad request',
        heading: 'There is a problem with the address',
        message: `${err.message}: ${err.hint}.`,
      })
    }
    if (!production) console.error(err)
    else console.error(`Error on ${req.method} ${req.path}:`, err instanceof Error ? err.message : 'unknown error')
    return res.status(500).render('pages/error', {
      title: 'Sorry, there is a problem with the service',
      heading: 'Sorry, there is a problem with the service',
      message: 'Try again later. Nothing you were viewing has been changed.',
    })
  }
}
