// Downloads of every table of figures (issue #9), for what the viewer may see: `.xlsx` is a workbook with a sheet a
// table; `.csv` is one table (`?table=2` for the second; the first by default).
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import { BadRequestError } from '../domain/errors'
import {
  appraisalExport,
  decisionExport,
  lineYearExport,
  importPreviewExport,
  yearsExport,
  programmeAppraisalExport,
  dashboardExport,
  decisionsExport,
  programmeExport,
  programmesExport,
  type Export,
} from '../services/export-service'
import { csvTable, workbook } from '../files/spreadsheet'
import { editors, fyQuery, idParam, param } from './form-helpers'

export async function send(req: Request, res: Response, made: Export): Promise<void> {
  const format = param(req, 'format')
  if (format === 'xlsx') {
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    res.attachment(`${made.name}.xlsx`)
    res.send(await workbook(made.tables))
    return
  }
  if (format !== 'csv') throw new BadRequestError(`“${format}” is not a download format`, 'Download as .csv or .xlsx.')
  const asked = typeof req.query.table === 'string' ? req.query.table : '1'
  // A table by its number (1 is the first) or by its sheet's name in lower case with hyphens ("time-saved").
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const table = /^[1-9]$/.test(asked) ? made.tables[Number(asked) - 1] : made.tables.find((t) => slug(t.name) === asked)
  if (!table)
    throw new BadRequestError(`This page has no table ${asked}`, `Choose a table from 1 to ${made.tables.length}.`)
  res.type('text/csv; charset=utf-8')
  res.attachment(`${made.name}${made.tables.length > 1 ? `-${slug(table.name)}` : ''}.csv`)
  res.send(csvTable(table))
}

export function exportRoutes(router: Router, services: Services): void {
  router.get('/dashboard.:format', async (req, res) => {
    await send(req, res, dashboardExport(await services.dashboard.get(res.locals.viewer, fyQuery(req) || undefined)))
  })
  router.get('/programmes.:format', async (req, res) => {
    await send(req, res, programmesExport(await services.programmes.list(res.locals.viewer)))
  })
  router.get('/appraisal.:format', async (req, res) => {
    const investToSaveOnly = req.query['invest-to-save'] === 'yes'
    const rankBy = req.query.rank === 'full' ? 'full' : 'cashable'
    const programmes = await services.appraisal.portfolio(res.locals.viewer, { investToSaveOnly, rankBy })
    await send(req, res, appraisalExport(programmes, { investToSaveOnly }))
  })
  router.get('/programmes/:code/appraisal.:format', async (req, res) => {
    await send(
      req,
      res,
      programmeAppraisalExport(await services.appraisal.programme(res.locals.viewer, param(req, 'code'))),
    )
  })
  router.get('/decisions/:reference/commitments.:format', async (req, res) => {
    await send(req, res, decisionExport(await services.decisions.get(res.locals.viewer, param(req, 'reference'))))
  })
  router.get('/lines/:id/year.:format', editors, async (req, res) => {
    await send(req, res, lineYearExport(await services.profiles.load(idParam(req, 'A cost line'), fyQuery(req))))
  })
  router.get('/years.:format', editors, async (req, res) => {
    await send(req, res, yearsExport(await services.years.list()))
  })
  router.get('/imports/:id/preview.:format', editors, async (req, res) => {
    const page = await services.imports.page(res.locals.viewer, idParam(req, 'Import'))
    await send(req, res, importPreviewExport(page.batch, page.totals))
  })
  router.get('/decisions.:format', async (req, res) => {
    await send(req, res, decisionsExport(await services.decisions.list(res.locals.viewer)))
  })
  router.get('/programmes/:code/figures.:format', async (req, res) => {
    const detail = await services.programmes.get(res.locals.viewer, param(req, 'code'), fyQuery(req) || undefined)
    await send(req, res, programmeExport(detail))
  })
}
