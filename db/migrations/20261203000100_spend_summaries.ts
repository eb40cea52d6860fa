// Issue #9: the sum and count of transactions per budget line, financial year and period, kept in the same database
// transaction as every write of transactions, so a page reads a few thousand summary rows and never the ledger.
// `npm run db:check` recomputes them from the transactions and reports any difference.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('spend_summaries', (t) => {
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.integer('fy_start').notNullable()
    t.integer('period').notNullable()
    t.bigInteger('amount_pence').notNullable()
    t.integer('transaction_count').notNullable()
    t.integer('illustrative_count').notNullable()
    t.primary(['budget_line_id', 'fy_start', 'period'])
    // Index: covering: actuals of a year's lines to a period (every page of actuals) read only the index.
    t.index(['fy_start', 'period', 'budget_line_id', 'amount_pence'], 'spend_summaries_fy_period_line')
  })
  await knex('spend_summaries').insert(
    knex('spend_transactions')
      .select(
        'budget_line_id',
        'fy_start',
        'period',
        knex.raw('sum(amount_pence)'),
        knex.raw('count(*)'),
        knex.raw('sum(case when illustrative then 1 else 0 end)'),
      )
      .groupBy('budget_line_id', 'fy_start', 'period'),
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('spend_summaries')
}
