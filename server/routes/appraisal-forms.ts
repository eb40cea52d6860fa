// Appraisal inputs: claimed payback and inflation, time-saved assumptions, realised benefits.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'
import { assumptionFormValues } from '../services/assumption-service'
import { realisationFormValues } from '../services/realisation-service'
import { formRoute, idParam, param } from './form-helpers'

export function appraisalForms(router: Router, services: Services): void {
  const yearChoices = async () =>
    (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse()
  const programme = (req: Parameters<typeof param>[0]) => services.programmeAdmin.load(param(req, 'code'))

  formRoute(router, {
    path: '/programmes/:code/appraisal/settings',
    load: (req) => services.assumptions.settings(param(req, 'code')),
    render: (res, { status, context: current, locals }) =>
      res.status(status).render('pages/appraisal-settings', {
        title: 'Appraisal settings',
        nav: 'appraisal',
        code: current.code,
        name: current.name,
        ...locals,
      }),
    values: (current) => current,
    save: ({ viewer, context: current, body }) => services.assumptions.saveSettings(viewer, current.code ?? '', body),
  })

  const assumptionForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/assumption-form', {
      title: extra.mode === 'create' ? 'New time-saved assumption' : 'Edit time-saved assumption',
      nav: 'appraisal',
      years: await yearChoices(),
      ...extra,
    })
  formRoute(router, {
    path: '/programmes/:code/assumptions/new',
    load: programme,
    render: (res, { status, context: p, locals }) =>
      assumptionForm(res, status, { mode: 'create', programme: p, ...locals }),
    values: () => ({}),
    save: ({ viewer, context: p, body }) => services.assumptions.create(viewer, p.code, body),
  })
  formRoute(router, {
    path: '/assumptions/:id/edit',
    load: (req) => services.assumptions.load(idParam(req, 'A time-saved assumption')),
    render: (res, { status, context: a, locals }) =>
      assumptionForm(res, status, { mode: 'edit', assumption: a, programme: { code: a.programme_code }, ...locals }),
    values: (a) => assumptionFormValues(a),
    save: ({ viewer, context: a, body }) => services.assumptions.update(viewer, a.id, body),
  })
  realisationForms(router, services)
}

/** Realised benefits: what a programme actually saved, and where it was banked. */
function realisationForms(router: Router, services: Services): void {
  const yearChoices = async () =>
    (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse()
  const programme = (req: Parameters<typeof param>[0]) => services.programmeAdmin.load(param(req, 'code'))
  const realisationForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/realisation-form', {
      title: extra.mode === 'create' ? 'Record a realised benefit' : 'Edit realised benefit',
      nav: 'appraisal',
      years: await yearChoices(),
      ...(await services.realisations.formData()),
      ...extra,
    })
  formRoute(router, {
    path: '/programmes/:code/realisations/new',
    load: programme,
    render: (res, { status, context: p, locals }) =>
      realisationForm(res, status, { mode: 'create', programme: p, ...locals }),
    values: () => ({}),
    save: ({ viewer, context: p, body }) => services.realisations.create(viewer, p.code, body),
  })
  formRoute(router, {
    path: '/realisations/:id/edit',
    load: (req) => services.realisations.load(idParam(req, 'A realised benefit')),
    render: (res, { status, context: r, locals }) =>
      realisationForm(res, status, { mode: 'edit', realisation: r, programme: { code: r.programme_code }, ...locals }),
    values: (r) => realisationFormValues(r),
    save: ({ viewer, context: r, body }) => services.realisations.update(viewer, r.id, body),
  })
}
