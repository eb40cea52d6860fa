// What the form tests share: posting a form as a browser would (with its CSRF token) and counting rows.
import type { Knex } from 'knex'
import { csrfOf, type Agent } from './session'
import { postForms } from './html'

/** Opens the form at `formPath` (for its CSRF token), posts `fields` to `action`, and checks the status. */
export async function post(
  agent: Agent,
  formPath: string,
  action: string,
  fields: Record<string, string>,
  status: number,
) {
  const form = await agent.get(formPath).expect(200)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...fields })
    .expect(status)
}

export const countRows = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }).first())?.n)

/** The fields of the form posting to `action` on the page at `path`, as a browser would send them (a repeated
 * field's first value; the "checked these figures" and "retire" boxes left unticked). */
export async function formFields(agent: Agent, path: string, action = path): Promise<Record<string, string>> {
  const page = await agent.get(path).expect(200)
  const form = postForms(page.text).find((f) => f.action === action)
  if (!form) throw new Error(`No form posting to ${action} on ${path}`)
  return Object.fromEntries(
    Object.entries(form.fields)
      .filter(([name]) => name !== 'confirm_plausible' && name !== 'retire')
      .map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]),
  )
}
