// A server killed mid-import (issue #9): the real server in a child process, a large file, and SIGKILL while the
// file is being checked and again while it is being committed. After the restart the ledger is exactly as before
// (the commit is one transaction), the batch shows as failed with the reason, and its staged rows are gone. Pages
// keep answering while an import runs. SQLite only (PostgreSQL's transactions are covered by the route tests).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import { migrateLatest, openDatabase, seedDemo } from '../../server/data/db'
import { summaryDifferences } from '../../server/data/spend-summaries'
import { Client, startServer, type ServerProcess } from '../support/server-process'
import { csv, row } from '../support/imports'

jest.setTimeout(300_000)
const sqliteOnly = process.env.DATABASE_URL ? describe.skip : describe

const ROWS = 150_000

async function statusOf(db: Knex, id: number): Promise<{ status: string; rows_done: number; error: string | null }> {
  return db('import_batches').where('id', id).first('status', 'rows_done', 'error')
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    const v = await check()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`Not within ${ms} ms: ${what}`)
}

const count = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }).first())?.n)

sqliteOnly('a server killed mid-import', () => {
  let dir: string
  let file: string
  let server: ServerProcess | undefined
  let reader: Knex
  const start = async () => {
    server = await startServer({ SQLITE_FILE: file, DATABASE_URL: '', NODE_ENV: 'production' })
    const client = new Client(server.base)
    await client.signIn('finance')
    return client
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-import-kill-'))
    file = path.join(dir, 'tracker.sqlite3')
    const db = openDatabase({ client: 'sqlite', filename: file }, { create: true })
    await migrateLatest(db)
    await seedDemo(db)
    await db.destroy()
    reader = openDatabase({ client: 'sqlite', filename: file })
  })
  afterAll(async () => {
    await server?.stop()
    await reader?.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('leaves the ledger as it was and the batch failed, whether killed while checking or while committing', async () => {
    const before = await count(reader, 'spend_transactions')
    let client = await start()
    const lines = Array.from({ length: ROWS }, (_, i) => row({ ref: `KILL-${i}`, amount: `${(i % 997) + 1}.25` }))
    const page = await client.get('/imports')
    const form = new FormData()
    form.set('_csrf', /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '')
    form.set('fy', '2020-21')
    form.set('file', new Blob([new Uint8Array(csv(lines))]), 'big.csv')
    const uploaded = await client.request('/imports', { method: 'POST', body: form })
    expect(uploaded.status).toBe(303)
    const id = Number(/(\d+)$/.exec(uploaded.location ?? '')?.[1])
    const mapping = await client.get(`/imports/${id}`)
    const fields: Record<string, string> = { mapping_name: 'Demo force ledger (monthly extract)' }
    for (const m of mapping.text.matchAll(/<select[^>]*name="(map_\w+)"[^>]*>([\s\S]*?)<\/select>/g))
      fields[m[1] ?? ''] = /<option value="([^"]*)" selected>/.exec(m[2] ?? '')?.[1] ?? ''

    // Killed while checking.
    void client.post(`/imports/${id}`, `/imports/${id}/check`, fields).catch(() => undefined)
    await until('checking', async () => ((await statusOf(reader, id))?.rows_done > 0 ? true : undefined))
    expect((await client.get('/')).status).toBe(200)
    const progress = await client.get(`/imports/${id}`)
    expect(progress.text).toContain('<meta http-equiv="refresh" content="3">')
    expect(progress.text).toMatch(/[\d,]+ rows read of about 150,000 \(lines in the file\)/)
    await server?.stop()
    client = await start()
    expect(await statusOf(reader, id)).toMatchObject({ status: 'failed' })
    expect((await statusOf(reader, id)).error).toContain('The server stopped during this import')
    expect(await count(reader, 'import_rows')).toBe(0)
    expect((await client.get(`/imports/${id}`)).text).toContain('The import failed')

    // Checked again, then killed while committing.
    await client.post(`/imports/${id}`, `/imports/${id}/check`, fields)
    await until('checked', async () => ((await statusOf(reader, id)).status === 'checked' ? true : undefined))
    void client.post(`/imports/${id}`, `/imports/${id}/commit`, {}).catch(() => undefined)
    await until('committing', async () => ((await statusOf(reader, id)).status === 'committing' ? true : undefined))
    await server?.stop()
    expect(await count(reader, 'spend_transactions')).toBe(before)
    client = await start()
    expect(await statusOf(reader, id)).toMatchObject({ status: 'failed' })
    expect(await count(reader, 'spend_transactions')).toBe(before)
    expect(await summaryDifferences(reader)).toEqual([])
    expect((await client.get(`/imports/${id}`)).text).toContain('The server stopped during this import')

    // Checked and committed to the end: meanwhile pages answer, and another user's save waits or is told the
    // database is busy (503), never a 500.
    await client.post(`/imports/${id}`, `/imports/${id}/check`, fields)
    await until('checked', async () => ((await statusOf(reader, id)).status === 'checked' ? true : undefined))
    const committing = client.post(`/imports/${id}`, `/imports/${id}/commit`, {})
    await until('committing', async () => ((await statusOf(reader, id)).status === 'committing' ? true : undefined))
    const [dashboard, save] = await Promise.all([client.get('/'), client.post('/years', '/years', { fy: '2031-32' })])
    expect(dashboard.status).toBe(200)
    expect([303, 503]).toContain(save.status)
    if (save.status === 503) expect(save.text).toContain('The database is busy')
    expect((await committing).status).toBe(303)
    await until('committed', async () => ((await statusOf(reader, id)).status === 'committed' ? true : undefined))
    expect(await count(reader, 'spend_transactions')).toBe(before + ROWS)
    expect(await summaryDifferences(reader)).toEqual([])
  })
})
