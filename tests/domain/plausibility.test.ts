// The warnings that ask a user to check a figure before it is saved: at their edges, and silent on ordinary figures.
import {
  aboveDecisionWarning,
  confirmedWords,
  lineBudgetWarnings,
  profileWarnings,
} from '../../server/domain/plausibility'

const year = (fyStart: number, pence: bigint | null, before: bigint | null = null) => ({
  fyStart,
  field: `amount_${fyStart}`,
  pence,
  before,
})

describe('lineBudgetWarnings', () => {
  it('is silent on ordinary changes and on amounts the save does not change', () => {
    expect(lineBudgetWarnings([year(2020, 5_000_000n, 4_000_000n), year(2021, 6_000_000n)])).toEqual([])
    expect(lineBudgetWarnings([year(2020, 990_000_000_000n, 990_000_000_000n)])).toEqual([])
  })

  it('asks about more than £100m on one line in one year (exactly £100m is not asked about)', () => {
    expect(lineBudgetWarnings([year(2020, 10_000_000_000n)])).toEqual([])
    expect(lineBudgetWarnings([year(2020, 10_000_000_001n)])).toEqual([
      {
        field: 'amount_2020',
        message: 'The 2020/21 budget of £100,000,000.01 is more than £100m on one line in one year: check the amount',
      },
    ])
  })

  it('asks about an amount more than twenty times the line’s largest other year (exactly twenty times is not)', () => {
    expect(lineBudgetWarnings([year(2020, 5_000_000n), year(2021, 100_000_000n)])).toEqual([])
    expect(lineBudgetWarnings([year(2020, 5_000_000n), year(2021, 100_000_001n)])).toEqual([
      {
        field: 'amount_2021',
        message:
          "The 2021/22 budget of £1,000,000.01 is more than 20 times the line's largest other year (£50,000.00): check the amount",
      },
    ])
  })
})

describe('aboveDecisionWarning', () => {
  it('asks when the programme would pass what its decisions commit, and not when they commit nothing recorded', () => {
    expect(
      aboveDecisionWarning({ field: 'amount_2020', programmeBudget: 61_000_000n, committed: 61_000_000n }),
    ).toEqual([])
    expect(aboveDecisionWarning({ field: 'amount_2020', programmeBudget: 63_500_000n, committed: null })).toEqual([])
    expect(
      aboveDecisionWarning({ field: 'amount_2020', programmeBudget: 63_500_000n, committed: 61_000_000n }),
    ).toEqual([
      {
        field: 'amount_2020',
        message:
          "The programme's budget would be £635,000.00, £25,000.00 more than the £610,000.00 its decisions commit: check the amounts, or record the decision that commits the rest",
      },
    ])
  })
})

describe('profileWarnings', () => {
  it('asks about a refund month on a capital line, not on a revenue line', () => {
    const periods = new Map([
      [1, 10_000n],
      [2, -500n],
    ])
    expect(profileWarnings({ periods, capital: false, budgetPence: 9_500n })).toEqual([])
    expect(profileWarnings({ periods, capital: true, budgetPence: 9_500n })).toEqual([
      {
        field: 'p2',
        message: 'P2 (May) is negative (−£5.00) on a capital line: capital spend is rarely refunded; check the amount',
      },
    ])
  })

  it('asks when more than half the year is in P13 (exactly half is not asked about)', () => {
    expect(
      profileWarnings({
        periods: new Map([
          [1, 500n],
          [13, 500n],
        ]),
        capital: false,
        budgetPence: 1_000n,
      }),
    ).toEqual([])
    expect(
      profileWarnings({
        periods: new Map([
          [1, 499n],
          [13, 501n],
        ]),
        capital: false,
        budgetPence: 1_000n,
      }),
    ).toEqual([
      {
        field: 'p13',
        message:
          '£5.01 of the £10.00 budget is profiled in P13, which holds year-end adjustments, not spending: check the month',
      },
    ])
  })
})

it('keeps what the user confirmed in words for the audit trail', () => {
  expect(
    confirmedWords([
      { field: 'p2', message: 'A' },
      { field: 'p13', message: 'B' },
    ]),
  ).toBe('Checked and confirmed by the user: A; B')
})
