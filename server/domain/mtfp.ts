// The medium-term financial plan (DOMAIN.md "Funding and the gap"). Net spending(n) = base(n−1) + pay and non-pay
// inflation + growth − savings, where base(n−1) is the previous year's net spending (the year before the plan: its
// approved budget). Funding = each grant line + precept income + the collection fund surplus (a deficit is negative).
// The gap = net spending − funding − planned use of reserves + contributions to reserves. The budget year (the plan's
// first) must balance (Local Government Finance Act 1992 s.42A); only later years may show a gap. Pure, unrounded.
import { Decimal, formatMoney, type DecimalValue } from './money'
import { fyLabel } from './financial-year'

export interface GrantLine {
  name: string
  amount: DecimalValue
  status: 'provisional' | 'final'
}

export interface PlanYearInput {
  fyStart: number
  grants: readonly GrantLine[]
  preceptIncome: DecimalValue
  /** Surplus positive, deficit negative. */
  collectionFund: DecimalValue
  payInflation: DecimalValue
  nonPayInflation: DecimalValue
  growth: DecimalValue
  savings: DecimalValue
  useOfReserves: DecimalValue
  contributionsToReserves: DecimalValue
  /** The part of growth that is one-off (reserves may fund it without funding recurring spending). */
  oneOffSpending?: DecimalValue
}

export interface PlanYear {
  fyStart: number
  base: Decimal
  payInflation: Decimal
  nonPayInflation: Decimal
  growth: Decimal
  savings: Decimal
  netSpending: Decimal
  grants: Decimal
  preceptIncome: Decimal
  collectionFund: Decimal
  funding: Decimal
  useOfReserves: Decimal
  contributionsToReserves: Decimal
  /** Net spending − funding − use of reserves + contributions: positive is a shortfall, negative a surplus. */
  gap: Decimal
  /** Reserves are used beyond the year's one-off spending: they fund recurring spending. */
  reservesFundRecurring: boolean
}

const d = (v: DecimalValue | undefined) => new Decimal(v ?? 0)

/** The plan year by year from `base`, the net spending of the year before its first. */
export function buildPlan(base: DecimalValue, years: readonly PlanYearInput[]): PlanYear[] {
  let previous = new Decimal(base)
  return years.map((y) => {
    const payInflation = d(y.payInflation)
    const nonPayInflation = d(y.nonPayInflation)
    const growth = d(y.growth)
    const savings = d(y.savings)
    const netSpending = previous.plus(payInflation).plus(nonPayInflation).plus(growth).minus(savings)
    const grants = y.grants.reduce((sum, g) => sum.plus(g.amount), new Decimal(0))
    const preceptIncome = d(y.preceptIncome)
    const collectionFund = d(y.collectionFund)
    const funding = grants.plus(preceptIncome).plus(collectionFund)
    const useOfReserves = d(y.useOfReserves)
    const contributionsToReserves = d(y.contributionsToReserves)
    const gap = netSpending.minus(funding).minus(useOfReserves).plus(contributionsToReserves)
    const year: PlanYear = {
      fyStart: y.fyStart,
      base: previous,
      payInflation,
      nonPayInflation,
      growth,
      savings,
      netSpending,
      grants,
      preceptIncome,
      collectionFund,
      funding,
      useOfReserves,
      contributionsToReserves,
      gap,
      reservesFundRecurring: useOfReserves.greaterThan(d(y.oneOffSpending)),
    }
    previous = netSpending
    return year
  })
}

/**
 * Why a plan cannot be adopted, or null when it can: its first year (the budget year) must balance to the penny
 * (LGFA 1992 s.42A). The refusal names the amount and whether it is a shortfall or a surplus.
 */
export function adoptionRefusal(plan: readonly PlanYear[]): string | null {
  const first = plan[0]
  if (!first) return 'The plan has no years'
  const gap = first.gap.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  if (gap.isZero()) return null
  const amount = formatMoney(gap.abs(), 'pence')
  return gap.isPositive()
    ? `${fyLabel(first.fyStart)} does not balance: spending exceeds funding and planned use of reserves by ${amount}. The budget year must balance (Local Government Finance Act 1992 s.42A): find savings, funding or reserves for it before the plan is adopted.`
    : `${fyLabel(first.fyStart)} does not balance: funding exceeds spending by ${amount}. The budget year must balance (Local Government Finance Act 1992 s.42A): plan a contribution to reserves or lower the precept before the plan is adopted.`
}

