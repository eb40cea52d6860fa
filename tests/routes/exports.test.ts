// Every table of figures downloads as CSV and XLSX (issue #9): the figures the page shows, for what the viewer may
// see; real numbers formatted as currency; a title row; a frozen header row; totals as formulas; and text cells
// neutralised against formula injection.
import ExcelJS from 'exceljs'
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { rowText } from '../support/html'
import { signedIn } from '../support/session'

const env = useTestApp()

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  return wb
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

describe('the dashboard as a spreadsheet', () => {
  it('CSV: the table of the page with exact pounds and pence, and its total', async () => {
    const res = await request(env.app).get('/dashboard.csv?fy=2019-20&table=1').expect(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toContain('dashboard-2019-20-by-type-of-spend.csv')
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe(
      'Type of spend,Budget (£),Profile (£),Actual (£),Outturn (£),Variance (£),Variance %,Status,Figures',
    )
    expect(lines[1]).toMatch(/^Police officer pay,.*,Green,illustrative$/)
    const total = lines.find((l) => l.startsWith('Net revenue budget,')) ?? ''
    expect(total.split(',')[1]).toBe('332600000.00')
    const page = await request(env.app).get('/?fy=2019-20').expect(200)
    expect(rowText(page.text, 'by type of spend', 'Net revenue budget')).toContain('332,600')
    await request(env.app).get('/dashboard.csv?fy=2019-20&table=9').expect(400)
    await request(env.app).get('/dashboard.pdf?fy=2019-20').expect(400)
  })

  it('XLSX: numbers formatted as £k, a title row with the year and unit, a frozen header and SUM formulas', async () => {
    const res = await request(env.app).get('/dashboard.xlsx?fy=2019-20').buffer(true).parse(binary).expect(200)
    const wb = await readWorkbook(res.body as Buffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['By type of spend', 'By budget owner', 'Programmes'])
    const ws = wb.worksheets[0]
    if (!ws) throw new Error('no sheet')
    expect(ws.getCell('A1').text).toContain('Revenue budget 2019/20 by type of spend')
    expect(ws.getCell('A2').text).toMatch(
      /^Financial year 2019\/20\. Unit: £k .*Produced \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    )
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 })
    expect(ws.getCell('B4').value).toBe('Budget (£k)')
    expect(typeof ws.getCell('B5').value).toBe('number')
    expect(ws.getCell('B5').numFmt).toBe('#,##0,;-#,##0,')
    expect(ws.getColumn(1).width).toBe(40)
    const lastRow = ws.rowCount
    expect(ws.getCell(`A${lastRow}`).value).toBe('Net revenue budget')
    expect(ws.getCell(`B${lastRow}`).value).toMatchObject({ formula: `SUM(B5:B${lastRow - 1})`, result: 332_600_000 })
    expect(ws.getCell(`G${lastRow}`).value).toMatchObject({
      formula: `IF(B${lastRow}=0,"",F${lastRow}/ABS(B${lastRow}))`,
    })
    expect(wb.worksheets[2]?.getCell('B5').numFmt).toBe('£#,##0.00;-£#,##0.00')
  })

  it('shows the public only published years, and the finance team the drafts', async () => {
    await env.db('financial_years').where('fy_start', 2020).update({ status: 'draft' })
    try {
      await request(env.app).get('/dashboard.csv?fy=2020-21').expect(404)
      const finance = await signedIn(env.app, 'finance')
      await finance.get('/dashboard.csv?fy=2020-21').expect(200)
    } finally {
      await env.db('financial_years').where('fy_start', 2020).update({ status: 'published' })
    }
  })
})

describe('formula injection', () => {
  it('neutralises text cells that a spreadsheet would run, in CSV and in XLSX', async () => {
    const id = await env
      .db('programmes')
      .where('code', 'MOBILE-FIRST')
      .first<{ id: number; name: string }>('id', 'name')
    await env.db('programmes').where('id', id.id).update({ name: '=HYPERLINK("http://evil.example","x")' })
    try {
      const csv = await request(env.app).get('/programmes.csv').expect(200)
      expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
      const res = await request(env.app).get('/programmes.xlsx').buffer(true).parse(binary).expect(200)
      const ws = (await readWorkbook(res.body as Buffer)).worksheets[0]
      const names: unknown[] = []
      ws?.eachRow((r) => names.push(r.getCell(2).value))
      expect(names).toContain(`'=HYPERLINK("http://evil.example","x")`)
      expect(names.some((n) => typeof n === 'object' && n !== null && 'formula' in n)).toBe(false)
    } finally {
      await env.db('programmes').where('id', id.id).update({ name: id.name })
    }
  })
})

