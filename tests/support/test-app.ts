// The app as the route and browser tests use it: production error pages, plain-HTTP cookies, no session sweeper.
import type { Knex } from 'knex'
import type { Express } from 'express'
import { createApp } from '../../server/app'
import { createServices } from '../../server/services'
import { createTestDb, type TestDb } from './test-db'

export function testApp(db: Knex): Express {
  return createApp(db, createServices(db), { production: true, secureCookies: false, sessionCleanupInterval: 0 })
}

export interface TestEnv {
  db: Knex
  client: 'sqlite' | 'postgres'
  app: Express
}

/** Hooks that make databases wait at most this long, even on a busy machine, and then fail with a clear timeout. */
export const HOOK_TIMEOUT = 60_000

/**
 * Registers the hooks for a fresh seeded database and the app over it; read the fields inside tests. With
 * `{ fresh: 'test' }` every test gets a database of its own (copied from the template: milliseconds on SQLite), so no
 * test depends on what another left behind; by default one database serves the file.
 */
export function useTestApp(options: { fresh?: 'file' | 'test' } = {}): TestEnv {
  let t: TestDb | undefined
  let app: Express | undefined
  const open = async () => {
    t = await createTestDb()
    app = testApp(t.db)
  }
  const close = async () => {
    await t?.destroy()
    t = undefined
  }
  if (options.fresh === 'test') {
    beforeEach(open, HOOK_TIMEOUT)
    afterEach(close, HOOK_TIMEOUT)
  } else {
    beforeAll(open, HOOK_TIMEOUT)
    afterAll(close, HOOK_TIMEOUT)
  }
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('The test app is used outside a test (before its hook ran)')
    return v
  }
  return {
    get db() {
      return ready(t).db
    },
    get client() {
      return ready(t).client
    },
    get app() {
      return ready(app)
    },
  }
}
