// The real server (a child process, as `npm start` runs it) while its database goes away and comes back: it
// must keep running, answer 503 "nothing was changed" meanwhile, lose nothing, and serve again by itself with the
// user still signed in. SQLite: the file moved away and back, and a disk I/O error at COMMIT during a signed-in
// save. PostgreSQL (when DATABASE_URL is set, as in CI): the database refusing connections with its backends
// terminated. Also: what start-up does with a database that was never set up.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import knexFactory, { type Knex } from 'knex'
import { migrateLatest, openDatabase, seedDemo } from '../../server/data/db'
import { Client, runServerToExit, startServer, within, type ServerProcess } from '../support/server-process'

jest.setTimeout(180_000)

const COMMIT_FAULT = path.resolve(__dirname, '..', 'support', 'sqlite-commit-fault.cjs')

/** The fields of the programme edit form, with the description changed to `description`. */
async function programmeEdit(
  client: Client,
  code: string,
  description: string,
): Promise<{ token: string; fields: Record<string, string> }> {
  const form = await client.get(`/programmes/${code}/edit`)
  expect(form.status).toBe(200)
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.text)?.[1] ?? ''
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? ''
  const status = /name="status"[^>]*value="(\w+)"[^>]*checked/.exec(form.text)?.[1] ?? 'approved'
  return {
    token,
    fields: { version: value('version'), name: value('name').replace(/&amp;/g, '&'), description, status },
  }
}

async function descriptionOf(db: Knex, code: string): Promise<string | null> {
  const row = await db('programmes').where({ code }).first<{ description: string | null }>('description')
  return row?.description ?? null
}

describe('SQLite', () => {
  let dir: string
  let file: string
  let server: ServerProcess | undefined
  let reader: Knex

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-outage-'))
    file = path.join(dir, 'tracker.sqlite3')
    const db = openDatabase({ client: 'sqlite', filename: file }, { create: true })
    await migrateLatest(db)
    await seedDemo(db)
    await db.destroy()
    server = await startServer(
      {
        SQLITE_FILE: file,
        DATABASE_URL: '',
        NODE_ENV: 'production',
        COMMIT_FAULT_FLAG: path.join(dir, 'fail-next-commit'),
      },
      { require: COMMIT_FAULT },
    )
    reader = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true })
  })

  afterAll(async () => {
    await server?.stop()
    await reader?.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('answers a disk I/O error at COMMIT with 503, saves nothing, keeps running, and saves the next time', async () => {
    const s = server as ServerProcess
    const client = new Client(s.base)
    await client.signIn('finance')
    const before = await descriptionOf(reader, 'ESN')
    const edit = await programmeEdit(client, 'ESN', 'Changed while the disk failed')
    fs.writeFileSync(path.join(dir, 'fail-next-commit'), '')
    const failed = await client.postWithToken('/programmes/ESN/edit', edit.token, edit.fields)
    expect(failed.status).toBe(503)
    expect(failed.text).toContain('Nothing was changed')
    expect(s.alive()).toBe(true)
    expect(await descriptionOf(reader, 'ESN')).toBe(before)
    const again = await programmeEdit(client, 'ESN', 'Saved once the disk was back')
    const saved = await client.postWithToken('/programmes/ESN/edit', again.token, again.fields)
    expect(saved.status).toBe(303)
    expect(await descriptionOf(reader, 'ESN')).toBe('Saved once the disk was back')
  })

  it('answers 503 while the file is moved away, never creates a new one, and serves again when it is back', async () => {
    const s = server as ServerProcess
    const client = new Client(s.base)
    await client.signIn('finance')
    const edit = await programmeEdit(client, 'VPC', 'Saved into a moved file?')
    const away = path.join(dir, 'moved.sqlite3')
    fs.renameSync(file, away)
    try {
      const page = await client.get('/')
      expect(page.status).toBe(503)
      expect(page.text).toContain('Nothing was changed')
      const health = await client.get('/healthz')
      expect(health.status).toBe(503)
      expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', reason: 'The database is not available.' })
      expect((await client.postWithToken('/programmes/CADETS/edit', edit.token, edit.fields)).status).toBe(503)
      expect(fs.existsSync(file)).toBe(false)
      expect(s.alive()).toBe(true)
    } finally {
      fs.renameSync(away, file)
    }
    await within(5000, async () => (await client.get('/')).status === 200)
    const home = await client.get('/')
    expect(home.text).toContain('Finance officer (demo)')
    expect(await descriptionOf(reader, 'VPC')).not.toBe('Saved into a moved file?')
  })
})

