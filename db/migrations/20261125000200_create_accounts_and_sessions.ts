// Accounts with roles (issue #3): finance, approver (finance with an approval limit for named budget owners),
// panel (read what is published to the Panel), admin (manage accounts). Sessions are kept in the database
// (the table connect-session-knex expects). Passwords are argon2id hashes, never the password.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id')
    t.string('email', 254).notNullable().unique() // stored lower-cased
    t.string('name', 200).notNullable()
    t.string('role', 20).notNullable() // finance | approver | panel | admin
    t.string('password_hash', 200).notNullable()
    // Approvers only: the largest budget change they may approve, in pence; null means no limit.
    t.bigInteger('approval_limit_pence')
    t.boolean('active').notNullable().defaultTo(true)
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now())
    t.timestamp('last_signed_in_at')
    t.integer('version').notNullable().defaultTo(1)
  })

  // The budget owners an approver may approve changes for.
  await knex.schema.createTable('user_budget_owners', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users')
    t.integer('budget_owner_id').notNullable().references('id').inTable('budget_owners')
    t.primary(['user_id', 'budget_owner_id'])
  })

  await knex.schema.createTable('sessions', (t) => {
    t.string('sid').primary()
    t.json('sess').notNullable()
    // Index: deleting expired sessions (the periodic clean-up) without reading every session.
    t.timestamp('expired').notNullable().index()
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sessions')
  await knex.schema.dropTableIfExists('user_budget_owners')
  await knex.schema.dropTableIfExists('users')
}
