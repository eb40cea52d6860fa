// A programme's appraisal from its summed inputs, the rules of public money for invest-to-save schemes (pure: no
// I/O): costs and benefits by year, cashable and full economic appraisal, in real terms when an inflation
// assumption is given, switching values, the sensitivity scenarios, the claimed payback beside the computed one,
// time saved valued, and realisation to date. The data layer reads the inputs; the appraisal service joins them.
import { appraise, deflate, switchingValue, type Appraisal, type Flow } from './appraisal'
import { basisOfSource, countInputs, timeSaved, type InputCounts } from './benefits'
import { Decimal, decimalText, fromPence, type PenceValue } from './money'

export interface CostYearRow {
  programme_id: number
  fy_start: number
  capital: PenceValue
  revenue: PenceValue
}

export interface BenefitYearRow {
  programme_id: number
  fy_start: number | null
  cashable: PenceValue
  non_cashable: PenceValue
  count: PenceValue
}

export interface BenefitBasisRow {
  programme_id: number
  description: string
  kind: 'cashable' | 'non_cashable'
  basis: 'document' | 'derived' | 'assumption'
  note: string | null
}

export interface TimeSavedRow {
  id: number
  programme_id: number
  description: string
  hours_per_shift: string
  hours_per_shift_source: string | null
  shifts_per_officer_per_year: string
  shifts_source: string | null
  officers: string
  officers_source: string | null
  cost_per_hour_pence: PenceValue
  cost_per_hour_source: string | null
  productive_hours_per_fte: string
  productive_hours_source: string | null
  from_fy: number
  to_fy: number
}

export interface RealisationRow {
  id: number
  programme_id: number
  fy_start: number
  cashable_pence: PenceValue
  hours: string | null
  banked_line: string | null
  banked_owner: string | null
  banked_fy: number | null
  decision_reference: string | null
  note: string | null
}

export interface SensitivityRow {
  label: string
  costUplift: string
  benefitReduction: string
  cashable: Appraisal
  full: Appraisal
}

export interface AppraisalYear {
  t: number
  fyStart: number
  capital: Decimal
  revenue: Decimal
  cashable: Decimal
  nonCashable: Decimal
}

export interface AssumptionView extends TimeSavedRow {
  hours: Decimal
  value: Decimal
  fte: Decimal
  costPerHour: Decimal
}

export interface RealisationYear {
  fyStart: number
  plannedCashable: Decimal
  realisedCashable: Decimal | null
  plannedHours: Decimal
  realisedHours: Decimal | null
}

export interface Realisation {
  years: RealisationYear[]
  records: (RealisationRow & { cashable: Decimal | null })[]
  /** Payback on realised cashable savings against costs, for the years to the last one realised. */
  toFy: number | null
  onRealised: Appraisal | null
  yearsToDate: number
  unbanked: number
}

export interface ProgrammeAppraisal {
  code: string
  name: string
  investToSave: boolean
  firstFy: number | null
  years: AppraisalYear[]
  prices: { kind: 'real'; inflation: Decimal; source: string | null } | { kind: 'cash' }
  cashable: Appraisal
  full: Appraisal
  switching: { cashable: Decimal | null; full: Decimal | null }
  sensitivity: SensitivityRow[]
  claimed: { years: Decimal; source: string | null; differs: boolean; words: string } | null
  assumptions: AssumptionView[]
  benefitsWithoutYear: number
  hasBenefits: boolean
  realisation: Realisation
  /** Where the benefit side comes from: each benefit, and each value of each time-saved assumption. */
  inputs: InputCounts & { total: number }
  /** Benefits worked out from other figures rather than given by a document, with how. */
  derived: { description: string; kind: string; note: string | null }[]
}

/** The sensitivity scenarios: a label, the uplift to costs and the reduction of benefits (fractions). */
export const SCENARIOS: [string, string, string][] = [
  ['As planned', '0', '0'],
  ['Benefits 10% lower', '0', '0.1'],
  ['Benefits 20% lower', '0', '0.2'],
  ['Benefits 30% lower', '0', '0.3'],
  ['Costs 10% higher', '0.1', '0'],
  ['Costs 20% higher', '0.2', '0'],
  ['Costs 40% higher', '0.4', '0'],
]

