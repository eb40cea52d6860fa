// Finance's forms: programmes, cost lines with their budgets by year, financial years, and the audit trail.
// Every form works without JavaScript; a refused save re-renders the form (422) with what was typed and an
// error summary, or (409) with the other person's change. Nothing is written unless all of it is.
import { Router, type Request, type Response } from 'express'
import type { Services } from '../services'
import { canEditFigures, canManageAccounts, canReadAudit, ROLE_NAMES, ROLES } from '../domain/access'
import { ConflictError, ValidationError } from '../domain/errors'
import { fyLabel, periodLabel } from '../domain/financial-year'
import { PROFILE_PATTERNS } from '../domain/profile'
import { formatMoney, fromPence } from '../domain/money'
import { PROGRAMME_STATUSES } from '../services/programme-admin-service'
import { MAX_LINKS } from '../services/decision-admin-service'
import { benefitFormValues, FUNDING_KINDS } from '../services/reference-admin-service'
import { assumptionFormValues } from '../services/assumption-service'
import { realisationFormValues } from '../services/realisation-service'
import { allow } from './guards'

type Render = (status: number, extra: Record<string, unknown>) => void

function fyQuery(req: Request): string {
  return typeof req.query.fy === 'string' ? req.query.fy : ''
}

function param(req: Request, name: string): string {
  const v = (req.params as Record<string, unknown>)[name]
  return typeof v === 'string' ? v : ''
}

/** Runs a save; on a validation error or a conflict re-renders the form with the answers kept. A save may
 * return a message, shown once on the next page (kept in the session). */
async function save(req: Request, res: Response, render: Render, action: () => Promise<string | { to: string; message: string }>): Promise<void> {
  try {
    const done = await action()
    if (typeof done === 'string') return res.redirect(303, done)
    req.session.flash = done.message
    res.redirect(303, done.to)
  } catch (err) {
    const values = req.body as Record<string, unknown>
    if (err instanceof ValidationError) return render(422, { errors: err.errors, understood: err.understood, values, errorTitle: true })
    if (err instanceof ConflictError) {
      return render(409, {
        values,
        errorTitle: true,
        conflict: { what: err.what, current: Object.entries(err.current).map(([field, value]) => ({ field, value })), changedBy: err.changedBy },
        errors: [{ field: 'conflict', message: `${err.what} was changed by ${err.changedBy?.actor ?? 'someone else'} while you were editing: nothing you typed has been saved` }],
      })
    }
    throw err
  }
}

const statusOptions = PROGRAMME_STATUSES.map((s) => ({ value: s, text: s.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) }))
const editors = allow(canEditFigures, 'change figures')

