// Programmes: create, edit, retire.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { PROGRAMME_STATUSES } from '../services/programme-admin-service'
import { param, save, editors } from './form-helpers'

export function programmeForms(router: Router, services: Services): void {
  const statusOptions = PROGRAMME_STATUSES.map((s) => ({ value: s, text: s.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) }))
  const programmeForm = (res: Response, status: number, locals: Record<string, unknown>) =>
    res.status(status).render('pages/programme-form', { title: locals.mode === 'create' ? 'New programme' : 'Edit programme', nav: 'programmes', statusOptions, ...locals })

  router.get('/programmes/new', editors, (_req, res) => programmeForm(res, 200, { mode: 'create', values: { status: 'proposed' } }))
  router.post('/programmes/new', editors, (req, res) =>
    save(req, res, (s, extra) => programmeForm(res, s, { mode: 'create', ...extra }), async () => {
      const code = await services.programmeAdmin.create(res.locals.viewer, req.body as Record<string, unknown>)
      return `/programmes/${code}`
    }),
  )

  router.get('/programmes/:code/edit', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    programmeForm(res, 200, {
      mode: 'edit',
      code: p.code,
      values: { name: p.name, description: p.description ?? '', status: p.status, invest_to_save: p.invest_to_save ? 'yes' : '', version: p.version },
    })
  })
  router.post('/programmes/:code/edit', editors, (req, res) =>
    save(req, res, (s, extra) => programmeForm(res, s, { mode: 'edit', code: param(req, 'code').toUpperCase(), ...extra }), async () => {
      await services.programmeAdmin.update(res.locals.viewer, param(req, 'code'), req.body as Record<string, unknown>)
      return `/programmes/${param(req, 'code').toUpperCase()}`
    }),
  )
  router.post('/programmes/:code/retire', editors, (req, res) =>
    save(req, res, (s, extra) => programmeForm(res, s, { mode: 'edit', code: param(req, 'code').toUpperCase(), retire: true, ...extra }), async () => {
      await services.programmeAdmin.retire(res.locals.viewer, param(req, 'code'), req.body as Record<string, unknown>)
      return '/programmes'
    }),
  )
}
