// Every way a ledger file is refused (issue #9): each rejection reason by row, field and reason, with the CSV report
// (its cells neutralised against formula injection); a closed year; re-importing and overlapping extracts (already
// imported, or a conflict to resolve); an empty file and 50 MB of garbage. Each changes nothing in the ledger.
import crypto from 'node:crypto'
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn, csrfOf, type Agent } from '../support/session'
import { countRows } from '../support/forms'
import { batchIdOf, check, commit, csv, importFile, row, upload } from '../support/imports'
import { summaryDifferences } from '../../server/data/spend-summaries'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const checked = async (content: Buffer) => {
  const id = batchIdOf((await upload(finance, { name: 'x.csv', content }, 303)).headers.location)
  return { id, page: pageText((await check(finance, env.db, id)).text) }
}

describe('rejected rows', () => {
  it('lists each rejected row with its row number, field and reason; the file cannot be imported', async () => {
    const before = await countRows(env.db, 'spend_transactions')
    const { id, page } = await checked(
      csv([
        row({ ref: 'OK-1', amount: '10.00' }),
        row({ ref: 'BAD-DATE', date: '31/02/2020', amount: '1' }),
        row({ ref: 'BAD-AMOUNT', amount: '12,34.5' }),
        row({ ref: 'BAD-CODE', cc: 'ZZ999', amount: '1' }),
        row({ ref: 'OK-1', amount: '10.00' }),
        row({ ref: 'BAD-PERIOD', period: 'P14', amount: '1' }),
        row({ ref: 'OTHER-YEAR', date: '2021-05-01', amount: '1' }),
        row({ ref: '=HYPERLINK("http://x")', date: 'soon', amount: '1' }),
      ]),
    )
    expect(page).toContain('Rows read 8')
    expect(page).toContain('Rejected 7')
    expect(page).toContain('3 BAD-DATE Posting date The posting date')
    expect(page).toContain('4 BAD-AMOUNT Amount "12,34.5" is not an amount of money')
    expect(page).toContain(
      '5 BAD-CODE Cost centre Cost centre ZZ999 with account code S0400 is not mapped to a budget line',
    )
    expect(page).toContain('6 OK-1 Ledger reference The ledger reference OK-1 is also on row 2')
    expect(page).toContain('7 BAD-PERIOD Posting period (P1–P13) "P14" is not a ledger period')
    expect(page).toContain('8 OTHER-YEAR Posting date The posting date 2021-05-01 is not in 2020/21')
    expect(page).toContain('rows were rejected, so the file cannot be imported')
    const refused = await commit(finance, env.db, id, {}, 422)
    expect(pageText(refused.res.text)).toContain(
      '7 rows were rejected: correct the file or the ledger codes and check it again. Nothing has been imported.',
    )
    expect(await countRows(env.db, 'spend_transactions')).toBe(before)
    const report = await finance.get(`/imports/${id}/report.csv`).expect(200)
    expect(report.headers['content-type']).toContain('text/csv')
    expect(report.text).toContain('Row,Ledger reference,Outcome,Field,Reason')
    expect(report.text).toContain(`9,"'=HYPERLINK(""http://x"")",Rejected,Posting date,`)
    expect(report.text.split('\r\n').filter((l) => l.includes(',Rejected,')).length).toBe(7)
  })

  it('refuses a closed year at upload', async () => {
    const res = await upload(
      finance,
      { name: 'x.csv', content: csv([row({ ref: 'A', amount: '1', date: '2019-12-01' })]), fy: '2019-20' },
      422,
    )
    expect(pageText(res.text)).toContain('2019/20 is not an open year of this office')
    expect(await countRows(env.db, 'import_batches')).toBe(0)
  })

  it('refuses an empty file, a file of headings only is read as no rows, and a file of garbage', async () => {
    const before = await countRows(env.db, 'spend_transactions')
    const empty = await upload(finance, { name: 'empty.csv', content: Buffer.alloc(0) }, 422)
    expect(pageText(empty.text)).toContain('The file is empty')
    const garbage = await upload(finance, { name: 'garbage.csv', content: crypto.randomBytes(50 * 1024 * 1024) }, 422)
    expect(pageText(garbage.text)).toContain('The file is neither a CSV file nor an Excel workbook (.xlsx)')
    const fakeXlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(1024)])
    const broken = await upload(finance, { name: 'broken.xlsx', content: fakeXlsx }, 422)
    expect(pageText(broken.text)).toContain('The workbook could not be read')
    const headingsOnly = await checked(csv([]))
    expect(headingsOnly.page).toContain('Rows read 0')
    await commit(finance, env.db, headingsOnly.id, {}, 422)
    const text = await upload(
      finance,
      { name: 'text.csv', content: Buffer.from(crypto.randomBytes(37 * 1024 * 1024).toString('base64')) },
      422,
    )
    expect(pageText(text.text)).toContain('The file could not be read as CSV at line 1: a row is longer than 64 KB')
    expect(await countRows(env.db, 'spend_transactions')).toBe(before)
    expect(await countRows(env.db, 'import_batches')).toBe(1)
  })

  it('refuses an upload without its form token, and keeps nothing of it', async () => {
    await finance
      .post('/imports')
      .field('fy', '2020-21')
      .attach('file', csv([row({ ref: 'A', amount: '1' })]), 'x.csv')
      .expect(403)
    expect(await countRows(env.db, 'import_batches')).toBe(0)
  })

  it('asks for the file and the year', async () => {
    const page = await finance.get('/imports').expect(200)
    const res = await finance.post('/imports').field('_csrf', csrfOf(page.text)).field('fy', '').expect(422)
    expect(pageText(res.text)).toContain('Choose the ledger file to upload (CSV or XLSX)')
  })
})

