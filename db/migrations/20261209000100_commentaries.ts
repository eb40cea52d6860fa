// Issue #14, the Panel pack: finance writes a commentary for the pack and for each programme, as at a period of a year
// (the pack for the November meeting is "as at P8"). One record a year and period holds the pack's own commentary;
// its children hold each programme's. Saved on the record path: one transaction, an audit row a changed cell.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pack_commentaries', (t) => {
    t.increments('id')
    t.integer('fy_start').notNullable()
    t.integer('period').notNullable() // 1 (April) to 13 (the year-end adjustments)
    t.text('body') // the pack's own commentary; null when only programmes have one
    t.boolean('illustrative').notNullable().defaultTo(false)
    t.integer('version').notNullable().defaultTo(1)
    t.unique(['fy_start', 'period'])
  })
  await knex.schema.createTable('programme_commentaries', (t) => {
    t.increments('id')
    t.integer('pack_commentary_id').notNullable().references('id').inTable('pack_commentaries')
    t.integer('programme_id').notNullable().references('id').inTable('programmes')
    t.text('body').notNullable()
    t.unique(['pack_commentary_id', 'programme_id'])
    // Index: a programme's commentaries (its page, the Panel pack).
    t.index(['programme_id'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('programme_commentaries')
  await knex.schema.dropTable('pack_commentaries')
}
