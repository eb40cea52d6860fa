// Financial years and publishing, and the audit trail.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'
import { canReadAudit } from '../domain/access'
import { allow } from './guards'
import { param, save, editors } from './form-helpers'

export function yearForms(router: Router, services: Services): void {
  const yearsPage = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/years', { title: 'Financial years and publishing', nav: 'years', years: await services.years.list(), values: {}, ...extra })
  router.get('/years', editors, (_req, res) => yearsPage(res, 200, {}))
  router.post('/years', editors, (req, res) =>
    save(req, res, (s, extra) => yearsPage(res, s, extra), async () => {
      const fy = await services.years.add(res.locals.viewer, req.body as Record<string, unknown>)
      return `/years#fy-${fy}`
    }),
  )
  router.post('/years/:fy/publish', editors, (req, res) =>
    save(req, res, (s, extra) => yearsPage(res, s, extra), async () => {
      const fy = await services.years.publish(res.locals.viewer, param(req, 'fy'))
      return `/years?published=${encodeURIComponent(fyLabel(fy))}`
    }),
  )

  router.get('/audit', allow(canReadAudit, 'read the audit trail'), async (req, res) => {
    const q = req.query as Record<string, string | undefined>
    const page = await services.audit.list(res.locals.viewer, { actor: q.actor, programme: q.programme, from: q.from, to: q.to, page: q.page })
    res.status(page.errors.length > 0 ? 422 : 200).render('pages/audit', { title: 'Audit trail', nav: 'audit', errorTitle: page.errors.length > 0, ...page })
  })
}
