// Reading a mapped row of a ledger extract: amounts and periods as ledgers write them, every problem named by its
// field, and text cells made safe for a spreadsheet.
import fc from 'fast-check'
import {
  checkMapping,
  guessMapping,
  neutraliseCell,
  readLedgerAmount,
  readLedgerPeriod,
  readLedgerRow,
} from '../../server/domain/ledger'

describe('readLedgerAmount', () => {
  it.each([
    ['1,234.56', 123456n],
    ['£1,234.56', 123456n],
    ['1234.5', 123450n],
    ['-1,234.56', -123456n],
    ['(1,234.56)', -123456n],
    ['1234.56-', -123456n],
    ['−5', -500n],
    ['.5', 50n],
    [' 1 234.00 '.replace(' 234', '234'), 123400n],
    ['0', 0n],
  ])('reads %s', (text, pence) => {
    expect(readLedgerAmount(text)).toEqual({ pence })
  })

  it('reads blank as no amount', () => {
    expect(readLedgerAmount('')).toEqual({ pence: null })
    expect(readLedgerAmount(undefined)).toEqual({ pence: null })
  })

  it.each(['1.234', '12,34', 'abc', '(5', '5)', '1e5', '£', '--5', '-(5)', '(5)-'])(
    'refuses %s with a reason',
    (text) => {
      expect(readLedgerAmount(text)).toHaveProperty('reason')
    },
  )

  it('property: any whole number of pence round-trips through each way a ledger writes it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), (pence) => {
        const pounds = `${(pence / 100n).toLocaleString('en-GB')}.${String(pence % 100n).padStart(2, '0')}`
        expect(readLedgerAmount(pounds)).toEqual({ pence })
        expect(readLedgerAmount(`(${pounds})`)).toEqual({ pence: -pence })
        expect(readLedgerAmount(`${pounds}-`)).toEqual({ pence: -pence })
      }),
    )
  })
})

describe('readLedgerPeriod', () => {
  it.each([
    ['P8', 8],
    ['p08', 8],
    ['8', 8],
    ['Period 13', 13],
    ['P1', 1],
  ])('reads %s as %d', (text, period) => {
    expect(readLedgerPeriod(text)).toEqual({ period })
  })

  it.each(['P0', 'P14', '', 'Q3', '8.5'])('refuses %s', (text) => {
    expect(readLedgerPeriod(text)).toHaveProperty('reason')
  })
})

describe('readLedgerRow', () => {
  const row = {
    ledger_ref: 'AP-000123',
    posted_on: '5/11/2020',
    period: 'P8',
    cost_centre: 'CC100',
    account_code: '4010',
    supplier: 'Motorola Solutions UK',
    description: 'Handsets',
    amount: '12,000.00',
  }

  it('reads a row into a transaction', () => {
    expect(readLedgerRow(row)).toEqual({
      ok: true,
      row: {
        ledgerRef: 'AP-000123',
        postedOn: '2020-11-05',
        period: 8,
        costCentre: 'CC100',
        accountCode: '4010',
        supplier: 'Motorola Solutions UK',
        description: 'Handsets',
        amountPence: 1_200_000n,
        vatPence: null,
        irrecoverableVatPence: null,
        merchantCategory: null,
        department: null,
        body: null,
        individual: null,
        invoiceRef: null,
        kind: null,
        withheldReason: null,
        procurementRoute: null,
      },
    })
  })

  it('reads what the published record needs: invoice, type of transaction, withholding, procurement route', () => {
    expect(
      readLedgerRow({
        ...row,
        invoice_ref: 'INV-77',
        kind: 'Payroll',
        withheld_reason: 'Prevention or detection of crime',
        procurement_route: 'National framework',
      }),
    ).toMatchObject({
      ok: true,
      row: { invoiceRef: 'INV-77', kind: 'payroll', withheldReason: 'crime', procurementRoute: 'National framework' },
    })
    expect(readLedgerRow({ ...row, kind: 'HMRC', withheld_reason: 'national security' })).toMatchObject({
      row: { kind: 'tax', withheldReason: 'national_security' },
    })
    expect(readLedgerRow({ ...row, kind: 'gift', withheld_reason: 'embarrassment' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'kind',
          reason: '"gift" is not a type of transaction: supplier, payroll, tax, pension or journal',
        },
        {
          field: 'withheld_reason',
          reason:
            '"embarrassment" is not a reason to withhold: national security, safety, or crime (its prevention or detection)',
        },
      ],
    })
  })

  it('reads the optional columns: VAT, irrecoverable VAT, merchant category, department, body and individual', () => {
    expect(
      readLedgerRow({
        ...row,
        vat: '2,400.00',
        irrecoverable_vat: '(10.00)',
        merchant_category: 'Telecoms',
        department: 'ICT',
        body: 'Force',
        individual: 'Yes',
      }),
    ).toMatchObject({
      ok: true,
      row: {
        vatPence: 240_000n,
        irrecoverableVatPence: -1_000n,
        merchantCategory: 'Telecoms',
        department: 'ICT',
        body: 'Force',
        individual: true,
      },
    })
    expect(readLedgerRow({ ...row, body: 'OPCC', individual: 'n' })).toMatchObject({
      row: { body: 'OPCC', individual: false },
    })
    expect(readLedgerRow({ ...row, body: 'Council', individual: 'maybe', vat: 'x' })).toEqual({
      ok: false,
      problems: [
        { field: 'vat', reason: '"x" is not an amount of money (like 1,234.56, -1234.56 or (1,234.56))' },
        { field: 'body', reason: '"Council" is not a body: OPCC or Force' },
        { field: 'individual', reason: '"maybe" is not yes or no' },
      ],
    })
  })

  it('takes debit less credit where the file has the two columns', () => {
    const rest: Record<string, string> = { ...row }
    delete rest.amount
    expect(readLedgerRow({ ...rest, debit: '', credit: '250.00' })).toMatchObject({
      ok: true,
      row: { amountPence: -25_000n },
    })
    expect(readLedgerRow({ ...rest, debit: '100', credit: '50' })).toEqual({
      ok: false,
      problems: [
        { field: 'debit', reason: 'The row has both a debit and a credit: a ledger line is one or the other' },
      ],
    })
  })

  it('names every problem of a row by its field', () => {
    const reading = readLedgerRow({
      ...row,
      ledger_ref: '',
      posted_on: '31/2/2021',
      period: 'P14',
      amount: 'lots',
      cost_centre: ' ',
    })
    expect(reading.ok).toBe(false)
    if (!reading.ok) {
      expect(reading.problems.map((p) => p.field)).toEqual([
        'ledger_ref',
        'cost_centre',
        'posted_on',
        'period',
        'amount',
      ])
      expect(reading.problems.find((p) => p.field === 'posted_on')?.reason).toBe(
        'The posting date has day 31, which February 2021 does not have',
      )
    }
  })
})

