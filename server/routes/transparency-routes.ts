// The published record (issue #14): what the Specified Information Order asks a police body to publish, for anyone,
// signed in or not, and always as the public sees it (open decisions of published years only), whoever asks.
import type { Router } from 'express'
import type { Services } from '../services'
import { PUBLIC_VIEWER } from '../domain/access'
import { openDecisionsExport, publishedSpendExport } from '../services/export-service'
import { send } from './export-routes'

export function transparencyPages(router: Router, services: Services): void {
  router.get('/transparency', (_req, res) => {
    res.render('pages/transparency', { title: 'The published record', nav: 'transparency' })
  })

  router.get('/transparency/spend', async (req, res) => {
    const spend = await services.publishedSpend.month(req.query.month)
    res.render('pages/transparency-spend', {
      title: `Spending over £500, ${spend.month.label}`,
      nav: 'transparency',
      ...spend,
    })
  })

  router.get('/transparency/spend.:format', async (req, res) => {
    await send(req, res, publishedSpendExport(await services.publishedSpend.month(req.query.month)))
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
