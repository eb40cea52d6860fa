import fc from 'fast-check'
import {
  fyLabel,
  fyPeriodOf,
  fyRange,
  fySlug,
  parseFy,
  periodLabel,
  periodMonth,
} from '../../server/domain/financial-year'

describe('financial years and periods', () => {
  it('puts 31 March in P12 of the year before and 1 April in P1 of the new year', () => {
    expect(fyPeriodOf('2017-03-31')).toEqual({ fyStart: 2016, period: 12 })
    expect(fyPeriodOf('2017-04-01')).toEqual({ fyStart: 2017, period: 1 })
    expect(fyPeriodOf('2017-12-31')).toEqual({ fyStart: 2017, period: 9 })
    expect(fyPeriodOf('2018-01-01')).toEqual({ fyStart: 2017, period: 10 })
    expect(fyPeriodOf('2020-02-29')).toEqual({ fyStart: 2019, period: 11 })
  })

  it('refuses impossible and malformed dates', () => {
    expect(() => fyPeriodOf('2019-02-29')).toThrow(/not a real date/)
    expect(() => fyPeriodOf('2017-13-01')).toThrow(/not a real date/)
    expect(() => fyPeriodOf('17/3/2017')).toThrow(/YYYY-MM-DD/)
  })

  it('writes and reads years as 2017/18 and 2017-18', () => {
    expect(fyLabel(2017)).toBe('2017/18')
    expect(fyLabel(1999)).toBe('1999/00')
    expect(fySlug(2020)).toBe('2020-21')
    expect(parseFy('2017-18')).toBe(2017)
    expect(parseFy('2017/18')).toBe(2017)
    expect(parseFy('2017-19')).toBeNull()
    expect(parseFy('2017')).toBeNull()
    expect(parseFy('17-18')).toBeNull()
    expect(parseFy('2099-00')).toBe(2099)
  })

  it('names periods', () => {
    expect(periodLabel(1)).toBe('P1 (April)')
    expect(periodLabel(12)).toBe('P12 (March)')
    expect(periodLabel(13)).toBe('P13 (year-end adjustments)')
    expect(periodMonth(2020, 8)).toBe('November 2020')
    expect(periodMonth(2020, 10)).toBe('January 2021')
    expect(() => periodLabel(14)).toThrow(RangeError)
  })

  it('property: the financial year of any date is the one whose range holds it', () => {
    const day = 86_400_000
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / day, max: Date.UTC(2100, 0, 1) / day }), (n) => {
        const iso = new Date(n * day).toISOString().slice(0, 10)
        const { fyStart, period } = fyPeriodOf(iso)
        const { from, to } = fyRange(fyStart)
        expect(iso >= from && iso <= to).toBe(true)
        expect(period).toBeGreaterThanOrEqual(1)
        expect(period).toBeLessThanOrEqual(12)
        expect(parseFy(fySlug(fyStart))).toBe(fyStart)
      }),
    )
  })
})