/** Inflation on a base at a rate (0.02 is 2%). */
export function inflationOn(base: DecimalValue, rate: DecimalValue): Decimal {
  return new Decimal(base).times(rate)
}

/** The kinds of plan line: funding (grant, precept, collection fund), the memo of local income, and spending changes. */
export type PlanLineKind =
  'grant' | 'precept' | 'collection_fund' | 'local_income' | 'non_pay_inflation' | 'capital_financing' | 'growth'

export interface PlanLineData {
  kind: PlanLineKind
  name: string
  /** Growth for one year only: it comes off again the year after. */
  oneOff: boolean
  amounts: ReadonlyMap<number, DecimalValue>
}

export interface PlanData {
  years: readonly number[]
  /** The net revenue budget of the year before the first. */
  base: DecimalValue
  /** Local income in the year before the first. */
  baseLocalIncome: DecimalValue
  lines: readonly PlanLineData[]
  /** The workforce's pay cost by year, the base year included. */
  payCost: ReadonlyMap<number, DecimalValue>
  /** Years some workforce group has no figures for (its cost carried from the year before); by default, the years
   * `payCost` lacks. */
  payMissing?: ReadonlySet<number>
  /** Savings by the year they start: recurring savings stay off; one-off savings come back the year after. */
  savings: ReadonlyMap<number, { recurring: DecimalValue; oneOff: DecimalValue }>
  /** Planned use of and contributions to the reserves that fund the revenue budget. */
  reserves: ReadonlyMap<number, { use: DecimalValue; contribution: DecimalValue }>
  /** The capital programme's cost to the revenue budget by year (MRP + interest − investment income), the base year
   * included. When given, the change from the year before is the plan's capital financing costs, in place of any
   * capital financing line. */
  capitalCosts?: ReadonlyMap<number, DecimalValue>
  /** The precept set for a year (what the billing authorities pay: tax base × Band D, to the penny): where given for
   * a year, in place of the plan's precept lines. */
  precept?: ReadonlyMap<number, DecimalValue>
  /** The billing authorities' declared collection fund surplus (deficit negative) for a year: where given, in place of
   * the plan's collection fund lines. */
  collectionFund?: ReadonlyMap<number, DecimalValue>
}

/** How a year's spending changes from the one before, line by line (each a pressure: positive adds to spending). */
export interface SpendingChanges {
  pay: Decimal
  /** The year has no workforce figures: its pay cost is taken as the year before's. */
  payMissing: boolean
  nonPayInflation: Decimal
  capitalFinancing: Decimal
  /** The year's capital financing costs from the capital programme (MRP + interest − investment income); null when
   * the plan takes them from its own line. */
  capitalCosts: Decimal | null
  growthRecurring: Decimal
  growthOneOff: Decimal
  /** Last year's one-off growth coming off (zero or negative). */
  growthOneOffEnding: Decimal
  /** No local income line has a figure for the year: the year before's is taken. */
  localIncomeMissing: boolean
  /** Less local income is a pressure; more income lowers net spending. */
  localIncome: Decimal
  savingsRecurring: Decimal
  savingsOneOff: Decimal
  /** Last year's one-off savings coming back (zero or positive: a pressure). */
  savingsOneOffEnding: Decimal
  localIncomeAmount: Decimal
}

/** A year's pay cost; a year with no workforce figures keeps the latest year before it that has them (no change). */
function payCostOf(payCost: ReadonlyMap<number, DecimalValue>, fy: number): Decimal {
  const known = payCost.get(fy)
  if (known !== undefined) return d(known)
  const earlier = [...payCost.keys()].filter((k) => k < fy)
  return earlier.length === 0 ? new Decimal(0) : d(payCost.get(Math.max(...earlier)))
}

