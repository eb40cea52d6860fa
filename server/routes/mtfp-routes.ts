// The medium-term financial plan's pages (issue #10): the plan, its workforce, the savings register and the reserves.
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import { BadRequestError } from '../domain/errors'
import { fySlug } from '../domain/financial-year'
import { formRoute, idParam, param, type FormPage } from './form-helpers'
import { groupFormValues } from '../services/workforce-admin-service'
import { savingFormValues, type SavingForEdit } from '../services/savings-admin-service'
import {
  ADDABLE_KINDS,
  LINE_KIND_WORDS,
  lineFormValues,
  settingsFormValues,
  type LineForEdit,
} from '../services/mtfp-admin-service'

/** A posted field's text ('' when absent or not text). */
function bodyText(req: Request, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name]
  return typeof v === 'string' ? v : ''
}

function planParam(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  throw new BadRequestError('The plan was given more than once', 'give one plan, like ?plan=2017-18')
}

export function mtfpPages(router: Router, services: Services): void {
  router.get('/mtfp', async (req, res) => {
    const view = await services.mtfp.plan(res.locals.viewer, planParam(req.query.plan))
    res.render('pages/mtfp', {
      title: 'Medium-term financial plan',
      nav: 'mtfp',
      sub: 'plan',
      chart: true,
      ...view,
    })
  })

  router.get('/mtfp/workforce', async (req, res) => {
    const view = await services.mtfp.plan(res.locals.viewer, planParam(req.query.plan))
    res.render('pages/mtfp-workforce', { title: 'Workforce and pay', nav: 'mtfp', sub: 'workforce', ...view })
  })

  router.get('/mtfp/savings', async (_req, res) => {
    const register = await services.savings.register()
    res.render('pages/mtfp-savings', { title: 'Savings register', nav: 'mtfp', sub: 'savings', ...register })
  })

  router.get('/mtfp/reserves', async (_req, res) => {
    const forecast = await services.reserves.forecast(await services.mtfp.netSpending(res.locals.viewer))
    res.render('pages/reserves', {
      title: 'Reserves forecast',
      nav: 'mtfp',
      sub: 'reserves',
      chart: forecast.years.length > 0,
      ...forecast,
    })
  })
}

/** A workforce group's form, and the savings register's. */
function workforceAndSavingsForms(router: Router, services: Services): void {
  const query = (req: Request, name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '')
  formRoute(router, {
    path: '/mtfp/workforce/:code/edit',
    load: (req) => services.workforceAdmin.load(query(req, 'plan'), param(req, 'code')),
    render: (res, { status, context: g, locals }) =>
      res.status(status).render('pages/mtfp-workforce-form', {
        title: `Edit ${g.group.name}`,
        nav: 'mtfp',
        sub: 'workforce',
        g,
        ...locals,
      }),
    values: (g) => groupFormValues(g),
    save: ({ viewer, context: g, body }) =>
      services.workforceAdmin.update(viewer, { slug: fySlug(g.plan.first_fy), code: g.group.code }, body),
  })
  const renderSaving = (res: Response, { status, context: s, locals }: FormPage<SavingForEdit>) =>
    res.status(status).render('pages/mtfp-saving-form', {
      title: s.saving ? `Edit ${s.saving.name}` : 'Add a saving',
      nav: 'mtfp',
      sub: 'savings',
      s,
      lineOptions: s.lines.map((l) => ({
        code: String(l.id),
        name: l.programme_code ? `${l.name} (${l.programme_code})` : l.name,
      })),
      ...locals,
    })
  formRoute(router, {
    path: '/mtfp/savings/new',
    load: () => services.savingsAdmin.load(null),
    render: renderSaving,
    values: (s) => savingFormValues(s),
    save: ({ viewer, body }) => services.savingsAdmin.save(viewer, null, body),
  })
  formRoute(router, {
    path: '/mtfp/savings/:id/edit',
    load: (req) => services.savingsAdmin.load(idParam(req, 'A saving')),
    render: renderSaving,
    values: (s) => savingFormValues(s),
    save: ({ viewer, context: s, body }) => services.savingsAdmin.save(viewer, s.saving?.id ?? null, body),
  })
}

/** The plan's forms: a line (new or changed), adoption, rolling forward; the workforce and savings forms. */
export function mtfpForms(router: Router, services: Services): void {
  workforceAndSavingsForms(router, services)
  const renderLine = (res: Response, page: FormPage<LineForEdit>) =>
    res.status(page.status).render('pages/mtfp-line-form', {
      title: page.context.line ? `Edit ${page.context.line.name}` : 'Add a line to the plan',
      nav: 'mtfp',
      sub: 'plan',
      l: page.context,
      kindWords: LINE_KIND_WORDS[page.context.kind],
      kindOptions: ADDABLE_KINDS.map((k) => ({ value: k, text: LINE_KIND_WORDS[k] })),
      ...page.locals,
    })
  const query = (req: Request, name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '')
  formRoute(router, {
    path: '/mtfp/lines/new',
    load: (req) =>
      services.mtfpAdmin.loadNewLine(
        query(req, 'plan') || bodyText(req, 'plan'),
        query(req, 'kind') || bodyText(req, 'kind'),
      ),
    render: renderLine,
    values: (l) => lineFormValues(l),
    save: ({ viewer, context: l, body }) =>
      services.mtfpAdmin.saveLine(viewer, { id: null, slug: fySlug(l.plan.first_fy) }, body),
  })
  formRoute(router, {
    path: '/mtfp/lines/:id/edit',
    load: (req) => services.mtfpAdmin.loadLine(idParam(req, 'A plan line')),
    render: renderLine,
    values: (l) => lineFormValues(l),
    save: ({ viewer, context: l, body }) =>
      services.mtfpAdmin.saveLine(viewer, { id: l.line?.id ?? 0, slug: '' }, body),
  })
  planForms(router, services)
}

/** Adopting the plan and rolling it forward: a refusal re-renders the plan with the reason. The plan's base. */
function planForms(router: Router, services: Services): void {
  const query = (req: Request, name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '')
  formRoute(router, {
    path: '/mtfp/settings',
    load: (req) => services.mtfpAdmin.plan(query(req, 'plan')),
    render: (res, { status, context: plan, locals }) =>
      res
        .status(status)
        .render('pages/mtfp-settings', { title: 'The plan’s base', nav: 'mtfp', sub: 'plan', plan, ...locals }),
    values: (plan) => settingsFormValues(plan),
    save: ({ viewer, context: plan, body }) => services.mtfpAdmin.saveSettings(viewer, fySlug(plan.first_fy), body),
  })
  const planPage = {
    path: '/mtfp',
    load: (req: Request) => bodyText(req, 'plan'),
    render: async (res: Response, { status, context: slug, locals }: FormPage<string>) =>
      res.status(status).render('pages/mtfp', {
        title: 'Medium-term financial plan',
        nav: 'mtfp',
        sub: 'plan',
        chart: true,
        ...(await services.mtfp.plan(res.locals.viewer, /^\d{4}-\d{2}$/.test(slug) ? slug : undefined)),
        ...locals,
      }),
  }
  formRoute(router, {
    ...planPage,
    postPath: '/mtfp/adopt',
    save: ({ viewer, body }) => services.mtfpAdmin.adopt(viewer, body),
  })
  formRoute(router, {
    ...planPage,
    postPath: '/mtfp/roll-forward',
    save: ({ viewer, body }) => services.mtfpAdmin.rollForward(viewer, body),
  })
}
