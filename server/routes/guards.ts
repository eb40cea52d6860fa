// Route guards: a visitor who has not signed in is sent to sign in; a signed-in user without the right gets 403.
import type { RequestHandler } from 'express'
import type { Viewer } from '../domain/access'

export class ForbiddenError extends Error {
  constructor(public readonly what: string) {
    super(`Not allowed: ${what}`)
    this.name = 'ForbiddenError'
  }
}

export function allow(check: (v: Viewer) => boolean, what: string): RequestHandler {
  return (req, res, next) => {
    const viewer = res.locals.viewer
    if (check(viewer)) return next()
    if (viewer.kind === 'public') {
      if (req.method === 'GET') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`)
      return res.status(401).render('pages/error', {
        title: 'Sign in',
        heading: 'Sign in to do this',
        message: `You need to sign in to ${what}. Nothing has been changed.`,
      })
    }
    next(new ForbiddenError(what))
  }
}
