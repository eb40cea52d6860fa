// Accounts, for administrators.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { canManageAccounts, ROLE_NAMES, ROLES } from '../domain/access'
import { allow } from './guards'
import { save, idParam } from './form-helpers'

export function accountForms(router: Router, services: Services): void {
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
    save(req, res, (s, extra) => accountsPage(res, s, { ...extra, values: { ...(extra.values as Record<string, unknown>), password: '' } }), () =>
      services.auth.createFromForm(res.locals.viewer, req.body as Record<string, unknown>),
    ),
  )
  router.post('/accounts/:id/active', admins, (req, res) =>
    save(req, res, (s, extra) => accountsPage(res, s, extra), () =>
      services.auth.setActive(res.locals.viewer, idParam(req, 'An account'), req.body as Record<string, unknown>),
    ),
  )
}
