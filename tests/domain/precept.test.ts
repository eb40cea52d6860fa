// Setting the precept (issue #12): band ratios, the referendum test at its exact edges, the council tax requirement,
// Band D to the penny, billing authorities' shares to the penny, and reading a proposal typed by the week.
import fc from 'fast-check'
import { Decimal, type DecimalValue } from '../../server/domain/money'
import {
  BANDS,
  bandAmounts,
  bandDFor,
  bandRises,
  billingShares,
  councilTaxRequirement,
  largestAllowedBandD,
  preceptIncome,
  readProposal,
  referendumCheck,
} from '../../server/domain/precept'

const pennies = (min: number, max: number) => fc.integer({ min, max }).map((p) => new Decimal(p).dividedBy(100))

describe('band amounts', () => {
  it('are Band D times the statutory ninths', () => {
    const b = bandAmounts('157.15')
    expect(b.D.toString()).toBe('157.15')
    expect(b.A.toFixed(2)).toBe('104.77')
    expect(b.H.toString()).toBe('314.3')
    expect(b.E.times(9).toString()).toBe(new Decimal('157.15').times(11).toString())
  })

  // Ninths do not end in decimal: unrounded, they keep their ratios to within 34 significant digits.
  const near = (a: Decimal, b: DecimalValue) => a.minus(b).abs().lessThan('1e-20')

  it('keep their ratios for any Band D', () => {
    fc.assert(
      fc.property(pennies(1, 10_000_000), (d) => {
        const b = bandAmounts(d)
        expect(near(b.H.dividedBy(b.A), 3)).toBe(true)
        expect(near(b.A.times(9).dividedBy(6), d)).toBe(true)
        expect(near(b.G.times(9).dividedBy(15), d)).toBe(true)
        expect(b.D.toString()).toBe(d.toString())
      }),
    )
  })
})

describe('the referendum test', () => {
  it('passes Kent’s 2017/18 rise of £5.00 (3.29%) within the 2% or £5 route', () => {
    const r = referendumCheck('152.15', '157.15', { percent: 2, pounds: 5 })
    expect(r.increase.toString()).toBe('5')
    expect(r.increasePercent.toFixed(2)).toBe('3.29')
    expect(r.increasePercent.toString().startsWith('3.2862')).toBe(true)
    expect(r.exceeds).toBe(false)
  })

  it('a pound limit allows exactly £5 and refuses £5.01', () => {
    expect(referendumCheck('152.15', '157.15', { pounds: 5 }).exceeds).toBe(false)
    expect(referendumCheck('152.15', '157.16', { pounds: 5 }).exceeds).toBe(true)
  })

  it('a percent limit is breached by exactly 2%, not by a penny less', () => {
    expect(referendumCheck('100.00', '102.00', { percent: 2 }).exceeds).toBe(true)
    expect(referendumCheck('100.00', '101.99', { percent: 2 }).exceeds).toBe(false)
  })

  it('with both, is excessive only when both are breached (the greater of 2% and £5)', () => {
    // 2% of £152.15 is £3.04: a £5 rise breaches the percent but not the pounds.
    expect(referendumCheck('152.15', '157.15', { percent: 2, pounds: 5 }).exceeds).toBe(false)
    expect(referendumCheck('152.15', '157.16', { percent: 2, pounds: 5 }).exceeds).toBe(true)
    // On a Band D of £300, 2% is £6: a £5.50 rise breaches the pounds but not the percent.
    expect(referendumCheck('300', '305.50', { percent: 2, pounds: 5 }).exceeds).toBe(false)
    expect(referendumCheck('300', '306', { percent: 2, pounds: 5 }).exceeds).toBe(true)
  })

  it('a year without a limit never triggers one; a fall never does', () => {
    expect(referendumCheck('100', '200', {}).exceeds).toBe(false)
    expect(referendumCheck('100', '90', { percent: 2 }).exceeds).toBe(false)
    expect(() => referendumCheck(0, 10, { pounds: 5 })).toThrow(RangeError)
  })

  it('is monotone in the proposed Band D: once excessive, any higher figure is too', () => {
    const rule = fc.record({
      percent: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      pounds: fc.option(pennies(1, 3000), { nil: undefined }),
    })
    fc.assert(
      fc.property(pennies(1, 100_000), pennies(0, 20_000), pennies(0, 20_000), rule, (previous, a, b, r) => {
        const low = previous.plus(Decimal.min(a, b))
        const high = previous.plus(Decimal.max(a, b))
        if (referendumCheck(previous, low, r).exceeds) expect(referendumCheck(previous, high, r).exceeds).toBe(true)
      }),
    )
  })

  it('names the largest Band D that passes, and it passes while a penny more does not', () => {
    expect(largestAllowedBandD('152.15', { percent: 2, pounds: 5 })?.toString()).toBe('157.15')
    expect(largestAllowedBandD('100', { percent: 2 })?.toString()).toBe('101.99')
    expect(largestAllowedBandD('100', {})).toBeNull()
    fc.assert(
      fc.property(pennies(100, 100_000), fc.integer({ min: 1, max: 10 }), pennies(0, 3000), (previous, pc, pounds) => {
        const rule = { percent: pc, pounds }
        const top = largestAllowedBandD(previous, rule) as Decimal
        expect(referendumCheck(previous, top, rule).exceeds).toBe(false)
        expect(referendumCheck(previous, top.plus('0.01'), rule).exceeds).toBe(true)
      }),
    )
  })
})