export interface ProgrammeInputs {
  code: string
  name: string
  investToSave: boolean
  claimedPayback: string | null
  claimedSource: string | null
  inflation: string | null
  inflationSource: string | null
}

function assumptionViews(rows: TimeSavedRow[]): AssumptionView[] {
  return rows.map((a) => {
    const costPerHour = fromPence(a.cost_per_hour_pence)
    const t = timeSaved({
      hoursPerShift: a.hours_per_shift,
      shiftsPerOfficerPerYear: a.shifts_per_officer_per_year,
      officers: a.officers,
      costPerHour,
      productiveHoursPerFte: a.productive_hours_per_fte,
    })
    return { ...a, ...t, costPerHour }
  })
}

function realisationOf(years: AppraisalYear[], assumptions: AssumptionView[], rows: RealisationRow[]): Realisation {
  const records = rows.map((r) => ({
    ...r,
    cashable: r.cashable_pence === null || r.cashable_pence === undefined ? null : fromPence(r.cashable_pence),
  }))
  const fys = [...new Set([...years.map((y) => y.fyStart), ...rows.map((r) => r.fy_start)])].sort((a, b) => a - b)
  const realisedYears = fys.map((fyStart) => {
    const own = records.filter((r) => r.fy_start === fyStart)
    const plannedHours = assumptions
      .filter((a) => fyStart >= a.from_fy && fyStart <= a.to_fy)
      .reduce((acc, a) => acc.plus(a.hours), new Decimal(0))
    return {
      fyStart,
      plannedCashable: years.find((y) => y.fyStart === fyStart)?.cashable ?? new Decimal(0),
      realisedCashable: own.some((r) => r.cashable)
        ? own.reduce((acc, r) => acc.plus(r.cashable ?? 0), new Decimal(0))
        : null,
      plannedHours,
      realisedHours: own.some((r) => r.hours) ? own.reduce((acc, r) => acc.plus(r.hours ?? 0), new Decimal(0)) : null,
    }
  })
  const toFy = rows.length > 0 ? Math.max(...rows.map((r) => r.fy_start)) : null
  const first = years[0]?.fyStart
  const toDate = toFy === null || first === undefined ? [] : years.filter((y) => y.fyStart <= toFy)
  const onRealised =
    toDate.length === 0
      ? null
      : appraise(
          toDate.map((y) => ({
            year: y.t,
            cost: y.capital.plus(y.revenue),
            benefit: realisedYears.find((r) => r.fyStart === y.fyStart)?.realisedCashable ?? 0,
          })),
        )
  return {
    years: realisedYears,
    records,
    toFy,
    onRealised,
    yearsToDate: toDate.length,
    unbanked: records.filter((r) => r.cashable && !r.banked_line).length,
  }
}

function inputsOfBenefits(bases: BenefitBasisRow[], assumptions: TimeSavedRow[]): ProgrammeAppraisal['inputs'] {
  const timeSavedSources = assumptions.flatMap((a) => [
    a.hours_per_shift_source,
    a.shifts_source,
    a.officers_source,
    a.cost_per_hour_source,
    a.productive_hours_source,
  ])
  const counts = countInputs([...bases.map((b) => b.basis), ...timeSavedSources.map(basisOfSource)])
  return { ...counts, total: counts.document + counts.derived + counts.assumption }
}

/** How far a computed payback may be from the payback a decision claimed before the page says they differ:
 * half a year either way (a claim of "3 years" is met by 2.5 to 3.5). No payback at all always differs. */
export const CLAIM_TOLERANCE_YEARS = '0.5'

export function claimDiffers(computed: Decimal | null, claimed: Decimal): boolean {
  return computed === null || computed.minus(claimed).abs().greaterThan(CLAIM_TOLERANCE_YEARS)
}

/** The appraisal of one programme from its summed inputs (pure: no I/O). */
/** What a programme's appraisal is built from: its settings and its inputs summed in SQL. */
export interface AppraisalInputs {
  costs: CostYearRow[]
  benefits: BenefitYearRow[]
  assumptions: TimeSavedRow[]
  realised?: RealisationRow[]
  bases?: BenefitBasisRow[]
}

