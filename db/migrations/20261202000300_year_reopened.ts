// A year whose ledger is posted to P12 is closed, and its budget, profiles and forecasts are locked. An
// administrator may reopen it for changes (an audited action with its reason), and close it again.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('financial_years', (t) => {
    t.boolean('reopened').notNullable().defaultTo(false)
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('financial_years', (t) => {
    t.dropColumn('reopened')
  })
}
