// Budget changes (issue #13): the register with its filters and totals, a change's page with its movements and its
// approval trail, and the forms that ask for, submit, approve, reject and withdraw one.
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import { queryValue } from './request-checks'
import { formRoute, idParam, param, type FormPage } from './form-helpers'
import { fyLabel, fySlug, parseFy } from '../domain/financial-year'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { CHANGE_STATUSES, CHANGE_TYPES, CHANGE_TYPE_WORDS } from '../domain/budget-changes'
import { MOVEMENT_ROWS } from '../services/change-service'

const typeOptions = CHANGE_TYPES.map((code) => ({ code, name: CHANGE_TYPE_WORDS[code] }))

function filtersOf(req: Request) {
  const fyText = queryValue(req.query.fy, 'fy')
  const fy = fyText ? parseFy(fyText) : undefined
  if (fy === null) throw new BadRequestError(`"${fyText ?? ''}" is not a financial year`, 'give one like ?fy=2017-18')
  const pick = <T extends string>(name: string, allowed: readonly T[]) => {
    const v = queryValue(req.query[name], name)
    if (v === undefined || v === '') return undefined
    if (!(allowed as readonly string[]).includes(v))
      throw new BadRequestError(`"${v}" is not a ${name}`, `choose one from the list`)
    return v
  }
  return {
    status: pick('status', CHANGE_STATUSES),
    type: pick('type', CHANGE_TYPES),
    owner: queryValue(req.query.owner, 'owner') || undefined,
    programme: queryValue(req.query.programme, 'programme') || undefined,
    fy,
  }
}

export function changePages(router: Router, services: Services): void {
  router.get('/changes', async (req, res) => {
    const filters = filtersOf(req)
    const changes = await services.changes.list(res.locals.viewer, filters)
    res.render('pages/changes', {
      title: 'Budget changes',
      nav: 'changes',
      changes,
      filters: { ...filters, fy: filters.fy === undefined ? '' : fySlug(filters.fy) },
      typeOptions,
      statusOptions: CHANGE_STATUSES.map((code) => ({ code, name: code.charAt(0).toUpperCase() + code.slice(1) })),
      totals: {
        added: changes.reduce((a, c) => a.plus(c.added), new Decimal(0)),
        count: changes.length,
      },
    })
  })
  router.get('/changes/movements', async (req, res) => {
    const years = await services.years.list()
    const asked = queryValue(req.query.fy, 'fy')
    const fy = asked ? parseFy(asked) : (years.find((y) => y.frozenAt)?.fyStart ?? years[0]?.fyStart ?? null)
    if (fy === null) throw new BadRequestError(`"${asked ?? ''}" is not a financial year`, 'give one like ?fy=2017-18')
    if (!years.some((y) => y.fyStart === fy)) throw new NotFoundError(`The financial year ${fySlug(fy)}`)
    const table = await services.changes.movements(fy)
    res.render('pages/change-movements', {
      title: `Budget movements ${fyLabel(fy)}`,
      nav: 'changes',
      chart: true,
      years: years.map((y) => y.fyStart).sort((a, b) => a - b),
      ...table,
    })
  })
  router.get('/years/:fy/outturn', async (req, res) =>
    outturnPage(services)(res, { status: 200, context: param(req, 'fy'), locals: {} }),
  )
  router.get('/changes/:id', async (req, res) => {
    const view = await services.changes.get(res.locals.viewer, idParam(req, 'A budget change'))
    res.render('pages/change', {
      title: `Budget change ${view.change.id}: ${view.change.title}`,
      nav: 'changes',
      ...view,
    })
  })
}

/** The year-end outturn page of a year. */
const outturnPage =
  (services: Services) =>
  async (res: Response, { status, context: slug, locals }: FormPage<string>): Promise<void> => {
    const view = await services.outturn.view(res.locals.viewer, slug)
    res.status(status).render('pages/outturn', {
      title: `Outturn ${fyLabel(view.fyStart)}`,
      nav: 'changes',
      ...view,
      ...locals,
    })
  }

/** The forms that propose a year's year-end changes and close it. */
function outturnForms(router: Router, services: Services): void {
  const render = outturnPage(services)
  const forms = { transfer: 'proposeTransfer', slippage: 'proposeSlippage', close: 'close' } as const
  for (const [action, method] of Object.entries(forms))
    formRoute(router, {
      path: '/years/:fy/outturn',
      postPath: `/years/:fy/outturn/${action}`,
      load: (req) => param(req, 'fy'),
      render,
      save: ({ viewer, context: slug, body }) => services.outturn[method](viewer, slug, body),
    })
}

export function changeForms(router: Router, services: Services): void {
  outturnForms(router, services)
  const formOptions = async () => {
    const data = await services.changes.formData()
    return {
      lines: data.lines.map((l) => ({
        code: String(l.budget_line_id),
        name: `${l.line_name} (${l.owner_name}, ${l.nature}${l.programme_code ? `, ${l.programme_code}` : ''})`,
      })),
      reserveOptions: data.reserves.map((r) => ({ code: String(r.id), name: r.name })),
      savingOptions: data.savings.map((v) => ({
        code: String(v.id),
        name: `${v.name} (${fyLabel(v.fy_start)}, ${formatMoney(fromPence(v.amount_pence), 'pence')})`,
      })),
    }
  }
  const newPage = async (res: Response, { status, locals }: FormPage<null>) =>
    res.status(status).render('pages/change-new', {
      title: 'Ask for a budget change',
      nav: 'changes',
      ...(await formOptions()),
      typeOptions,
      rows: Array.from({ length: MOVEMENT_ROWS }, (_, i) => i),
      ...locals,
    })
  formRoute(router, {
    path: '/changes/new',
    load: () => null,
    render: newPage,
    values: () => ({ type: 'virement' }),
    save: ({ viewer, body }) => services.changes.create(viewer, body),
  })
  const changePage = async (res: Response, { status, context: id, locals }: FormPage<number>) => {
    const view = await services.changes.get(res.locals.viewer, id)
    res.status(status).render('pages/change', {
      title: `Budget change ${view.change.id}: ${view.change.title}`,
      nav: 'changes',
      ...view,
      ...locals,
    })
  }
  for (const action of ['submit', 'approve', 'reject', 'withdraw'] as const)
    formRoute(router, {
      path: '/changes/:id',
      postPath: `/changes/:id/${action}`,
      load: (req) => idParam(req, 'A budget change'),
      render: changePage,
      save: ({ viewer, context: id, body }) => services.changes[action](viewer, id, body),
    })
}
