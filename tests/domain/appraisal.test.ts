import fc from 'fast-check'
import { appraise, deflate, discountFactor, paybackOf, switchingValue, type Flow } from '../../server/domain/appraisal'
import { timeSaved } from '../../server/domain/benefits'
import { Decimal, type DecimalValue } from '../../server/domain/money'

const itPlatform: Flow[] = [
  { year: 0, cost: '4200000', benefit: 0 },
  ...[1, 2, 3, 4, 5].map((year) => ({ year, cost: 0, benefit: '1400000' })),
]

const close = (a: Decimal | null, b: DecimalValue, places = 12) => {
  expect(a).not.toBeNull()
  expect(a?.minus(b).abs().lessThan(new Decimal(10).pow(-places))).toBe(true)
}

describe('discountFactor (Green Book declining schedule)', () => {
  it('is 1 in year 0 and 1/1.035^t to year 30, then steps down the schedule', () => {
    expect(discountFactor(0).toString()).toBe('1')
    close(discountFactor(1), new Decimal(1).dividedBy('1.035'), 30)
    close(discountFactor(30), new Decimal(1).dividedBy(new Decimal('1.035').pow(30)), 28)
    close(discountFactor(31), discountFactor(30).dividedBy('1.03'), 30)
    close(discountFactor(75), discountFactor(30).dividedBy(new Decimal('1.03').pow(45)), 28)
    close(discountFactor(76), discountFactor(75).dividedBy('1.025'), 30)
    close(discountFactor(126), discountFactor(125).dividedBy('1.02'), 30)
    close(discountFactor(201), discountFactor(200).dividedBy('1.015'), 30)
    close(discountFactor(301), discountFactor(300).dividedBy('1.01'), 30)
  })

  it('refuses a negative or fractional year, naming it', () => {
    expect(() => discountFactor(-1)).toThrow(RangeError)
    expect(() => discountFactor(-1)).toThrow(/-1/)
    expect(() => discountFactor(2.5)).toThrow(/2\.5/)
  })
})

describe('appraise', () => {
  it("DOMAIN.md's worked check: £4.2m in year 0, £1.4m a year from year 1: payback 3.00, discounted ≈ 3.23", () => {
    const a = appraise(itPlatform)
    expect(a.simplePayback?.toDecimalPlaces(2).toString()).toBe('3')
    expect(a.discountedPayback?.toDecimalPlaces(2).toString()).toBe('3.23')
    close(a.presentValueCosts, '4200000')
    // Worked by hand, independently of discountFactor: £1.4m × (1 − 1.035^−5) ÷ 0.035 = £1.4m × 4.5150523754…
    close(a.presentValueBenefits, '6321073.325659047396748675750', 15)
    close(a.npv, '2121073.325659047396748675750', 15)
    close(a.benefitCostRatio, '1.505017458490249380178256131', 20)
  })

  it('accepts years in any order and repeated (summed), with missing years as zero', () => {
    const shuffled: Flow[] = [
      { year: 3, cost: 0, benefit: '700000' },
      { year: 1, cost: 0, benefit: '1400000' },
      { year: 0, cost: '4000000', benefit: 0 },
      { year: 3, cost: 0, benefit: '700000' },
      { year: 0, cost: '200000', benefit: 0 },
      { year: 2, cost: 0, benefit: '1400000' },
      { year: 5, cost: 0, benefit: '1400000' },
    ]
    const a = appraise(shuffled)
    expect(a.years.map((y) => y.benefit.toString())).toEqual(['0', '1400000', '1400000', '1400000', '0', '1400000'])
    expect(a.simplePayback?.toString()).toBe('3')
  })

  it('says when it never pays back, and has no ratio without costs', () => {
    const a = appraise([
      { year: 0, cost: 100, benefit: 0 },
      { year: 1, cost: 0, benefit: 10 },
    ])
    expect(a.simplePayback).toBeNull()
    expect(a.discountedPayback).toBeNull()
    expect(appraise([{ year: 1, cost: 0, benefit: 10 }]).benefitCostRatio).toBeNull()
    expect(paybackOf([new Decimal(0)])?.toString()).toBe('0')
  })

  it('applies the horizon, optimism bias and a fall in benefits', () => {
    expect(appraise(itPlatform, { horizon: 2 }).simplePayback).toBeNull()
    const biased = appraise(itPlatform, { costUplift: '0.2' })
    close(biased.presentValueCosts, '5040000')
    expect(biased.simplePayback?.toString()).toBe('3.6')
    const lower = appraise(itPlatform, { benefitReduction: '0.3' })
    expect(lower.years[1]?.benefit.toString()).toBe('980000')
  })

  it('gives the switching value: how far benefits can fall before NPV reaches zero', () => {
    const s = switchingValue(itPlatform)
    // By hand: NPV ÷ PV of benefits = 2,121,073.3257 ÷ 6,321,073.3257: benefits may fall by 33.56% before NPV is 0.
    close(s, '0.3355558805257017275977418542', 20)
    const atSwitch = appraise(itPlatform, { benefitReduction: s ?? 0 })
    close(atSwitch.npv, 0, 18)
    expect(switchingValue([{ year: 0, cost: 10, benefit: 5 }])).toBeNull()
  })

  it('deflates cash prices to base-year real prices', () => {
    const real = deflate([{ year: 2, cost: '1040.4', benefit: 0 }], '0.02')
    expect(real[0]?.cost.toString()).toBe('1000')
    expect(() => deflate([{ year: 1, cost: 1, benefit: 1 }], '-1')).toThrow(RangeError)
  })
})

