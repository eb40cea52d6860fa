// What the form tests share: posting a form as a browser would (with its CSRF token) and counting rows.
import type { Knex } from 'knex'
import { csrfOf, type Agent } from './session'

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