describe('the council tax requirement and Band D', () => {
  it('is the net budget less grants, the collection fund and reserves used, plus contributions', () => {
    const r = councilTaxRequirement({
      netBudget: '332600000',
      grants: '206000000',
      collectionFund: '1200000',
      useOfReserves: '3600000',
      contributionsToReserves: 0,
    })
    expect(r.toString()).toBe('121800000')
    // A deficit adds to what council tax must raise.
    expect(
      councilTaxRequirement({
        netBudget: 100,
        grants: 60,
        collectionFund: -2,
        useOfReserves: 0,
        contributionsToReserves: 1,
      }).toString(),
    ).toBe('43')
  })

  it('Band D is the requirement over the tax base, to the penny; income is tax base × Band D', () => {
    expect(bandDFor('95900000', '610245').toString()).toBe('157.15')
    expect(preceptIncome('610245', '157.15').toString()).toBe('95900001.75')
    expect(() => bandDFor(100, 0)).toThrow(RangeError)
  })
})

describe('billing authorities’ shares', () => {
  it('sum to the precept to the penny, the leftover pennies to the largest remainders', () => {
    const s = billingShares('100.00', [
      { code: 'a', taxBase: 1 },
      { code: 'b', taxBase: 1 },
      { code: 'c', taxBase: 1 },
    ])
    expect([...s.values()].map((v) => v.toFixed(2))).toEqual(['33.34', '33.33', '33.33'])
  })

  it('sum to the precept to the penny for any tax bases', () => {
    fc.assert(
      fc.property(
        pennies(0, 20_000_000_000),
        fc.array(pennies(1, 20_000_000), { minLength: 1, maxLength: 14 }),
        (precept, bases) => {
          const s = billingShares(
            precept,
            bases.map((b, i) => ({ code: `x${i}`, taxBase: b })),
          )
          const total = [...s.values()].reduce((a, v) => a.plus(v), new Decimal(0))
          expect(total.toString()).toBe(precept.toString())
          for (const v of s.values()) expect(v.decimalPlaces()).toBeLessThanOrEqual(2)
        },
      ),
    )
  })
})

describe('the rise for every band', () => {
  it('gives £ a year, a month, a week and % for A to H', () => {
    const rises = bandRises('152.15', '157.15')
    expect(rises.map((r) => r.band)).toEqual([...BANDS])
    const d = rises.find((r) => r.band === 'D')
    expect(d?.year.toString()).toBe('5')
    expect(d?.month.toFixed(2)).toBe('0.42')
    expect(d?.week.toFixed(2)).toBe('0.10')
    expect(d?.percent?.toFixed(2)).toBe('3.29')
    expect(rises.find((r) => r.band === 'H')?.year.toString()).toBe('10')
    // Every band rises by the same percentage.
    expect(new Set(rises.map((r) => r.percent?.toFixed(10))).size).toBe(1)
  })
})

describe('reading a proposal as typed', () => {
  it('reads a Band D, a yearly rise, a percent, and turns a weekly or monthly rise into its yearly figure', () => {
    expect(readProposal('£157.15', '152.15')).toMatchObject({ basis: 'band_d', understood: 'Band D of £157.15' })
    expect(readProposal('£5 a year', '152.15')?.bandD.toString()).toBe('157.15')
    expect(readProposal('+5', '152.15')?.bandD.toString()).toBe('157.15')
    expect(readProposal('3.29%', '152.15')?.bandD.toString()).toBe('157.16')
    const weekly = readProposal('£5 per week', '152.15')
    expect(weekly).toMatchObject({ basis: 'week', understood: '£5.00 a week is £260.00 a year on Band D' })
    expect(weekly?.bandD.toString()).toBe('412.15')
    expect(readProposal('42p a month', '152.15')).toBeNull()
    expect(readProposal('£0.42 a month', '152.15')?.yearly.toString()).toBe('5.04')
    expect(readProposal('five pounds', '152.15')).toBeNull()
  })

  it('a weekly rise typed for a yearly one is caught by the referendum test', () => {
    const weekly = readProposal('£5 per week', '152.15')
    expect(referendumCheck('152.15', weekly?.bandD ?? 0, { percent: 2, pounds: 5 }).exceeds).toBe(true)
  })
})
