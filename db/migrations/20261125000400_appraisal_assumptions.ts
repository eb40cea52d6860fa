// Appraisal inputs (issue #4): the payback a programme's decision claims, the inflation assumption that turns
// cash prices into real prices, and time-saved assumptions for non-cashable benefits, each with its source.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('programmes', (t) => {
    t.string('claimed_payback_years', 20) // decimal as text, e.g. "3"
    t.text('claimed_payback_source')
    t.string('inflation_rate', 20) // decimal as text, e.g. "0.02"; null: the appraisal is in cash prices
    t.text('inflation_source')
  })

  await knex.schema.createTable('time_saved_assumptions', (t) => {
    t.increments('id')
    t.integer('programme_id').notNullable().references('id').inTable('programmes')
    t.string('description', 300).notNullable()
    // Decimals as text, each with where it comes from ("assumption" when no document gives it).
    t.string('hours_per_shift', 20).notNullable()
    t.text('hours_per_shift_source')
    t.string('shifts_per_officer_per_year', 20).notNullable()
    t.text('shifts_source')
    t.string('officers', 20).notNullable()
    t.text('officers_source')
    t.bigInteger('cost_per_hour_pence').notNullable()
    t.text('cost_per_hour_source')
    t.string('productive_hours_per_fte', 20).notNullable()
    t.text('productive_hours_source')
    t.integer('from_fy').notNullable()
    t.integer('to_fy').notNullable()
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    // Index: a programme's time-saved assumptions (its appraisal).
    t.index(['programme_id'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('time_saved_assumptions')
  await knex.schema.alterTable('programmes', (t) => {
    t.dropColumn('claimed_payback_years')
    t.dropColumn('claimed_payback_source')
    t.dropColumn('inflation_rate')
    t.dropColumn('inflation_source')
  })
}
