// Importing a ledger extract (issue #9): the happy path in CSV and XLSX, the preview, the commit (all or nothing,
// with the summaries), the audit, and the reversal.
import fs from 'node:fs'
import path from 'node:path'
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { countRows } from '../support/forms'
import { batchIdOf, check, commit, csv, importFile, row, upload, xlsx } from '../support/imports'
import { summaryDifferences } from '../../server/data/spend-summaries'
import { csrfOf } from '../support/session'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const DEMO_FILE = path.join(__dirname, '../../seeds/demo/ledger-2020-21-P9.csv')

const supplies = async () =>
  Number(
    (
      await env
        .db('ledger_codes')
        .where({ cost_centre: 'F1002', account_code: 'S0400' })
        .first<{ budget_line_id: number }>('budget_line_id')
    ).budget_line_id,
  )

const ledgerSum = async (lineId: number) =>
  BigInt(
    String(
      (
        await env
          .db('spend_transactions')
          .where({ budget_line_id: lineId, fy_start: 2020 })
          .sum({ s: 'amount_pence' })
          .first()
      )?.s ?? 0,
    ),
  )

describe('importing the demo ledger extract', () => {
  it('maps the columns with the saved mapping, previews, imports all rows at once, and audits the batch', async () => {
    const before = await countRows(env.db, 'spend_transactions')
    const res = await upload(finance, { name: 'ledger-2020-21-P9.csv', content: fs.readFileSync(DEMO_FILE) }, 303)
    const id = batchIdOf(res.headers.location)
    const mapping = pageText((await finance.get(`/imports/${id}`).expect(200)).text)
    expect(mapping).toContain("Map the file's columns")
    expect(mapping).toContain('Column mapping Demo force ledger (monthly extract)')
    const preview = pageText((await check(finance, env.db, id)).text)
    expect(preview).toContain('Preview: nothing has been imported yet')
    expect(preview).toContain('Rows read 34')
    expect(preview).toContain('Rejected 0')
    const previewCsv = await finance.get(`/imports/${id}/preview.csv`).expect(200)
    const total = previewCsv.text.split('\r\n').find((l) => l.startsWith('Total,')) ?? ''
    expect(total).toMatch(/^Total,,,34,\d+\.\d\d$/)
    expect(preview).toContain(
      `Accepted, to import 34 rows, £${Number(total.split(',').pop()).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
    )
    expect(await countRows(env.db, 'spend_transactions')).toBe(before)
    const done = await commit(finance, env.db, id)
    expect(done.status).toBe('committed')
    expect(await countRows(env.db, 'spend_transactions')).toBe(before + 34)
    expect(await countRows(env.db, 'import_rows')).toBe(0)
    expect(await summaryDifferences(env.db)).toEqual([])
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'import_batches', row_id: String(id) })
      .first<{ to_value: string; actor: string }>()
    expect(audit.to_value).toMatch(
      /^34 transactions, £[\d,]+\.\d\d, 2020\/21, from “ledger-2020-21-P9.csv” \(SHA-256 [0-9a-f]{64}\)$/,
    )
    expect(audit.actor).toContain('finance@demo.example.org')
    const page = pageText((await finance.get(`/imports/${id}`).expect(200)).text)
    expect(page).toContain('Imported')
    expect(page).toContain('Reverse this import')
  })

  it('reads an XLSX workbook with debit and credit columns, Excel dates and numbers', async () => {
    const lineId = await supplies()
    const was = await ledgerSum(lineId)
    const headings = ['Date', 'Period', 'Reference', 'Cost Centre', 'Account', 'Supplier', 'Debit', 'Credit']
    const content = await xlsx(
      [
        [
          new Date(Date.UTC(2020, 11, 3)),
          9,
          'XL-1',
          'F1002',
          'S0400',
          'Excel Supplies Ltd',
          1234.56,
          null as unknown as string,
        ],
        [new Date(Date.UTC(2020, 11, 4)), 'P9', 'XL-2', 'F1002', 'S0400', 'Excel Supplies Ltd', '', 200.1],
      ],
      headings,
    )
    const id = batchIdOf((await upload(finance, { name: 'extract.xlsx', content }, 303)).headers.location)
    const preview = pageText((await check(finance, env.db, id, { mapping_name: 'Excel extract' })).text)
    expect(preview).toContain('Rows read 2')
    expect(preview).toContain('Accepted, to import 2 rows, £1,034.46')
    expect((await commit(finance, env.db, id)).status).toBe('committed')
    expect((await ledgerSum(lineId)) - was).toBe(103446n)
    const xl1 = await env
      .db('spend_transactions')
      .where('ledger_ref', 'XL-1')
      .first<{ posted_on: string; period: number }>()
    expect(String(xl1.posted_on).slice(0, 10)).toBe('2020-12-03')
    expect(await env.db('ledger_mappings').where('name', 'Excel extract').first()).toBeTruthy()
  })

  it('reads a BOM, Windows line endings, semicolons, £ signs and thousands separators', async () => {
    const lineId = await supplies()
    const was = await ledgerSum(lineId)
    const content = csv(
      [
        row({ ref: 'EU-1', amount: '£1,234.00' }),
        row({ ref: 'EU-2', amount: '(£2,000.50)' }),
        row({ ref: 'EU-3', amount: '10,000.01' }),
      ],
      { sep: ';', eol: '\r\n', bom: true },
    )
    const id = batchIdOf((await upload(finance, { name: 'semicolons.csv', content }, 303)).headers.location)
    const preview = pageText((await check(finance, env.db, id)).text)
    expect(preview).toContain('Rows read 3')
    expect(preview).toContain('Rejected 0')
    expect((await commit(finance, env.db, id)).status).toBe('committed')
    expect((await ledgerSum(lineId)) - was).toBe(923351n)
  })

  it('reverses a whole batch with its reason, audited, and the summaries follow', async () => {
    const lineId = await supplies()
    const was = await ledgerSum(lineId)
    const id = await importFile(finance, env.db, {
      name: 'r.csv',
      content: csv([row({ ref: 'REV-1', amount: '500' }), row({ ref: 'REV-2', amount: '250.25' })]),
    })
    expect((await ledgerSum(lineId)) - was).toBe(75025n)
    const page = await finance.get(`/imports/${id}`).expect(200)
    const refused = await finance
      .post(`/imports/${id}/reverse`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), reason: '' })
      .expect(422)
    expect(pageText(refused.text)).toContain('Enter the reason for reversing this import')
    await finance
      .post(`/imports/${id}/reverse`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), reason: 'Wrong month loaded' })
      .expect(303)
    expect(await ledgerSum(lineId)).toBe(was)
    expect(await env.db('spend_transactions').whereIn('ledger_ref', ['REV-1', 'REV-2']).first()).toBeUndefined()
    expect(await summaryDifferences(env.db)).toEqual([])
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'import_batches', row_id: String(id), action: 'remove' })
      .first<{ reason: string; from_value: string }>()
    expect(audit.reason).toBe('Wrong month loaded')
    expect(audit.from_value).toMatch(/^2 transactions, £750\.25/)
    // The same file imports again after its reversal.
    await importFile(finance, env.db, {
      name: 'r.csv',
      content: csv([row({ ref: 'REV-1', amount: '500' }), row({ ref: 'REV-2', amount: '250.25' })]),
    })
    expect((await ledgerSum(lineId)) - was).toBe(75025n)
  })

  it('is for finance only: the Panel is refused', async () => {
    const panel = await signedIn(env.app, 'panel')
    await panel.get('/imports').expect(403)
  })
})
