// What the import tests share: a ledger extract written as CSV or XLSX, uploaded through the real form (multipart,
// with its CSRF token), mapped with the columns the page offers, checked, and committed; waiting for a job by
// polling the batch's status, as the page's refresh does.
import ExcelJS from 'exceljs'
import type { Knex } from 'knex'
import { csrfOf, type Agent } from './session'
import { DEMO_LEDGER_MAPPING } from '../../seeds/demo/illustrative'

export const HEADINGS = Object.values(DEMO_LEDGER_MAPPING)

export interface LedgerLine {
  date?: string
  period?: string
  ref: string
  cc?: string
  account?: string
  supplier?: string
  description?: string
  amount: string
}

/** A row of the demo extract's columns: F1002/S0400 is a Force supplies line with a 2020/21 budget. */
export function row(l: LedgerLine): string[] {
  return [
    l.date ?? '2020-12-15',
    l.period ?? 'P9',
    l.ref,
    l.cc ?? 'F1002',
    l.account ?? 'S0400',
    l.supplier ?? 'Test Supplies Ltd',
    l.description ?? 'Test transaction',
    l.amount,
    '',
    '',
    'Force',
    'Force',
    'No',
  ]
}

const quote = (c: string, sep: string) => (c.includes(sep) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)

export function csv(lines: string[][], options: { sep?: string; eol?: string; bom?: boolean } = {}): Buffer {
  const { sep = ',', eol = '\n', bom = false } = options
  const text = [HEADINGS, ...lines].map((r) => r.map((c) => quote(c, sep)).join(sep)).join(eol) + eol
  return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8')
}

export async function xlsx(lines: (string | number | Date)[][], headings: string[] = HEADINGS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Extract')
  ws.addRow(headings)
  for (const l of lines) ws.addRow(l)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Uploads a file through the form; answers the response (303 to the batch, or the refused form). */
export async function upload(agent: Agent, file: { name: string; content: Buffer; fy?: string }, status: number) {
  const page = await agent.get('/imports').expect(200)
  return agent
    .post('/imports')
    .field('_csrf', csrfOf(page.text))
    .field('fy', file.fy ?? '2020-21')
    .attach('file', file.content, file.name)
    .expect(status)
}

export const batchIdOf = (location: string | undefined) => Number(/\/imports\/(\d+)$/.exec(location ?? '')?.[1])

/** The mapping the batch page offers (its selected options), with any changes. */
export async function offeredMapping(agent: Agent, id: number, change: Record<string, string> = {}) {
  const page = await agent.get(`/imports/${id}`).expect(200)
  const fields: Record<string, string> = { _csrf: csrfOf(page.text) }
  for (const m of page.text.matchAll(/<select[^>]*name="(map_\w+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2] ?? '')
    fields[m[1] ?? ''] = selected?.[1]?.replace(/&#x27;/g, "'").replace(/&amp;/g, '&') ?? ''
  }
  const name = /id="mapping_name"[^>]*value="([^"]*)"/.exec(page.text)
  fields.mapping_name = name?.[1]?.replace(/&#x27;/g, "'").replace(/&amp;/g, '&') ?? 'Test mapping'
  return { ...fields, ...change }
}

/** Waits until the batch has left the running states; answers its status. */
export async function settled(db: Knex, id: number): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const b = await db('import_batches').where('id', id).first<{ status: string } | undefined>('status')
    if (b && !['checking', 'committing'].includes(b.status)) return b.status
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`Import ${id} did not finish`)
}

/** Saves the offered mapping (with changes) and checks the file: answers the batch page after the check. */
export async function check(agent: Agent, db: Knex, id: number, change: Record<string, string> = {}) {
  const fields = await offeredMapping(agent, id, change)
  await agent.post(`/imports/${id}/check`).type('form').send(fields).expect(303)
  await settled(db, id)
  return agent.get(`/imports/${id}`).expect(200)
}

/** Commits a checked batch (ticking the conflicts box when asked); answers the final status. */
export async function commit(agent: Agent, db: Knex, id: number, extra: Record<string, string> = {}, status = 303) {
  const page = await agent.get(`/imports/${id}`).expect(200)
  const res = await agent
    .post(`/imports/${id}/commit`)
    .type('form')
    .send({ _csrf: csrfOf(page.text), ...extra })
    .expect(status)
  return { res, status: await settled(db, id) }
}

/** Upload, map, check and commit: answers the batch id. */
export async function importFile(agent: Agent, db: Knex, file: { name: string; content: Buffer; fy?: string }) {
  const id = batchIdOf((await upload(agent, file, 303)).headers.location)
  await check(agent, db, id)
  const done = await commit(agent, db, id)
  if (done.status !== 'committed') throw new Error(`Import ${id} ended ${done.status}`)
  return id
}
