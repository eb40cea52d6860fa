// Issue #11: how the capital programme is paid for. Each capital budget line's spend in a year is financed by sources
// (capital receipts, capital grants, revenue contributions, reserves, borrowing), kept by line and year beside its
// budget so that slipping a scheme moves its spend and its financing in one change. A line belongs to an asset class,
// which carries the MRP policy (straight line or annuity, with the asset life). Capital receipts are a ledger: each is
// received once and its uses (financing rows naming it) may not exceed it. External debt is the loans taken, with their
// rates; investment income and the opening CFR are kept by year with their sources.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('asset_classes', (t) => {
    t.increments('id')
    t.string('code', 40).notNullable().unique()
    t.string('name', 200).notNullable()
    t.integer('life_years').notNullable()
    t.string('mrp_method', 20).notNullable() // straight_line | annuity
    t.string('annuity_rate_percent', 12) // annuity only, e.g. "3.5"
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })
  await knex.schema.alterTable('budget_lines', (t) => {
    t.integer('asset_class_id').references('id').inTable('asset_classes')
  })
  await knex.schema.createTable('capital_receipts', (t) => {
    t.increments('id')
    t.string('description', 300).notNullable()
    t.integer('fy_received').notNullable()
    t.bigInteger('amount_pence') // null: the amount is not given (it finances nothing until it is)
    t.integer('decision_id').references('id').inTable('decisions')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })
  await knex.schema.createTable('capital_financing', (t) => {
    t.increments('id')
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    // capital_receipts | capital_grants | revenue_contributions | reserves | borrowing
    t.string('source', 24).notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.integer('capital_receipt_id').references('id').inTable('capital_receipts')
    t.integer('reserve_id').references('id').inTable('reserves')
    t.boolean('illustrative').notNullable().defaultTo(false)
    // Index: a year's financing by source (the capital programme and its financing page).
    t.index(['fy_start'])
    // Index: one scheme's financing by year (its financing form, its row's check).
    t.index(['budget_line_id', 'fy_start'])
  })
  await knex.schema.createTable('loans', (t) => {
    t.increments('id')
    t.string('name', 200).notNullable()
    t.string('lender', 200)
    t.bigInteger('principal_pence').notNullable()
    t.string('rate_percent', 12).notNullable()
    t.integer('taken_fy').notNullable()
    t.integer('repaid_fy')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })
  await knex.schema.createTable('treasury_years', (t) => {
    t.integer('fy_start').primary()
    t.bigInteger('investment_income_pence').notNullable().defaultTo(0)
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
  })
  await knex.schema.createTable('capital_settings', (t) => {
    t.integer('id').primary() // one row: 1
    t.integer('opening_fy').notNullable()
    // The CFR at the start of opening_fy, from capital spend before the tracker's programme, and its MRP policy.
    t.bigInteger('opening_cfr_pence').notNullable()
    t.integer('opening_cfr_life_years').notNullable()
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('capital_settings')
  await knex.schema.dropTable('treasury_years')
  await knex.schema.dropTable('loans')
  await knex.schema.dropTable('capital_financing')
  await knex.schema.dropTable('capital_receipts')
  await knex.schema.alterTable('budget_lines', (t) => {
    t.dropColumn('asset_class_id')
  })
  await knex.schema.dropTable('asset_classes')
}
