// Issue #10: the medium-term financial plan. A plan starts at a financial year (its budget year) and runs four or five
// years from the net revenue budget of the year before (its base). Its lines are the funding (each grant, the precept
// income, the collection fund) and the changes to spending (non-pay inflation, capital financing costs, growth), with
// local income as a memo line; each line has an amount a year, published or an assumption, with its source. Pay comes
// from the plan's workforce groups (FTE, average salary, NI, pension, vacancies and the award, by year); savings from
// the savings register. A reserve whose contributions and uses fund the revenue budget is marked `in_budget`: the plan
// counts its flows. Rolling a plan forward copies it as the next year's plan (`rolled_from`).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reserves', (t) => {
    t.boolean('in_budget').notNullable().defaultTo(false)
  })
  await knex.schema.createTable('mtfp_plans', (t) => {
    t.increments('id')
    t.integer('first_fy').notNullable().unique()
    t.string('status', 12).notNullable().defaultTo('draft') // draft | adopted | superseded
    t.bigInteger('base_pence').notNullable()
    t.bigInteger('base_local_income_pence').notNullable().defaultTo(0)
    t.text('base_source')
    t.text('note')
    t.timestamp('adopted_at')
    t.string('adopted_by', 200)
    t.integer('rolled_from').references('id').inTable('mtfp_plans')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now())
  })
  await knex.schema.createTable('mtfp_lines', (t) => {
    t.increments('id')
    t.integer('plan_id').notNullable().references('id').inTable('mtfp_plans')
    // grant | precept | collection_fund | local_income | non_pay_inflation | capital_financing | growth
    t.string('kind', 20).notNullable()
    t.string('name', 200).notNullable()
    t.boolean('one_off').notNullable().defaultTo(false)
    t.integer('sort').notNullable().defaultTo(0)
    t.text('note')
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    // Index: a plan's lines.
    t.index(['plan_id'])
  })
  await knex.schema.createTable('mtfp_amounts', (t) => {
    t.increments('id')
    t.integer('line_id').notNullable().references('id').inTable('mtfp_lines')
    t.integer('fy_start').notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.string('status', 12) // grants: provisional | final
    t.string('basis', 12).notNullable().defaultTo('assumption') // published | assumption
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.unique(['line_id', 'fy_start'])
  })
  await knex.schema.createTable('workforce_groups', (t) => {
    t.increments('id')
    t.integer('plan_id').notNullable().references('id').inTable('mtfp_plans')
    t.string('code', 40).notNullable()
    t.string('name', 200).notNullable()
    // The average salary at 1 April of the plan's base year, before that year's award.
    t.bigInteger('base_salary_pence').notNullable()
    t.integer('sort').notNullable().defaultTo(0)
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.unique(['plan_id', 'code'])
  })
  await knex.schema.createTable('workforce_years', (t) => {
    t.increments('id')
    t.integer('group_id').notNullable().references('id').inTable('workforce_groups')
    t.integer('fy_start').notNullable()
    t.string('fte', 20).notNullable()
    t.string('award_percent', 12).notNullable().defaultTo('0')
    t.string('ni_percent', 12).notNullable()
    t.string('pension_percent', 12).notNullable()
    t.string('vacancy_percent', 12).notNullable().defaultTo('0')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.unique(['group_id', 'fy_start'])
  })
  await knex.schema.createTable('savings', (t) => {
    t.increments('id')
    t.string('code', 60).notNullable().unique()
    t.string('name', 200).notNullable()
    t.string('owner', 200).notNullable()
    t.integer('fy_start').notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.boolean('recurring').notNullable().defaultTo(true)
    t.string('confidence', 8).notNullable() // green | amber | red
    t.boolean('delivered').notNullable().defaultTo(false)
    t.integer('delivered_line_id').references('id').inTable('budget_lines')
    t.integer('delivered_fy')
    t.text('source')
    t.text('note')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    // Index: the savings register by year (the plan's savings).
    t.index(['fy_start'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('savings')
  await knex.schema.dropTable('workforce_years')
  await knex.schema.dropTable('workforce_groups')
  await knex.schema.dropTable('mtfp_amounts')
  await knex.schema.dropTable('mtfp_lines')
  await knex.schema.dropTable('mtfp_plans')
  await knex.schema.alterTable('reserves', (t) => {
    t.dropColumn('in_budget')
  })
}
