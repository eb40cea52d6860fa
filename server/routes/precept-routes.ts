// The precept's pages (issue #12): a year's proposal with its requirement, bands, billing authorities, referendum test
// and statutory process; and Band D by year since 2013/14.
import type { Router } from 'express'
import type { Services } from '../services'
import { queryValue } from './request-checks'
import { fyLabel } from '../domain/financial-year'
import { STAGE_WORDS } from '../services/precept-service'

export function preceptPages(router: Router, services: Services): void {
  router.get('/precept', async (req, res) => {
    const view = await services.precept.year(res.locals.viewer, queryValue(req.query.fy, 'fy'))
    res.render('pages/precept', {
      title: `The precept for ${fyLabel(view.fyStart)}`,
      nav: 'precept',
      sub: 'year',
      stageWords: STAGE_WORDS,
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
