// Spreading a year's budget over periods by weights (even, or a pattern), in whole pence. The remainder
// pennies go to the periods with the largest fractional shares (largest remainder), so the parts always sum
// to the year exactly and no period is more than a penny from its exact share.

/** Split `totalPence` into parts proportional to non-negative integer `weights` that sum exactly to the total. */
export function spreadByWeights(totalPence: bigint, weights: readonly number[]): bigint[] {
  if (weights.length === 0) throw new RangeError('At least one weight is needed to spread an amount')
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('Weights must be whole numbers of 0 or more')
  const weightSum = BigInt(weights.reduce((a, b) => a + b, 0))
  if (weightSum === 0n) throw new RangeError('The weights must not all be zero')
  const negative = totalPence < 0n
  const total = negative ? -totalPence : totalPence
  const shares = weights.map((w, index) => {
    const exact = total * BigInt(w)
    return { index, base: exact / weightSum, remainder: exact % weightSum }
  })
  let left = total - shares.reduce((acc, s) => acc + s.base, 0n)
  const order = [...shares].sort((a, b) =>
    b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index,
  )
  const parts = shares.map((s) => s.base)
  for (const s of order) {
    if (left === 0n) break
    parts[s.index] = (parts[s.index] ?? 0n) + 1n
    left -= 1n
  }
  return negative ? parts.map((p) => -p) : parts
}

/** Twelve equal weights: an even profile P1–P12. */
export const EVEN_PROFILE = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const

/** Patterns a year's budget can be spread by (weights for P1 April … P12 March). */
export const PROFILE_PATTERNS = {
  even: { name: 'Evenly over the twelve months', weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  // Pay awards start on 1 September (DOMAIN.md "Workforce"): the months from September carry a 2% award.
  pay: {
    name: 'Pay: a 2% award from September (P6)',
    weights: [100, 100, 100, 100, 100, 102, 102, 102, 102, 102, 102, 102],
  },
  capital: { name: 'Capital: back-loaded towards March', weights: [2, 3, 4, 6, 8, 8, 9, 10, 10, 11, 13, 16] },
} as const

export type ProfilePattern = keyof typeof PROFILE_PATTERNS

export function isProfilePattern(value: string): value is ProfilePattern {
  // Own keys only: `__proto__`, `constructor` or `toString` typed into the form are not patterns.
  return Object.hasOwn(PROFILE_PATTERNS, value)
}

/** How far a profile's periods are from the year's budget: the rule "a profile must add up to the budget". */
export interface ProfileCheck {
  total: bigint
  /** Budget − total: positive when the periods fall short, negative when they are over, 0 when they add up. */
  gap: bigint
  addsUp: boolean
}

export function checkProfile(periods: Iterable<bigint>, budgetPence: bigint): ProfileCheck {
  let total = 0n
  for (const p of periods) total += p
  return { total, gap: budgetPence - total, addsUp: total === budgetPence }
}
