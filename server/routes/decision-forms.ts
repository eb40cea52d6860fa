// Decisions: record, edit, withdraw.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { MAX_LINKS, commitmentField } from '../services/decision-admin-service'
import { fyLabel } from '../domain/financial-year'
import { param, save, editors } from './form-helpers'

export function decisionForms(router: Router, services: Services): void {
  const decisionForm = async (res: Response, status: number, locals: Record<string, unknown>) => {
    const values = (locals.values as Record<string, string> | undefined) ?? {}
    const used = [...Array(MAX_LINKS).keys()].filter((n) => values[`link_${n}`]).length
    const years = await services.decisionAdmin.commitmentYears(typeof locals.decisionId === 'number' ? locals.decisionId : null)
    res.status(status).render('pages/decision-form', {
      title: locals.mode === 'create' ? 'Record a decision' : 'Edit decision',
      nav: 'decisions',
      programmes: await services.decisionAdmin.programmes(),
      commitmentFields: years.map((fy) => ({ id: commitmentField(fy), label: fy === null ? 'No year given' : fyLabel(fy) })),
      linkRows: [...Array(Math.min(MAX_LINKS, used + 1)).keys()],
      ...locals,
    })
  }
  router.get('/decisions/new', editors, (_req, res) => decisionForm(res, 200, { mode: 'create', values: { classification: 'open', published_to_panel: 'yes' } }))
  router.post('/decisions/new', editors, (req, res) =>
    save(req, res, (s, extra) => decisionForm(res, s, { mode: 'create', ...extra }), () => services.decisionAdmin.create(res.locals.viewer, req.body as Record<string, unknown>)),
  )
  router.get('/decisions/:reference/edit', editors, async (req, res) => {
    const d = await services.decisionAdmin.load(param(req, 'reference'))
    await decisionForm(res, 200, { mode: 'edit', key: d.key, reference: d.reference, decisionId: d.id, values: { ...d.values, version: String(d.version) } })
  })
  router.post('/decisions/:reference/edit', editors, async (req, res) => {
    const d = await services.decisionAdmin.load(param(req, 'reference'))
    await save(req, res, (s, extra) => decisionForm(res, s, { mode: 'edit', key: d.key, reference: d.reference, decisionId: d.id, ...extra }), () =>
      services.decisionAdmin.update(res.locals.viewer, d.key, req.body as Record<string, unknown>),
    )
  })
}