describe('ledger codes', () => {
  it('a missing code rejects its rows; once finance adds it (audited), checking again accepts them', async () => {
    const { id, page } = await checked(csv([row({ ref: 'NEW-CC', cc: 'F9001', amount: '75' })]))
    expect(page).toContain('Cost centre F9001 with account code S0400 is not mapped to a budget line')
    const codes = await finance.get('/ledger-codes').expect(200)
    const line = /<option value="(\d+)">Integrated software: annual revenue cost/.exec(codes.text)?.[1] ?? ''
    const refused = await finance
      .post('/ledger-codes')
      .type('form')
      .send({ _csrf: csrfOf(codes.text), cost_centre: 'F1002', account_code: 's0400', budget_line_id: line })
      .expect(422)
    expect(pageText(refused.text)).toContain(
      'Cost centre F1002 with account code S0400 is already mapped to “Integrated software: annual revenue cost”',
    )
    await finance
      .post('/ledger-codes')
      .type('form')
      .send({ _csrf: csrfOf(codes.text), cost_centre: 'f9001', account_code: 'S0400', budget_line_id: line })
      .expect(303)
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'ledger_codes', action: 'create' })
      .first<{ record_label: string }>()
    expect(audit.record_label).toBe('Ledger code F9001 / S0400')
    const again = pageText((await check(finance, env.db, id)).text)
    expect(again).toContain('Rejected 0')
    expect((await commit(finance, env.db, id)).status).toBe('committed')
  })
})

describe('re-importing', () => {
  it('reports references already imported and imports nothing twice', async () => {
    const file = csv([row({ ref: 'RE-1', amount: '100' }), row({ ref: 'RE-2', amount: '200' })])
    await importFile(finance, env.db, { name: 'a.csv', content: file })
    const before = await countRows(env.db, 'spend_transactions')
    const { id, page } = await checked(file)
    expect(page).toContain('This same file (the same SHA-256) was imported as import #1')
    expect(page).toContain('Already imported 2')
    expect(page).toContain('Accepted, to import 0 rows')
    const refused = await commit(finance, env.db, id, {}, 422)
    expect(pageText(refused.res.text)).toContain('There is nothing new to import: every row is already in the ledger')
    expect(await countRows(env.db, 'spend_transactions')).toBe(before)
  })

  it('holds a changed amount as a conflict until finance keeps the ledger’s figure; imports the new rows only', async () => {
    await importFile(finance, env.db, {
      name: 'a.csv',
      content: csv([row({ ref: 'OV-1', amount: '100' }), row({ ref: 'OV-2', amount: '200' })]),
    })
    const before = await countRows(env.db, 'spend_transactions')
    const { id, page } = await checked(
      csv([
        row({ ref: 'OV-1', amount: '100' }),
        row({ ref: 'OV-2', amount: '250' }),
        row({ ref: 'OV-3', amount: '300' }),
      ]),
    )
    expect(page).toContain('Already imported 1')
    expect(page).toContain('Conflicts 1')
    expect(page).toContain('3 OV-2 Amount The ledger holds £200.00 on')
    expect(page).toContain('the file says £250.00')
    const refused = await commit(finance, env.db, id, {}, 422)
    expect(pageText(refused.res.text)).toContain('1 references are already in the ledger with different figures')
    expect(await countRows(env.db, 'spend_transactions')).toBe(before)
    expect((await commit(finance, env.db, id, { keep_held_amounts: 'yes' })).status).toBe('committed')
    expect(await countRows(env.db, 'spend_transactions')).toBe(before + 1)
    const ov2 = await env
      .db('spend_transactions')
      .where('ledger_ref', 'OV-2')
      .first<{ amount_pence: string | number }>()
    expect(String(ov2.amount_pence)).toBe('20000')
    expect(await summaryDifferences(env.db)).toEqual([])
  })
})
