import fc from 'fast-check'
import { parseMoney } from '../../server/domain/parse-money'
import { parseDateInput } from '../../server/domain/uk-date'
import { formatMoney, fromPence } from '../../server/domain/money'

const pence = (input: string, allowNegative = false) => {
  const r = parseMoney(input, { allowNegative })
  return r.ok ? r.pence : r.problem
}

describe('parseMoney', () => {
  it('accepts money as people type it and says what it understood', () => {
    expect(parseMoney('£1,800,000')).toEqual({ ok: true, pence: 180_000_000n, understood: '£1,800,000.00' })
    expect(pence('1.8m')).toBe(180_000_000n)
    expect(pence('535k')).toBe(53_500_000n)
    expect(pence('75000.00')).toBe(7_500_000n)
    expect(pence(' £ 460 k ')).toBe(46_000_000n)
    expect(pence('4.2 million')).toBe(420_000_000n)
    expect(pence('0.5')).toBe(50n)
    expect(pence('.5')).toBe(50n)
    expect(pence('-£2,500', true)).toBe(-250_000n)
    expect(pence('£-2,500', true)).toBe(-250_000n)
    expect(pence('1.23456m')).toBe(123_456_000n)
  })

  it('refuses more than two decimal places, letters, bad commas, negatives where not allowed, and huge amounts', () => {
    expect(pence('75000.001')).toMatch(/more than two decimal places/)
    expect(pence('1.234567891m')).toMatch(/not a whole number of pence/)
    expect(pence('12abc')).toMatch(/amount of money in numbers/)
    expect(pence('five')).toMatch(/amount of money in numbers/)
    expect(pence('1,80,000')).toMatch(/commas in the wrong places/)
    expect(pence('-500')).toMatch(/must not be negative/)
    expect(pence('20bn')).toMatch(/more than the largest amount allowed, £10,000,000,000/)
    expect(pence('')).toMatch(/is empty/)
    expect(pence('1e6')).toMatch(/amount of money in numbers/)
  })

  it('property: no input throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseMoney(s)
        parseMoney(s, { allowNegative: true })
      }),
    )
    fc.assert(fc.property(fc.stringMatching(/^[-−£\d.,km ]{0,14}$/), (s) => void parseMoney(s)))
  })

  it('property: every accepted input round-trips to the same pence through what it understood', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (p) => {
        const written = formatMoney(fromPence(p), 'pence').replace('−', '-')
        const first = parseMoney(written, { allowNegative: true })
        expect(first).toMatchObject({ ok: true, pence: p })
        const plain = fromPence(p).toFixed(2)
        expect(parseMoney(plain, { allowNegative: true })).toMatchObject({ ok: true, pence: p })
        if (first.ok)
          expect(parseMoney(first.understood.replace('−', '-'), { allowNegative: true })).toMatchObject({
            ok: true,
            pence: p,
          })
      }),
    )
  })
})

describe('parseDateInput', () => {
  it('reads UK day/month/year and states two-digit years back', () => {
    expect(parseDateInput('6/3/2017')).toEqual({ ok: true, iso: '2017-03-06', understood: '6 March 2017', note: null })
    expect(parseDateInput('6/5/17')).toEqual({
      ok: true,
      iso: '2017-05-06',
      understood: '6 May 2017',
      note: 'the year "17" was read as 2017',
    })
    expect(parseDateInput('6 March 2017')).toMatchObject({ ok: true, iso: '2017-03-06' })
    expect(parseDateInput('6 mar 17')).toMatchObject({ ok: true, iso: '2017-03-06' })
    expect(parseDateInput('2017-03-06')).toMatchObject({ ok: true, iso: '2017-03-06' })
  })

  it('refuses impossible dates with the reason', () => {
    expect(parseDateInput('17/13/17')).toEqual({
      ok: false,
      problem: 'has month 13: there are only 12 months (dates are day/month/year)',
    })
    expect(parseDateInput('29/2/2017')).toEqual({ ok: false, problem: 'has day 29, which February 2017 does not have' })
    expect(parseDateInput('6 Smarch 2017')).toMatchObject({ ok: false, problem: 'has "Smarch", which is not a month' })
    expect(parseDateInput('yesterday')).toMatchObject({ ok: false })
    expect(parseDateInput('')).toMatchObject({ ok: false, problem: expect.stringContaining('is empty') })
  })

  it('property: no input throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseDateInput(s)))
  })

  it('reads a two-digit year as this century unless that is more than a year ahead', () => {
    const today = new Date(Date.UTC(2026, 11, 2))
    expect(parseDateInput('6/3/17', today)).toMatchObject({
      ok: true,
      iso: '2017-03-06',
      note: 'the year "17" was read as 2017',
    })
    expect(parseDateInput('6/3/27', today)).toMatchObject({ ok: true, iso: '2027-03-06' })
    // "28" would be 2028, more than a year ahead: 1928, which no record of this office has.
    expect(parseDateInput('6/3/28', today)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('1928') as string,
    })
    expect(parseDateInput('6/3/99', today)).toMatchObject({
      ok: true,
      iso: '1999-03-06',
      note: 'the year "99" was read as 1999',
    })
  })

  it('property: every real date round-trips through each way of writing it', () => {
    const day = 86_400_000
    // Two-digit years stand for the hundred years to next year: 1928–2027 when today is in 2026.
    const today = new Date(Date.UTC(2026, 11, 2))
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / day, max: Date.UTC(2027, 11, 31) / day }), (n) => {
        const d = new Date(n * day)
        const iso = d.toISOString().slice(0, 10)
        const [dd, mm, yyyy] = [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()]
        for (const written of [`${dd}/${mm}/${yyyy}`, `${dd}/${mm}/${String(yyyy).slice(2)}`, iso]) {
          const r = parseDateInput(written, today)
          expect(r).toMatchObject({ ok: true, iso })
          if (r.ok) expect(parseDateInput(r.understood, today)).toMatchObject({ ok: true, iso })
        }
      }),
    )
  })
})
