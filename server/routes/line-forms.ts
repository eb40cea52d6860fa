// Cost lines with their budget by year, a line's monthly profile and forecast for a year, retiring a line.
import type { Router, Request, Response } from 'express'
import type { Services } from '../services'
import type { LineRecord } from '../services/line-admin-service'
import type { LineYear } from '../services/profile-service'
import { PROFILE_PATTERNS, checkProfile } from '../domain/profile'
import { formatMoney, fromPence } from '../domain/money'
import { fyLabel, periodLabel } from '../domain/financial-year'
import { fyQuery, formRoute, idParam, param, type FormPage } from './form-helpers'

const pounds = (pence: bigint) => formatMoney(fromPence(pence), 'pence')

/** Where a saved line is shown: its programme's cost lines, or, for a line outside every programme, the capital
 * programme (a capital scheme) or the dashboard (a line of the base budget). */
const lineHome = (line: { programmeCode: string | null; nature?: string }) =>
  line.programmeCode !== null
    ? `/programmes/${line.programmeCode}#cost-lines`
    : line.nature === 'revenue'
      ? '/'
      : '/capital#schemes'

/** A cost line as its edit form shows it: each year's budget as pounds and pence. */
function lineValues(line: LineRecord): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...line,
    funding_source: line.funding_source ?? '',
    note: line.note ?? '',
    source_reference: line.source_reference ?? '',
  }
  for (const [fy, pence] of line.amounts) values[`amount_${fy}`] = pounds(pence)
  return values
}

function lineYearPage(res: Response, { status, context: ly, locals: extra }: FormPage<LineYear>) {
  const req = res.req
  const latest = ly.forecasts[ly.forecasts.length - 1]
  const values: Record<string, unknown> = {
    method: 'typed',
    made_in_period: String(Math.max(1, ly.latestPosted)),
    journal_period: String(Math.max(1, ly.latestPosted)),
    version: ly.budgetVersion,
  }
  for (const [p, pence] of ly.profile) values[`p${p}`] = pounds(pence)
  if (latest) values.amount = pounds(latest.pence)
  const check = checkProfile(ly.profile.values(), ly.budgetPence)
  const typed = { ...values, ...((extra.values as Record<string, unknown> | undefined) ?? {}) }
  res.status(status).render('pages/line-year', {
    title: `${ly.lineName}, ${fyLabel(ly.fyStart)}`,
    nav: 'programmes',
    ly,
    fyParam: fyQuery(req),
    budget: fromPence(ly.budgetPence),
    profileTotal: ly.profile.size > 0 ? fromPence(check.total) : null,
    profileMismatch: ly.profile.size > 0 && !check.addsUp,
    profileRows: [...Array(13).keys()].map((i) => ({ period: i + 1, pence: ly.profile.get(i + 1) })),
    forecastRows: ly.forecasts.map((f) => ({ ...f, amount: fromPence(f.pence) })),
    forecastVersion: ly.forecasts.find((f) => String(f.period) === String(typed.made_in_period))?.version ?? '',
    patterns: Object.entries(PROFILE_PATTERNS).map(([value, p]) => ({
      value,
      text: `Spread the budget: ${p.name.charAt(0).toLowerCase()}${p.name.slice(1)}`,
    })),
    periods: [...Array(13).keys()].map((i) => ({ code: String(i + 1), name: periodLabel(i + 1) })),
    ...extra,
    values: typed,
  })
}

/** Renders the cost line form (new or edit) with the reference data its selects offer. */
function lineFormPage(services: Services) {
  return async (res: Response, status: number, locals: Record<string, unknown>) => {
    const data = await services.lineAdmin.formData()
    // A capital scheme outside every programme belongs to the capital programme's pages.
    const scheme = !locals.programme && (locals.line as LineRecord | undefined)?.nature !== 'revenue'
    const what = scheme ? 'capital scheme' : 'cost line'
    res.status(status).render('pages/line-form', {
      title: locals.mode === 'create' ? `New ${what}` : `Edit ${what}`,
      nav: scheme ? 'capital' : 'programmes',
      ...data,
      ...locals,
    })
  }
}