describe('a programme as a spreadsheet', () => {
  it('has its years and, for the year asked, its months', async () => {
    const res = await request(env.app)
      .get('/programmes/MOBILE-FIRST/figures.xlsx?fy=2017-18')
      .buffer(true)
      .parse(binary)
      .expect(200)
    const wb = await readWorkbook(res.body as Buffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cost lines', 'By year', 'Months 2017-18'])
    const csv = await request(env.app).get('/programmes/MOBILE-FIRST/figures.csv?fy=2017-18&table=3').expect(200)
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFPeriod,Profile (£),Actual (£),Variance (£)')
    await request(env.app).get('/programmes/NOPE/figures.csv').expect(404)
    const lines = await request(env.app).get('/programmes/MOBILE-FIRST/figures.csv?table=1').expect(200)
    const total = lines.text.split('\r\n').find((l) => l.startsWith('Total,')) ?? ''
    const page = await request(env.app).get('/programmes/MOBILE-FIRST').expect(200)
    const whole = rowText(page.text, 'Budget by cost line and financial year', 'Total').split(' ').pop() ?? ''
    expect(Number(total.split(',').pop())).toBe(Number(whole.replace(/[£,]/g, '')))
  })
})

describe('the decision register as a spreadsheet', () => {
  it('lists the decisions the viewer may see, with what each commits', async () => {
    const csv = await request(env.app).get('/decisions.csv').expect(200)
    expect(csv.text).toContain('OPCC.D.013.17,')
    expect(csv.text).toContain(',1915000.00,')
    const confidential = await env
      .db('decisions')
      .where('classification', 'confidential')
      .first<{ title: string } | undefined>('title')
    if (confidential) expect(csv.text).not.toContain(confidential.title)
  })
})

describe('the appraisal portfolio as a spreadsheet', () => {
  it('has each programme with benefits, its NPVs as numbers and its paybacks in words', async () => {
    const res = await request(env.app).get('/appraisal.xlsx?rank=cashable').buffer(true).parse(binary).expect(200)
    const ws = (await readWorkbook(res.body as Buffer)).worksheets[0]
    expect(ws?.getCell('A4').value).toBe('Programme')
    expect(typeof ws?.getCell('B5').value).toBe('number')
    expect(ws?.getCell('D5').numFmt).toBe('0.00')
    const page = await request(env.app).get('/appraisal').expect(200)
    expect(page.text.replace(/&#x3D;/g, '=')).toContain('href="/appraisal.xlsx?rank=cashable"')
  })
})

describe('a programme’s appraisal and a decision’s commitments as spreadsheets', () => {
  it('has the cash flows (discount factors to four places), the sensitivity and, with realisations, what was realised', async () => {
    const res = await request(env.app)
      .get('/programmes/MOBILE-FIRST/appraisal.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200)
    const wb = await readWorkbook(res.body as Buffer)
    const names = wb.worksheets.map((w) => w.name)
    expect(names.slice(0, 2)).toEqual(['Cash flows', 'Sensitivity'])
    expect(wb.worksheets[0]?.getCell('F5').numFmt).toBe('0.0000')
    const assumptions = await env.db('time_saved_assumptions').count({ n: '*' }).first()
    if (Number(assumptions?.n) > 0) expect(names).toContain('Time saved')
    const byName = await request(env.app).get('/programmes/MOBILE-FIRST/appraisal.csv?table=sensitivity').expect(200)
    expect(byName.text.split('\r\n')[0]).toBe(
      '\uFEFFCase,"NPV, cashable (£)","Paybacks, cashable (simple; discounted)","NPV, full economic (£)","Paybacks, full (simple; discounted)"',
    )
    expect(byName.headers['content-disposition']).toContain('appraisal-mobile-first-sensitivity.csv')
    const page = await request(env.app).get('/programmes/MOBILE-FIRST/appraisal').expect(200)
    expect(page.text).toContain('href="/programmes/MOBILE-FIRST/appraisal.csv')
  })

  it('totals what a decision commits by year', async () => {
    const csv = await request(env.app).get('/decisions/OPCC.D.013.17/commitments.csv').expect(200)
    expect(csv.text.split('\r\n').find((l) => l.startsWith('Total,'))).toBe('Total,1915000.00,')
    await request(env.app).get('/decisions/NOPE/commitments.csv').expect(404)
  })
})

describe('a cost line’s year as a spreadsheet (finance)', () => {
  it('has the saved profile, which adds to the budget, and the forecasts; the public is sent to sign in', async () => {
    const line = await env
      .db('budget_profiles')
      .where('fy_start', 2020)
      .first<{ budget_line_id: number }>('budget_line_id')
    const id = Number(line.budget_line_id)
    await request(env.app).get(`/lines/${id}/year.csv?fy=2020-21`).expect(303)
    const finance = await signedIn(env.app, 'finance')
    const csv = await finance.get(`/lines/${id}/year.csv?fy=2020-21&table=profile`).expect(200)
    const total = csv.text.split('\r\n').find((l) => l.startsWith('Year,')) ?? ''
    const budget = await env
      .db('budget_amounts')
      .where({ budget_line_id: id, fy_start: 2020 })
      .first<{ amount_pence: string | number }>('amount_pence')
    expect(total).toBe(`Year,${(Number(budget.amount_pence) / 100).toFixed(2)}`)
    const page = await finance.get(`/lines/${id}/year?fy=2020-21`).expect(200)
    expect(page.text).toContain(`href="/lines/${id}/year.csv?fy`)
  })
})

describe('the financial years as a spreadsheet (finance)', () => {
  it('lists each year with its status and budget lines', async () => {
    await request(env.app).get('/years.csv').expect(303)
    const finance = await signedIn(env.app, 'finance')
    const csv = await finance.get('/years.csv').expect(200)
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFYear,Status,Published on,Budget lines,Total of budget lines (£)')
    expect(csv.text).toContain('2019/20,published,')
  })
})
