// The precept's pages (issue #12): a year's proposal with its requirement, bands, billing authorities, referendum test
// and statutory process; and Band D by year since 2013/14.
import type { Response, Router } from 'express'
import type { Services } from '../services'
import { queryValue } from './request-checks'
import { fyLabel } from '../domain/financial-year'
import { Decimal } from '../domain/money'
import { STAGE_WORDS, timetable, vetoNeeds } from '../services/precept-service'
import {
  PRECEPT_STEPS,
  preceptFormValues,
  type PreceptForEdit,
  type PreceptStep,
} from '../services/precept-admin-service'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { editors, formRoute, param, save, type FormPage } from './form-helpers'
import { NotFoundError, ValidationError } from '../domain/errors'
import { csvToForm, declarationValues, type DeclarationsForEdit } from '../services/tax-base-service'
import { readUpload } from './upload'
import {
  principleValues,
  section25Values,
  type PrincipleForEdit,
  type Section25ForEdit,
} from '../services/precept-settings-service'
import { ForbiddenError } from './guards'

export function preceptPages(router: Router, services: Services): void {
  router.get('/precept', async (req, res) => {
    const view = await services.precept.year(res.locals.viewer, queryValue(req.query.fy, 'fy'))
    res.render('pages/precept', {
      title: `The precept for ${fyLabel(view.fyStart)}`,
      nav: 'precept',
      sub: 'year',
      stageWords: STAGE_WORDS,
      nextYear: Math.max(view.fyStart, ...view.years) + 1,
      ...view,
    })
  })

  router.get('/precept/history', async (_req, res) => {
    const years = await services.precept.history()
    res.render('pages/precept-history', {
      title: 'Band D by year',
      nav: 'precept',
      sub: 'history',
      chart: true,
      years,
    })
  })
}

const STEP_TITLES: Record<PreceptStep, string> = {
  proposal: 'The proposed precept',
  'panel-report': 'The Panel’s report',
  revised: 'The revised precept, after a veto',
  'second-report': 'The Panel’s second report',
  issued: 'The precept issued to the billing authorities',
}

function stepOf(text: string): PreceptStep {
  const step = PRECEPT_STEPS.find((s) => s === text)
  if (!step) throw new NotFoundError(`A step of the precept called "${text}"`)
  return step
}

/** A CSV of declarations is small: a row for each billing authority. */
const MAX_CSV_BYTES = 1024 * 1024

/** The billing authorities' declarations for a year: typed into the form, or imported from a CSV that fills it. */
function declarationForms(router: Router, services: Services): void {
  const page = (res: Response, { status, context: d, locals }: FormPage<DeclarationsForEdit>) =>
    res.status(status).render('pages/precept-authorities', {
      title: `Tax base and collection fund, ${fyLabel(d.fy)}`,
      nav: 'precept',
      d,
      ...locals,
    })
  formRoute(router, {
    path: '/precept/:fy/authorities',
    load: (req) => services.taxBases.load(param(req, 'fy')),
    render: page,
    values: (d) => declarationValues(d),
    save: ({ viewer, body, req }) => services.taxBases.save(viewer, param(req, 'fy'), body),
  })
  router.post('/precept/:fy/authorities/import', editors, async (req, res) => {
    const d = await services.taxBases.load(param(req, 'fy'))
    const upload = await readUpload(req, path.join(os.tmpdir(), 'pcc-precept-uploads'))
    req.body = { ...declarationValues(d), ...upload.fields }
    const tooBig = upload.tempFile !== null && upload.bytes > MAX_CSV_BYTES
    const text = upload.tempFile === null || tooBig ? null : await fs.promises.readFile(upload.tempFile, 'utf8')
    if (upload.tempFile) await fs.promises.rm(upload.tempFile, { force: true })
    if (!(res.locals.csrfValid as () => boolean)())
      throw new ForbiddenError('upload a file from a page that has expired: reload it and try again')
    await save(req, res, {
      render: (status, locals) => page(res, { status, context: d, locals: { values: req.body, ...locals } }),
      action: async () => {
        if (tooBig)
          throw new ValidationError([
            { field: 'file', message: 'The file is larger than 1 MB: it is not a tax base file' },
          ])
        if (text === null) throw new ValidationError([{ field: 'file', message: 'Choose the CSV file to import' }])
        const fields = { ...upload.fields, source: upload.fields.import_source ?? '' }
        req.body = csvToForm(d, text, fields)
        return services.taxBases.save(res.locals.viewer, param(req, 'fy'), req.body as Record<string, unknown>)
      },
    })
  })
}

/** The year's referendum principle, the Panel's members in office, and the section 25 statement. */
function settingForms(router: Router, services: Services): void {
  const s = services.preceptSettings
  formRoute(router, {
    path: '/precept/:fy/principle',
    load: (req) => s.loadPrinciple(param(req, 'fy')),
    render: (res: Response, { status, context: p, locals }: FormPage<PrincipleForEdit>) =>
      res.status(status).render('pages/precept-principle', {
        title: `Referendum principle, ${fyLabel(p.fy)}`,
        nav: 'precept',
        p,
        ...locals,
      }),
    values: (p) => principleValues(p),
    save: ({ viewer, body, req }) => s.savePrinciple(viewer, param(req, 'fy'), body),
  })
  formRoute(router, {
    path: '/precept/:fy/section-25',
    load: (req) => s.loadSection25(param(req, 'fy')),
    render: (res: Response, { status, context: st, locals }: FormPage<Section25ForEdit>) =>
      res.status(status).render('pages/precept-section25', {
        title: `Section 25 statement, ${fyLabel(st.fy)}`,
        nav: 'precept',
        st,
        ...locals,
      }),
    values: (st) => section25Values(st),
    save: ({ viewer, body, req }) => s.saveSection25(viewer, param(req, 'fy'), body),
  })
  formRoute(router, {
    path: '/precept/panel',
    load: () => s.loadPanel(),
    render: (res, { status, locals }) =>
      res
        .status(status)
        .render('pages/precept-panel', { title: 'The Police and Crime Panel', nav: 'precept', ...locals }),
    values: (panel) => ({
      version: panel ? String(panel.version) : '',
      members_in_office: panel ? String(panel.members) : '',
      source: panel?.source ?? '',
    }),
    save: ({ viewer, body }) => s.savePanel(viewer, body),
  })
}

/** Each step of the statutory process is a form of its own, on the year's precept record. */
export function preceptForms(router: Router, services: Services): void {
  declarationForms(router, services)
  settingForms(router, services)
  const page = (res: Response, { status, context: c, locals }: FormPage<PreceptForEdit>) => {
    const step = stepOf(param(res.req, 'step'))
    res.status(status).render('pages/precept-step', {
      title: `${STEP_TITLES[step]}, ${fyLabel(c.fy)}`,
      heading: STEP_TITLES[step],
      nav: 'precept',
      step,
      c,
      deadlines: timetable(c.fy),
      vetoNeeds: c.members ? vetoNeeds(c.members) : null,
      previousBandD: c.previousBandD ?? null,
      proposed: c.record?.proposed_band_d_pence ? new Decimal(c.record.proposed_band_d_pence).dividedBy(100) : null,
      ...locals,
    })
  }
  formRoute(router, {
    path: '/precept/:fy/:step',
    load: async (req) => {
      stepOf(param(req, 'step'))
      return services.preceptAdmin.load(param(req, 'fy'))
    },
    render: page,
    values: (c) => preceptFormValues(c),
    save: ({ viewer, body, req }) =>
      services.preceptAdmin.save(viewer, stepOf(param(req, 'step')), { fy: param(req, 'fy'), body }),
  })
}
