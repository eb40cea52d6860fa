// The net revenue budget an office published for a year, with its source: the dashboard shows it beside the
// tracker's own net revenue budget, and says whether they agree.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('published_budgets', (t) => {
    t.integer('fy_start').primary()
    t.bigInteger('amount_pence').notNullable()
    t.integer('source_document_id').references('id').inTable('source_documents')
    t.text('note')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('published_budgets')
}
