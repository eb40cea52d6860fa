// The capital programme's pages and forms (issue #11): the programme and its financing, its cost to the revenue
// budget, and the forms for a scheme's financing, receipts, loans, asset classes, the opening CFR and investment income.
import type { Response, Router } from 'express'
import type { Services } from '../services'
import type { Viewer } from '../domain/access'
import { FINANCING_SOURCES } from '../domain/capital-financing'
import { formRoute, idParam, param, type FormPage } from './form-helpers'
import { financingFormValues } from '../services/capital-admin-service'
import { reprofileValues } from '../services/reprofile-service'
import { assetClassFormValues, type AssetClassForEdit } from '../services/asset-class-service'
import { SOURCE_WORDS } from '../services/capital-service'
import {
  loanFormValues,
  receiptFormValues,
  treasuryFormValues,
  type LoanRow,
  type ReceiptForEdit,
} from '../services/capital-ledger-service'

export function capitalPages(router: Router, services: Services): void {
  router.get('/capital', async (_req, res) => {
    const view = await services.capital.programme(res.locals.viewer)
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
export function capitalForms(router: Router, services: Services): void {
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
  formRoute(router, {
    path: '/capital/lines/:id/reprofile',
    load: (req) => services.reprofile.load(idParam(req, 'A capital line')),
    render: (res, { status, context: c, locals }) =>
      res.status(status).render('pages/capital-reprofile', {
        title: `Reprofile ${c.line.name}`,
        nav: 'capital',
        sub: 'programme',
        c,
        ...locals,
      }),
    values: (c) => reprofileValues(c),
    save: ({ viewer, context: c, body }) => services.reprofile.send(viewer, c.line.id, body),
  })
}
