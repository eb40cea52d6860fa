// Budget changes in year (issue #13): virements balance and never take capital to revenue; slippage conserves a
// scheme's whole-life budget; original + approved movements = revised; approval never by the requester, within the
// approver's owners and limit; the movement table reconciles.
import fc from 'fast-check'
import { Decimal, type DecimalValue } from '../../server/domain/money'
import {
  approvalRefusal,
  changeProblems,
  grossAmount,
  lineYearKey,
  movementRow,
  revenueContribution,
  revisedBudgets,
  type Movement,
} from '../../server/domain/budget-changes'

const m = (lineId: number, fyStart: number, amount: string, over: Partial<Movement> = {}): Movement => ({
  lineId,
  lineName: `Line ${lineId}`,
  fyStart,
  nature: 'revenue',
  income: false,
  amount: new Decimal(amount),
  ...over,
})
const budgets = (entries: [number, number, string][]) => new Map(entries.map(([l, fy, v]) => [lineYearKey(l, fy), v]))
const messages = (ps: { message: string }[]) => ps.map((p) => p.message)

describe('a virement', () => {
  const revised = budgets([
    [1, 2017, '100000'],
    [2, 2017, '50000'],
    [3, 2017, '80000'],
  ])

  it('balances, within one year, and never below nothing', () => {
    expect(changeProblems('virement', [m(1, 2017, '-20000'), m(2, 2017, '20000')], revised)).toEqual([])
    expect(messages(changeProblems('virement', [m(1, 2017, '-20000'), m(2, 2017, '19999.99')], revised))).toEqual([
      'A virement must balance: its movements add up to −£0.01, not nothing',
    ])
    expect(messages(changeProblems('virement', [m(1, 2017, '-120000'), m(2, 2017, '120000')], revised))).toEqual([
      'Line 1, 2017/18: its revised budget of £100,000.00 would go below nothing (−£20,000.00)',
    ])
    expect(messages(changeProblems('virement', [m(1, 2017, '-1'), m(2, 2018, '1')], revised))).toContain(
      'A virement moves budget within one year: to move a capital scheme between years, use slippage',
    )
  })

  it('refuses capital to revenue, and records revenue to capital as a revenue contribution', () => {
    const capital = { nature: 'capital' as const }
    expect(messages(changeProblems('virement', [m(3, 2017, '-1000', capital), m(1, 2017, '1000')], revised))).toEqual([
      'Capital resources cannot fund revenue spending: a virement from a capital line to a revenue line is refused',
    ])
    const toCapital = [m(1, 2017, '-1000'), m(3, 2017, '1000', capital)]
    expect(changeProblems('virement', toCapital, revised)).toEqual([])
    expect(revenueContribution('virement', toCapital).toString()).toBe('1000')
  })

  it('keeps an income line negative', () => {
    const income = budgets([[9, 2017, '-5000']])
    expect(messages(changeProblems('reduction', [m(9, 2017, '-100', { income: true })], income))).toEqual([])
    expect(messages(changeProblems('new_funding', [m(9, 2017, '6000', { income: true })], income))).toEqual([
      'Line 9 is an income line: its revised budget of −£5,000.00 would become spending (£1,000.00)',
    ])
  })

  it('an unbalanced virement is always refused', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 6 }), (xs) => {
        const ms = xs.map((x, i) => m(i + 1, 2017, String(x)))
        const sum = xs.reduce((a, x) => a + x, 0)
        const big = budgets(xs.map((_, i) => [i + 1, 2017, '10000000']))
        const problems = messages(changeProblems('virement', ms, big))
        if (sum !== 0 && xs.every((x) => x !== 0))
          expect(problems.some((p) => p.startsWith('A virement must balance'))).toBe(true)
      }),
    )
  })
})

