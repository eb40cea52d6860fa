// Funding sources and programmes' benefits.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'
import { benefitFormValues, FUNDING_KINDS } from '../services/reference-admin-service'
import { formRoute, idParam, param } from './form-helpers'

export function referenceForms(router: Router, services: Services): void {
  const fundingKinds = FUNDING_KINDS.map(([code, name]) => ({ code, name }))
  formRoute(router, {
    path: '/funding-sources',
    load: () => null,
    render: async (res, { status, locals }) =>
      res.status(status).render('pages/funding-sources', {
        title: 'Funding sources',
        nav: 'funding',
        sources: await services.referenceAdmin.fundingSources(),
        fundingKinds,
        ...locals,
      }),
    values: () => ({}),
    save: ({ viewer, body }) => services.referenceAdmin.createFunding(viewer, body),
  })
  formRoute(router, {
    path: '/funding-sources/:code/edit',
    load: (req) => services.referenceAdmin.fundingSource(param(req, 'code')),
    render: (res, { status, context: source, locals }) =>
      res.status(status).render('pages/funding-source-form', {
        title: 'Edit funding source',
        nav: 'funding',
        fundingKinds,
        source,
        ...locals,
      }),
    values: (f) => ({ name: f.name, kind: f.kind, note: f.note ?? '', version: String(f.version) }),
    save: ({ viewer, context: f, body }) => services.referenceAdmin.updateFunding(viewer, f.code, body),
  })
  benefitForms(router, services)
}

/** A programme's benefits: record one, change or retire it. */
function benefitForms(router: Router, services: Services): void {
  const benefitForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/benefit-form', {
      title: extra.mode === 'create' ? 'Record a benefit' : 'Edit benefit',
      nav: 'programmes',
      years: (await services.years.list())
        .map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) }))
        .reverse(),
      ...extra,
    })
  formRoute(router, {
    path: '/programmes/:code/benefits/new',
    load: (req) => services.programmeAdmin.load(param(req, 'code')),
    render: (res, { status, context: programme, locals }) =>
      benefitForm(res, status, { mode: 'create', programme, ...locals }),
    values: () => ({ kind: 'cashable', basis: 'document' }),
    save: ({ viewer, context: p, body }) => services.referenceAdmin.createBenefit(viewer, p.code, body),
  })
  formRoute(router, {
    path: '/benefits/:id/edit',
    load: (req) => services.referenceAdmin.loadBenefit(idParam(req, 'A benefit')),
    render: (res, { status, context: b, locals }) =>
      benefitForm(res, status, { mode: 'edit', benefit: b, programme: { code: b.programme_code }, ...locals }),
    values: (b) => benefitFormValues(b),
    save: ({ viewer, context: b, body }) => services.referenceAdmin.updateBenefit(viewer, b.id, body),
  })
}
