// Issue #10: reserves. The general reserve and each earmarked reserve, with its purpose and source; its balance at the
// start of its first year; and its planned contributions and uses by year. The general reserve carries the minimum
// policy (a percentage of the net revenue budget) and the CFO's risk-based justification.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reserves', (t) => {
    t.increments('id')
    t.string('code', 60).notNullable().unique()
    t.string('name', 200).notNullable()
    t.string('kind', 10).notNullable() // general | earmarked
    t.text('purpose')
    t.integer('opening_fy').notNullable()
    t.bigInteger('opening_pence').notNullable()
    t.string('minimum_percent', 10) // general reserve: e.g. "3" (of the net revenue budget)
    t.text('minimum_basis')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })
  await knex.schema.createTable('reserve_flows', (t) => {
    t.increments('id')
    t.integer('reserve_id').notNullable().references('id').inTable('reserves')
    t.integer('fy_start').notNullable()
    t.bigInteger('contribution_pence').notNullable().defaultTo(0)
    t.bigInteger('use_pence').notNullable().defaultTo(0)
    t.text('note')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.unique(['reserve_id', 'fy_start'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reserve_flows')
  await knex.schema.dropTable('reserves')
}
