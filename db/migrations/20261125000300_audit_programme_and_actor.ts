// The audit trail names the programme a change belongs to (so a programme's history is one indexed query)
// and the account that made it. Existing rows keep nulls: they were seeds.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.integer('programme_id').references('id').inTable('programmes')
    t.integer('user_id').references('id').inTable('users')
    // Index: the audit trail of one programme, newest first.
    t.index(['programme_id', 'occurred_at'])
    // Index: the audit trail of one person, newest first.
    t.index(['user_id', 'occurred_at'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.dropIndex(['programme_id', 'occurred_at'])
    t.dropIndex(['user_id', 'occurred_at'])
    t.dropColumn('programme_id')
    t.dropColumn('user_id')
  })
}