export function editRoutes(services: Services): Router {
  const router = Router()

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
    await save(req, res, (s, extra) => void lineForm(res, s, { mode: 'create', programme: p, ...extra }), async () => {
      const saved = await services.lineAdmin.create(res.locals.viewer, p.code, req.body as Record<string, unknown>)
      return { to: `/programmes/${p.code}#cost-lines`, message: saved.message }
    })
  })

  router.get('/lines/:id/edit', editors, async (req, res) => {
    const line = await services.lineAdmin.load(Number.parseInt(param(req, 'id'), 10) || 0)
    const values: Record<string, unknown> = { ...line, funding_source: line.funding_source ?? '', note: line.note ?? '', source_reference: line.source_reference ?? '' }
    for (const [fy, pence] of line.amounts) values[`amount_${fy}`] = formatMoney(fromPence(pence), 'pence')
    await lineForm(res, 200, { mode: 'edit', line, programme: { code: line.programme_code }, values })
  })
  router.post('/lines/:id/edit', editors, async (req, res) => {
    const line = await services.lineAdmin.load(Number.parseInt(param(req, 'id'), 10) || 0)
    await save(req, res, (s, extra) => void lineForm(res, s, { mode: 'edit', line, programme: { code: line.programme_code }, ...extra }), async () => {
      const saved = await services.lineAdmin.update(res.locals.viewer, line.id, req.body as Record<string, unknown>)
      return { to: `/programmes/${saved.programmeCode}#cost-lines`, message: saved.message }
    })
  })

  const lineYearPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const ly = await services.profiles.load(Number.parseInt(param(req, 'id'), 10) || 0, fyQuery(req))
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
    save(req, res, (s, extra) => void lineYearPage(req, res, s, { ...extra, form: 'profile' }), () =>
      services.profiles.saveProfile(res.locals.viewer, Number.parseInt(param(req, 'id'), 10) || 0, fyQuery(req), req.body as Record<string, unknown>),
    ),
  )
  router.post('/lines/:id/forecast', editors, (req, res) =>
    save(req, res, (s, extra) => void lineYearPage(req, res, s, { ...extra, form: 'forecast' }), () =>
      services.profiles.saveForecast(res.locals.viewer, Number.parseInt(param(req, 'id'), 10) || 0, fyQuery(req), req.body as Record<string, unknown>),
    ),
  )

  const decisionForm = async (res: Response, status: number, locals: Record<string, unknown>) => {
    const values = (locals.values as Record<string, string> | undefined) ?? {}
    const used = [...Array(MAX_LINKS).keys()].filter((n) => values[`link_${n}`]).length
    res.status(status).render('pages/decision-form', {
      title: locals.mode === 'create' ? 'Record a decision' : 'Edit decision',
      nav: 'decisions',
      programmes: await services.decisionAdmin.programmes(),
      linkRows: [...Array(Math.min(MAX_LINKS, used + 1)).keys()],
      ...locals,
    })
  }
  router.get('/decisions/new', editors, (_req, res) => decisionForm(res, 200, { mode: 'create', values: { classification: 'open', published_to_panel: 'yes' } }))
  router.post('/decisions/new', editors, (req, res) =>
    save(req, res, (s, extra) => void decisionForm(res, s, { mode: 'create', ...extra }), () => services.decisionAdmin.create(res.locals.viewer, req.body as Record<string, unknown>)),
  )
  router.get('/decisions/:reference/edit', editors, async (req, res) => {
    const d = await services.decisionAdmin.load(param(req, 'reference'))
    await decisionForm(res, 200, { mode: 'edit', reference: d.values.reference, values: { ...d.values, version: String(d.version) } })
  })
  router.post('/decisions/:reference/edit', editors, (req, res) =>
    save(req, res, (s, extra) => void decisionForm(res, s, { mode: 'edit', reference: param(req, 'reference').toUpperCase(), ...extra }), () =>
      services.decisionAdmin.update(res.locals.viewer, param(req, 'reference'), req.body as Record<string, unknown>),
    ),
  )

  const fundingKinds = FUNDING_KINDS.map(([code, name]) => ({ code, name }))
  const fundingList = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/funding-sources', { title: 'Funding sources', nav: 'funding', sources: await services.referenceAdmin.fundingSources(), fundingKinds, values: {}, ...extra })
  router.get('/funding-sources', editors, (_req, res) => fundingList(res, 200, {}))
  router.post('/funding-sources', editors, (req, res) =>
    save(req, res, (s, extra) => void fundingList(res, s, extra), () => services.referenceAdmin.createFunding(res.locals.viewer, req.body as Record<string, unknown>)),
  )
  const fundingForm = (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/funding-source-form', { title: 'Edit funding source', nav: 'funding', fundingKinds, ...extra })
  router.get('/funding-sources/:code/edit', editors, async (req, res) => {
    const f = await services.referenceAdmin.fundingSource(param(req, 'code'))
    fundingForm(res, 200, { source: f, values: { name: f.name, kind: f.kind, note: f.note ?? '', version: String(f.version) } })
  })
  router.post('/funding-sources/:code/edit', editors, async (req, res) => {
    const f = await services.referenceAdmin.fundingSource(param(req, 'code'))
    await save(req, res, (s, extra) => fundingForm(res, s, { source: f, ...extra }), () => services.referenceAdmin.updateFunding(res.locals.viewer, f.code, req.body as Record<string, unknown>))
  })

  const benefitForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/benefit-form', { title: extra.mode === 'create' ? 'Record a benefit' : 'Edit benefit', nav: 'programmes', years: (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse(), ...extra })
  router.get('/programmes/:code/benefits/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await benefitForm(res, 200, { mode: 'create', programme: p, values: { kind: 'cashable' } })
  })
  router.post('/programmes/:code/benefits/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => void benefitForm(res, s, { mode: 'create', programme: p, ...extra }), () =>
      services.referenceAdmin.createBenefit(res.locals.viewer, p.code, req.body as Record<string, unknown>),
    )
  })
  router.get('/benefits/:id/edit', editors, async (req, res) => {
    const b = await services.referenceAdmin.loadBenefit(Number.parseInt(param(req, 'id'), 10) || 0)
    await benefitForm(res, 200, { mode: 'edit', benefit: b, programme: { code: b.programme_code }, values: benefitFormValues(b) })
  })
  router.post('/benefits/:id/edit', editors, async (req, res) => {
    const b = await services.referenceAdmin.loadBenefit(Number.parseInt(param(req, 'id'), 10) || 0)
    await save(req, res, (s, extra) => void benefitForm(res, s, { mode: 'edit', benefit: b, programme: { code: b.programme_code }, ...extra }), () =>
      services.referenceAdmin.updateBenefit(res.locals.viewer, b.id, req.body as Record<string, unknown>),
    )
  })

  const admins = allow(canManageAccounts, 'manage accounts')
  const accountsPage = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/accounts', {
      title: 'Accounts',
      nav: 'accounts',
      accounts: await services.auth.accounts(res.locals.viewer),
      owners: (await services.lineAdmin.formData()).owners,
      roleOptions: ROLES.map((r) => ({ code: r, name: ROLE_NAMES[r] })),
      values: { role: 'panel' },
      ...extra,
    })
  router.get('/accounts', admins, (_req, res) => accountsPage(res, 200, {}))
  router.post('/accounts', admins, (req, res) =>
    save(req, res, (s, extra) => void accountsPage(res, s, { ...extra, values: { ...(extra.values as Record<string, unknown>), password: '' } }), () =>
      services.auth.createFromForm(res.locals.viewer, req.body as Record<string, unknown>),
    ),
  )
  router.post('/accounts/:id/active', admins, (req, res) =>
    save(req, res, (s, extra) => void accountsPage(res, s, extra), () =>
      services.auth.setActive(res.locals.viewer, Number.parseInt(param(req, 'id'), 10) || 0, (req.body as Record<string, unknown>).active === 'yes'),
    ),
  )

  router.post('/lines/:id/retire', editors, async (req, res) => {
    const line = await services.lineAdmin.load(Number.parseInt(param(req, 'id'), 10) || 0)
    const values: Record<string, unknown> = { ...line, funding_source: line.funding_source ?? '', note: line.note ?? '', source_reference: line.source_reference ?? '' }
    for (const [fy, pence] of line.amounts) values[`amount_${fy}`] = formatMoney(fromPence(pence), 'pence')
    await save(req, res, (s, extra) => void lineForm(res, s, { mode: 'edit', line, programme: { code: line.programme_code }, ...extra, values: { ...values, retire_reason: (req.body as Record<string, unknown>).retire_reason } }), async () => {
      const saved = await services.lineAdmin.retire(res.locals.viewer, line.id, req.body as Record<string, unknown>)
      return { to: `/programmes/${saved.programmeCode}#cost-lines`, message: saved.message }
    })
  })

  const settingsForm = (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/appraisal-settings', { title: 'Appraisal settings', nav: 'appraisal', ...extra })
  router.get('/programmes/:code/appraisal/settings', editors, async (req, res) => {
    const values = await services.assumptions.settings(param(req, 'code'))
    settingsForm(res, 200, { code: values.code, name: values.name, values })
  })
  router.post('/programmes/:code/appraisal/settings', editors, async (req, res) => {
    const current = await services.assumptions.settings(param(req, 'code'))
    await save(req, res, (s, extra) => settingsForm(res, s, { code: current.code, name: current.name, ...extra }), () =>
      services.assumptions.saveSettings(res.locals.viewer, current.code ?? '', req.body as Record<string, unknown>),
    )
  })

  const assumptionForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/assumption-form', {
      title: extra.mode === 'create' ? 'New time-saved assumption' : 'Edit time-saved assumption',
      nav: 'appraisal',
      years: (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse(),
      ...extra,
    })
  router.get('/programmes/:code/assumptions/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await assumptionForm(res, 200, { mode: 'create', programme: p, values: {} })
  })
  router.post('/programmes/:code/assumptions/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => void assumptionForm(res, s, { mode: 'create', programme: p, ...extra }), () =>
      services.assumptions.create(res.locals.viewer, p.code, req.body as Record<string, unknown>),
    )
  })
  router.get('/assumptions/:id/edit', editors, async (req, res) => {
    const a = await services.assumptions.load(Number.parseInt(param(req, 'id'), 10) || 0)
    await assumptionForm(res, 200, { mode: 'edit', assumption: a, programme: { code: a.programme_code }, values: assumptionFormValues(a) })
  })
  router.post('/assumptions/:id/edit', editors, async (req, res) => {
    const a = await services.assumptions.load(Number.parseInt(param(req, 'id'), 10) || 0)
    await save(req, res, (s, extra) => void assumptionForm(res, s, { mode: 'edit', assumption: a, programme: { code: a.programme_code }, ...extra }), () =>
      services.assumptions.update(res.locals.viewer, a.id, req.body as Record<string, unknown>),
    )
  })

  const realisationForm = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/realisation-form', {
      title: extra.mode === 'create' ? 'Record a realised benefit' : 'Edit realised benefit',
      nav: 'appraisal',
      years: (await services.years.list()).map((y) => ({ code: fyLabel(y.fyStart), name: fyLabel(y.fyStart) })).reverse(),
      ...(await services.realisations.formData()),
      ...extra,
    })
  router.get('/programmes/:code/realisations/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await realisationForm(res, 200, { mode: 'create', programme: p, values: {} })
  })
  router.post('/programmes/:code/realisations/new', editors, async (req, res) => {
    const p = await services.programmeAdmin.load(param(req, 'code'))
    await save(req, res, (s, extra) => void realisationForm(res, s, { mode: 'create', programme: p, ...extra }), () =>
      services.realisations.create(res.locals.viewer, p.code, req.body as Record<string, unknown>),
    )
  })
  router.get('/realisations/:id/edit', editors, async (req, res) => {
    const r = await services.realisations.load(Number.parseInt(param(req, 'id'), 10) || 0)
    await realisationForm(res, 200, { mode: 'edit', realisation: r, programme: { code: r.programme_code }, values: realisationFormValues(r) })
  })
  router.post('/realisations/:id/edit', editors, async (req, res) => {
    const r = await services.realisations.load(Number.parseInt(param(req, 'id'), 10) || 0)
    await save(req, res, (s, extra) => void realisationForm(res, s, { mode: 'edit', realisation: r, programme: { code: r.programme_code }, ...extra }), () =>
      services.realisations.update(res.locals.viewer, r.id, req.body as Record<string, unknown>),
    )
  })

  const yearsPage = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/years', { title: 'Financial years and publishing', nav: 'years', years: await services.years.list(), values: {}, ...extra })
  router.get('/years', editors, (_req, res) => yearsPage(res, 200, {}))
  router.post('/years', editors, (req, res) =>
    save(req, res, (s, extra) => void yearsPage(res, s, extra), async () => {
      const fy = await services.years.add(res.locals.viewer, req.body as Record<string, unknown>)
      return `/years#fy-${fy}`
    }),
  )
  router.post('/years/:fy/publish', editors, (req, res) =>
    save(req, res, (s, extra) => void yearsPage(res, s, extra), async () => {
      const fy = await services.years.publish(res.locals.viewer, param(req, 'fy'))
      return `/years?published=${encodeURIComponent(fyLabel(fy))}`
    }),
  )

  router.get('/audit', allow(canReadAudit, 'read the audit trail'), async (req, res) => {
    const q = req.query as Record<string, string | undefined>
    const page = await services.audit.list(res.locals.viewer, { actor: q.actor, programme: q.programme, from: q.from, to: q.to, page: q.page })
    res.status(page.errors.length > 0 ? 422 : 200).render('pages/audit', { title: 'Audit trail', nav: 'audit', errorTitle: page.errors.length > 0, ...page })
  })

  return router
}
