// Programmes: create, edit, retire.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { PROGRAMME_STATUS_WORDS } from '../domain/words'
import { formRoute, param, type FormPage } from './form-helpers'

export function programmeForms(router: Router, services: Services): void {
  const statusOptions = Object.entries(PROGRAMME_STATUS_WORDS).map(([value, text]) => ({ value, text }))
  const programmeForm = (res: Response, status: number, locals: Record<string, unknown>) =>
    res.status(status).render('pages/programme-form', {
      title: locals.mode === 'create' ? 'New programme' : 'Edit programme',
      nav: 'programmes',
      statusOptions,
      ...locals,
    })

  formRoute(router, {
    path: '/programmes/new',
    load: () => null,
    render: (res, { status, context: _none, locals }) => programmeForm(res, status, { mode: 'create', ...locals }),
    values: () => ({ status: 'proposed' }),
    save: async ({ viewer, context: _none, body }) =>
      `/programmes/${await services.programmeAdmin.create(viewer, body)}`,
  })
  const edit = {
    load: (req: Parameters<typeof param>[0]) => services.programmeAdmin.load(param(req, 'code')),
    render: (res: Response, { status, context: p, locals }: FormPage<{ code: string }>) =>
      programmeForm(res, status, { mode: 'edit', code: p.code, ...locals }),
  }
  formRoute(router, {
    ...edit,
    path: '/programmes/:code/edit',
    values: (p) => ({
      name: p.name,
      description: p.description ?? '',
      status: p.status,
      invest_to_save: p.invest_to_save ? 'yes' : '',
      version: p.version,
    }),
    save: async ({ viewer, context: p, body }) => {
      await services.programmeAdmin.update(viewer, p.code, body)
      return `/programmes/${p.code}`
    },
  })
  formRoute(router, {
    ...edit,
    path: '/programmes/:code/edit',
    postPath: '/programmes/:code/retire',
    render: (res, { status, context: p, locals }) =>
      programmeForm(res, status, { mode: 'edit', code: p.code, retire: true, ...locals }),
    save: async ({ viewer, context: p, body }) => {
      await services.programmeAdmin.retire(viewer, p.code, body)
      return '/programmes'
    },
  })
}
