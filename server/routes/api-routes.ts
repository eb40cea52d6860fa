// The read-only JSON API (issue #14): /api/v1/…, described by /api/v1/openapi.json. Errors answer JSON too (errors.ts).
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import { OPENAPI_DOCUMENT } from './openapi'

const json = (res: Response, body: unknown) => res.set('Cache-Control', 'no-store').json(body)
const fy = (req: Request) => req.query.fy

export function apiRoutes(router: Router, services: Services): void {
  const api = services.api
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(OPENAPI_DOCUMENT)
  })
  router.get('/api/v1/programmes', async (_req, res) => json(res, await api.programmes(res.locals.viewer)))
  router.get('/api/v1/budget-lines', async (req, res) => json(res, await api.budgetLines(res.locals.viewer, fy(req))))
  router.get('/api/v1/actuals', async (req, res) => json(res, await api.actuals(res.locals.viewer, fy(req))))
  router.get('/api/v1/forecasts', async (req, res) => json(res, await api.forecasts(res.locals.viewer, fy(req))))
  router.get('/api/v1/decisions', async (_req, res) => json(res, await api.decisions(res.locals.viewer)))
  router.get('/api/v1/plan', async (_req, res) => json(res, await api.plan(res.locals.viewer)))
  router.get('/api/v1/precept', async (req, res) => json(res, await api.precept(res.locals.viewer, fy(req))))
}
