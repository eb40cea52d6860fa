import fc from 'fast-check'
import { governanceFlags } from '../../server/domain/decisions'
import { readUkDate } from '../../server/domain/uk-date'

describe('UK dates as the documents write them', () => {
  it('reads day/month/year with two- or four-digit years', () => {
    expect(readUkDate('6/5/17')).toEqual({ ok: true, iso: '2017-05-06', written: '6/5/17', twoDigitYear: true })
    expect(readUkDate('6/3/2017')).toMatchObject({ ok: true, iso: '2017-03-06', twoDigitYear: false })
  })

  it('keeps 17/13/17 as written and says why it is not a date', () => {
    expect(readUkDate('17/13/17')).toEqual({ ok: false, written: '17/13/17', problem: 'there is no month 13' })
    expect(readUkDate('31/4/2017')).toMatchObject({ ok: false, problem: 'there is no day 31 in that month' })
    expect(readUkDate('March 2017')).toMatchObject({ ok: false })
  })

  it('property: every real date written d/m/yyyy reads back to the same date', () => {
    const day = 86_400_000
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / day, max: Date.UTC(2099, 0, 1) / day }), (n) => {
        const d = new Date(n * day)
        const written = `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`
        expect(readUkDate(written)).toMatchObject({ ok: true, iso: d.toISOString().slice(0, 10) })
      }),
    )
  })
})

describe('governance flags on sign-offs', () => {
  it("flags OPCC.D.013.17: the CFO's 6/5/17 is after the Commissioner's 6/3/2017", () => {
    const flags = governanceFlags([
      { role: 'cfo', signedOn: '2017-05-06', signedAsWritten: '6/5/17' },
      { role: 'chief_of_staff', signedOn: '2017-03-06', signedAsWritten: '6/3/2017' },
      { role: 'commissioner', signedOn: '2017-03-06', signedAsWritten: '6/3/2017' },
    ])
    expect(flags).toEqual([expect.objectContaining({ role: 'cfo', kind: 'signed-after-commissioner' })])
  })

  it('flags OPCC.D.014.17: 17/13/17 is not a valid date', () => {
    const flags = governanceFlags([
      { role: 'cfo', signedOn: null, signedAsWritten: '17/13/17' },
      { role: 'commissioner', signedOn: '2017-03-17', signedAsWritten: '17/3/2017' },
    ])
    expect(flags).toEqual([
      expect.objectContaining({
        role: 'cfo',
        kind: 'invalid-date',
        message: expect.stringContaining('"17/13/17" is not a valid date'),
      }),
    ])
  })

  it('does not flag a same-day sign-off, or missing dates', () => {
    expect(
      governanceFlags([
        { role: 'cfo', signedOn: '2017-03-06', signedAsWritten: '6/3/17' },
        { role: 'commissioner', signedOn: '2017-03-06', signedAsWritten: '6/3/17' },
      ]),
    ).toEqual([])
    expect(governanceFlags([{ role: 'cfo', signedOn: null, signedAsWritten: null }])).toEqual([])
  })
})
