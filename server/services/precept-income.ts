// What the precept brings the plan (issue #12): for each year with a Band D and a declared tax base, the precept the
// billing authorities pay (tax base × Band D, to the penny), and for each year some authority has declared its
// collection fund, their total. The plan takes each in place of its own precept and collection fund lines.
import type { Knex } from 'knex'
import { Decimal, fromPence } from '../domain/money'
import { preceptTotals } from '../data/precept-repository'

export interface PreceptIncome {
  /** Tax base × Band D, to the penny, by year. */
  precept: Map<number, Decimal>
  collectionFund: Map<number, Decimal>
  /** How each year's precept was reached, for the plan to say. */
  detail: Map<number, { bandD: Decimal; taxBase: Decimal }>
}

/** Tax base (hundredths) × Band D (pence) in pence, rounded half up: exact in whole numbers. */
export function preceptPence(hundredths: bigint, bandDPence: bigint): bigint {
  const product = hundredths * bandDPence
  const sign = product < 0n ? -1n : 1n
  return (sign * (sign * product + 50n)) / 100n
}

export async function preceptIncome(db: Knex): Promise<PreceptIncome> {
  const { bases, bandDs } = await preceptTotals(db)
  const out: PreceptIncome = { precept: new Map(), collectionFund: new Map(), detail: new Map() }
  for (const [fy, b] of bases) {
    if (b.fundDeclared > 0) out.collectionFund.set(fy, fromPence(b.collectionFund))
    const bandD = bandDs.get(fy)
    if (bandD === undefined) continue
    out.precept.set(fy, fromPence(preceptPence(BigInt(b.hundredths), BigInt(bandD))))
    out.detail.set(fy, { bandD: fromPence(bandD), taxBase: fromPence(b.hundredths) })
  }
  return out
}
