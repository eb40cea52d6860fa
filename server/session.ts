// Sessions in the database, CSRF protection on every form (double-submit cookie), and the viewer of each
// request (res.locals.viewer): the public unless a session names an active account.
import type { Knex } from 'knex'
import type { Request, RequestHandler } from 'express'
import session from 'express-session'
import cookieParser from 'cookie-parser'
import { doubleCsrf } from 'csrf-csrf'
import { KnexSessionStore } from './data/session-store'
import type { Services } from './services'
import type { Viewer } from './domain/access'

declare module 'express-session' {
  interface SessionData {
    userId?: number
    /** A message for the next page only (e.g. what a save understood). */
    flash?: string
  }
}

declare module 'express-serve-static-core' {
  interface Locals {
    viewer: Viewer
    csrfToken: string
    flash?: string
    /** This response's nonce for its one inline <style> (the print header and footer). */
    cspNonce: string
    /** When this page was produced (printed in its footer). */
    producedAt: Date
  }
}

export interface SessionOptions {
  secret: string
  /** Cookies only over HTTPS. */
  secure: boolean
  /** Milliseconds between deleting expired sessions; 0 turns it off (tests). */
  cleanupInterval?: number
}

/** The one route that takes a multipart body: a ledger file's upload. */
export function isUpload(req: Request): boolean {
  return (
    req.method === 'POST' &&
    (req.path === '/imports' || /^\/precept\/[^/]+\/authorities\/import$/.test(req.path)) &&
    /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')
  )
}

const EIGHT_HOURS = 8 * 60 * 60 * 1000

export function sessionMiddleware(db: Knex, services: Services, options: SessionOptions): RequestHandler[] {
  const store = new KnexSessionStore(db, options.cleanupInterval ?? 15 * 60 * 1000)
  const { generateCsrfToken, doubleCsrfProtection, validateRequest } = doubleCsrf({
    getSecret: () => options.secret,
    // Before sign-in there is no saved session: the token is then bound to the cookie alone.
    getSessionIdentifier: (req) => (req.session?.userId ? req.sessionID : 'anonymous'),
    cookieName: options.secure ? '__Host-tracker.csrf' : 'tracker.csrf',
    cookieOptions: { sameSite: 'lax', secure: options.secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    // A file upload's token is in its multipart body, which only its route reads (streaming the file to disk):
    // that route checks the token itself (res.locals.csrfValid) before using anything of the upload.
    skipCsrfProtection: (req) => isUpload(req),
  })
  return [
    cookieParser(),
    session({
      store,
      name: 'tracker.sid',
      secret: options.secret,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: EIGHT_HOURS },
    }),
    doubleCsrfProtection,
    async (req, res, next) => {
      // A signed-in page (drafts, the audit trail, accounts) is never kept by a browser or proxy cache; a
      // public page may be kept, but is checked with the server before it is shown again.
      res.set('Cache-Control', req.session.userId === undefined ? 'private, no-cache' : 'no-store')
      res.locals.viewer = await services.auth.viewer(req.session.userId)
      res.locals.csrfToken = generateCsrfToken(req, res)
      res.locals.csrfValid = () => validateRequest(req)
      if (req.session.flash && req.method === 'GET') {
        res.locals.flash = req.session.flash
        delete req.session.flash
      }
      next()
    },
  ]
}
