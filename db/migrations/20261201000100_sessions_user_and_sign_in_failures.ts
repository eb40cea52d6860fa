// Sessions name their user, so signing a user out everywhere is one indexed delete (it read every session
// before). Failed sign-ins are kept in the database, so the limit on them holds across restarts and processes,
// and counts failures only (an in-memory limiter that counted every attempt refused correct sign-ins made at
// the same moment).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.integer('user_id')
    // Index: ending an account's sessions when it is disabled or its role changes.
    t.index(['user_id'])
  })
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.bigIncrements('id')
    // The address and the email tried, lower-cased: the limit is per email from one address.
    t.string('limit_key', 400).notNullable()
    t.timestamp('failed_at').notNullable()
    // Index: the sign-in limit: failures for a key within the window.
    t.index(['limit_key', 'failed_at'])
    // Index: deleting failures older than the window.
    t.index(['failed_at'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sign_in_failures')
  await knex.schema.alterTable('sessions', (t) => {
    t.dropIndex(['user_id'])
    t.dropColumn('user_id')
  })
}
