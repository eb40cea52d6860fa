// Non-cashable time saved (DOMAIN.md "Non-cashable time saved"): hours = hours per shift × shifts per officer
// per year × officers; value = hours × cost per hour; FTE = hours ÷ productive hours per FTE. Count only the
// officers who have the tool (Mobile First: the 2,200 device holders, not the whole establishment).
import { Decimal, type DecimalValue } from './money'

export interface TimeSavedInput {
  hoursPerShift: DecimalValue
  shiftsPerOfficerPerYear: DecimalValue
  officers: DecimalValue
  costPerHour: DecimalValue
  productiveHoursPerFte: DecimalValue
}

export interface TimeSaved {
  hours: Decimal
  value: Decimal
  fte: Decimal
}

export function timeSaved(input: TimeSavedInput): TimeSaved {
  const named: [string, DecimalValue][] = [
    ['hours per shift', input.hoursPerShift],
    ['shifts per officer per year', input.shiftsPerOfficerPerYear],
    ['officers', input.officers],
    ['cost per hour', input.costPerHour],
    ['productive hours per FTE', input.productiveHoursPerFte],
  ]
  for (const [name, value] of named) {
    const d = new Decimal(value)
    if (!d.isFinite() || d.isNegative())
      throw new RangeError(`The ${name} must be a number of 0 or more: ${String(value)} is not`)
  }
  const productive = new Decimal(input.productiveHoursPerFte)
  if (productive.isZero()) throw new RangeError('The productive hours per FTE must be more than 0')
  const hours = new Decimal(input.hoursPerShift).times(input.shiftsPerOfficerPerYear).times(input.officers)
  return { hours, value: hours.times(input.costPerHour), fte: hours.dividedBy(productive) }
}

/** Where a benefit input comes from. */
export type InputBasis = 'document' | 'derived' | 'assumption'

export const INPUT_BASES: readonly [InputBasis, ...InputBasis[]] = ['document', 'derived', 'assumption']

/** A time-saved value's basis from its source text: none, or one that starts "Assumption", is an assumption. */
export function basisOfSource(source: string | null | undefined): InputBasis {
  const s = (source ?? '').trim()
  return s === '' || /^assum/i.test(s) ? 'assumption' : 'document'
}

export interface InputCounts {
  document: number
  derived: number
  assumption: number
}

/** How many of a programme's benefit inputs are from documents, derived from them, or assumed. */
export function countInputs(bases: InputBasis[]): InputCounts {
  const counts: InputCounts = { document: 0, derived: 0, assumption: 0 }
  for (const b of bases) counts[b] += 1
  return counts
}