/** One year's input to `buildPlan`: growth gathers every change that is not pay, non-pay inflation or a saving. */
function yearInput(
  data: PlanData,
  at: { fy: number; changes: SpendingChanges; sum: (fy: number, pick: (l: PlanLineData) => boolean) => Decimal },
): PlanYearInput {
  const { fy, changes: c, sum } = at
  const reserves = data.reserves.get(fy)
  return {
    fyStart: fy,
    grants: data.lines
      .filter((l) => l.kind === 'grant')
      .map((l) => ({ name: l.name, amount: d(l.amounts.get(fy)), status: 'final' as const })),
    preceptIncome: data.precept?.has(fy) ? d(data.precept.get(fy)) : sum(fy, (l) => l.kind === 'precept'),
    collectionFund: data.collectionFund?.has(fy)
      ? d(data.collectionFund.get(fy))
      : sum(fy, (l) => l.kind === 'collection_fund'),
    payInflation: c.pay,
    nonPayInflation: c.nonPayInflation,
    growth: c.capitalFinancing
      .plus(c.growthRecurring)
      .plus(c.growthOneOff)
      .plus(c.growthOneOffEnding)
      .plus(c.localIncome)
      .plus(c.savingsOneOffEnding),
    savings: c.savingsRecurring.plus(c.savingsOneOff),
    useOfReserves: d(reserves?.use),
    contributionsToReserves: d(reserves?.contribution),
    oneOffSpending: c.growthOneOff,
  }
}

/**
 * The plan's inputs from its data: pay from the workforce's cost (the change from the year before), non-pay inflation,
 * capital financing costs, growth (one-off growth ends the year after), the change in local income, and savings
 * (one-off savings end the year after); funding from each grant, the precept and the collection fund; reserves from
 * the reserves that fund the budget. The one-off spending a use of reserves may fund without funding recurring
 * spending is the year's one-off growth.
 */
export function planInputs(data: PlanData): { inputs: PlanYearInput[]; changes: SpendingChanges[] } {
  const amountOf = (line: PlanLineData, fy: number) => d(line.amounts.get(fy))
  const sum = (fy: number, pick: (l: PlanLineData) => boolean) =>
    data.lines.filter(pick).reduce((acc, l) => acc.plus(amountOf(l, fy)), new Decimal(0))
  // Local income in a year with no figure on any local income line is the year before's (no change), flagged.
  const incomeLines = data.lines.filter((l) => l.kind === 'local_income')
  const hasIncome = (fy: number) => incomeLines.some((l) => l.amounts.has(fy))
  const localIncome = (fy: number, i: number): Decimal =>
    i < 0
      ? d(data.baseLocalIncome)
      : hasIncome(fy) || incomeLines.length === 0
        ? sum(fy, (l) => l.kind === 'local_income')
        : localIncome(fy - 1, i - 1)
  const oneOffGrowth = (fy: number) => sum(fy, (l) => l.kind === 'growth' && l.oneOff)
  const oneOffSavings = (fy: number) => d(data.savings.get(fy)?.oneOff)
  const inputs: PlanYearInput[] = []
  const changes: SpendingChanges[] = []
  const payOf = (fy: number) => payCostOf(data.payCost, fy)
  data.years.forEach((fy, i) => {
    const before = fy - 1
    const c: SpendingChanges = {
      pay: payOf(fy).minus(payOf(before)),
      payMissing: data.payMissing ? data.payMissing.has(fy) : !data.payCost.has(fy),
      localIncomeMissing: incomeLines.length > 0 && !hasIncome(fy),
      nonPayInflation: sum(fy, (l) => l.kind === 'non_pay_inflation'),
      capitalFinancing: data.capitalCosts
        ? d(data.capitalCosts.get(fy)).minus(d(data.capitalCosts.get(before)))
        : sum(fy, (l) => l.kind === 'capital_financing'),
      capitalCosts: data.capitalCosts ? d(data.capitalCosts.get(fy)) : null,
      growthRecurring: sum(fy, (l) => l.kind === 'growth' && !l.oneOff),
      growthOneOff: oneOffGrowth(fy),
      growthOneOffEnding: i === 0 ? new Decimal(0) : oneOffGrowth(before).negated(),
      localIncome: localIncome(before, i - 1).minus(localIncome(fy, i)),
      savingsRecurring: d(data.savings.get(fy)?.recurring),
      savingsOneOff: oneOffSavings(fy),
      savingsOneOffEnding: i === 0 ? new Decimal(0) : oneOffSavings(before),
      localIncomeAmount: localIncome(fy, i),
    }
    changes.push(c)
    inputs.push(yearInput(data, { fy, changes: c, sum }))
  })
  return { inputs, changes }
}