describe('neutraliseCell', () => {
  it.each(['=1+1', '+44 1622', '-5', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes %j so a spreadsheet reads it as text',
    (text) => {
      expect(neutraliseCell(text)).toBe(`'${text}`)
    },
  )
  it('leaves other text alone', () => {
    expect(neutraliseCell('Motorola Solutions UK')).toBe('Motorola Solutions UK')
  })
})

describe('column mappings', () => {
  const headers = [
    'Posting Date',
    'Period',
    'Transaction Ref',
    'Cost Centre',
    'Subjective',
    'Net Amount',
    'Debit',
    'Credit',
  ]

  it('suggests a mapping from the headings ledgers use, amount before debit and credit', () => {
    expect(guessMapping(headers)).toEqual({
      posted_on: 'Posting Date',
      period: 'Period',
      ledger_ref: 'Transaction Ref',
      cost_centre: 'Cost Centre',
      account_code: 'Subjective',
      amount: 'Net Amount',
    })
    expect(guessMapping(['  DATE ', 'Debit', 'Credit'])).toEqual({
      posted_on: '  DATE ',
      debit: 'Debit',
      credit: 'Credit',
    })
  })

  it('names each field a mapping is missing or gets wrong', () => {
    const ok = {
      posted_on: 'Posting Date',
      period: 'Period',
      ledger_ref: 'Transaction Ref',
      cost_centre: 'Cost Centre',
      account_code: 'Subjective',
    }
    expect(checkMapping({ ...ok, amount: 'Net Amount' }, headers)).toEqual([])
    expect(checkMapping({ ...ok, debit: 'Debit', credit: 'Credit' }, headers)).toEqual([])
    expect(checkMapping({ ...ok, debit: 'Debit' }, headers)).toEqual([
      { field: 'amount', reason: 'Choose the amount column, or both a debit and a credit column' },
    ])
    expect(checkMapping({ ...ok, amount: 'Net Amount', debit: 'Debit', credit: 'Credit' }, headers)).toEqual([
      { field: 'amount', reason: 'Map either an amount column or debit and credit columns, not both' },
    ])
    expect(checkMapping({ ...ok, ledger_ref: undefined, amount: 'Gross' }, headers)).toEqual([
      { field: 'ledger_ref', reason: 'Choose the column that holds the ledger reference' },
      { field: 'amount', reason: 'Amount: the file has no column “Gross”' },
    ])
    expect(checkMapping({ ...ok, amount: 'Period' }, headers)).toEqual([
      { field: 'ledger_ref', reason: 'The column “Period” is mapped to two fields' },
    ])
  })
})
