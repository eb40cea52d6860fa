// createApp(services): security headers, static assets, views, routes, 404 and the error handler.
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import express from 'express'
import helmet from 'helmet'
import { engine } from 'express-handlebars'
import { chromiumPath, paths } from './config'
import { pdfPrinter } from './files/pdf'
import type { Services } from './services'
import { helpers } from './views/helpers'
import { staticMounts } from './static-files'
import { healthRoutes, routes } from './routes'
import { errorHandler, notFoundHandler } from './routes/errors'
import { refuseNulCharacters } from './routes/request-checks'
import { isDatabaseUnavailable } from './data/faults'
import { authRoutes } from './routes/auth'
import { editRoutes } from './routes/edit'
import { sessionMiddleware } from './session'
import { serverTiming } from './server-timing'
import { withReadMemo } from './services/read-memo'
import type { Knex } from 'knex'

export interface AppOptions {
  production?: boolean
  sessionSecret?: string
  /** Milliseconds between deleting expired sessions (0 in tests). */
  sessionCleanupInterval?: number
  /** Send cookies only over HTTPS (default: in production). */
  secureCookies?: boolean
  trustProxy?: boolean | number | string
  /** The Chromium that prints the Panel pack to PDF; null for none; absent: the one installed, if any. */
  chromiumPath?: string | null
  /** Add a Server-Timing header (time and SQL queries) to every response: for the benchmark. */
  serverTiming?: boolean
}

const TEST_SECRET = 'a session secret used only where none is configured (tests)'

/** Security headers (helmet), with a content security policy that allows only this server's scripts and styles, and
 * one inline <style> per response carrying its print title and date, allowed by the response's own nonce. */
function useSecurityHeaders(app: express.Express): void {
  // Each page's print header (its title) and footer (when it was produced) are CSS custom properties in one small
  // <style> element, allowed by a nonce of this response's own: no other inline style is allowed.
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    res.locals.producedAt = new Date()
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  )
}

export function createApp(db: Knex, services: Services, options: AppOptions = {}): express.Express {
  const app = express()
  app.disable('x-powered-by')
  // Behind a TLS proxy set TRUST_PROXY so secure cookies and the sign-in limit see the client.
  app.set('trust proxy', options.trustProxy ?? false)
  if (options.serverTiming) app.use(serverTiming(db))
  useSecurityHeaders(app)

  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      helpers,
      layoutsDir: path.join(paths.views, 'layouts'),
      partialsDir: path.join(paths.views, 'partials'),
    }),
  )
  app.set('view engine', 'hbs')
  app.set('views', paths.views)

  const cache = { maxAge: options.production ? '1d' : 0 }
  for (const m of staticMounts()) app.use(m.prefix || '/', express.static(m.dir, cache))

  // A page request shares, within itself, what several of its parts compute (services/read-memo.ts).
  app.use((req, _res, next) => (req.method === 'GET' || req.method === 'HEAD' ? withReadMemo(next) : next()))
  app.use(healthRoutes(services))
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }))
  app.use(refuseNulCharacters)
  app.use(
    sessionMiddleware(db, services, {
      secret: options.sessionSecret ?? TEST_SECRET,
      secure: options.secureCookies ?? Boolean(options.production),
      cleanupInterval: options.sessionCleanupInterval,
    }),
  )
  app.use(authRoutes(services))
  app.use(editRoutes(services))
  app.use(routes(services, pdfPrinter(options.chromiumPath === undefined ? chromiumPath() : options.chromiumPath)))
  app.use(notFoundHandler)
  app.use(errorHandler({ production: Boolean(options.production), isDatabaseUnavailable }))
  return app
}
