// Issue #14, the published record: what the monthly list of spending over £500 needs of each ledger transaction,
// besides the VAT, merchant category, department, body and "payment to an individual" the import already keeps.
// - invoice_ref: the invoice a line belongs to. The £500 test is on the invoice's total (net of recoverable VAT), so a
//   line under £500 of a larger invoice is published; without one the transaction is its own invoice.
// - kind: supplier (or null), or payroll, tax, pension or journal: not supplier spend, never published.
// - withheld_reason: national_security, safety or crime (the prevention or detection of crime): published as withheld,
//   with the reason, and still counted in the month's total.
// - procurement_route: how value for money was obtained, as the Order asks.
// The list reads a month by posting period: the index on (fy_start, period, ...) already serves it.
import type { Knex } from 'knex'

const COLUMNS = ['invoice_ref', 'kind', 'withheld_reason', 'procurement_route']

export async function up(knex: Knex): Promise<void> {
  for (const table of ['spend_transactions', 'import_rows']) {
    await knex.schema.alterTable(table, (t) => {
      t.string('invoice_ref', 60)
      t.string('kind', 12)
      t.string('withheld_reason', 20)
      t.string('procurement_route', 100)
    })
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['spend_transactions', 'import_rows']) {
    await knex.schema.alterTable(table, (t) => {
      for (const c of COLUMNS) t.dropColumn(c)
    })
  }
}