/** Every year from the first cost or benefit to the last, with its costs and its benefits (time saved valued). */
function appraisalYears(
  costs: CostYearRow[],
  yeared: BenefitYearRow[],
  assumptions: AssumptionView[],
): { firstFy: number | null; years: AppraisalYear[] } {
  const fys = [
    ...costs.map((c) => c.fy_start),
    ...yeared.map((b) => b.fy_start ?? 0),
    ...assumptions.flatMap((a) => [a.from_fy, a.to_fy]),
  ]
  const firstFy = fys.length > 0 ? Math.min(...fys) : null
  const lastFy = fys.length > 0 ? Math.max(...fys) : null
  const years: AppraisalYear[] =
    firstFy === null || lastFy === null
      ? []
      : Array.from({ length: lastFy - firstFy + 1 }, (_, t) => {
          const fyStart = firstFy + t
          const c = costs.find((r) => r.fy_start === fyStart)
          const b = yeared.find((r) => r.fy_start === fyStart)
          const timeValue = assumptions
            .filter((a) => fyStart >= a.from_fy && fyStart <= a.to_fy)
            .reduce((acc, a) => acc.plus(a.value), new Decimal(0))
          return {
            t,
            fyStart,
            capital: fromPence(c?.capital),
            revenue: fromPence(c?.revenue),
            cashable: fromPence(b?.cashable),
            nonCashable: fromPence(b?.non_cashable).plus(timeValue),
          }
        })
  return { firstFy, years }
}

/** The claimed payback beside the computed one, in words. */
function claimedOf(p: ProgrammeInputs, cashable: Appraisal, horizon: number): ProgrammeAppraisal['claimed'] {
  const claimedYears = p.claimedPayback === null ? null : new Decimal(p.claimedPayback)
  if (claimedYears === null) return null
  return {
    years: claimedYears,
    source: p.claimedSource,
    differs: claimDiffers(cashable.simplePayback, claimedYears),
    words:
      cashable.simplePayback === null
        ? `claimed ${claimedYears.toString()} years; on the cashable figures it does not pay back within ${horizon} years`
        : `claimed ${claimedYears.toString()} years; computed ${decimalText(cashable.simplePayback, 2)} years`,
  }
}

export function buildAppraisal(p: ProgrammeInputs, inputs: AppraisalInputs): ProgrammeAppraisal {
  const { costs, benefits } = inputs
  const realised = inputs.realised ?? []
  const bases = inputs.bases ?? []
  const assumptions = assumptionViews(inputs.assumptions)
  const { firstFy, years } = appraisalYears(
    costs,
    benefits.filter((b) => b.fy_start !== null),
    assumptions,
  )
  const inflation = p.inflation === null ? null : new Decimal(p.inflation)
  const toReal = (flows: Flow[]) => (inflation === null ? flows : deflate(flows, inflation))
  const cashableFlows = toReal(years.map((y) => ({ year: y.t, cost: y.capital.plus(y.revenue), benefit: y.cashable })))
  const fullFlows = toReal(
    years.map((y) => ({ year: y.t, cost: y.capital.plus(y.revenue), benefit: y.cashable.plus(y.nonCashable) })),
  )
  const cashable = appraise(cashableFlows)
  return {
    code: p.code,
    name: p.name,
    investToSave: p.investToSave,
    firstFy,
    years,
    prices: inflation === null ? { kind: 'cash' } : { kind: 'real', inflation, source: p.inflationSource },
    cashable,
    full: appraise(fullFlows),
    switching: { cashable: switchingValue(cashableFlows), full: switchingValue(fullFlows) },
    sensitivity: SCENARIOS.map(([label, costUplift, benefitReduction]) => ({
      label,
      costUplift,
      benefitReduction,
      cashable: appraise(cashableFlows, { costUplift, benefitReduction }),
      full: appraise(fullFlows, { costUplift, benefitReduction }),
    })),
    claimed: claimedOf(p, cashable, years.length),
    assumptions,
    benefitsWithoutYear: benefits.filter((b) => b.fy_start === null).reduce((n, b) => n + Number(b.count ?? 0), 0),
    hasBenefits: benefits.length > 0 || assumptions.length > 0 || realised.length > 0,
    realisation: realisationOf(years, assumptions, realised),
    inputs: inputsOfBenefits(bases, inputs.assumptions),
    derived: bases
      .filter((b) => b.basis === 'derived')
      .map((b) => ({ description: b.description, kind: b.kind, note: b.note })),
  }
}
