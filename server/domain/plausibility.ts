// What a CFO typed that is possible but unusual enough to check before it is saved: a slip of the keyboard (£9.9bn
// on a £50k line), a budget above what its decisions approved, a refund in a capital profile, a year's budget put in
// the year-end adjustments period. Each is a warning: the form says what looks wrong and saves only when the user
// ticks "I have checked these figures"; the confirmation is kept in the audit trail. The impossible is refused
// elsewhere, with the field named (a positive budget on an income line, a forecast made in a period to come).
import { fyLabel, periodLabel } from './financial-year'
import { formatMoney, fromPence } from './money'

export interface Warning {
  field: string
  message: string
}

const money = (pence: bigint) => formatMoney(fromPence(pence), 'pence')
const abs = (p: bigint) => (p < 0n ? -p : p)

/** More than this on one line in one year is checked: a large force's whole net revenue budget is a few £100m. */
export const LARGEST_PLAUSIBLE_LINE_PENCE = 10_000_000_000n // £100m

/** A year's amount more than this many times the line's largest other year is checked (£9.9bn where £50k was). */
export const JUMP_FACTOR = 20n

export interface LineYearAmount {
  fyStart: number
  field: string
  /** The amount as the form now has it (null: none). */
  pence: bigint | null
  /** The amount as it was saved (null: none). */
  before: bigint | null
}

/** Warnings on the amounts of a cost line that the save changes. */
export function lineBudgetWarnings(years: LineYearAmount[]): Warning[] {
  const warnings: Warning[] = []
  for (const y of years) {
    if (y.pence === null || y.pence === y.before) continue
    const label = `The ${fyLabel(y.fyStart)} budget of ${money(y.pence)}`
    if (abs(y.pence) > LARGEST_PLAUSIBLE_LINE_PENCE) {
      warnings.push({
        field: y.field,
        message: `${label} is more than £100m on one line in one year: check the amount`,
      })
      continue
    }
    const others = years.filter((o) => o !== y && o.pence !== null && o.pence !== 0n).map((o) => abs(o.pence ?? 0n))
    const largest = others.reduce((a, b) => (b > a ? b : a), 0n)
    if (largest > 0n && abs(y.pence) > largest * JUMP_FACTOR) {
      warnings.push({
        field: y.field,
        message: `${label} is more than ${JUMP_FACTOR.toString()} times the line's largest other year (${money(largest)}): check the amount`,
      })
    }
  }
  return warnings
}

/** A programme's whole-life budget above what the decisions linked to it commit (when any commit an amount). */
export function aboveDecisionWarning(at: {
  field: string
  programmeBudget: bigint
  committed: bigint | null
}): Warning[] {
  if (at.committed === null || at.programmeBudget <= at.committed) return []
  return [
    {
      field: at.field,
      message:
        `The programme's budget would be ${money(at.programmeBudget)}, ${money(at.programmeBudget - at.committed)} more than ` +
        `the ${money(at.committed)} its decisions commit: check the amounts, or record the decision that commits the rest`,
    },
  ]
}

/** Warnings on a monthly profile: a refund month on a capital line, most of the year put in P13. */
export function profileWarnings(at: {
  periods: Map<number, bigint>
  capital: boolean
  budgetPence: bigint
}): Warning[] {
  const warnings: Warning[] = []
  for (const [period, pence] of [...at.periods].sort((a, b) => a[0] - b[0])) {
    if (at.capital && pence < 0n) {
      warnings.push({
        field: `p${period}`,
        message: `${periodLabel(period)} is negative (${money(pence)}) on a capital line: capital spend is rarely refunded; check the amount`,
      })
    }
  }
  const adjustment = at.periods.get(13) ?? 0n
  if (adjustment !== 0n && abs(adjustment) * 2n > abs(at.budgetPence)) {
    warnings.push({
      field: 'p13',
      message: `${money(adjustment)} of the ${money(at.budgetPence)} budget is profiled in P13, which holds year-end adjustments, not spending: check the month`,
    })
  }
  return warnings
}

/** The words an audit row keeps when a user saved figures the form had asked them to check. */
export function confirmedWords(warnings: Warning[]): string {
  return `Checked and confirmed by the user: ${warnings.map((w) => w.message).join('; ')}`
}
