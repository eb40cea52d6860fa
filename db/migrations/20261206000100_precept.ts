// Issue #12: setting the precept. The billing authorities (13 in Kent and Medway) each declare, by year, the tax base
// (Band D equivalent properties, a decimal kept as text) and the police share of their collection fund surplus or
// deficit, with the date declared. A tax base is kept in hundredths of a Band D equivalent, so that it sums exactly. The referendum principle is data per year, with its source: a percent limit, a
// pound limit on Band D, or both (then excessive only when both are breached). A year's precept is one record that the
// statutory process fills in step by step: the proposal notified to the Panel, the Panel's report (and veto, with the
// votes and the members in office), the revised precept after a veto, the Panel's second report, and the precept
// issued; every step is an audited change of the record. The CFO's section 25 statement is kept per year, versioned.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('billing_authorities', (t) => {
    t.increments('id')
    t.string('code', 40).notNullable().unique()
    t.string('name', 200).notNullable()
    t.integer('sort').notNullable().defaultTo(0)
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })
  await knex.schema.createTable('tax_bases', (t) => {
    t.increments('id')
    t.integer('billing_authority_id').notNullable().references('id').inTable('billing_authorities')
    t.integer('fy_start').notNullable()
    // Band D equivalents in hundredths (45,123.45 is 4512345): exact, and summed exactly in SQL.
    t.bigInteger('tax_base_hundredths').notNullable()
    t.bigInteger('collection_fund_pence') // the police share: surplus positive, deficit negative; null: not declared
    t.date('declared_on')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.unique(['billing_authority_id', 'fy_start'])
    // Index: a year's tax bases from the billing authorities (the precept).
    t.index(['fy_start'])
  })
  await knex.schema.createTable('referendum_principles', (t) => {
    t.integer('fy_start').primary()
    t.string('percent', 12) // a rise of this percent or more is excessive
    t.bigInteger('pounds_pence') // a rise of more than this on Band D is excessive
    t.text('source')
    t.text('note')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
  })
  // The Panel: how many members are in office (a veto needs two-thirds of them).
  await knex.schema.createTable('panel_settings', (t) => {
    t.integer('id').primary()
    t.integer('members_in_office').notNullable()
    t.text('source')
    t.integer('version').notNullable().defaultTo(1)
  })
  await knex.schema.createTable('precepts', (t) => {
    t.integer('fy_start').primary()
    t.bigInteger('proposed_band_d_pence')
    t.string('proposed_as_typed', 100) // what was typed, e.g. "£5 a year" (a weekly figure is read as its yearly rise)
    t.date('notified_on')
    t.date('panel_report_on')
    t.string('panel_decision', 20) // supported | recommended | vetoed
    t.bigInteger('panel_recommended_band_d_pence')
    t.integer('veto_votes')
    t.integer('members_in_office')
    t.bigInteger('revised_band_d_pence')
    t.date('revised_on')
    t.date('second_report_on')
    t.string('second_report_decision', 20) // accepted | recommended (the Panel cannot veto twice)
    t.text('second_report_note')
    t.bigInteger('issued_band_d_pence')
    t.date('issued_on')
    t.text('note')
    t.text('source')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
  })
  await knex.schema.createTable('section25_statements', (t) => {
    t.integer('fy_start').primary()
    t.text('robustness').notNullable()
    t.text('reserves_adequacy').notNullable()
    t.text('reserves_risks')
    t.string('signed_by', 200)
    t.date('signed_on')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
  })
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'section25_statements',
    'precepts',
    'panel_settings',
    'referendum_principles',
    'tax_bases',
    'billing_authorities',
  ])
    await knex.schema.dropTableIfExists(table)
}
