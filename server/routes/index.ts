// Thin routes: read the request, call a service, render.
import { Router } from 'express'
import { exportRoutes } from './export-routes'
import { mtfpPages } from './mtfp-routes'
import { capitalPages } from './capital-routes'
import { preceptPages } from './precept-routes'
import { changePages } from './change-routes'
import { packPages } from './pack-routes'
import { transparencyPages } from './transparency-routes'
import { apiRoutes } from './api-routes'
import type { PdfPrinter } from '../files/pdf'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'

import { queryValue } from './request-checks'

/** /healthz, mounted before sessions: a monitor's answer never depends on a cookie it happens to send. */
export function healthRoutes(services: Services): Router {
  const router = Router()
  // For a load balancer or monitor: 200 after a real query, 503 otherwise. The reason is generic; the
  // driver's message (which can name hosts and databases) goes to the log only.
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    try {
      await services.health.check()
      res.json({ status: 'ok', db: services.health.client })
    } catch (err) {
      console.error(`Health check failed: ${err instanceof Error ? err.message : 'unknown error'}`)
      res.status(503).json({ status: 'unavailable', reason: 'The database is not available.' })
    }
  })
  return router
}

/** The appraisal pages: the portfolio and one programme's appraisal. */
function appraisalPages(router: Router, services: Services): void {
  router.get('/appraisal', async (req, res) => {
    const investToSave = req.query['invest-to-save'] === 'yes'
    const rankBy = req.query.rank === 'full' ? 'full' : 'cashable'
    const programmes = await services.appraisal.portfolio(res.locals.viewer, { investToSaveOnly: investToSave, rankBy })
    const rankOptions = [
      { code: 'cashable', name: 'Cashable NPV (what the budget sees)' },
      { code: 'full', name: 'Full economic NPV (time saved valued)' },
    ]
    res.render('pages/appraisal-portfolio', {
      title: 'Appraisal: will it pay back?',
      nav: 'appraisal',
      programmes,
      investToSave,
      rankBy,
      rankOptions,
      exportQuery: `?rank=${rankBy}${investToSave ? '&invest-to-save=yes' : ''}`,
    })
  })

  router.get('/programmes/:code/appraisal', async (req, res) => {
    const appraisal = await services.appraisal.programme(res.locals.viewer, req.params.code)
    res.render('pages/appraisal', {
      title: `${appraisal.name}: appraisal`,
      nav: 'appraisal',
      chart: appraisal.years.length > 0,
      a: appraisal,
    })
  })
}

export function routes(services: Services, printer: PdfPrinter): Router {
  const router = Router()
  exportRoutes(router, services)

  router.get('/', async (req, res) => {
    const dashboard = await services.dashboard.get(res.locals.viewer, queryValue(req.query.fy, 'fy'))
    res.render('pages/dashboard', {
      title: `Office dashboard ${fyLabel(dashboard.fyStart)}${dashboard.draft ? ' (draft)' : ''}`,
      nav: 'dashboard',
      chart: true,
      ...dashboard,
    })
  })

  router.get('/programmes', async (_req, res) => {
    const programmes = await services.programmes.list(res.locals.viewer)
    res.render('pages/programmes', { title: 'Programmes', nav: 'programmes', programmes })
  })

  appraisalPages(router, services)

  router.get('/programmes/:code', async (req, res) => {
    const detail = await services.programmes.get(res.locals.viewer, req.params.code, queryValue(req.query.fy, 'fy'))
    res.render('pages/programme', {
      title: detail.programme.name,
      nav: 'programmes',
      chart: detail.months.length > 0,
      ...detail,
    })
  })

  mtfpPages(router, services)
  capitalPages(router, services)
  preceptPages(router, services)
  changePages(router, services)
  packPages(router, services, printer)
  transparencyPages(router, services)
  apiRoutes(router, services)

  router.get('/decisions', async (_req, res) => {
    const decisions = await services.decisions.list(res.locals.viewer)
    res.render('pages/decisions', { title: 'Decision register', nav: 'decisions', decisions })
  })

  router.get('/decisions/:reference', async (req, res) => {
    const decision = await services.decisions.get(res.locals.viewer, req.params.reference)
    res.render('pages/decision', {
      title: decision.reference ? `${decision.reference}: ${decision.title}` : decision.title,
      nav: 'decisions',
      decision,
    })
  })

  return router
}
