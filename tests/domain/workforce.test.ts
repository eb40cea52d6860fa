// The pay cost of a workforce group: FTE × average salary, employer's NI and pension, less vacancies; a pay award
// from 1 September carries 7/12 of it in its first year and all of it after.
import fc from 'fast-check'
import { Decimal } from '../../server/domain/money'
import { payCost, payCostByYear, type WorkforceYear } from '../../server/domain/workforce'

const officers = (award: string | number): WorkforceYear => ({
  fte: 3260,
  award,
  niRate: '0.1',
  pensionRate: '0.31',
  vacancyFactor: '0.02',
})

describe('payCost', () => {
  it('adds the employer’s NI and pension to the pay, and takes the vacancy factor off the whole', () => {
    const c = payCost('40000', { fte: 100, niRate: '0.1', pensionRate: '0.31', vacancyFactor: '0.02' })
    expect(c.pay.toString()).toBe('4000000')
    expect(c.ni.toString()).toBe('400000')
    expect(c.pension.toString()).toBe('1240000')
    expect(c.vacancies.toString()).toBe('112800')
    expect(c.cost.toString()).toBe('5527200')
  })
})

describe('payCostByYear', () => {
  it('carries 7/12 of a September award in its first year and all of it after, compounding', () => {
    const years = payCostByYear('36000', [officers('0.02'), officers('0.025'), officers(0)])
    expect(years[0]?.averageSalary.toString()).toBe('36420')
    expect(years[1]?.averageSalary.toString()).toBe('37255.5')
    expect(years[2]?.averageSalary.toString()).toBe('37638')
  })

  it('an award of x% from September costs 7/12 of x% of the year’s pay bill in its first year (any figures)', () => {
    const rate = fc.integer({ min: 0, max: 200 }).map((n) => new Decimal(n).dividedBy(1000))
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 15_000, max: 90_000 }),
        rate,
        rate,
        rate,
        (fte, salary, award, pension, vacancy) => {
          const year = { fte, niRate: '0.138', pensionRate: pension, vacancyFactor: vacancy }
          const without = payCostByYear(salary, [{ ...year, award: 0 }])[0]
          const withAward = payCostByYear(salary, [{ ...year, award }])[0]
          if (!without || !withAward) throw new Error('no year')
          const expected = without.cost.times(award).times(7).dividedBy(12)
          expect(withAward.cost.minus(without.cost).minus(expected).abs().lessThan('1e-20')).toBe(true)
        },
      ),
    )
  })
})
