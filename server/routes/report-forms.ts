// The Panel pack's forms (issue #14): finance's commentary as at a period of a year, on the pack and on each programme.
import type { Router } from 'express'
import type { Services } from '../services'
import type { Viewer } from '../domain/access'
import { fyLabel } from '../domain/financial-year'
import { commentaryValues } from '../services/commentary-service'
import { formRoute, param } from './form-helpers'

export function reportForms(router: Router, services: Services): void {
  formRoute(router, {
    path: '/reports/:fy/:period/commentary',
    load: (req) => services.commentary.load(req.res?.locals.viewer as Viewer, param(req, 'fy'), param(req, 'period')),
    render: (res, { status, context: c, locals }) =>
      res.status(status).render('pages/commentary-form', {
        title: `Commentary for the Panel pack, ${fyLabel(c.fyStart)} P${c.period}`,
        nav: 'changes',
        c,
        ...locals,
      }),
    values: (c) => commentaryValues(c),
    save: ({ viewer, req, body }) =>
      services.commentary.save(viewer, { fy: param(req, 'fy'), period: param(req, 'period') }, body),
  })
}
