// The medium-term financial plan: net spending from the year before plus inflation and growth less savings; funding
// from grants, precept and the collection fund; the gap; the budget year must balance before the plan is adopted.
import fc from 'fast-check'
import { Decimal } from '../../server/domain/money'
import { adoptionRefusal, buildPlan, inflationOn, type PlanYearInput } from '../../server/domain/mtfp'

const year = (fyStart: number, over: Partial<PlanYearInput> = {}): PlanYearInput => ({
  fyStart,
  grants: [
    { name: 'Police grant', amount: '206000000', status: 'final' },
    { name: 'Pension grant', amount: '1000000', status: 'provisional' },
  ],
  preceptIncome: '121900000',
  collectionFund: '1200000',
  payInflation: '5000000',
  nonPayInflation: '1000000',
  growth: '3700000',
  savings: '9700000',
  useOfReserves: '3600000',
  contributionsToReserves: 0,
  oneOffSpending: '3600000',
  ...over,
})

describe('buildPlan', () => {
  it('builds each year’s net spending on the last, and finds the gap', () => {
    const plan = buildPlan('333700000', [year(2019), year(2020, { useOfReserves: 0, oneOffSpending: 0 })])
    const [first, second] = plan
    expect(first?.netSpending.toString()).toBe('333700000')
    expect(first?.funding.toString()).toBe('330100000')
    expect(first?.gap.toString()).toBe('0')
    expect(first?.reservesFundRecurring).toBe(false)
    expect(second?.base.toString()).toBe('333700000')
    expect(second?.gap.toString()).toBe('3600000')
  })

  it('flags reserves used beyond the year’s one-off spending', () => {
    const [y] = buildPlan('333700000', [year(2019, { oneOffSpending: '1000000' })])
    expect(y?.reservesFundRecurring).toBe(true)
  })

  it('holds the gap identity in every year (any figures)', () => {
    const pounds = fc
      .integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 })
      .map((p) => new Decimal(p).dividedBy(100))
    const input = fc.record({
      grants: fc.array(
        fc.record({ name: fc.constant('Grant'), amount: pounds, status: fc.constant('final' as const) }),
        { maxLength: 4 },
      ),
      preceptIncome: pounds,
      collectionFund: pounds,
      payInflation: pounds,
      nonPayInflation: pounds,
      growth: pounds,
      savings: pounds,
      useOfReserves: pounds,
      contributionsToReserves: pounds,
    })
    fc.assert(
      fc.property(pounds, fc.array(input, { minLength: 1, maxLength: 6 }), (base, inputs) => {
        const plan = buildPlan(
          base,
          inputs.map((y, i) => ({ ...y, fyStart: 2020 + i })),
        )
        plan.forEach((p, i) => {
          const y = inputs[i]
          if (!y) throw new Error('no input')
          const grants = y.grants.reduce((s, g) => s.plus(g.amount), new Decimal(0))
          const funding = grants.plus(y.preceptIncome).plus(y.collectionFund)
          expect(p.funding.equals(funding)).toBe(true)
          expect(
            p.gap.equals(p.netSpending.minus(funding).minus(y.useOfReserves).plus(y.contributionsToReserves)),
          ).toBe(true)
          expect(
            p.netSpending.equals(p.base.plus(y.payInflation).plus(y.nonPayInflation).plus(y.growth).minus(y.savings)),
          ).toBe(true)
          expect(p.base.equals(i === 0 ? base : (plan[i - 1]?.netSpending ?? 0))).toBe(true)
        })
      }),
    )
  })
})

describe('adopting a plan', () => {
  it('is refused while the budget year does not balance, naming the amount; later years may show a gap', () => {
    expect(adoptionRefusal(buildPlan('333700000', [year(2019), year(2020, { useOfReserves: 0 })]))).toBeNull()
    expect(adoptionRefusal(buildPlan('333700000', [year(2019, { useOfReserves: '3000000' })]))).toBe(
      '2019/20 does not balance: spending exceeds funding and planned use of reserves by £600,000.00. The budget year must balance (Local Government Finance Act 1992 s.42A): find savings, funding or reserves for it before the plan is adopted.',
    )
    expect(adoptionRefusal(buildPlan('333700000', [year(2019, { preceptIncome: '122000000' })]))).toMatch(
      /^2019\/20 does not balance: funding exceeds spending by £100,000\.00\./,
    )
    expect(adoptionRefusal([])).toBe('The plan has no years')
  })

  it('computes inflation on a base', () => {
    expect(inflationOn('250000000', '0.02').toString()).toBe('5000000')
  })
})
