// The medium-term financial plan: net spending from the year before plus inflation and growth less savings; funding
// from grants, precept and the collection fund; the gap; the budget year must balance before the plan is adopted.
import fc from 'fast-check'
import { Decimal } from '../../server/domain/money'
import { adoptionRefusal, buildPlan, inflationOn, planInputs, type PlanYearInput } from '../../server/domain/mtfp'

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

describe('planInputs: the plan from its lines, workforce, savings and reserves', () => {
  const money = fc.integer({ min: -5_000_000_000, max: 50_000_000_000 }).map((p) => new Decimal(p).dividedBy(100))
  const positive = fc.integer({ min: 0, max: 50_000_000_000 }).map((p) => new Decimal(p).dividedBy(100))
  const years = [2017, 2018, 2019, 2020]

  it('one-off growth and one-off savings come off again the year after; local income nets off', () => {
    const { changes } = planInputs({
      years: [2017, 2018, 2019],
      base: '300000000',
      baseLocalIncome: '17000000',
      lines: [
        { kind: 'growth', name: 'Operation', oneOff: true, amounts: new Map([[2018, '2000000']]) },
        {
          kind: 'local_income',
          name: 'Income',
          oneOff: false,
          amounts: new Map([
            [2017, '18000000'],
            [2018, '18000000'],
            [2019, '17500000'],
          ]),
        },
      ],
      payCost: new Map([
        [2016, '200000000'],
        [2017, '204000000'],
        [2018, '206000000'],
        [2019, '206000000'],
      ]),
      savings: new Map([[2018, { recurring: '1000000', oneOff: '500000' }]]),
      reserves: new Map(),
    })
    expect(changes.map((c) => c.pay.toString())).toEqual(['4000000', '2000000', '0'])
    expect(changes.map((c) => c.growthOneOff.toString())).toEqual(['0', '2000000', '0'])
    expect(changes.map((c) => c.growthOneOffEnding.toString())).toEqual(['0', '0', '-2000000'])
    expect(changes.map((c) => c.savingsOneOffEnding.toString())).toEqual(['0', '0', '500000'])
    expect(changes.map((c) => c.localIncome.toString())).toEqual(['-1000000', '0', '500000'])
  })

  it('holds the gap identity and net spending(n) = net spending(n−1) + its changes in every year (any figures)', () => {
    fc.assert(
      fc.property(
        positive,
        fc.array(
          fc.record({
            grant: positive,
            precept: positive,
            cf: money,
            growth: money,
            oneOff: money,
            income: positive,
            pay: positive,
            saved: positive,
            once: positive,
            use: positive,
            give: positive,
          }),
          { minLength: 4, maxLength: 4 },
        ),
        (base, ys) => {
          const line = (
            kind: Parameters<typeof planInputs>[0]['lines'][number]['kind'],
            pick: (y: (typeof ys)[number]) => Decimal,
            oneOff = false,
          ) => ({
            kind,
            name: kind,
            oneOff,
            amounts: new Map(years.map((fy, i) => [fy, pick(ys[i] as (typeof ys)[number])])),
          })
          const { inputs, changes } = planInputs({
            years,
            base,
            baseLocalIncome: 0,
            lines: [
              line('grant', (y) => y.grant),
              line('precept', (y) => y.precept),
              line('collection_fund', (y) => y.cf),
              line('growth', (y) => y.growth),
              line('growth', (y) => y.oneOff, true),
              line('local_income', (y) => y.income),
            ],
            payCost: new Map([
              [2016, new Decimal(0)],
              ...years.map((fy, i): [number, Decimal] => [fy, ys[i]?.pay ?? new Decimal(0)]),
            ]),
            savings: new Map(years.map((fy, i) => [fy, { recurring: ys[i]?.saved ?? 0, oneOff: ys[i]?.once ?? 0 }])),
            reserves: new Map(years.map((fy, i) => [fy, { use: ys[i]?.use ?? 0, contribution: ys[i]?.give ?? 0 }])),
          })
          const plan = buildPlan(base, inputs)
          let previous = new Decimal(base)
          plan.forEach((y, i) => {
            const c = changes[i]
            if (!c) throw new Error('no changes')
            const sum = c.pay
              .plus(c.nonPayInflation)
              .plus(c.capitalFinancing)
              .plus(c.growthRecurring)
              .plus(c.growthOneOff)
              .plus(c.growthOneOffEnding)
              .plus(c.localIncome)
              .minus(c.savingsRecurring)
              .minus(c.savingsOneOff)
              .plus(c.savingsOneOffEnding)
            expect(y.netSpending.equals(previous.plus(sum))).toBe(true)
            expect(
              y.gap.equals(y.netSpending.minus(y.funding).minus(y.useOfReserves).plus(y.contributionsToReserves)),
            ).toBe(true)
            expect(y.funding.equals(y.grants.plus(y.preceptIncome).plus(y.collectionFund))).toBe(true)
            previous = y.netSpending
          })
          // Over the plan, pay adds up to the last year's pay cost less the base year's.
          const pay = changes.reduce((acc, c) => acc.plus(c.pay), new Decimal(0))
          expect(pay.equals(ys[3]?.pay ?? 0)).toBe(true)
        },
      ),
    )
  })
})
