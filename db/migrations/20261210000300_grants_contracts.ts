// Issue #14, the published record: the Commissioner's grants (crime and disorder reduction grants, victims' services,
// other commissioning) with their recipients, purposes and conditions, and the contracts the OPCC and the Force let.
// Finance keeps both on the record path (audited); the public reads them at /transparency/grants and
// /transparency/contracts (contracts over £10,000 only, as the Order asks).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('grants', (t) => {
    t.increments('id')
    t.integer('fy_start').notNullable()
    t.string('kind', 20).notNullable() // crime_disorder | victims | commissioning
    t.string('recipient', 200).notNullable()
    t.string('purpose', 500).notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.text('conditions')
    t.date('awarded_on')
    t.string('decision_reference', 40)
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    // The published list reads a year's grants.
    t.index(['fy_start'])
  })
  await knex.schema.createTable('contracts', (t) => {
    t.increments('id')
    t.string('reference', 60).notNullable().unique()
    t.string('title', 300).notNullable()
    t.string('supplier', 200).notNullable()
    t.string('body', 10).notNullable() // OPCC | Force
    t.string('department', 100)
    t.bigInteger('value_pence').notNullable()
    t.date('start_on').notNullable()
    t.date('end_on')
    t.string('procurement_route', 200)
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contracts')
  await knex.schema.dropTable('grants')
}
