// Issue #9: importing ledger extracts. `ledger_codes` maps a ledger cost centre and account (subjective) code to a
// budget line; `ledger_mappings` are saved column mappings (which column of the file is which field), reused for
// next month's file; `import_batches` records every import (who, when, file, SHA-256, counts, totals, status);
// `import_rows` holds a checked file's accepted rows until it is committed (all at once) or discarded;
// `import_problems` lists its rejected rows, references already held and conflicts. Imported transactions keep
// their batch, and the ledger's other columns.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ledger_codes', (t) => {
    t.increments('id')
    t.string('cost_centre', 40).notNullable()
    t.string('account_code', 40).notNullable()
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines')
    t.string('note', 200)
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('retired_at')
    t.unique(['cost_centre', 'account_code'])
  })
  await knex.schema.createTable('ledger_mappings', (t) => {
    t.increments('id')
    t.string('name', 100).notNullable().unique()
    // JSON: { field: column heading } for each mapped field.
    t.text('columns').notNullable()
    t.integer('version').notNullable().defaultTo(1)
    t.timestamp('updated_at').notNullable().defaultTo(knex.fn.now())
  })
  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id')
    t.string('file_name', 255).notNullable()
    t.string('sha256', 64).notNullable()
    t.bigInteger('file_bytes').notNullable()
    t.string('file_kind', 8).notNullable()
    t.text('headers')
    t.integer('mapping_id').references('id').inTable('ledger_mappings')
    t.integer('fy_start').notNullable()
    // uploaded → checking → checked → committing → committed → reversed; or failed / discarded
    t.string('status', 20).notNullable()
    t.integer('rows_total')
    t.integer('rows_done').notNullable().defaultTo(0)
    t.integer('rows_accepted').notNullable().defaultTo(0)
    t.integer('rows_rejected').notNullable().defaultTo(0)
    t.integer('rows_held').notNullable().defaultTo(0)
    t.integer('rows_conflict').notNullable().defaultTo(0)
    t.bigInteger('total_pence').notNullable().defaultTo(0)
    t.boolean('keep_held_amounts').notNullable().defaultTo(false)
    t.text('error')
    t.string('created_by', 300).notNullable()
    t.integer('created_by_user_id').references('id').inTable('users')
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now())
    t.string('committed_by', 300)
    t.timestamp('committed_at')
    t.string('reversed_by', 300)
    t.timestamp('reversed_at')
    t.text('reversal_reason')
    t.integer('version').notNullable().defaultTo(1)
    // Index: the imports waiting or running (recovery at start-up, the imports page).
    t.index(['status'])
  })
  await knex.schema.createTable('import_rows', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('import_batches')
    t.integer('row_number').notNullable()
    t.string('ledger_ref', 60).notNullable()
    t.date('posted_on').notNullable()
    t.integer('fy_start').notNullable()
    t.integer('period').notNullable()
    t.integer('budget_line_id').notNullable()
    t.string('supplier', 200)
    t.string('description', 300)
    t.bigInteger('amount_pence').notNullable()
    t.string('cost_centre', 40)
    t.string('account_code', 40)
    t.bigInteger('vat_pence')
    t.bigInteger('irrecoverable_vat_pence')
    t.string('merchant_category', 100)
    t.string('department', 100)
    t.string('body', 10)
    t.boolean('individual')
    t.primary(['batch_id', 'row_number'])
    // Duplicates within a file, and references the ledger already holds, are found through this index.
    t.index(['batch_id', 'ledger_ref'])
  })
  await knex.schema.createTable('import_problems', (t) => {
    t.increments('id')
    t.integer('batch_id').notNullable().references('id').inTable('import_batches')
    t.integer('row_number').notNullable()
    // rejected | held | conflict
    t.string('kind', 10).notNullable()
    t.string('ledger_ref', 60)
    t.string('field', 40)
    t.text('reason').notNullable()
    // Index: an import's problems, by kind, in file order (its report, a page at a time).
    t.index(['batch_id', 'kind', 'row_number'])
  })
  await knex.schema.alterTable('spend_transactions', (t) => {
    // No foreign key: SQLite would rebuild the whole ledger table to add one.
    t.integer('import_batch_id')
    t.string('cost_centre', 40)
    t.string('account_code', 40)
    t.bigInteger('vat_pence')
    t.bigInteger('irrecoverable_vat_pence')
    t.string('merchant_category', 100)
    t.string('department', 100)
    t.string('body', 10)
    t.boolean('individual')
    // Index: an import's own transactions (its summary, and undoing it).
    t.index(['import_batch_id'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('spend_transactions', (t) => {
    t.dropIndex(['import_batch_id'])
    for (const c of ['import_batch_id', 'cost_centre', 'account_code', 'vat_pence', 'irrecoverable_vat_pence']) {
      t.dropColumn(c)
    }
    for (const c of ['merchant_category', 'department', 'body', 'individual']) t.dropColumn(c)
  })
  for (const table of ['import_problems', 'import_rows', 'import_batches', 'ledger_mappings', 'ledger_codes']) {
    await knex.schema.dropTable(table)
  }
}
