// Reserves year by year: closing = opening + contributions − use, each year opening where the last closed; the
// minimum general reserve and the 5% that is expected to be justified.
import fc from 'fast-check'
import { Decimal } from '../../server/domain/money'
import { minimumReserve, projectReserves, reserveShare } from '../../server/domain/reserves'

const pounds = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((p) => new Decimal(p).dividedBy(100))

describe('projectReserves', () => {
  it('reduces Kent-like reserves from £65m by planned use, and flags the years below a £10m minimum', () => {
    const years = projectReserves(
      '65000000',
      [
        { contribution: 0, use: '5100000' },
        { contribution: 0, use: '15000000' },
        { contribution: 0, use: '15000000' },
        { contribution: 0, use: '12000000' },
        { contribution: '2000000', use: '0' },
      ],
      '10000000',
    )
    expect(years.map((y) => y.closing.toString())).toEqual(['59900000', '44900000', '29900000', '17900000', '19900000'])
    expect(years.map((y) => y.belowMinimum)).toEqual([false, false, false, false, false])
    const low = projectReserves('12000000', [{ contribution: 0, use: '2000000.01' }], '10000000')
    expect(low[0]?.belowMinimum).toBe(true)
    expect(projectReserves('12000000', [{ contribution: 0, use: '2000000' }], '10000000')[0]?.belowMinimum).toBe(false)
  })

  it('is never below a minimum that is not given, and takes a minimum a year', () => {
    expect(projectReserves('-5', [{ contribution: 0, use: 0 }])[0]?.belowMinimum).toBe(false)
    const years = projectReserves(
      '100',
      [
        { contribution: 0, use: 10 },
        { contribution: 0, use: 10 },
      ],
      ['80', '85'],
    )
    expect(years.map((y) => y.belowMinimum)).toEqual([false, true])
  })

  it('opens each year where the last closed, and closes at opening + contributions − use (any figures)', () => {
    fc.assert(
      fc.property(
        pounds,
        fc.array(fc.record({ contribution: pounds, use: pounds }), { maxLength: 12 }),
        (opening, flows) => {
          const years = projectReserves(opening, flows)
          expect(years).toHaveLength(flows.length)
          years.forEach((y, i) => {
            expect(y.closing.equals(y.opening.plus(flows[i]?.contribution ?? 0).minus(flows[i]?.use ?? 0))).toBe(true)
            const next = years[i + 1]
            if (next) expect(next.opening.equals(y.closing)).toBe(true)
          })
          if (years[0]) expect(years[0].opening.equals(opening)).toBe(true)
        },
      ),
    )
  })
})

describe('the minimum general reserve', () => {
  it('is a percentage of the net budget: Kent’s 3% of £333.3m is £9,999,000', () => {
    expect(minimumReserve('333300000', 3).toString()).toBe('9999000')
  })

  it('says when a general reserve is above the 5% that must be justified', () => {
    expect(reserveShare('17665000', '353300000')).toEqual({ percent: new Decimal(5), aboveFivePercent: false })
    expect(reserveShare('17665001', '353300000').aboveFivePercent).toBe(true)
    expect(reserveShare('1', 0)).toEqual({ percent: null, aboveFivePercent: false })
  })
})
