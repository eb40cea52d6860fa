// Issue #13: budgets change during the year. A year's original budget is frozen by the Commissioner's February
// decision (`financial_years.original_frozen_at`, with the decision): each line-year keeps its original
// (`budget_amounts.original_pence`) beside its revised budget (`amount_pence`, which the dashboard and variance use).
// After the freeze a year's budget moves only by approved budget changes: each change is a record (type, reason,
// requester, status draft → submitted → approved / rejected / withdrawn, approver and when, the decision when the
// Commissioner's was needed), its movements by line and year, and, for capital slippage, the financing it moves with
// the spend; the approval applies them, in one transaction with their audit rows.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('financial_years', (t) => {
    t.timestamp('original_frozen_at')
    t.integer('original_decision_id').references('id').inTable('decisions')
  })
  await knex.schema.alterTable('budget_amounts', (t) => {
    t.bigInteger('original_pence') // null until the year's original budget is frozen
  })
  await knex.schema.createTable('budget_changes', (t) => {
    t.increments('id')
    t.integer('fy_start').notNullable() // the year the change is made in
    t.string('type', 20).notNullable() // virement | slippage | new_funding | reduction | reserve_draw
    t.string('title', 200).notNullable()
    t.text('reason').notNullable()
    t.string('status', 20).notNullable().defaultTo('draft') // draft | submitted | approved | rejected | withdrawn
    t.integer('requested_by').references('id').inTable('users')
    t.string('requested_by_name', 200) // as the trail shows the requester (a seeded change has no account)
    t.timestamp('requested_at').notNullable().defaultTo(knex.fn.now())
    t.timestamp('submitted_at')
    t.integer('decided_by').references('id').inTable('users')
    t.string('decided_by_name', 200)
    t.timestamp('decided_at')
    t.text('decision_note')
    t.integer('decision_id').references('id').inTable('decisions')
    t.integer('saving_id').references('id').inTable('savings')
    t.integer('reserve_id').references('id').inTable('reserves')
    t.bigInteger('revenue_contribution_pence').notNullable().defaultTo(0)
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    // Index: the changes awaiting approval, and the approved ones the pages apply.
    t.index(['status'])
    // Index: a year's changes (the changes page, the movements of a year).
    t.index(['fy_start'])
  })
  await knex.schema.createTable('budget_change_movements', (t) => {
    t.increments('id')
    t.integer('change_id').notNullable().references('id').inTable('budget_changes')
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    t.bigInteger('amount_pence').notNullable() // signed: + adds budget to the line-year
    t.unique(['change_id', 'budget_line_id', 'fy_start'])
    // Index: the movements of a line in a year (its revised budget).
    t.index(['budget_line_id', 'fy_start'])
  })
  // Slippage moves a scheme's financing with its spend: signed amounts by source, applied with the movements.
  await knex.schema.createTable('budget_change_financing', (t) => {
    t.increments('id')
    t.integer('change_id').notNullable().references('id').inTable('budget_changes')
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    t.string('source', 24).notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.integer('capital_receipt_id').references('id').inTable('capital_receipts')
    t.integer('reserve_id').references('id').inTable('reserves')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_change_financing')
  await knex.schema.dropTable('budget_change_movements')
  await knex.schema.dropTable('budget_changes')
  await knex.schema.alterTable('budget_amounts', (t) => {
    t.dropColumn('original_pence')
  })
  await knex.schema.alterTable('financial_years', (t) => {
    t.dropForeign(['original_decision_id'])
    t.dropColumn('original_decision_id')
    t.dropColumn('original_frozen_at')
  })
}
