// Issue #14, the published record: the Commissioner's response to the Panel's report on the proposed precept, which the
// Commissioner must give and publish (Police Reform and Social Responsibility Act 2011, Schedule 5, paragraphs 3 and 4;
// the Specified Information Order). Kept on the year's precept record, written with the precept issued, and published
// on the precept page and in the February Panel pack.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('precepts', (t) => {
    t.text('response')
    t.date('response_on')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('precepts', (t) => {
    t.dropColumn('response')
    t.dropColumn('response_on')
  })
}
