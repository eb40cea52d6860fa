// The savings register (issue #10): each scheme with its £ a year, recurring or one-off, owner, delivery confidence as
// RAG in words, and whether it is delivered (naming the budget line and year it came off). Totals by year are summed in
// SQL; they feed the plan.
import type { Knex } from 'knex'
import { Decimal, fromPence } from '../domain/money'
import { bankedSavings, listSavings, savingsTotals, type SavingRow } from '../data/mtfp-repository'

export const CONFIDENCE_WORDS: Record<SavingRow['confidence'], string> = {
  green: 'Green: on track',
  amber: 'Amber: at risk',
  red: 'Red: unlikely without action',
}

export interface SavingsYear {
  fyStart: number
  total: Decimal
  recurring: Decimal
  oneOff: Decimal
  delivered: Decimal
  /** What approved reductions linked to savings took off the budget in the year. */
  banked: Decimal
  green: Decimal
  amber: Decimal
  red: Decimal
}

export interface SavingsRegister {
  schemes: (SavingRow & { amount: Decimal; confidenceWords: string; bankedBy: number | null })[]
  years: SavingsYear[]
  illustrative: boolean
}

async function yearTotals(db: Knex, banked: Map<number, string>): Promise<SavingsYear[]> {
  return (await savingsTotals(db)).map((r) => {
    const total = fromPence(r.total)
    const recurring = fromPence(r.recurring)
    return {
      fyStart: r.fy_start,
      total,
      recurring,
      oneOff: total.minus(recurring),
      delivered: fromPence(r.delivered),
      banked: fromPence(banked.get(r.fy_start) ?? 0),
      green: fromPence(r.green),
      amber: fromPence(r.amber),
      red: fromPence(r.red),
    }
  })
}

async function register(db: Knex): Promise<SavingsRegister> {
  const banked = await bankedSavings(db)
  const [schemes, years] = await Promise.all([listSavings(db), yearTotals(db, banked.byYear)])
  return {
    schemes: schemes.map((s) => ({
      ...s,
      bankedBy: banked.changeOf.get(s.id) ?? null,
      amount: fromPence(s.amount_pence),
      confidenceWords: CONFIDENCE_WORDS[s.confidence],
    })),
    years,
    illustrative: schemes.some((s) => s.illustrative),
  }
}

export function savingsService(db: Knex) {
  return { register: () => register(db) }
}
