// What a decision commits, by financial year (OPCC.D.013.17 commits £535k in 2017/18 and £460k a year to
// 2020/21: £1,915,000, which one amount on the programme link hid), and when it was taken where no sign-off
// gives the date. A decision may have no reference number when its record gives none (the 2015 key decisions):
// the register says so rather than invent one. Amounts already on programme links move into commitments with
// no year, so no amount is lost.
import type { Knex } from 'knex'

// SQLite changes a column's NOT NULL by rebuilding the table, which it can do while other tables' rows point at
// it only with foreign keys off, and that pragma is ignored inside a transaction: so this migration is not wrapped
// in one, knex's rebuild turns the checks off and on around itself, and the rest runs in a transaction of its own.
export const config = { transaction: false }

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.string('reference', 40).nullable().alter()
  })
  await knex.transaction(async (trx) => {
    await trx.schema.alterTable('decisions', (t) => {
      // As the source gives it, e.g. "July to September 2015 (reported to the Panel on 22 September 2015)".
      t.string('decided_when', 200)
    })
    await createCommitments(trx)
  })
}

async function createCommitments(knex: Knex.Transaction): Promise<void> {
  await knex.schema.createTable('decision_commitments', (t) => {
    t.increments('id')
    t.integer('decision_id').notNullable().references('id').inTable('decisions')
    t.integer('fy_start') // null: the decision gives no year
    t.bigInteger('amount_pence').notNullable()
    t.text('note')
    // Index: a decision's commitments by year (the register and the decision page).
    t.index(['decision_id', 'fy_start'])
  })
  await knex.raw(
    `insert into decision_commitments (decision_id, fy_start, amount_pence, note)
     select decision_id, null, amount_pence, 'Amount that was recorded on the programme link, with no year'
     from decision_programmes where amount_pence is not null`,
  )
  await knex('decision_programmes').update({ amount_pence: null })
}

// Puts each decision's commitments back on its first programme link as one amount (the years are lost), and
// requires a reference again: refused while any decision has none, rather than inventing one.
export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    const unnumbered = await trx('decisions').whereNull('reference').count<{ n: string | number }[]>({ n: '*' }).first()
    if (Number(unnumbered?.n ?? 0) > 0)
      throw new Error('Some decisions have no reference: give them one before reverting this migration')
    const totals = await trx('decision_commitments')
      .groupBy('decision_id')
      .select('decision_id')
      .sum({ total: 'amount_pence' })
    for (const t of totals as { decision_id: number; total: string | number }[]) {
      const link = await trx('decision_programmes')
        .where('decision_id', t.decision_id)
        .orderBy('id')
        .first<{ id: number } | undefined>('id')
      if (link)
        await trx('decision_programmes')
          .where('id', link.id)
          .update({ amount_pence: String(t.total) })
    }
    await trx.schema.dropTable('decision_commitments')
  })
  await knex.schema.alterTable('decisions', (t) => {
    t.dropColumn('decided_when')
  })
  await knex.schema.alterTable('decisions', (t) => {
    t.string('reference', 40).notNullable().alter()
  })
}
