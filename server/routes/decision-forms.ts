// Decisions: record, edit, withdraw.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { MAX_LINKS, commitmentField } from '../services/decision-admin-service'
import { fyLabel } from '../domain/financial-year'
import { formRoute, param } from './form-helpers'

export function decisionForms(router: Router, services: Services): void {
  const decisionForm = async (res: Response, status: number, locals: Record<string, unknown>) => {
    const values = (locals.values as Record<string, string> | undefined) ?? {}
    const used = [...Array(MAX_LINKS).keys()].filter((n) => values[`link_${n}`]).length
    const years = await services.decisionAdmin.commitmentYears(
      typeof locals.decisionId === 'number' ? locals.decisionId : null,
    )
    res.status(status).render('pages/decision-form', {
      title: locals.mode === 'create' ? 'Record a decision' : 'Edit decision',
      nav: 'decisions',
      programmes: await services.decisionAdmin.programmes(),
      commitmentFields: years.map((fy) => ({
        id: commitmentField(fy),
        label: fy === null ? 'No year given' : fyLabel(fy),
      })),
      linkRows: [...Array(Math.min(MAX_LINKS, used + 1)).keys()],
      ...locals,
    })
  }
  formRoute(router, {
    path: '/decisions/new',
    load: () => null,
    render: (res, { status, context: _none, locals }) => decisionForm(res, status, { mode: 'create', ...locals }),
    values: () => ({ classification: 'open', published_to_panel: 'yes' }),
    save: ({ viewer, context: _none, body }) => services.decisionAdmin.create(viewer, body),
  })
  formRoute(router, {
    path: '/decisions/:reference/edit',
    load: (req) => services.decisionAdmin.load(param(req, 'reference')),
    render: (res, { status, context: d, locals }) =>
      decisionForm(res, status, { mode: 'edit', key: d.key, reference: d.reference, decisionId: d.id, ...locals }),
    values: (d) => ({ ...d.values, version: String(d.version) }),
    save: ({ viewer, context: d, body }) => services.decisionAdmin.update(viewer, d.key, body),
  })
}
