// Capital financing (issue #11): MRP schedules, the CFR, interest on external debt only, and the financing-cost ratio.
import fc from 'fast-check'
import { Decimal } from '../../server/domain/money'
import {
  cfrByYear,
  externalDebt,
  financingCostRatio,
  interestOn,
  mrpAnnuity,
  mrpStraightLine,
  unfinanced,
} from '../../server/domain/capital-financing'

const sum = (xs: { mrp: Decimal }[]) => xs.reduce((a, x) => a.plus(x.mrp), new Decimal(0))

describe('MRP', () => {
  it('straight line: £4.2m over 5 years is £840,000 a year, closing at nothing', () => {
    const s = mrpStraightLine('4200000', 5)
    expect(s.map((y) => y.mrp.toString())).toEqual(['840000', '840000', '840000', '840000', '840000'])
    expect(s.map((y) => y.closingBalance.toString())).toEqual(['3360000', '2520000', '1680000', '840000', '0'])
    expect(s[0]?.year).toBe(1)
  })

  it('annuity: £1m over 3 years at 5% rises by 5% a year and sums to the principal', () => {
    const s = mrpAnnuity('1000000', 3, '0.05')
    // First principal part: 1,000,000 × 0.05 / (1.05³ − 1) = 317,208.56…
    expect(s[0]?.mrp.toFixed(2)).toBe('317208.56')
    expect(s[1]?.mrp.dividedBy(s[0]?.mrp ?? 1).toFixed(10)).toBe('1.0500000000')
    expect(sum(s).toString()).toBe('1000000')
    expect(s[2]?.closingBalance.toString()).toBe('0')
  })

  it('refuses a life that is not a whole number of years, and a negative rate; a rate of 0 is straight line', () => {
    expect(() => mrpStraightLine(100, 0)).toThrow(RangeError)
    expect(() => mrpStraightLine(100, 2.5)).toThrow(RangeError)
    expect(() => mrpAnnuity(100, 4, '-0.01')).toThrow(RangeError)
    expect(mrpAnnuity(100, 4, 0).map((y) => y.mrp.toString())).toEqual(['25', '25', '25', '25'])
  })

  const principal = fc.integer({ min: 1, max: 10_000_000_000 }).map((p) => new Decimal(p).dividedBy(100))
  const life = fc.integer({ min: 1, max: 60 })
  const rate = fc.integer({ min: 1, max: 1500 }).map((bp) => new Decimal(bp).dividedBy(10_000))

  // Unrounded thirds and sevenths cannot be added exactly in any decimal arithmetic: "sums to" is to within a
  // trillionth of a penny (the schedules are rounded to the penny only when shown or charged).
  const near = (a: Decimal, b: Decimal) => a.minus(b).abs().lessThan('0.00000000000001')

  it('a straight-line schedule sums to the principal (any principal and life)', () => {
    fc.assert(
      fc.property(principal, life, (p, n) => {
        const s = mrpStraightLine(p, n)
        expect(s).toHaveLength(n)
        expect(near(sum(s), p)).toBe(true)
        expect(s[n - 1]?.closingBalance.isZero()).toBe(true)
      }),
    )
  })

  it('an annuity schedule sums to the principal and its MRP rises each year (any principal, life and rate)', () => {
    fc.assert(
      fc.property(principal, life, rate, (p, n, r) => {
        const s = mrpAnnuity(p, n, r)
        expect(near(sum(s), p)).toBe(true)
        for (let i = 1; i < n - 1; i++) expect(s[i]?.mrp.greaterThan(s[i - 1]?.mrp ?? 0)).toBe(true)
        // The last year takes the remainder: within a millionth of a penny of the rising pattern.
        if (n > 1)
          expect(
            s[n - 1]?.mrp
              .minus(s[n - 2]?.mrp.times(r.plus(1)) ?? 0)
              .abs()
              .lessThan('0.00000001'),
          ).toBe(true)
      }),
    )
  })
})

describe('the capital financing requirement', () => {
  it('falls by exactly the MRP charged and rises by the borrowing (any figures)', () => {
    const money = fc.integer({ min: 0, max: 5_000_000_000 }).map((p) => new Decimal(p).dividedBy(100))
    fc.assert(
      fc.property(money, fc.array(fc.record({ borrowing: money, mrp: money }), { maxLength: 10 }), (opening, ys) => {
        const cfr = cfrByYear(
          opening,
          ys.map((y, i) => ({ fyStart: 2017 + i, ...y })),
        )
        cfr.forEach((y, i) => {
          expect(y.closing.equals(y.opening.plus(y.borrowing).minus(y.mrp))).toBe(true)
          if (i > 0) expect(y.opening.equals(cfr[i - 1]?.closing ?? 0)).toBe(true)
        })
      }),
    )
  })
})

describe('interest and external debt', () => {
  const loans = [
    { principal: '10000000', rate: '0.045', takenFy: 2018, repaidFy: 2028 },
    { principal: '5000000', rate: '0.03', takenFy: 2020, repaidFy: null },
  ]
  it('charges interest only on loans outstanding in the year', () => {
    expect(interestOn(loans, 2017).toString()).toBe('0')
    expect(interestOn(loans, 2018).toString()).toBe('450000')
    expect(interestOn(loans, 2020).toString()).toBe('600000')
    expect(interestOn(loans, 2028).toString()).toBe('150000')
    expect(externalDebt(loans, 2021).toString()).toBe('15000000')
  })
})

describe('the financing-cost ratio', () => {
  it('is (interest + MRP − investment income) ÷ net revenue stream, in percent', () => {
    expect(
      financingCostRatio({
        interest: '600000',
        mrp: '2400000',
        investmentIncome: '200000',
        netRevenueStream: '332600000',
      }).toFixed(4),
    ).toBe('0.8419')
    expect(() => financingCostRatio({ interest: 1, mrp: 1, investmentIncome: 0, netRevenueStream: 0 })).toThrow(
      RangeError,
    )
  })

  it('rises with interest (any figures)', () => {
    const money = fc.integer({ min: 0, max: 1_000_000_000 })
    fc.assert(
      fc.property(
        money,
        money,
        money,
        money,
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (a, b, mrp, income, stream) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          const at = (interest: number) =>
            financingCostRatio({ interest, mrp, investmentIncome: income, netRevenueStream: stream })
          expect(at(high).greaterThanOrEqualTo(at(low))).toBe(true)
        },
      ),
    )
  })
})

describe('a year’s financing against its spend', () => {
  it('says by how much financing falls short of, or exceeds, the spend', () => {
    expect(unfinanced('1000', { capital_receipts: '200', borrowing: '800' }).toString()).toBe('0')
    expect(unfinanced('1000', { capital_grants: '300' }).toString()).toBe('700')
    expect(unfinanced('1000', { reserves: '1200' }).toString()).toBe('-200')
  })
})
