import fc from 'fast-check'
import { EVEN_PROFILE, spreadByWeights } from '../../server/domain/profile'

describe('spreading a year over periods', () => {
  it('spreads evenly with the remainder pennies placed', () => {
    const parts = spreadByWeights(100n, EVEN_PROFILE)
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(100n)
    expect(parts.filter((p) => p === 9n)).toHaveLength(4)
    expect(parts.filter((p) => p === 8n)).toHaveLength(8)
    expect(parts.slice(0, 4)).toEqual([9n, 9n, 9n, 9n])
  })

  it('spreads negative amounts (income) the same way', () => {
    expect(spreadByWeights(-7n, [1, 1])).toEqual([-4n, -3n])
  })

  it('refuses no weights, negative weights or all-zero weights', () => {
    expect(() => spreadByWeights(1n, [])).toThrow(RangeError)
    expect(() => spreadByWeights(1n, [1, -1])).toThrow(RangeError)
    expect(() => spreadByWeights(1n, [0, 0])).toThrow(RangeError)
  })

  it('property: P1–P12 sum to the year exactly and each is within a penny of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = spreadByWeights(total, weights)
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total)
          const weightSum = BigInt(weights.reduce((a, b) => a + b, 0))
          parts.forEach((p, i) => {
            const exactTimesW = total * BigInt(weights[i] ?? 0)
            const diff = p * weightSum - exactTimesW
            expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum)
          })
        },
      ),
    )
  })
})
