// Accounts, for administrators.
import type { Router, Response } from 'express'
import type { Services } from '../services'
import { canManageAccounts, ROLE_NAMES, ROLES } from '../domain/access'
import { allow } from './guards'
import { fySlug } from '../domain/financial-year'
import { formRoute, idParam, param } from './form-helpers'

export function accountForms(router: Router, services: Services): void {
  const admins = allow(canManageAccounts, 'manage accounts')
  const accountsPage = async (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render('pages/accounts', {
      title: 'Accounts',
      nav: 'accounts',
      accounts: await services.auth.accounts(res.locals.viewer),
      owners: (await services.lineAdmin.formData()).owners,
      roleOptions: ROLES.map((r) => ({ code: r, name: ROLE_NAMES[r] })),
      closedYears: await services.yearLocks.closedYears(),
      values: { role: 'panel' },
      ...extra,
    })
  formRoute(router, {
    path: '/accounts',
    guard: admins,
    load: () => null,
    // A refused form never shows the password typed back.
    render: (res, { status, context: _none, locals }) =>
      accountsPage(res, status, { ...locals, values: { ...(locals.values as Record<string, unknown>), password: '' } }),
    values: () => ({ role: 'panel' }),
    save: ({ viewer, context: _none, body }) => services.auth.createFromForm(viewer, body),
  })
  formRoute(router, {
    path: '/accounts',
    postPath: '/accounts/:id/active',
    guard: admins,
    load: (req) => idParam(req, 'An account'),
    render: (res, { status, context: _id, locals }) => accountsPage(res, status, locals),
    save: ({ viewer, context: id, body }) => services.auth.setActive(viewer, id, body),
  })
  formRoute(router, {
    path: '/years/:fy/reopen',
    guard: admins,
    load: (req) => services.yearLocks.load(param(req, 'fy')),
    render: (res, { status, context: lock, locals }) =>
      res.status(status).render('pages/year-reopen', {
        title: lock.reopened ? 'Close a year again' : 'Reopen a closed year',
        nav: 'accounts',
        lock,
        ...locals,
      }),
    values: () => ({}),
    save: ({ viewer, context: lock, body }) => services.yearLocks.setReopened(viewer, fySlug(lock.fyStart), body),
  })
}
