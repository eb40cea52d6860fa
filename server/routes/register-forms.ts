// Finance's forms for the published registers (issue #14): the Commissioner's grants and the contracts let.
import type { Response, Router } from 'express'
import type { Services } from '../services'
import {
  contractFormValues,
  grantFormValues,
  type ContractRow,
  type GrantRow,
} from '../services/register-admin-service'
import { GRANT_KIND_WORDS, GRANT_KINDS, BODIES } from '../domain/registers'
import { formRoute, idParam, type FormPage } from './form-helpers'

const kindOptions = GRANT_KINDS.map((k) => ({ code: k, name: GRANT_KIND_WORDS[k] }))
const bodyOptions = BODIES.map((b) => ({ code: b, name: b === 'OPCC' ? 'OPCC' : 'Force (the Chief Constable)' }))

export function registerForms(router: Router, services: Services): void {
  const grantPage = (res: Response, { status, context: g, locals }: FormPage<GrantRow | null>) =>
    res.status(status).render('pages/grant-form', {
      title: g ? `Edit the grant to ${g.recipient}` : 'Add a grant',
      nav: 'transparency',
      g,
      kindOptions,
      ...locals,
    })
  formRoute(router, {
    path: '/transparency/grants/new',
    load: () => services.registerAdmin.loadGrant(null),
    render: grantPage,
    values: (g) => grantFormValues(g),
    save: ({ viewer, body }) => services.registerAdmin.saveGrant(viewer, null, body),
  })
  formRoute(router, {
    path: '/transparency/grants/:id/edit',
    load: (req) => services.registerAdmin.loadGrant(idParam(req, 'grant')),
    render: grantPage,
    values: (g) => grantFormValues(g),
    save: ({ viewer, context: g, body }) => services.registerAdmin.saveGrant(viewer, g?.id ?? null, body),
  })

  const contractPage = (res: Response, { status, context: c, locals }: FormPage<ContractRow | null>) =>
    res.status(status).render('pages/contract-form', {
      title: c ? `Edit contract ${c.reference}` : 'Add a contract',
      nav: 'transparency',
      c,
      bodyOptions,
      ...locals,
    })
  formRoute(router, {
    path: '/transparency/contracts/new',
    load: () => services.registerAdmin.loadContract(null),
    render: contractPage,
    values: (c) => contractFormValues(c),
    save: ({ viewer, body }) => services.registerAdmin.saveContract(viewer, null, body),
  })
  formRoute(router, {
    path: '/transparency/contracts/:id/edit',
    load: (req) => services.registerAdmin.loadContract(idParam(req, 'contract')),
    render: contractPage,
    values: (c) => contractFormValues(c),
    save: ({ viewer, context: c, body }) => services.registerAdmin.saveContract(viewer, c?.id ?? null, body),
  })
}
