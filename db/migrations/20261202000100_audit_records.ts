// The audit trail says which record a change belongs to in words people read, and which cell it changed:
// - record_table / record_id: the record a user edits (a cost line, a decision), also for changes to its child rows
//   (a year's budget, a sign-off, a link), so "who changed it last" in a conflict finds every change to the record;
// - record_label: the record's name at the time ("Decision OPCC.D.013.17", "Cost line “Cameras” (MOBILE-FIRST)");
// - column_name: the database column of table_name / row_id that changed (field keeps the words shown).
// Rows written before this migration keep nulls and are shown as they were.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.string('record_table', 60)
    t.string('record_id', 60)
    t.string('record_label', 300)
    t.string('column_name', 60)
    // Index: a record's history across its child rows.
    t.index(['record_table', 'record_id'])
  })
  // Field words such as "Chief Finance Officer sign-off: comments" outgrow 60 characters; SQLite does not hold
  // strings to their declared length, PostgreSQL does.
  if (String((knex.client as { config: { client: unknown } }).config.client) === 'pg')
    await knex.raw('alter table audit_events alter column field type varchar(200)')
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.dropIndex(['record_table', 'record_id'])
    t.dropColumn('record_table')
    t.dropColumn('record_id')
    t.dropColumn('record_label')
    t.dropColumn('column_name')
  })
}
