// Which databases get the demo office: only one never set up, and only when demo data is allowed (development).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DatabaseNotSetUpError, openDatabase, prepareForServing } from '../../server/data/db'
import { createTestDb } from '../support/test-db'

jest.setTimeout(60_000)

const programmes = async (db: ReturnType<typeof openDatabase>) =>
  Number((await db('programmes').count({ n: '*' }).first())?.n)

describe('preparing a database for serving', () => {
  it('loads the demo office into a new SQLite file when demo data is allowed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-setup-'))
    const database = { client: 'sqlite' as const, filename: path.join(dir, 'new.sqlite3') }
    const db = openDatabase(database, { create: true })
    try {
      expect(await prepareForServing(db, database, true)).toBe(true)
      expect(await programmes(db)).toBeGreaterThan(5)
    } finally {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a missing SQLite file when demo data is not allowed, and creates no file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-setup-'))
    const database = { client: 'sqlite' as const, filename: path.join(dir, 'missing.sqlite3') }
    const db = openDatabase(database)
    try {
      await expect(prepareForServing(db, database, false)).rejects.toBeInstanceOf(DatabaseNotSetUpError)
      expect(fs.existsSync(database.filename)).toBe(false)
    } finally {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('never loads the demo office into a database that was set up, even one with no programmes', async () => {
    const t = await createTestDb({ seed: false })
    try {
      const database =
        t.client === 'postgres'
          ? { client: 'postgres' as const, url: process.env.DATABASE_URL ?? '' }
          : { client: 'sqlite' as const, filename: 'unused' }
      expect(await prepareForServing(t.db, database, true)).toBe(false)
      expect(await programmes(t.db)).toBe(0)
    } finally {
      await t.destroy()
    }
  })
})
