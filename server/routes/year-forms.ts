// Financial years and publishing, and the audit trail.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'
import { canReadAudit } from '../domain/access'
import { allow } from './guards'
import { formRoute, param, type FormPage } from './form-helpers'
import { reserveFormValues } from '../services/reserve-admin-service'

/** A reserve's policy and its planned contributions and use by year. */
function reserveForm(router: Router, services: Services): void {
  formRoute(router, {
    path: '/mtfp/reserves/:code/edit',
    load: (req) => services.reserveAdmin.load(param(req, 'code')),
    render: (res, { status, context: reserve, locals }) =>
      res.status(status).render('pages/reserve-form', {
        title: `Edit ${reserve.name}`,
        nav: 'mtfp',
        sub: 'reserves',
        reserve,
        ...locals,
      }),
    values: (reserve) => reserveFormValues(reserve),
    save: ({ viewer, context: reserve, body }) => services.reserveAdmin.update(viewer, reserve.code, body),
  })
}

/** A new earmarked reserve. */
function newReserveForm(router: Router, services: Services): void {
  formRoute(router, {
    path: '/mtfp/reserves/new',
    load: () => services.reserveAdmin.years(),
    render: (res, { status, context: years, locals }) =>
      res.status(status).render('pages/reserve-new', {
        title: 'Add a reserve',
        nav: 'mtfp',
        sub: 'reserves',
        years,
        ...locals,
      }),
    values: () => ({ in_budget: 'no' }),
    save: ({ viewer, body }) => services.reserveAdmin.create(viewer, body),
  })
}

export function yearForms(router: Router, services: Services): void {
  newReserveForm(router, services)
  reserveForm(router, services)
  const years = {
    path: '/years',
    load: () => null,
    render: async (res: Response, { status, locals }: FormPage<null>) =>
      res.status(status).render('pages/years', {
        title: 'Financial years and publishing',
        nav: 'years',
        years: await services.years.list(),
        values: {},
        ...locals,
      }),
  }
  formRoute(router, {
    ...years,
    values: () => ({}),
    save: async ({ viewer, context: _none, body }) => `/years#fy-${await services.years.add(viewer, body)}`,
  })
  formRoute(router, {
    ...years,
    postPath: '/years/:fy/freeze',
    save: async ({ viewer, context: _none, req, body }) =>
      `/years#fy-${await services.years.freeze(viewer, param(req, 'fy'), body)}`,
  })
  formRoute(router, {
    ...years,
    postPath: '/years/:fy/publish',
    save: async ({ viewer, context: _none, req }) =>
      `/years?published=${encodeURIComponent(fyLabel(await services.years.publish(viewer, param(req, 'fy'))))}`,
  })

  router.get('/audit', allow(canReadAudit, 'read the audit trail'), async (req, res) => {
    const q = req.query as Record<string, string | undefined>
    const page = await services.audit.list(res.locals.viewer, {
      actor: q.actor,
      programme: q.programme,
      from: q.from,
      to: q.to,
      page: q.page,
    })
    res
      .status(page.errors.length > 0 ? 422 : 200)
      .render('pages/audit', { title: 'Audit trail', nav: 'audit', errorTitle: page.errors.length > 0, ...page })
  })
}
