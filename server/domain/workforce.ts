// Pay cost of a workforce group (DOMAIN.md "Workforce"): FTE × average salary, plus the employer's National Insurance
// and pension contributions (police officers' pension 31% from 2019/20, 35.3% from 2024/25), less a vacancy factor.
// Pay awards start on 1 September, so an award's first year carries 7/12 of it (September to March) and later years
// all of it. Pure: rates are fractions (0.31 is 31%), figures unrounded.
import { Decimal, type DecimalValue } from './money'

/** Months of a financial year (April to March) from 1 September: an award's share of its first year is 7/12. */
export const AWARD_MONTHS_IN_FIRST_YEAR = 7

export interface WorkforceYear {
  fte: DecimalValue
  /** The pay award from 1 September of this year, as a fraction (0.025 is 2.5%); 0 for none. */
  award: DecimalValue
  /** Employer's National Insurance, as an average rate on pay. */
  niRate: DecimalValue
  /** Employer's pension contribution rate. */
  pensionRate: DecimalValue
  /** The share of the pay cost not spent because posts are vacant (0.02 is 2%). */
  vacancyFactor: DecimalValue
}

export interface PayCostYear {
  /** The year's average salary: the base with every earlier award in full and this year's for 7 months. */
  averageSalary: Decimal
  pay: Decimal
  ni: Decimal
  pension: Decimal
  /** Taken off for vacancies (a positive figure). */
  vacancies: Decimal
  /** pay + NI + pension − vacancies. */
  cost: Decimal
}

/** One year's cost of `fte` posts at `averageSalary`. */
export function payCost(
  averageSalary: DecimalValue,
  year: Omit<WorkforceYear, 'award'>,
): Omit<PayCostYear, 'averageSalary'> {
  const pay = new Decimal(year.fte).times(averageSalary)
  const ni = pay.times(year.niRate)
  const pension = pay.times(year.pensionRate)
  const vacancies = pay.plus(ni).plus(pension).times(year.vacancyFactor)
  return { pay, ni, pension, vacancies, cost: pay.plus(ni).plus(pension).minus(vacancies) }
}

/**
 * The cost of a workforce group year by year from `baseSalary`, the average salary at the start of the first year
 * (before that year's award): year n's average salary is the base × (1 + each earlier award) × (1 + 7/12 of year n's).
 */
export function payCostByYear(baseSalary: DecimalValue, years: readonly WorkforceYear[]): PayCostYear[] {
  let fullYear = new Decimal(baseSalary)
  return years.map((y) => {
    const award = new Decimal(y.award)
    // × (12 + 7 × award) ÷ 12: dividing last keeps a whole-pound result exact.
    const averageSalary = fullYear.times(award.times(AWARD_MONTHS_IN_FIRST_YEAR).plus(12)).dividedBy(12)
    fullYear = fullYear.times(award.plus(1))
    return { averageSalary, ...payCost(averageSalary, y) }
  })
}

/** A group's pay cost for a year as the budget holds it: to the penny (half away from zero). The plan's pay line is
 * built from these, so a budget year can balance to the penny. */
export function payBudget(cost: DecimalValue): Decimal {
  return new Decimal(cost).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}
