// The budget model for the whole tracker (issue #2): budget lines with owner, type of spend, capital/revenue,
// one-off/recurring and funding; programmes as a tagged subset of lines; budget by year, monthly profiles,
// ledger actuals, forecasts; decisions with their sign-offs; benefits; an append-only audit trail.
// Money is integer pence (bigInteger: BIGINT in PostgreSQL, INTEGER in SQLite) so SUM is exact in both.
// Rates and other fractions are TEXT decimals, never summed in SQL.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('source_documents', (t) => {
    t.increments('id')
    t.string('code', 100).notNullable().unique()
    t.string('title', 300).notNullable()
    t.date('published_on')
    t.text('note')
  })

  await knex.schema.createTable('budget_owners', (t) => {
    t.increments('id')
    t.string('code', 40).notNullable().unique()
    t.string('name', 120).notNullable()
    t.integer('sort_order').notNullable().defaultTo(0)
  })

  // Types of spend (the subjective analysis). applies_to: revenue or capital.
  await knex.schema.createTable('spend_types', (t) => {
    t.increments('id')
    t.string('code', 40).notNullable().unique()
    t.string('name', 120).notNullable()
    t.string('applies_to', 10).notNullable()
    t.integer('sort_order').notNullable().defaultTo(0)
  })

  await knex.schema.createTable('funding_sources', (t) => {
    t.increments('id')
    t.string('code', 60).notNullable().unique()
    t.string('name', 200).notNullable()
    // capital_receipt, revenue_contribution, borrowing, earmarked_reserve, national_grant,
    // partner_contribution, opcc_grant, revenue_budget, capital_resources
    t.string('kind', 40).notNullable()
    t.text('note')
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })

  await knex.schema.createTable('programmes', (t) => {
    t.increments('id')
    t.string('code', 40).notNullable().unique()
    t.string('name', 200).notNullable()
    t.text('description')
    // proposed, approved, in_progress, complete, closed
    t.string('status', 20).notNullable().defaultTo('proposed')
    t.boolean('invest_to_save').notNullable().defaultTo(false)
    t.integer('source_document_id').references('id').inTable('source_documents')
    t.text('source_note')
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })

  await knex.schema.createTable('budget_lines', (t) => {
    t.increments('id')
    t.string('name', 200).notNullable()
    t.integer('programme_id').references('id').inTable('programmes')
    t.integer('budget_owner_id').notNullable().references('id').inTable('budget_owners')
    t.integer('spend_type_id').notNullable().references('id').inTable('spend_types')
    t.string('nature', 10).notNullable() // capital | revenue
    t.string('recurrence', 10).notNullable() // one_off | recurring
    t.integer('funding_source_id').references('id').inTable('funding_sources')
    t.text('note')
    t.integer('source_document_id').references('id').inTable('source_documents')
    t.string('source_reference', 200) // decision reference or the place in the document
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    // Index: a programme's lines: the programme page, its figures and appraisal join lines by programme.
    t.index(['programme_id'])
  })

  // The approved (original) budget of a line for a financial year. fy_start 2017 = 2017/18.
  await knex.schema.createTable('budget_amounts', (t) => {
    t.increments('id')
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.text('note')
    t.integer('version').notNullable().defaultTo(1)
    t.unique(['budget_line_id', 'fy_start'])
    // Index: covering: a year's budget of every line (the dashboard, the year's pages) reads only the index.
    t.index(['fy_start', 'budget_line_id', 'amount_pence'])
  })

  // A year's budget spread over periods P1 (April) … P12 (March), P13 for year-end adjustments.
  await knex.schema.createTable('budget_profiles', (t) => {
    t.increments('id')
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    t.integer('period').notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.unique(['budget_line_id', 'fy_start', 'period'])
    // Index: covering: the profile to date of a year's lines (sum up to a period) reads only the index.
    t.index(['fy_start', 'period', 'budget_line_id', 'amount_pence'])
  })

  // Ledger actuals. Income is negative. fy_start and period are the ledger's posting period, which is not
  // always the month of posted_on (DOMAIN.md "Periods").
  await knex.schema.createTable('spend_transactions', (t) => {
    t.bigIncrements('id')
    t.string('ledger_ref', 60).notNullable().unique()
    t.date('posted_on').notNullable()
    t.integer('fy_start').notNullable()
    t.integer('period').notNullable()
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.string('supplier', 200)
    t.string('description', 300)
    t.bigInteger('amount_pence').notNullable()
    t.boolean('illustrative').notNullable().defaultTo(false)
    // Covering index: the page aggregates (sum by line for a year up to a period) read only the index.
    t.index(['fy_start', 'period', 'budget_line_id', 'amount_pence'], 'spend_transactions_fy_period_line_amount')
    // Index: covering: one line's transactions by year and period (its year page, the summaries of an import's lines).
    t.index(['budget_line_id', 'fy_start', 'period', 'amount_pence'], 'spend_transactions_line_fy_period_amount')
  })

  // Forecast outturn for a line's whole year, as made in a period; the latest period's forecast counts.
  await knex.schema.createTable('forecasts', (t) => {
    t.increments('id')
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    t.integer('made_in_period').notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.text('note')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.unique(['budget_line_id', 'fy_start', 'made_in_period'])
    // Index: the forecasts of a year as made in or before a period (the latest forecast as at a period).
    t.index(['fy_start', 'made_in_period'])
  })

  await knex.schema.createTable('decisions', (t) => {
    t.increments('id')
    t.string('reference', 40).notNullable().unique()
    t.string('title', 300).notNullable()
    t.text('summary')
    t.text('decision_text')
    t.string('classification', 20).notNullable().defaultTo('open') // open | confidential
    t.boolean('published_to_panel').notNullable().defaultTo(true)
    t.string('originator', 120)
    t.integer('source_document_id').references('id').inTable('source_documents')
    t.text('note')
    t.integer('version').notNullable().defaultTo(1)
  })

  // Each sign-off keeps the date exactly as written, and the ISO date only when it is a real date.
  await knex.schema.createTable('decision_signoffs', (t) => {
    t.increments('id')
    t.integer('decision_id').notNullable().references('id').inTable('decisions')
    t.string('role', 20).notNullable() // cfo | chief_of_staff | commissioner
    t.date('signed_on')
    t.string('signed_as_written', 40)
    t.text('comments')
    t.unique(['decision_id', 'role'])
  })

  await knex.schema.createTable('decision_programmes', (t) => {
    t.increments('id')
    t.integer('decision_id').notNullable().references('id').inTable('decisions')
    t.integer('programme_id').notNullable().references('id').inTable('programmes')
    t.bigInteger('amount_pence')
    t.text('note')
    t.unique(['decision_id', 'programme_id'])
  })

  // Benefits for appraisal: cashable (£) or non-cashable (hours and their value), by year.
  await knex.schema.createTable('benefits', (t) => {
    t.increments('id')
    t.integer('programme_id').notNullable().references('id').inTable('programmes')
    t.string('kind', 20).notNullable() // cashable | non_cashable
    t.string('description', 300).notNullable()
    t.integer('fy_start')
    t.bigInteger('amount_pence')
    t.string('hours', 40) // decimal as text
    t.integer('source_document_id').references('id').inTable('source_documents')
    t.text('note')
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
  })

  // Status of each financial year's budget figures: draft (finance only) → published (Panel and public).
  await knex.schema.createTable('financial_years', (t) => {
    t.integer('fy_start').primary()
    t.string('status', 20).notNullable().defaultTo('draft')
    t.timestamp('published_at')
  })

  // RAG thresholds as data (DOMAIN.md): fractions as TEXT decimals.
  await knex.schema.createTable('rag_policies', (t) => {
    t.increments('id')
    t.string('name', 100).notNullable()
    t.string('green_over_limit', 20).notNullable()
    t.string('red_over_limit', 20).notNullable()
    t.string('amber_under_limit', 20).notNullable()
    t.string('red_under_limit', 20)
    t.boolean('is_default').notNullable().defaultTo(false)
  })

  // Append-only audit of every change of public money or of a decision.
  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id')
    t.timestamp('occurred_at').notNullable().defaultTo(knex.fn.now())
    t.string('actor', 200).notNullable()
    t.string('action', 40).notNullable() // create | update | retire | publish | seed
    t.string('table_name', 60).notNullable()
    t.string('row_id', 60).notNullable()
    t.string('field', 60)
    t.text('from_value')
    t.text('to_value')
    t.text('reason')
    // Index: a record's history (who changed what, from what to what).
    t.index(['table_name', 'row_id'])
    // Index: the audit trail, newest first and filtered by date, a page at a time.
    t.index(['occurred_at'])
  })
}

// Reverses the whole schema: this is the first migration, so nothing else depends on these tables.
export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_events',
    'rag_policies',
    'financial_years',
    'benefits',
    'decision_programmes',
    'decision_signoffs',
    'decisions',
    'forecasts',
    'spend_transactions',
    'budget_profiles',
    'budget_amounts',
    'budget_lines',
    'programmes',
    'funding_sources',
    'spend_types',
    'budget_owners',
    'source_documents',
  ]) {
    await knex.schema.dropTableIfExists(table)
  }
}
