// Sign in and sign out. Repeated failed sign-ins for an email from one address are limited.
import { Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import type { Services } from '../services'

export const SIGN_IN_LIMIT = { windowMs: 15 * 60 * 1000, failures: 5 }

function safeNext(value: unknown): string {
  // Only a path on this site: never an absolute or protocol-relative URL.
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/'
}

export function authRoutes(services: Services): Router {
  const router = Router()
  const limiter = rateLimit({
    windowMs: SIGN_IN_LIMIT.windowMs,
    limit: SIGN_IN_LIMIT.failures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const raw = (req.body as Record<string, unknown> | undefined)?.email
      const email = typeof raw === 'string' ? raw.trim().toLowerCase() : ''
      return `${ipKeyGenerator(req.ip ?? 'unknown')}|${email}`
    },
    handler: (_req, res) => {
      res.status(429).render('pages/sign-in', {
        title: 'Sign in',
        errorTitle: true,
        errors: [{ field: 'email', message: 'Too many failed attempts to sign in with this email address. Wait 15 minutes, then try again.' }],
        values: {},
      })
    },
  })

  router.get('/sign-in', (req, res) => {
    res.render('pages/sign-in', { title: 'Sign in', values: {}, next: safeNext(req.query.next) })
  })

  router.post('/sign-in', limiter, async (req, res, next) => {
    const body = req.body as Record<string, unknown>
    const email = typeof body.email === 'string' ? body.email : ''
    const password = typeof body.password === 'string' ? body.password : ''
    const errors = []
    if (email.trim() === '') errors.push({ field: 'email', message: 'Enter your email address' })
    if (password === '') errors.push({ field: 'password', message: 'Enter your password' })
    const userId = errors.length === 0 ? await services.auth.signIn(email, password) : null
    if (userId === null) {
      if (errors.length === 0) errors.push({ field: 'email', message: 'The email address or password is not right' })
      return res.status(errors.length > 0 && email && password ? 401 : 422).render('pages/sign-in', {
        title: 'Sign in',
        errorTitle: true,
        errors,
        values: { email },
        next: safeNext(body.next),
      })
    }
    // A new session id on sign-in (no session fixation).
    req.session.regenerate((err) => {
      if (err) return next(err)
      req.session.userId = userId
      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, safeNext(body.next))))
    })
  })

  router.post('/sign-out', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err)
      res.clearCookie('tracker.sid')
      res.redirect(303, '/')
    })
  })

  return router
}