describe('slippage', () => {
  const cap = { nature: 'capital' as const, lineName: 'Body worn cameras' }
  const revised = budgets([
    [5, 2015, '1800000'],
    [5, 2016, '0'],
  ])

  it('moves a capital scheme from one year to a later one, keeping its whole-life budget', () => {
    expect(changeProblems('slippage', [m(5, 2015, '-1800000', cap), m(5, 2016, '1800000', cap)], revised)).toEqual([])
    expect(
      messages(changeProblems('slippage', [m(5, 2015, '-1800000', cap), m(5, 2016, '1700000', cap)], revised)),
    ).toEqual(["Slippage keeps the scheme's whole-life budget: its movements add up to −£100,000.00, not nothing"])
    expect(
      messages(
        changeProblems(
          'slippage',
          [m(1, 2015, '-1', { lineName: 'Pay' }), m(1, 2016, '1', { lineName: 'Pay' })],
          revised,
        ),
      ),
    ).toContain('Pay is revenue: only a capital scheme slips between years')
  })

  it('conserves the whole-life total of any scheme it is applied to', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (years, move) => {
          const original = budgets(years.map((v, i) => [7, 2015 + i, String(v)]))
          const from = 2015
          const to = 2015 + years.length - 1
          const amount = Math.min(move, years[0] ?? 0)
          if (amount === 0) return
          const ms = [m(7, from, String(-amount), cap), m(7, to, String(amount), cap)]
          expect(changeProblems('slippage', ms, original)).toEqual([])
          const revised = revisedBudgets(original, ms)
          const sum = (mp: ReadonlyMap<string, DecimalValue>) =>
            [...mp.values()].reduce<Decimal>((a, v) => a.plus(v), new Decimal(0))
          expect(sum(revised).toString()).toBe(sum(original).toString())
        },
      ),
    )
  })
})

describe('the revised budget', () => {
  it('is the original plus every approved movement, for every line and year', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            line: fc.integer({ min: 1, max: 4 }),
            fy: fc.integer({ min: 2015, max: 2018 }),
            amount: fc.integer({ min: -100000, max: 100000 }),
          }),
        ),
        (moves) => {
          const original = budgets(
            [1, 2, 3, 4].flatMap((l) =>
              [2015, 2016, 2017, 2018].map((fy): [number, number, string] => [l, fy, '500000']),
            ),
          )
          const revised = revisedBudgets(
            original,
            moves.map((x) => ({ lineId: x.line, fyStart: x.fy, amount: x.amount })),
          )
          for (const [k, v] of original) {
            const [line, fy] = k.split(':').map(Number)
            const sum = moves.filter((x) => x.line === line && x.fy === fy).reduce((a, x) => a + x.amount, 0)
            expect(revised.get(k)?.toString()).toBe(new Decimal(v).plus(sum).toString())
          }
        },
      ),
    )
  })

  it('reconciles in the movement table: original + each kind of movement = revised', () => {
    const row = movementRow('100000', [
      { type: 'virement', amount: '-20000' },
      { type: 'virement', amount: '5000' },
      { type: 'slippage', amount: '-30000' },
      { type: 'new_funding', amount: '1000' },
      { type: 'reduction', amount: '-500' },
    ])
    expect(row.virementsOut.toString()).toBe('-20000')
    expect(row.virementsIn.toString()).toBe('5000')
    expect(row.revised.toString()).toBe('55500')
  })
})

describe('approval', () => {
  const owners = new Map([
    ['force', 'Chief Constable (Force)'],
    ['opcc_office', 'OPCC'],
  ])
  const change = { requestedBy: 1, owners: new Set(['force']), ownerNames: owners, gross: '400000' }
  const fd = { userId: 2, role: 'approver', limit: '500000', owners: new Set(['force']) }

  it('is never by the requester, and only within the approver’s owners and limit', () => {
    expect(approvalRefusal(fd, change)).toBeNull()
    expect(approvalRefusal({ ...fd, userId: 1 }, change)).toBe(
      'You asked for this change: someone else must approve it (segregation of duties)',
    )
    expect(approvalRefusal(fd, { ...change, gross: '500000.01' })).toBe(
      'It moves £500,000.01, above your approval limit of £500,000.00',
    )
    expect(approvalRefusal(fd, { ...change, owners: new Set(['force', 'opcc_office']) })).toBe(
      'It moves budget of OPCC, which your approval does not cover',
    )
    expect(approvalRefusal({ ...fd, role: 'finance' }, change)).toBe('Only an approver may approve a budget change')
    expect(approvalRefusal({ ...fd, limit: null }, { ...change, gross: '9000000' })).toBeNull()
  })

  it('tests the limit on the budget a change adds', () => {
    expect(grossAmount([{ amount: '-20000' }, { amount: '20000' }]).toString()).toBe('20000')
  })
})

describe('a transfer to an earmarked reserve', () => {
  it('takes budget off its lines: a positive amount is refused', () => {
    const revised = budgets([[1, 2020, '1000']])
    expect(messages(changeProblems('reserve_transfer', [m(1, 2020, '100')], revised))).toEqual([
      "A transfer to a reserve takes the budget it moves off its lines: Line 1's amount must be negative",
    ])
    expect(changeProblems('reserve_transfer', [m(1, 2020, '-100')], revised)).toEqual([])
    expect(movementRow('1000', [{ type: 'reserve_transfer', amount: '-100' }]).revised.toString()).toBe('900')
  })
})
