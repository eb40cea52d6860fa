// The medium-term financial plan's pages (issue #10): the plan, its workforce, the savings register and the reserves.
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import { BadRequestError } from '../domain/errors'
import { fySlug } from '../domain/financial-year'
import { formRoute, idParam, param, type FormPage } from './form-helpers'
import { groupFormValues } from '../services/workforce-admin-service'
import { financingFormValues } from '../services/capital-admin-service'
import { assetClassFormValues, type AssetClassForEdit } from '../services/asset-class-service'
import {
  loanFormValues,
  receiptFormValues,
  treasuryFormValues,
  type LoanRow,
  type ReceiptForEdit,
} from '../services/capital-ledger-service'
import type { Viewer } from '../domain/access'
import { SOURCE_WORDS } from '../services/capital-service'
import { FINANCING_SOURCES } from '../domain/capital-financing'
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

  router.get('/capital', async (_req, res) => {
    const view = await services.capital.programme()
    res.render('pages/capital', { title: 'Capital programme', nav: 'capital', sub: 'programme', chart: true, ...view })
  })

  router.get('/capital/financing', async (_req, res) => {
    const view = await services.capital.financing(res.locals.viewer)
    res.render('pages/capital-financing', {
      title: 'Capital financing',
      nav: 'capital',
      sub: 'financing',
      chart: true,
      ...view,
    })
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

/** Asset classes and their MRP policy (issue #11). */
function assetClassForms(router: Router, services: Services): void {
  const page = (res: Response, { status, context: c, locals }: FormPage<AssetClassForEdit>) =>
    res.status(status).render('pages/asset-class-form', {
      title: c ? `Edit ${c.name}` : 'Add an asset class',
      nav: 'capital',
      sub: 'financing',
      c,
      ...locals,
    })
  formRoute(router, {
    path: '/capital/asset-classes/new',
    load: () => services.assetClasses.load(null),
    render: page,
    values: (c) => assetClassFormValues(c),
    save: ({ viewer, body }) => services.assetClasses.save(viewer, null, body),
  })
  formRoute(router, {
    path: '/capital/asset-classes/:code/edit',
    load: (req) => services.assetClasses.load(param(req, 'code')),
    render: page,
    values: (c) => assetClassFormValues(c),
    save: ({ viewer, context: c, body }) => services.assetClasses.save(viewer, c?.code ?? null, body),
  })
}

/** Loans (issue #11). */
function loanForms(router: Router, services: Services): void {
  const loanPage = (res: Response, { status, context: l, locals }: FormPage<LoanRow | null>) =>
    res.status(status).render('pages/capital-loan-form', {
      title: l ? `Edit ${l.name}` : 'Add a loan',
      nav: 'capital',
      sub: 'financing',
      loan: l,
      ...locals,
    })
  formRoute(router, {
    path: '/capital/loans/new',
    load: () => services.capitalLedger.loadLoan(null),
    render: loanPage,
    values: (l) => loanFormValues(l),
    save: ({ viewer, body }) => services.capitalLedger.saveLoan(viewer, null, body),
  })
  formRoute(router, {
    path: '/capital/loans/:id/edit',
    load: (req) => services.capitalLedger.loadLoan(idParam(req, 'A loan')),
    render: loanPage,
    values: (l) => loanFormValues(l),
    save: ({ viewer, context: l, body }) => services.capitalLedger.saveLoan(viewer, l?.id ?? null, body),
  })
}

/** Capital receipts, loans, the opening CFR and investment income (issue #11). */
function capitalLedgerForms(router: Router, services: Services): void {
  const receiptPage = (res: Response, { status, context: r, locals }: FormPage<ReceiptForEdit>) =>
    res.status(status).render('pages/capital-receipt-form', {
      title: r.receipt ? `Edit ${r.receipt.description}` : 'Add a capital receipt',
      nav: 'capital',
      sub: 'programme',
      r,
      decisionOptions: r.decisions.map((d) => ({ code: String(d.id), name: `${d.reference}: ${d.title}` })),
      ...locals,
    })
  formRoute(router, {
    path: '/capital/receipts/new',
    load: () => services.capitalLedger.loadReceipt(null),
    render: receiptPage,
    values: (r) => receiptFormValues(r),
    save: ({ viewer, body }) => services.capitalLedger.saveReceipt(viewer, null, body),
  })
  formRoute(router, {
    path: '/capital/receipts/:id/edit',
    load: (req) => services.capitalLedger.loadReceipt(idParam(req, 'A capital receipt')),
    render: receiptPage,
    values: (r) => receiptFormValues(r),
    save: ({ viewer, context: r, body }) => services.capitalLedger.saveReceipt(viewer, r.receipt?.id ?? null, body),
  })
  loanForms(router, services)
  formRoute(router, {
    path: '/capital/treasury',
    load: async (req) => {
      const years = (await services.capital.financing(req.res?.locals.viewer as Viewer)).years
      return services.capitalLedger.loadTreasury(years[years.length - 1]?.fyStart ?? 0)
    },
    render: (res, { status, context: t, locals }) =>
      res.status(status).render('pages/capital-treasury-form', {
        title: 'Opening CFR and investment income',
        nav: 'capital',
        sub: 'financing',
        t,
        ...locals,
      }),
    values: (t) => treasuryFormValues(t),
    save: ({ viewer, context: t, body }) =>
      services.capitalLedger.saveTreasury(viewer, t.years[t.years.length - 1] ?? 0, body),
  })
}

/** How a capital scheme is paid for, year by year (issue #11). */
function capitalForms(router: Router, services: Services): void {
  capitalLedgerForms(router, services)
  assetClassForms(router, services)
  formRoute(router, {
    path: '/capital/lines/:id/financing',
    load: (req) => services.capitalAdmin.load(idParam(req, 'A capital line')),
    render: (res, { status, context: f, locals }) =>
      res.status(status).render('pages/capital-financing-form', {
        title: `How ${f.line.name} is paid for`,
        nav: 'capital',
        sub: 'programme',
        f,
        classOptions: f.classes.map((c) => ({ code: String(c.id), name: `${c.name} (${c.life_years} years)` })),
        receiptOptions: f.receipts
          .filter((r) => r.amount_pence !== null)
          .map((r) => ({ code: String(r.id), name: `${r.description} (${r.fy_received})` })),
        reserveOptions: f.reserves.map((r) => ({ code: String(r.id), name: r.name })),
        sources: FINANCING_SOURCES.map((code) => ({ code, name: SOURCE_WORDS[code] })),
        ...locals,
      }),
    values: (f) => financingFormValues(f),
    save: ({ viewer, context: f, body }) => services.capitalAdmin.update(viewer, f.line.id, body),
  })
}

/** The plan's forms: a line (new or changed), adoption, rolling forward; the workforce and savings forms. */
export function mtfpForms(router: Router, services: Services): void {
  capitalForms(router, services)
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
