// A decision's money is its commitments by year (decision_commitments, since 20261201000200); the amount once kept
// on each programme link has been null ever since and nothing reads it. Dropped, so no form can write it again.
// Down puts the (empty) column back.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  const held = await knex('decision_programmes')
    .whereNotNull('amount_pence')
    .count<{ n: string | number }[]>({ n: '*' })
    .first()
  if (Number(held?.n ?? 0) > 0)
    throw new Error('Some programme links still hold an amount: move it into decision_commitments first')
  await knex.schema.alterTable('decision_programmes', (t) => {
    t.dropColumn('amount_pence')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decision_programmes', (t) => {
    t.bigInteger('amount_pence')
  })
}