/** The edit page of a cost line: where its edit and retire forms are. */
function lineEdit(services: Services) {
  const lineForm = lineFormPage(services)
  return {
    path: '/lines/:id/edit',
    load: (req: Request) => services.lineAdmin.load(idParam(req, 'A cost line')),
    render: (res: Response, { status, context: l, locals }: FormPage<LineRecord>) =>
      lineForm(res, status, {
        mode: 'edit',
        line: l,
        programme: l.programme_code === null ? null : { code: l.programme_code },
        ...locals,
      }),
  }
}

/** Retiring a line: refused (the edit page again) when the line has spend or no reason is given. */
function lineRetireForm(router: Router, services: Services): void {
  const line = lineEdit(services)
  formRoute(router, {
    ...line,
    postPath: '/lines/:id/retire',
    // The edit form is shown again as it was, with the reason typed into the retire form.
    render: (res, { status, context: l, locals }) =>
      line.render(res, {
        status,
        context: l,
        locals: {
          ...locals,
          values: {
            ...lineValues(l),
            retire_reason: (locals.values as Record<string, unknown> | undefined)?.retire_reason,
          },
        },
      }),
    save: async ({ viewer, context: l, body }) => {
      const saved = await services.lineAdmin.retire(viewer, l.id, body)
      return { to: lineHome({ ...saved, nature: l.nature }), message: saved.message }
    },
  })
}

export function lineForms(router: Router, services: Services): void {
  const lineForm = lineFormPage(services)
  formRoute(router, {
    path: '/programmes/:code/lines/new',
    load: (req) => services.programmeAdmin.load(param(req, 'code')),
    render: (res, { status, context: programme, locals }) =>
      lineForm(res, status, { mode: 'create', programme, ...locals }),
    values: () => ({ nature: 'capital', recurrence: 'one_off' }),
    save: async ({ viewer, context: p, body }) => ({
      to: `/programmes/${p.code}#cost-lines`,
      message: (await services.lineAdmin.create(viewer, p.code, body)).message,
    }),
  })
  // A scheme of the capital programme not tagged to a programme: the same form, its nature capital.
  formRoute(router, {
    path: '/capital/lines/new',
    load: () => null,
    render: (res, { status, locals }) => lineForm(res, status, { mode: 'create', programme: null, ...locals }),
    values: () => ({ nature: 'capital', recurrence: 'one_off' }),
    save: async ({ viewer, body }) => ({
      to: '/capital#schemes',
      message: (await services.lineAdmin.create(viewer, null, body)).message,
    }),
  })
  const line = lineEdit(services)
  formRoute(router, {
    ...line,
    values: lineValues,
    save: async ({ viewer, context: l, body }) => {
      const saved = await services.lineAdmin.update(viewer, l.id, body)
      return { to: lineHome({ ...saved, nature: l.nature }), message: saved.message }
    },
  })
  lineRetireForm(router, services)
  lineYearForms(router, services)
}

/** A line's year: its monthly profile and its forecast outturn, two forms on one page. */
function lineYearForms(router: Router, services: Services): void {
  const year = {
    path: '/lines/:id/year',
    load: (req: Request) => services.profiles.load(idParam(req, 'A cost line'), fyQuery(req)),
  }
  formRoute(router, {
    ...year,
    postPath: '/lines/:id/profile',
    render: (res, { status, context: ly, locals }) =>
      lineYearPage(res, { status, context: ly, locals: { ...locals, form: 'profile' } }),
    values: () => ({}),
    save: ({ viewer, context: ly, body, req }) =>
      services.profiles.saveProfile(viewer, { lineId: ly.lineId, fySlug: fyQuery(req) }, body),
  })
  formRoute(router, {
    ...year,
    postPath: '/lines/:id/forecast',
    render: (res, { status, context: ly, locals }) =>
      lineYearPage(res, { status, context: ly, locals: { ...locals, form: 'forecast' } }),
    save: ({ viewer, context: ly, body, req }) =>
      services.profiles.saveForecast(viewer, { lineId: ly.lineId, fySlug: fyQuery(req) }, body),
  })
  formRoute(router, {
    ...year,
    postPath: '/lines/:id/journal',
    render: (res, { status, context: ly, locals }) =>
      lineYearPage(res, { status, context: ly, locals: { ...locals, form: 'journal' } }),
    save: ({ viewer, context: ly, body }) => services.journals.enter(viewer, ly, body),
  })
}
