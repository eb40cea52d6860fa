// Issue #14, the Panel pack: the date of the Panel meeting a pack goes to. The pack as at a year and period is for one
// meeting; "since the last meeting" (budget changes approved, decisions taken) runs from the meeting date of the pack
// before it, and a February meeting's pack adds the precept proposal and the section 25 statement. The date is kept on
// the pack's commentary record (one a year and period), written on the same form and audited with it.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('pack_commentaries', (t) => {
    t.date('meeting_date')
    // The previous meeting is the pack with the latest meeting date before this one's.
    t.index(['meeting_date'])
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('pack_commentaries', (t) => {
    t.dropIndex(['meeting_date'])
    t.dropColumn('meeting_date')
  })
}