const amount = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new Decimal(n))
const flowArb = fc.record({ year: fc.integer({ min: 0, max: 40 }), cost: amount, benefit: amount })
const flowsArb = fc.array(flowArb, { minLength: 1, maxLength: 15 })
// An invest-to-save shape: money out first, savings after.
const investToSave = fc
  .tuple(fc.array(amount, { minLength: 1, maxLength: 3 }), fc.array(amount, { minLength: 1, maxLength: 15 }))
  .map(([costs, savings]) => [
    ...costs.map((c, year) => ({ year, cost: c.plus(1), benefit: new Decimal(0) })),
    ...savings.map((s, i) => ({ year: costs.length + i, cost: new Decimal(0), benefit: s })),
  ])
const eps = new Decimal('1e-15')

describe('appraisal properties', () => {
  it('NPV is linear in the flows', () => {
    fc.assert(
      fc.property(flowsArb, flowsArb, fc.integer({ min: 1, max: 50 }), (a, b, k) => {
        const joint = appraise([...a, ...b]).npv
        expect(
          joint
            .minus(appraise(a).npv.plus(appraise(b).npv))
            .abs()
            .lessThan(eps),
        ).toBe(true)
        const scaled = appraise(a.map((f) => ({ ...f, cost: f.cost.times(k), benefit: f.benefit.times(k) }))).npv
        expect(scaled.minus(appraise(a).npv.times(k)).abs().lessThan(eps)).toBe(true)
      }),
    )
  })

  it('adding a zero flow changes nothing', () => {
    fc.assert(
      fc.property(flowsArb, fc.integer({ min: 0, max: 40 }), (flows, year) => {
        const last = Math.max(...flows.map((f) => f.year))
        const before = appraise(flows, { horizon: last })
        const after = appraise([...flows, { year: Math.min(year, last), cost: 0, benefit: 0 }], { horizon: last })
        expect(after.npv.equals(before.npv)).toBe(true)
        expect(String(after.simplePayback)).toBe(String(before.simplePayback))
        expect(String(after.discountedPayback)).toBe(String(before.discountedPayback))
      }),
    )
  })

  it('scaling every flow by k > 0 leaves both paybacks unchanged', () => {
    fc.assert(
      fc.property(flowsArb, fc.integer({ min: 1, max: 1000 }), (flows, k) => {
        const a = appraise(flows)
        const b = appraise(flows.map((f) => ({ ...f, cost: f.cost.times(k), benefit: f.benefit.times(k) })))
        for (const key of ['simplePayback', 'discountedPayback'] as const) {
          if (a[key] === null) expect(b[key]).toBeNull()
          else
            expect(
              b[key]
                ?.minus(a[key] ?? 0)
                .abs()
                .lessThan(eps),
            ).toBe(true)
        }
      }),
    )
  })

  it('discounted payback is never sooner than simple payback', () => {
    fc.assert(
      fc.property(investToSave, (flows) => {
        const a = appraise(flows)
        if (a.simplePayback !== null && a.discountedPayback !== null) {
          expect(a.discountedPayback.greaterThanOrEqualTo(a.simplePayback)).toBe(true)
        }
        if (a.simplePayback === null) expect(a.discountedPayback).toBeNull()
      }),
    )
  })

  it('uplifting costs never shortens payback', () => {
    fc.assert(
      fc.property(flowsArb, fc.integer({ min: 0, max: 100 }), (flows, pct) => {
        const base = appraise(flows)
        const up = appraise(flows, { costUplift: new Decimal(pct).dividedBy(100) })
        for (const key of ['simplePayback', 'discountedPayback'] as const) {
          if (up[key] !== null) {
            expect(base[key]).not.toBeNull()
            expect(up[key]?.greaterThanOrEqualTo(base[key] ?? 0)).toBe(true)
          }
        }
      }),
    )
  })
})

describe('timeSaved', () => {
  it('counts hours, value and FTE for the officers who have the tool', () => {
    const t = timeSaved({
      hoursPerShift: 1,
      shiftsPerOfficerPerYear: 200,
      officers: 2200,
      costPerHour: '30',
      productiveHoursPerFte: 1650,
    })
    expect(t.hours.toString()).toBe('440000')
    expect(t.value.toString()).toBe('13200000')
    expect(t.fte.toDecimalPlaces(2).toString()).toBe('266.67')
  })

  it('refuses negative inputs and zero productive hours, naming them', () => {
    expect(() =>
      timeSaved({
        hoursPerShift: -1,
        shiftsPerOfficerPerYear: 1,
        officers: 1,
        costPerHour: 1,
        productiveHoursPerFte: 1,
      }),
    ).toThrow(/hours per shift/)
    expect(() =>
      timeSaved({
        hoursPerShift: 1,
        shiftsPerOfficerPerYear: 1,
        officers: 1,
        costPerHour: 1,
        productiveHoursPerFte: 0,
      }),
    ).toThrow(/productive hours/)
  })
})
