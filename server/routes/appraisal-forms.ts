// Appraisal inputs: claimed payback and inflation, time-saved assumptions, realised benefits.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { fyLabel } from '../domain/financial-year'
import { assumptionFormValues } from '../services/assumption-service'
import { realisationFormValues } from '../services/realisation-service'
import { param, save, editors, idParam } from './form-helpers'

export function appraisalForms(router: Router, services: Services): void {
  const settingsForm = (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/appraisal-settings', { title: 'Appraisal settings', nav: 'appraisal', ...extra })
  router.get('/programmes/:code/appraisal/settings', editors, async (req, res) => {
    const values = await services.assumptions.settings(param(req, 'code'))
    settingsForm(res, 200, { code: values.code, name: values.name, values })
  })
  router.post('/programmes/:code/appraisal/settings', editors, async (req, res) => {
    const current = await services.assumptions.settings(param(req, 'code'))
    await save(req, res, (s, extra) => settingsForm(res, s, { code: current.code, name: current.name, ...extra }), () =>
      services.assumptions.saveSettings(res.locals.viewer, current.code ?? '', req.body as Record<string, unknown>),
    )
  })

  const assumptionForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/assumption-form', {
      title: extra.mode === 'create' ? 'New time-saved assumption' : 'Edit time-saved assumption',
      nav: 'appraisal',
      years: (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse(),
      ...extra,
    })
  router.get('/programmes/:code/assumptions/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await assumptionForm(res, 200, { mode: 'create', programme: p, values: {} })
  })
  router.post('/programmes/:code/assumptions/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => assumptionForm(res, s, { mode: 'create', programme: p, ...extra }), () =>
      services.assumptions.create(res.locals.viewer, p.code, req.body as Record<string, unknown>),
    )
  })
  router.get('/assumptions/:id/edit', editors, async (req, res) => {
    const a = await services.assumptions.load(idParam(req, 'A time-saved assumption'))
    await assumptionForm(res, 200, { mode: 'edit', assumption: a, programme: { code: a.programme_code }, values: assumptionFormValues(a) })
  })
  router.post('/assumptions/:id/edit', editors, async (req, res) => {
    const a = await services.assumptions.load(idParam(req, 'A time-saved assumption'))
    await save(req, res, (s, extra) => assumptionForm(res, s, { mode: 'edit', assumption: a, programme: { code: a.programme_code }, ...extra }), () =>
      services.assumptions.update(res.locals.viewer, a.id, req.body as Record<string, unknown>),
    )
  })

  const realisationForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/realisation-form', {
      title: extra.mode === 'create' ? 'Record a realised benefit' : 'Edit realised benefit',
      nav: 'appraisal',
      years: (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse(),
      ...(await services.realisations.formData()),
      ...extra,
    })
  router.get('/programmes/:code/realisations/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await realisationForm(res, 200, { mode: 'create', programme: p, values: {} })
  })
  router.post('/programmes/:code/realisations/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => realisationForm(res, s, { mode: 'create', programme: p, ...extra }), () =>
      services.realisations.create(res.locals.viewer, p.code, req.body as Record<string, unknown>),
    )
  })
  router.get('/realisations/:id/edit', editors, async (req, res) => {
    const r = await services.realisations.load(idParam(req, 'A realised benefit'))
    await realisationForm(res, 200, { mode: 'edit', realisation: r, programme: { code: r.programme_code }, values: realisationFormValues(r) })
  })
  router.post('/realisations/:id/edit', editors, async (req, res) => {
    const r = await services.realisations.load(idParam(req, 'A realised benefit'))
    await save(req, res, (s, extra) => realisationForm(res, s, { mode: 'edit', realisation: r, programme: { code: r.programme_code }, ...extra }), () =>
      services.realisations.update(res.locals.viewer, r.id, req.body as Record<string, unknown>),
    )
  })
}
