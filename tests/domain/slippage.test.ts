// Capital slippage moves a scheme's financing with its spend (issue #13): every source's whole-life total is kept to
// the penny; a fully financed year gives up exactly the budget that slips, and a year that gains gets exactly its gain.
import fc from 'fast-check'
import { allocate, applyFinancingMoves, slippageFinancing, type FinancingRow } from '../../server/domain/slippage'

const row = (fyStart: number, source: string, pence: bigint, ids: Partial<FinancingRow> = {}): FinancingRow => ({
  fyStart,
  source,
  pence,
  receiptId: null,
  reserveId: null,
  ...ids,
})
const sumBy = (rows: readonly FinancingRow[], pick: (r: FinancingRow) => string) => {
  const out = new Map<string, bigint>()
  for (const r of rows) out.set(pick(r), (out.get(pick(r)) ?? 0n) + r.pence)
  return out
}

describe('allocate', () => {
  it('splits in proportion, the pennies to the largest remainders, adding up exactly', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n])
    expect(allocate(10n, [3n, 7n])).toEqual([3n, 7n])
    expect(allocate(0n, [5n, 5n])).toEqual([0n, 0n])
    expect(allocate(7n, [0n, 0n])).toEqual([0n, 0n])
  })
  it('always adds up to the total (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n ** 12n),
        fc.array(fc.bigInt(1n, 10n ** 9n), { minLength: 1, maxLength: 8 }),
        (t, ws) => {
          const parts = allocate(t, ws)
          expect(parts.reduce((a, p) => a + p, 0n)).toBe(t)
          parts.forEach((p) => expect(p >= 0n).toBe(true))
        },
      ),
    )
  })
})

describe('slippage financing', () => {
  it('moves the Body Worn Video scheme’s grant and borrowing with its spend, pro rata', () => {
    const budgets = new Map([
      [2015, 100_000_00n],
      [2016, 0n],
    ])
    const financing = [row(2015, 'capital_grants', 25_000_00n), row(2015, 'borrowing', 75_000_00n)]
    const { moves, problems } = slippageFinancing({
      budgets,
      financing,
      movements: [
        { fyStart: 2015, pence: -40_000_00n },
        { fyStart: 2016, pence: 40_000_00n },
      ],
    })
    expect(problems).toEqual([])
    expect(moves).toEqual([
      row(2015, 'borrowing', -30_000_00n),
      row(2015, 'capital_grants', -10_000_00n),
      row(2016, 'borrowing', 30_000_00n),
      row(2016, 'capital_grants', 10_000_00n),
    ])
  })

  it('refuses to merge a reserve draw into a year that draws on another reserve', () => {
    const { problems } = slippageFinancing({
      budgets: new Map([
        [2015, 1000n],
        [2016, 1000n],
      ]),
      financing: [row(2015, 'reserves', 1000n, { reserveId: 1 }), row(2016, 'reserves', 1000n, { reserveId: 2 })],
      movements: [
        { fyStart: 2015, pence: -500n },
        { fyStart: 2016, pence: 500n },
      ],
    })
    expect(problems).toEqual([
      "2016/17 already takes a reserve other than the one that would move with the slippage: reprofile the scheme's financing by hand first",
    ])
  })

  it('refuses to bring a capital receipt forward before it was received', () => {
    const { problems } = slippageFinancing({
      budgets: new Map([
        [2016, 1000n],
        [2017, 1000n],
      ]),
      financing: [row(2017, 'capital_receipts', 1000n, { receiptId: 9 })],
      movements: [
        { fyStart: 2017, pence: -1000n },
        { fyStart: 2016, pence: 1000n },
      ],
      receivedIn: new Map([[9, 2017]]),
    })
    expect(problems).toEqual([
      'The capital receipt that finances the slipping budget was received in 2017/18: it cannot pay for 2016/17',
    ])
  })

  const sources = ['capital_grants', 'capital_receipts', 'revenue_contributions', 'reserves', 'borrowing']
  const scheme = fc
    .record({
      first: fc.integer({ min: 2015, max: 2020 }),
      years: fc.integer({ min: 2, max: 5 }),
      budgets: fc.array(fc.bigInt(1n, 10n ** 10n), { minLength: 5, maxLength: 5 }),
      mix: fc.array(fc.bigInt(0n, 1000n), { minLength: 5, maxLength: 5 }),
      fullyFinanced: fc.boolean(),
      out: fc.integer({ min: 0, max: 4 }),
      slipShare: fc.integer({ min: 1, max: 1000 }),
      gainWeights: fc.array(fc.bigInt(0n, 100n), { minLength: 5, maxLength: 5 }),
    })
    .map((s) => {
      const years = Array.from({ length: s.years }, (_, i) => s.first + i)
      const budgets = new Map(years.map((fy, i) => [fy, s.budgets[i] as bigint]))
      const financing = years.flatMap((fy) => {
        const budget = budgets.get(fy) as bigint
        const financed = s.fullyFinanced ? budget : budget / 2n
        const weights = s.mix.some((w) => w > 0n) ? s.mix : [1n, 0n, 0n, 0n, 0n]
        return allocate(financed, weights)
          .map((p, i) => row(fy, sources[i] as string, p, i === 1 ? { receiptId: 1 } : i === 3 ? { reserveId: 1 } : {}))
          .filter((r) => r.pence > 0n)
      })
      const outYear = years[s.out % years.length] as number
      const slip = ((budgets.get(outYear) as bigint) * BigInt(s.slipShare)) / 1000n
      const others = years.filter((fy) => fy !== outYear)
      const weights = others.map((_, i) => (s.gainWeights[i] as bigint) + (i === 0 ? 1n : 0n))
      const gains = allocate(slip, weights)
      const movements = [
        { fyStart: outYear, pence: -slip },
        ...others.map((fy, i) => ({ fyStart: fy, pence: gains[i] as bigint })).filter((m) => m.pence !== 0n),
      ]
      return { budgets, financing, movements, fullyFinanced: s.fullyFinanced, outYear }
    })
    .filter((s) => s.movements.length > 1)

  it('keeps every source’s whole-life total and the line’s to the penny (property)', () => {
    fc.assert(
      fc.property(scheme, (s) => {
        const { moves, problems } = slippageFinancing(s)
        expect(problems).toEqual([])
        for (const total of sumBy(moves, (r) => `${r.source}:${r.receiptId}:${r.reserveId}`).values())
          expect(total).toBe(0n)
        const { rows: after, problems: left } = applyFinancingMoves(s.financing, moves)
        expect(left).toEqual([])
        after.forEach((r) => expect(r.pence > 0n).toBe(true))
        const before = sumBy(s.financing, (r) => r.source)
        const kept = sumBy(after, (r) => r.source)
        for (const [source, total] of before) expect(kept.get(source) ?? 0n).toBe(total)
      }),
    )
  })

  it('gives a fully financed year’s financing exactly the budget that moves (property)', () => {
    fc.assert(
      fc.property(
        scheme.filter((s) => s.fullyFinanced),
        (s) => {
          const { moves } = slippageFinancing(s)
          const byYear = sumBy(moves, (r) => String(r.fyStart))
          for (const m of s.movements) expect(byYear.get(String(m.fyStart)) ?? 0n).toBe(m.pence)
        },
      ),
    )
  })
})
