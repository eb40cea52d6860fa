import fc from 'fast-check'
import { Decimal } from '../../server/domain/money'
import {
  DEFAULT_RAG_POLICY,
  describeRagPolicy,
  formatPercent,
  ragOf,
  ragReason,
  variance,
} from '../../server/domain/variance'

const rag = (forecast: string, budget: string) => ragOf(variance(forecast, budget))

describe('variance and RAG', () => {
  it('is forecast minus budget, overspend positive, as a fraction of the budget', () => {
    const v = variance('105', '100')
    expect(v.amount.toString()).toBe('5')
    expect(v.fraction?.toString()).toBe('0.05')
    expect(formatPercent(v.fraction)).toBe('+5.0%')
    expect(formatPercent(variance('88', '100').fraction)).toBe('−12.0%')
  })

  it('treats under-recovered income (a negative budget) as an adverse, positive variance', () => {
    const v = variance('-90', '-100')
    expect(v.amount.toString()).toBe('10')
    expect(v.fraction?.toString()).toBe('0.1')
    expect(ragOf(v)).toBe('red')
  })

  it('applies the default thresholds at their edges, on the percentage as shown (one decimal place)', () => {
    expect(rag('102', '100')).toBe('green') // within 2% includes 2%
    // £102.04 reads "2.0% over budget": the key calls that green, so the status says green too.
    expect(rag('102.04', '100')).toBe('green')
    expect(ragReason(variance('102.04', '100'), 'green')).toBe('2.0% over budget')
    expect(rag('102.05', '100')).toBe('amber') // reads 2.1%
    expect(rag('105', '100')).toBe('amber') // red is above 5%
    expect(rag('105.04', '100')).toBe('amber') // reads 5.0%
    expect(rag('105.05', '100')).toBe('red') // reads 5.1%
    expect(rag('90', '100')).toBe('green') // an underspend beyond 10% is amber
    expect(rag('89.96', '100')).toBe('green') // reads 10.0% under
    expect(rag('89.95', '100')).toBe('amber') // reads 10.1% under
    expect(rag('10', '100')).toBe('amber')
  })

  it('property: the status always agrees with the percentage shown beside it and the key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 7 }),
        fc.integer({ min: -3_000_000, max: 3_000_000 }),
        (budgetPence, deltaPence) => {
          const v = variance(
            new Decimal(budgetPence + deltaPence).dividedBy(100),
            new Decimal(budgetPence).dividedBy(100),
          )
          const shown = new Decimal(formatPercent(v.fraction).replace('−', '-').replace('%', '').replace('+', ''))
          const expected = shown.greaterThan(5)
            ? 'red'
            : shown.greaterThan(2)
              ? 'amber'
              : shown.lessThan(-10)
                ? 'amber'
                : 'green'
          expect(ragOf(v)).toBe(expected)
        },
      ),
    )
  })

  it('handles a zero budget', () => {
    expect(variance('5', '0').fraction).toBeNull()
    expect(ragOf(variance('5', '0'))).toBe('red')
    expect(ragOf(variance('0', '0'))).toBe('green')
    expect(ragReason(variance('5', '0'), 'red')).toBe('spend with no budget')
    expect(formatPercent(null)).toBe('n/a')
  })

  it('says why, in words', () => {
    const v = variance('80', '100')
    expect(ragReason(v, ragOf(v))).toBe('20.0% under budget (possible slippage)')
    expect(describeRagPolicy(DEFAULT_RAG_POLICY)).toMatch(/Red: more than 5% over/)
  })

  it('uses a red underspend threshold when the policy sets one', () => {
    const policy = { ...DEFAULT_RAG_POLICY, redUnderLimit: new Decimal('0.25') }
    expect(ragOf(variance('70', '100'), policy)).toBe('red')
    expect(ragOf(variance('80', '100'), policy)).toBe('amber')
  })

  it('property: a large underspend is never green, and RAG depends only on the fraction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (budget, deltaBp, k) => {
          const b = new Decimal(budget)
          const f = b.plus(b.times(deltaBp).dividedBy(10_000))
          const r = ragOf(variance(f, b))
          if (deltaBp <= -1005) expect(r).not.toBe('green')
          if (deltaBp >= 505) expect(r).toBe('red')
          expect(ragOf(variance(f.times(k), b.times(k)))).toBe(r)
        },
      ),
    )
  })
})
