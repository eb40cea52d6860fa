// Issue #13, the year-end outturn: finance closes a year once its outturn is final (P13 adjustments posted, the
// underspend transferred to reserves and capital slippage rolled forward by approved budget changes). A closed year
// cannot be edited by any path, budget changes included, until an administrator reopens it (audited). Year-end
// changes (made while the year's ledger is posted to P12 but before finance closes it) are marked as such: they are
// the only changes a year posted to P12 still takes.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('financial_years', (t) => {
    t.timestamp('closed_at')
    t.string('closed_by_name', 200)
  })
  await knex.schema.alterTable('budget_changes', (t) => {
    t.boolean('year_end').notNullable().defaultTo(false)
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('budget_changes', (t) => {
    t.dropColumn('year_end')
  })
  await knex.schema.alterTable('financial_years', (t) => {
    t.dropColumn('closed_by_name')
    t.dropColumn('closed_at')
  })
}
