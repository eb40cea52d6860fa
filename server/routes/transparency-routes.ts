// The published record (issue #14): what the Specified Information Order asks a police body to publish, for anyone,
// signed in or not, and always as the public sees it (open decisions of published years only), whoever asks.
import type { Router } from 'express'
import type { Services } from '../services'
import { PUBLIC_VIEWER } from '../domain/access'
import { contractsExport, grantsExport, openDecisionsExport, publishedSpendExport } from '../services/export-service'
import { fyLabel } from '../domain/financial-year'
import { send } from './export-routes'
import { queryValue } from './request-checks'

export function transparencyPages(router: Router, services: Services): void {
  router.get('/transparency', (_req, res) => {
    res.render('pages/transparency', { title: 'The published record', nav: 'transparency' })
  })

  router.get('/transparency/spend', async (req, res) => {
    const spend = await services.publishedSpend.page(
      queryValue(req.query.month, 'month', '2017-06'),
      queryValue(req.query.page, 'page', '2'),
    )
    res.render('pages/transparency-spend', {
      title: `Spending over £500, ${spend.month.label}`,
      nav: 'transparency',
      ...spend,
    })
  })

  router.get('/transparency/spend.:format', async (req, res) => {
    const month = await services.publishedSpend.month(queryValue(req.query.month, 'month', '2017-06'))
    await send(req, res, publishedSpendExport(month))
  })

  router.get('/transparency/grants', async (req, res) => {
    const year = await services.registers.grants(res.locals.viewer, req.query.fy)
    res.render('pages/transparency-grants', { title: `Grants, ${fyLabel(year.fyStart)}`, nav: 'transparency', ...year })
  })

  router.get('/transparency/grants.:format', async (req, res) => {
    await send(req, res, grantsExport(await services.registers.grants(res.locals.viewer, req.query.fy)))
  })

  router.get('/transparency/contracts', async (_req, res) => {
    const lists = await services.registers.contracts(res.locals.viewer)
    res.render('pages/transparency-contracts', { title: 'Contracts over £10,000', nav: 'transparency', ...lists })
  })

  router.get('/transparency/contracts.:format', async (req, res) => {
    await send(req, res, contractsExport((await services.registers.contracts(res.locals.viewer)).published))
  })

  router.get('/transparency/decisions', async (_req, res) => {
    const decisions = await services.decisions.list(PUBLIC_VIEWER)
    res.render('pages/transparency-decisions', {
      title: "The Commissioner's decisions",
      nav: 'transparency',
      decisions,
    })
  })

  router.get('/transparency/decisions.:format', async (req, res) => {
    await send(req, res, openDecisionsExport(await services.decisions.list(PUBLIC_VIEWER)))
  })
}
