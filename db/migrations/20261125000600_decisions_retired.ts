// A decision recorded in error, or rescinded, is retired (withdrawn from the register), never deleted.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.timestamp('retired_at')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.dropColumn('retired_at')
  })
}
