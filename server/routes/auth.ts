// Sign in and sign out. Failed sign-ins for an email from one address are limited (the auth service counts them
// in the database); a correct password is never refused for others' attempts made at the same moment.
import { Router, type Response } from 'express'
import type { Services } from '../services'

function safeNext(value: unknown): string {
  // Only a path on this site: never an absolute or protocol-relative URL.
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/'
}

const minutes = (seconds: number) => Math.ceil(seconds / 60)

function refuse(
  res: Response,
  status: number,
  fields: { email: string; next: string; errors: { field: string; message: string }[] },
): void {
  res.status(status).render('pages/sign-in', {
    title: 'Sign in',
    errorTitle: true,
    errors: fields.errors,
    values: { email: fields.email },
    next: fields.next,
  })
}

export function authRoutes(services: Services): Router {
  const router = Router()

  router.get('/sign-in', (req, res) => {
    res.render('pages/sign-in', { title: 'Sign in', values: {}, next: safeNext(req.query.next) })
  })

  router.post('/sign-in', async (req, res, next) => {
    const body = req.body as Record<string, unknown>
    const back = { email: typeof body.email === 'string' ? body.email : '', next: safeNext(body.next) }
    const form = services.auth.readSignIn(body)
    if ('errors' in form) return refuse(res, 422, { ...back, errors: form.errors })
    const result = await services.auth.signIn(form.email, form.password, req.ip ?? 'unknown')
    if (result.outcome === 'locked') {
      res.set('Retry-After', String(result.retryAfterSeconds))
      const wait = minutes(result.retryAfterSeconds)
      return refuse(res, 429, {
        ...back,
        errors: [
          {
            field: 'email',
            message: `Too many failed attempts to sign in with this email address. Wait ${wait} minute${wait === 1 ? '' : 's'}, then try again.`,
          },
        ],
      })
    }
    if (result.outcome === 'refused')
      return refuse(res, 401, {
        ...back,
        errors: [{ field: 'email', message: 'The email address or password is not right' }],
      })
    // A new session id on sign-in (no session fixation).
    req.session.regenerate((err) => {
      if (err) return next(err)
      req.session.userId = result.userId
      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, back.next)))
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
