// Benefit realisation (issue #4): what a programme has actually saved each year, and for a cashable saving
// where it was banked: the budget line and year it was removed from, and the decision that removed it.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('benefit_realisations', (t) => {
    t.increments('id')
    t.integer('programme_id').notNullable().references('id').inTable('programmes')
    t.integer('fy_start').notNullable()
    t.bigInteger('cashable_pence')
    t.string('hours', 40) // decimal as text
    t.integer('banked_budget_line_id').references('id').inTable('budget_lines')
    t.integer('banked_fy')
    t.integer('decision_id').references('id').inTable('decisions')
    t.text('note')
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    // Index: a programme's benefits realised, by year (its appraisal).
    t.index(['programme_id', 'fy_start'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('benefit_realisations')
}
