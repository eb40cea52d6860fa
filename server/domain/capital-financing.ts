// Capital financing (DOMAIN.md "Capital financing"; issue #11). Each year's capital spend is paid for by capital
// receipts, grants, revenue contributions, reserves and borrowing (the unfinanced part). The capital financing
// requirement (CFR) = opening CFR + borrowing − Minimum Revenue Provision. MRP is charged on the CFR whether or not a
// loan is taken, from the year after the spend: straight line over the asset's life, or the annuity method (the
// principal part of an annuity at a rate, so it rises each year). Interest arises only on external debt (a loan taken),
// never on internal borrowing. The prudential indicator is the ratio of financing costs (interest + MRP − investment
// income) to the net revenue stream. Pure: Decimals in, Decimals out, unrounded.
import { Decimal, type DecimalValue } from './money'

export interface MrpYear {
  /** 1 is the first year of charge: the year after the spend. */
  year: number
  mrp: Decimal
  closingBalance: Decimal
}

function checkLife(lifeYears: number): void {
  if (!Number.isInteger(lifeYears) || lifeYears < 1)
    throw new RangeError(`An asset life of ${lifeYears} years is not a whole number of years from 1`)
}

/** Straight line: the principal in equal parts over the asset's life. */
export function mrpStraightLine(principal: DecimalValue, lifeYears: number): MrpYear[] {
  checkLife(lifeYears)
  const p = new Decimal(principal)
  const each = p.dividedBy(lifeYears)
  return Array.from({ length: lifeYears }, (_, i) => {
    const year = i + 1
    // The last year takes what is left, so the schedule sums to the principal exactly.
    const closingBalance = year === lifeYears ? new Decimal(0) : p.minus(each.times(year))
    const mrp = year === lifeYears ? p.minus(each.times(lifeYears - 1)) : each
    return { year, mrp, closingBalance }
  })
}

/**
 * The annuity method: each year's MRP is the principal part of a level annual payment at `rate` (0.035 is 3.5%) that
 * repays the principal over the asset's life, so MRP rises each year by (1 + rate). At a rate of 0 it is straight line.
 */
export function mrpAnnuity(principal: DecimalValue, lifeYears: number, rate: DecimalValue): MrpYear[] {
  checkLife(lifeYears)
  const r = new Decimal(rate)
  if (r.isNegative()) throw new RangeError('An annuity rate cannot be negative')
  if (r.isZero()) return mrpStraightLine(principal, lifeYears)
  const p = new Decimal(principal)
  // First year's principal part: P × r / ((1 + r)^n − 1); each later year's is the one before × (1 + r).
  const growth = r.plus(1)
  const first = p.times(r).dividedBy(growth.pow(lifeYears).minus(1))
  let balance = p
  return Array.from({ length: lifeYears }, (_, i) => {
    const year = i + 1
    const mrp = year === lifeYears ? balance : first.times(growth.pow(i))
    balance = balance.minus(mrp)
    return { year, mrp, closingBalance: year === lifeYears ? new Decimal(0) : balance }
  })
}

export interface CfrYearInput {
  fyStart: number
  /** Capital spend not paid for by receipts, grants, revenue or reserves: it adds to the CFR. */
  borrowing: DecimalValue
  mrp: DecimalValue
}

export interface CfrYear {
  fyStart: number
  opening: Decimal
  borrowing: Decimal
  mrp: Decimal
  closing: Decimal
}

/** The CFR year by year: closing = opening + borrowing − MRP; the next year opens at the closing. */
export function cfrByYear(opening: DecimalValue, years: readonly CfrYearInput[]): CfrYear[] {
  let balance = new Decimal(opening)
  return years.map((y) => {
    const borrowing = new Decimal(y.borrowing)
    const mrp = new Decimal(y.mrp)
    const year = { fyStart: y.fyStart, opening: balance, borrowing, mrp, closing: balance.plus(borrowing).minus(mrp) }
    balance = year.closing
    return year
  })
}

export interface Loan {
  principal: DecimalValue
  /** The annual rate (0.045 is 4.5%). */
  rate: DecimalValue
  /** The financial year it was taken: a full year's interest from then (a simplification the page states). */
  takenFy: number
  /** The financial year it is repaid in (no interest after); null while outstanding. */
  repaidFy: number | null
}

/** A year's interest on external debt: every loan outstanding in the year. Internal borrowing costs no interest. */
export function interestOn(loans: readonly Loan[], fyStart: number): Decimal {
  return loans
    .filter((l) => l.takenFy <= fyStart && (l.repaidFy === null || fyStart < l.repaidFy))
    .reduce((sum, l) => sum.plus(new Decimal(l.principal).times(l.rate)), new Decimal(0))
}

/** External debt outstanding at the end of a year. */
export function externalDebt(loans: readonly Loan[], fyStart: number): Decimal {
  return loans
    .filter((l) => l.takenFy <= fyStart && (l.repaidFy === null || fyStart < l.repaidFy))
    .reduce((sum, l) => sum.plus(l.principal), new Decimal(0))
}

/** The prudential indicator: (interest + MRP − investment income) ÷ net revenue stream, in percent, unrounded. */
export function financingCostRatio(input: {
  interest: DecimalValue
  mrp: DecimalValue
  investmentIncome: DecimalValue
  netRevenueStream: DecimalValue
}): Decimal {
  const stream = new Decimal(input.netRevenueStream)
  if (stream.isZero()) throw new RangeError('The net revenue stream is zero: the ratio has no meaning')
  return new Decimal(input.interest).plus(input.mrp).minus(input.investmentIncome).dividedBy(stream).times(100)
}

/** The sources a year's capital spend is paid for from. */
export const FINANCING_SOURCES = [
  'capital_receipts',
  'capital_grants',
  'revenue_contributions',
  'reserves',
  'borrowing',
] as const
export type FinancingSource = (typeof FINANCING_SOURCES)[number]

/** How far a year's financing falls short of (positive) or exceeds (negative) its spend; zero when it matches. */
export function unfinanced(spend: DecimalValue, financing: Partial<Record<FinancingSource, DecimalValue>>): Decimal {
  return FINANCING_SOURCES.reduce((left, s) => left.minus(financing[s] ?? 0), new Decimal(spend))
}
