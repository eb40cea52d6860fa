// The programme appraisal built from summed inputs (the rules that used to sit in the appraisal service): the
// years it spans, cash or real prices, the claimed payback against the computed one, the sensitivity scenarios.
import { buildAppraisal, claimDiffers, SCENARIOS, type ProgrammeInputs } from '../../server/domain/programme-appraisal'
import { Decimal } from '../../server/domain/money'

const itPlatform: ProgrammeInputs = {
  code: 'ITP',
  name: 'IT platform',
  investToSave: true,
  claimedPayback: '3',
  claimedSource: 'Decision',
  inflation: null,
  inflationSource: null,
}
const costs = [{ programme_id: 1, fy_start: 2015, capital: '420000000', revenue: '0' }]
const benefits = [2016, 2017, 2018, 2019, 2020].map((fy) => ({
  programme_id: 1,
  fy_start: fy,
  cashable: '140000000',
  non_cashable: '0',
  count: 1,
}))

describe('claimDiffers: a claimed payback is met within half a year', () => {
  it('holds at exactly half a year either way and differs beyond it', () => {
    expect(claimDiffers(new Decimal('3.5'), new Decimal('3'))).toBe(false)
    expect(claimDiffers(new Decimal('2.5'), new Decimal('3'))).toBe(false)
    expect(claimDiffers(new Decimal('3.51'), new Decimal('3'))).toBe(true)
    expect(claimDiffers(new Decimal('2.49'), new Decimal('3'))).toBe(true)
  })
  it('always differs when the scheme does not pay back', () => {
    expect(claimDiffers(null, new Decimal('3'))).toBe(true)
  })
})

describe('buildAppraisal', () => {
  it('spans the years from the first cost to the last benefit, in cash prices without an inflation assumption', () => {
    const a = buildAppraisal(itPlatform, { costs, benefits, assumptions: [] })
    expect(a.years.map((y) => [y.t, y.fyStart, y.capital.toString(), y.cashable.toString()])).toEqual([
      [0, 2015, '4200000', '0'],
      [1, 2016, '0', '1400000'],
      [2, 2017, '0', '1400000'],
      [3, 2018, '0', '1400000'],
      [4, 2019, '0', '1400000'],
      [5, 2020, '0', '1400000'],
    ])
    expect(a.prices).toEqual({ kind: 'cash' })
    expect(a.cashable.simplePayback?.toString()).toBe('3')
    expect(a.claimed).toMatchObject({ differs: false, words: 'claimed 3 years; computed 3.00 years' })
  })

  it('runs every sensitivity scenario, the first being the plan itself', () => {
    const a = buildAppraisal(itPlatform, { costs, benefits, assumptions: [] })
    expect(a.sensitivity.map((s) => s.label)).toEqual(SCENARIOS.map(([label]) => label))
    expect(a.sensitivity[0]?.cashable.npv.toString()).toBe(a.cashable.npv.toString())
    // Costs 20% higher: £5.04m ÷ £1.4m a year = 3.6 years.
    expect(a.sensitivity.find((s) => s.label === 'Costs 20% higher')?.cashable.simplePayback?.toString()).toBe('3.6')
  })

  it('says the claim differs, and how, when the scheme does not pay back on cashable figures', () => {
    const a = buildAppraisal(itPlatform, { costs, benefits: benefits.slice(0, 2), assumptions: [] })
    expect(a.claimed).toMatchObject({
      differs: true,
      words: 'claimed 3 years; on the cashable figures it does not pay back within 3 years',
    })
  })

  it('deflates to real prices when an inflation assumption is given, which lengthens the payback', () => {
    const a = buildAppraisal(
      { ...itPlatform, inflation: '0.02', inflationSource: 'Assumption' },
      { costs, benefits, assumptions: [] },
    )
    expect(a.prices).toMatchObject({ kind: 'real' })
    expect(a.cashable.simplePayback?.greaterThan(3)).toBe(true)
  })
})
