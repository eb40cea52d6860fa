// The medium-term financial plan's pages (issue #10): the plan, its workforce, the savings register and the reserves.
import type { Router } from 'express'
import type { Services } from '../services'
import { BadRequestError } from '../domain/errors'

function planParam(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  throw new BadRequestError('The plan was given more than once', 'give one plan, like ?plan=2017-18')
}

export function mtfpPages(router: Router, services: Services): void {
  router.get('/mtfp', async (req, res) => {
    const view = await services.mtfp.plan(planParam(req.query.plan))
    res.render('pages/mtfp', {
      title: 'Medium-term financial plan',
      nav: 'mtfp',
      sub: 'plan',
      chart: true,
      ...view,
    })
  })

  router.get('/mtfp/workforce', async (req, res) => {
    const view = await services.mtfp.plan(planParam(req.query.plan))
    res.render('pages/mtfp-workforce', { title: 'Workforce and pay', nav: 'mtfp', sub: 'workforce', ...view })
  })

  router.get('/mtfp/savings', async (_req, res) => {
    const register = await services.savings.register()
    res.render('pages/mtfp-savings', { title: 'Savings register', nav: 'mtfp', sub: 'savings', ...register })
  })

  router.get('/mtfp/reserves', async (_req, res) => {
    const forecast = await services.reserves.forecast(await services.mtfp.netSpending())
    res.render('pages/reserves', {
      title: 'Reserves forecast',
      nav: 'mtfp',
      sub: 'reserves',
      chart: forecast.years.length > 0,
      ...forecast,
    })
  })
}
