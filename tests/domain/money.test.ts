import fc from 'fast-check'
import {
  Decimal,
  formatInUnit,
  formatMoney,
  fromPence,
  roundPounds,
  roundedTotal,
  roundingNote,
  sum,
  toPence,
} from '../../server/domain/money'

describe('money', () => {
  it('reads pence from both drivers: numbers (sqlite3), strings (pg) and bigints', () => {
    expect(fromPence(420000000).toString()).toBe('4200000')
    expect(fromPence('420000000').toString()).toBe('4200000')
    expect(fromPence(12345n).toString()).toBe('123.45')
    expect(fromPence(null).toString()).toBe('0')
    expect(fromPence('-1').toString()).toBe('-0.01')
  })

  it('refuses pence that are not exact whole numbers', () => {
    expect(() => fromPence(2 ** 53 + 2)).toThrow(RangeError)
    expect(() => fromPence(1.5)).toThrow(RangeError)
    expect(() => fromPence('12.5')).toThrow(/whole number of pence/)
  })

  it('adds exactly where binary floats do not', () => {
    expect(sum(['0.1', '0.2']).toString()).toBe('0.3')
    expect(fromPence(10).plus(fromPence(20)).equals(fromPence(30))).toBe(true)
  })

  it('rounds half away from zero', () => {
    expect(roundPounds('2.345').toString()).toBe('2.35')
    expect(roundPounds('-2.345').toString()).toBe('-2.35')
    expect(toPence('0.005')).toBe(1n)
    expect(toPence('-0.005')).toBe(-1n)
    expect(formatMoney('2.5', 'pounds')).toBe('£3')
    expect(formatMoney('-2.5', 'pounds')).toBe('−£3')
  })

  it('formats £, £ and pence, £k and £m', () => {
    expect(formatMoney('4200000')).toBe('£4,200,000')
    expect(formatMoney('4200000', 'pence')).toBe('£4,200,000.00')
    expect(formatMoney('4200000', 'k')).toBe('£4,200k')
    expect(formatMoney('4200000', 'm')).toBe('£4.2m')
    expect(formatMoney('535000', 'k')).toBe('£535k')
    expect(formatMoney('-24000000', 'm')).toBe('−£24.0m')
    expect(formatInUnit('1234567.89', 'k')).toBe('1,235')
    expect(formatMoney('0.4', 'pounds')).toBe('£0')
  })

  it('reports the sum of rounded parts beside the rounded total, never forcing them to agree', () => {
    const r = roundedTotal(['1400', '1400', '1400'], 'k')
    expect(r.total.toString()).toBe('4')
    expect(r.sumOfRoundedParts.toString()).toBe('3')
    expect(r.difference.toString()).toBe('-1')
    expect(roundingNote(['1400', '1400', '1400'], 'k')).toMatch(/add to £3k; the total of the unrounded figures is £4k/)
    expect(roundingNote(['1000', '2000'], 'k')).toMatch(/totals are of the unrounded figures/)
  })

  it('property: pence round-trip exactly through pounds', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (pence) => {
        expect(toPence(fromPence(pence))).toBe(pence)
      }),
    )
  })

  it('property: the rounded total is the rounding of the exact sum, and the difference is reported', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 30 }), (pences) => {
        const parts = pences.map((p) => fromPence(p))
        const r = roundedTotal(parts, 'k')
        const exact = parts.reduce((a, b) => a.plus(b), new Decimal(0))
        expect(r.total.equals(exact.dividedBy(1000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP))).toBe(true)
        expect(r.sumOfRoundedParts.minus(r.total).equals(r.difference)).toBe(true)
        // Each rounded part is within half a unit, so the difference is bounded by half a unit per part (+ half).
        expect(r.difference.abs().lessThanOrEqualTo(new Decimal(parts.length + 1).dividedBy(2))).toBe(true)
      }),
    )
  })
})
