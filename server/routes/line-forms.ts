// Cost lines with their budget by year, a line's monthly profile and forecast for a year, retiring a line.
import type { Router, Request, Response } from 'express'
import type { Services } from '../services'
import { PROFILE_PATTERNS } from '../domain/profile'
import { formatMoney, fromPence } from '../domain/money'
import { fyLabel, periodLabel } from '../domain/financial-year'
import { fyQuery, param, save, editors, idParam } from './form-helpers'

export function lineForms(router: Router, services: Services): void {
  const lineForm = async (res: Response, status: number, locals: Record<string, unknown>) => {
    const data = await services.lineAdmin.formData()
    res.status(status).render('pages/line-form', {
      title: locals.mode === 'create' ? 'New cost line' : 'Edit cost line',
      nav: 'programmes',
      ...data,
      ...locals,
    })
  }

  router.get('/programmes/:code/lines/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await lineForm(res, 200, { mode: 'create', programme: p, values: { nature: 'capital', recurrence: 'one_off' } })
  })
  router.post('/programmes/:code/lines/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => lineForm(res, s, { mode: 'create', programme: p, ...extra }), async () => {
      const saved = await services.lineAdmin.create(res.locals.viewer, p.code, req.body as Record<string, unknown>)
      return { to: `/programmes/${p.code}#cost-lines`, message: saved.message }
    })
  })

  router.get('/lines/:id/edit', editors, async (req, res) => {
    const line = await services.lineAdmin.load(idParam(req, 'A cost line'))
    const values: Record<string, unknown> = { ...line, funding_source: line.funding_source ?? '', note: line.note ?? '', source_reference: line.source_reference ?? '' }
    for (const [fy, pence] of line.amounts) values[`amount_${fy}`] = formatMoney(fromPence(pence), 'pence')
    await lineForm(res, 200, { mode: 'edit', line, programme: { code: line.programme_code }, values })
  })
  router.post('/lines/:id/edit', editors, async (req, res) => {
    const line = await services.lineAdmin.load(idParam(req, 'A cost line'))
    await save(req, res, (s, extra) => lineForm(res, s, { mode: 'edit', line, programme: { code: line.programme_code }, ...extra }), async () => {
      const saved = await services.lineAdmin.update(res.locals.viewer, line.id, req.body as Record<string, unknown>)
      return { to: `/programmes/${saved.programmeCode}#cost-lines`, message: saved.message }
    })
  })

  const lineYearPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const ly = await services.profiles.load(idParam(req, 'A cost line'), fyQuery(req))
    const latest = ly.forecasts[ly.forecasts.length - 1]
    const values: Record<string, unknown> = { method: 'typed', made_in_period: String(Math.max(1, ly.latestPosted)), version: ly.budgetVersion }
    for (const [p, pence] of ly.profile) values[`p${p}`] = formatMoney(fromPence(pence), 'pence')
    if (latest) values.amount = formatMoney(fromPence(latest.pence), 'pence')
    res.status(status).render('pages/line-year', {
      title: `${ly.lineName}, ${fyLabel(ly.fyStart)}`,
      nav: 'programmes',
      ly,
      fyParam: fyQuery(req),
      budget: fromPence(ly.budgetPence),
      profileTotal: ly.profile.size > 0 ? fromPence([...ly.profile.values()].reduce((a, b) => a + b, 0n)) : null,
      profileMismatch: ly.profile.size > 0 && [...ly.profile.values()].reduce((a, b) => a + b, 0n) !== ly.budgetPence,
      profileRows: [...Array(13).keys()].map((i) => ({ period: i + 1, pence: ly.profile.get(i + 1) })),
      forecastRows: ly.forecasts.map((f) => ({ ...f, amount: fromPence(f.pence) })),
      forecastVersion: ly.forecasts.find((f) => String(f.period) === String((extra.values as Record<string, unknown> | undefined)?.made_in_period ?? values.made_in_period))?.version ?? '',
      patterns: Object.entries(PROFILE_PATTERNS).map(([value, p]) => ({ value, text: `Spread the budget: ${p.name.charAt(0).toLowerCase()}${p.name.slice(1)}` })),
      periods: [...Array(13).keys()].map((i) => ({ code: String(i + 1), name: periodLabel(i + 1) })),
      ...extra,
      values: { ...values, ...((extra.values as Record<string, unknown> | undefined) ?? {}) },
    })
  }
  router.get('/lines/:id/year', editors, (req, res) => lineYearPage(req, res, 200, {}))
  router.post('/lines/:id/profile', editors, (req, res) =>
    save(req, res, (s, extra) => lineYearPage(req, res, s, { ...extra, form: 'profile' }), () =>
      services.profiles.saveProfile(res.locals.viewer, idParam(req, 'A cost line'), fyQuery(req), req.body as Record<string, unknown>),
    ),
  )
  router.post('/lines/:id/forecast', editors, (req, res) =>
    save(req, res, (s, extra) => lineYearPage(req, res, s, { ...extra, form: 'forecast' }), () =>
      services.profiles.saveForecast(res.locals.viewer, idParam(req, 'A cost line'), fyQuery(req), req.body as Record<string, unknown>),
    ),
  )

  router.post('/lines/:id/retire', editors, async (req, res) => {
    const line = await services.lineAdmin.load(idParam(req, 'A cost line'))
    const values: Record<string, unknown> = { ...line, funding_source: line.funding_source ?? '', note: line.note ?? '', source_reference: line.source_reference ?? '' }
    for (const [fy, pence] of line.amounts) values[`amount_${fy}`] = formatMoney(fromPence(pence), 'pence')
    await save(req, res, (s, extra) => lineForm(res, s, { mode: 'edit', line, programme: { code: line.programme_code }, ...extra, values: { ...values, retire_reason: (req.body as Record<string, unknown>).retire_reason } }), async () => {
      const saved = await services.lineAdmin.retire(res.locals.viewer, line.id, req.body as Record<string, unknown>)
      return { to: `/programmes/${saved.programmeCode}#cost-lines`, message: saved.message }
    })
  })
}
