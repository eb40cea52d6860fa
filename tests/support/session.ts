// Signing in through the real form (CSRF token and cookies included) for route tests.
import request from 'supertest'
import type { Express } from 'express'
import { DEMO_ACCOUNTS } from '../../seeds/demo/accounts'

export type Agent = ReturnType<typeof request.agent>

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('No CSRF token on the page')
  return match[1]
}

export async function tokenFor(agent: Agent, path = '/sign-in'): Promise<string> {
  const page = await agent.get(path)
  return csrfOf(page.text)
}

/** An agent signed in as the demo account of `role` (for approver: the Commissioner, unless `email` is given). */
export async function signedIn(
  app: Express,
  role: 'finance' | 'approver' | 'panel' | 'admin',
  email?: string,
): Promise<Agent> {
  const account = DEMO_ACCOUNTS.find((a) =>
    email ? a.email === email : a.role === role && (role !== 'approver' || a.email.startsWith('commissioner')),
  )
  if (!account) throw new Error(`No demo account for ${role}`)
  const agent = request.agent(app)
  const _csrf = await tokenFor(agent)
  const res = await agent
    .post('/sign-in')
    .type('form')
    .send({ email: account.email, password: account.password, _csrf })
  if (res.status !== 303) throw new Error(`Sign-in as ${account.email} answered ${res.status}`)
  return agent
}
