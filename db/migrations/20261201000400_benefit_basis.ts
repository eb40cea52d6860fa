// Where each benefit's figure comes from: a document, derived from documents' figures (the IT platform's £1.4m a
// year is worked back from its three-year payback claim), or an assumption. The appraisal pages count them beside
// each headline and label derived ones, so a payback that "matches" the claim it was derived from reads as the
// circle it is. Existing benefits with a source document are 'document'; without one, 'assumption'.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('benefits', (t) => {
    t.string('basis', 20).notNullable().defaultTo('document') // document | derived | assumption
  })
  await knex('benefits').whereNull('source_document_id').update({ basis: 'assumption' })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('benefits', (t) => {
    t.dropColumn('basis')
  })
}