describe('start-up', () => {
  it('refuses, in production, a database that does not exist, saying how to create one, and creates nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-start-'))
    const file = path.join(dir, 'missing', 'tracker.sqlite3')
    const { code, output } = await runServerToExit({ NODE_ENV: 'production', SQLITE_FILE: file, DATABASE_URL: '' })
    expect(code).toBe(1)
    expect(output).toContain(`There is no tracker database at ${file}`)
    expect(output).toContain('npm run db:setup -- --demo')
    expect(fs.existsSync(path.dirname(file))).toBe(false)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses DEMO_DATA=true in production', async () => {
    const { code, output } = await runServerToExit({ NODE_ENV: 'production', DEMO_DATA: 'true', DATABASE_URL: '' })
    expect(code).toBe(1)
    expect(output).toContain('demo data is never loaded into a production database')
  })
})

const pgUrl = process.env.DATABASE_URL
const onPostgres = pgUrl ? describe : describe.skip

onPostgres('PostgreSQL', () => {
  const name = `outage_${randomBytes(5).toString('hex')}`
  let admin: Knex
  let server: ServerProcess | undefined
  let url: string

  beforeAll(async () => {
    admin = openDatabase({ client: 'postgres', url: pgUrl ?? '' })
    await admin.raw('create database ??', [name])
    const u = new URL(pgUrl ?? '')
    u.pathname = `/${name}`
    url = u.toString()
    const db = openDatabase({ client: 'postgres', url })
    await migrateLatest(db)
    await seedDemo(db)
    await db.destroy()
    server = await startServer({ DATABASE_URL: url, NODE_ENV: 'production' })
  })

  afterAll(async () => {
    await server?.stop()
    await admin.raw('alter database ?? allow_connections true', [name])
    await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ?', [name])
    await admin.raw('drop database if exists ??', [name])
    await admin.destroy()
  })

  it('answers 503 while the database refuses connections, keeps running, and serves the signed-in user again', async () => {
    const s = server as ServerProcess
    const client = new Client(s.base)
    await client.signIn('finance')
    expect((await client.get('/')).status).toBe(200)
    const edit = await programmeEdit(client, 'ESN', 'Saved while the database was away?')
    await admin.raw('alter database ?? allow_connections false', [name])
    await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ?', [name])
    try {
      for (const pathname of [
        '/',
        '/programmes/ESN',
        '/audit',
        '/mtfp',
        '/capital/financing',
        '/precept',
        '/changes',
        '/years/2015-16/outturn',
        '/reports/panel-pack?fy=2016-17&period=P10',
        '/transparency/spend?month=2017-06',
        '/api/v1/programmes',
      ]) {
        const page = await client.get(pathname)
        expect([pathname, page.status]).toEqual([pathname, 503])
        expect(page.text).toContain('Nothing was changed')
      }
      expect((await client.postWithToken('/programmes/ESN/edit', edit.token, edit.fields)).status).toBe(503)
      const health = await client.get('/healthz')
      expect(health.status).toBe(503)
      expect(health.text).not.toContain(name)
      expect(JSON.parse(health.text)).toEqual({ status: 'unavailable', reason: 'The database is not available.' })
      await new Promise((r) => setTimeout(r, 500))
      expect(s.alive()).toBe(true)
    } finally {
      await admin.raw('alter database ?? allow_connections true', [name])
    }
    const took = await within(10_000, async () => (await client.get('/')).status === 200)
    expect(took).toBeLessThan(10_000)
    expect((await client.get('/')).text).toContain('Finance officer (demo)')
    const db = openDatabase({ client: 'postgres', url })
    expect(await descriptionOf(db, 'ESN')).not.toBe('Saved while the database was away?')
    await db.destroy()
  })
})
