// Funding sources and programmes' benefits.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'
import { benefitFormValues, FUNDING_KINDS } from '../services/reference-admin-service'
import { param, save, editors, idParam } from './form-helpers'

export function referenceForms(router: Router, services: Services): void {
  const fundingKinds = FUNDING_KINDS.map(([code, name]) => ({ code, name }))
  const fundingList = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/funding-sources', { title: 'Funding sources', nav: 'funding', sources: await services.referenceAdmin.fundingSources(), fundingKinds, values: {}, ...extra })
  router.get('/funding-sources', editors, (_req, res) => fundingList(res, 200, {}))
  router.post('/funding-sources', editors, (req, res) =>
    save(req, res, (s, extra) => fundingList(res, s, extra), () => services.referenceAdmin.createFunding(res.locals.viewer, req.body as Record<string, unknown>)),
  )
  const fundingForm = (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/funding-source-form', { title: 'Edit funding source', nav: 'funding', fundingKinds, ...extra })
  router.get('/funding-sources/:code/edit', editors, async (req, res) => {
    const f = await services.referenceAdmin.fundingSource(param(req, 'code'))
    fundingForm(res, 200, { source: f, values: { name: f.name, kind: f.kind, note: f.note ?? '', version: String(f.version) } })
  })
  router.post('/funding-sources/:code/edit', editors, async (req, res) => {
    const f = await services.referenceAdmin.fundingSource(param(req, 'code'))
    await save(req, res, (s, extra) => fundingForm(res, s, { source: f, ...extra }), () => services.referenceAdmin.updateFunding(res.locals.viewer, f.code, req.body as Record<string, unknown>))
  })

  const benefitForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/benefit-form', { title: extra.mode === 'create' ? 'Record a benefit' : 'Edit benefit', nav: 'programmes', years: (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse(), ...extra })
  router.get('/programmes/:code/benefits/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await benefitForm(res, 200, { mode: 'create', programme: p, values: { kind: 'cashable', basis: 'document' } })
  })
  router.post('/programmes/:code/benefits/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => benefitForm(res, s, { mode: 'create', programme: p, ...extra }), () =>
      services.referenceAdmin.createBenefit(res.locals.viewer, p.code, req.body as Record<string, unknown>),
    )
  })
  router.get('/benefits/:id/edit', editors, async (req, res) => {
    const b = await services.referenceAdmin.loadBenefit(idParam(req, 'A benefit'))
    await benefitForm(res, 200, { mode: 'edit', benefit: b, programme: { code: b.programme_code }, values: benefitFormValues(b) })
  })
  router.post('/benefits/:id/edit', editors, async (req, res) => {
    const b = await services.referenceAdmin.loadBenefit(idParam(req, 'A benefit'))
    await save(req, res, (s, extra) => benefitForm(res, s, { mode: 'edit', benefit: b, programme: { code: b.programme_code }, ...extra }), () =>
      services.referenceAdmin.updateBenefit(res.locals.viewer, b.id, req.body as Record<string, unknown>),
    )
  })
}
