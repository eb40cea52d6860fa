// Reference data a page needs besides figures: the RAG policy, and a health probe.
import type { Db } from './db'
import { Decimal } from '../domain/money'
import { DEFAULT_RAG_POLICY, type RagPolicy } from '../domain/variance'

interface RagPolicyRow {
  green_over_limit: string
  red_over_limit: string
  amber_under_limit: string
  red_under_limit: string | null
}

export async function defaultRagPolicy(db: Db): Promise<RagPolicy> {
  const row = (await db('rag_policies').where('is_default', true).first()) as RagPolicyRow | undefined
  if (!row) return DEFAULT_RAG_POLICY
  return {
    greenOverLimit: new Decimal(row.green_over_limit),
    redOverLimit: new Decimal(row.red_over_limit),
    amberUnderLimit: new Decimal(row.amber_under_limit),
    redUnderLimit: row.red_under_limit === null ? null : new Decimal(row.red_under_limit),
  }
}

/** A real round trip to the database. */
export async function ping(db: Db): Promise<void> {
  await db.raw('select 1 as ok')
}
