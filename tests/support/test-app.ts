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

/** Registers beforeAll/afterAll for a fresh seeded database and the app over it; read the fields inside tests. */
export function useTestApp(): TestEnv {
  let t: TestDb | undefined
  let app: Express | undefined
  beforeAll(async () => {
    t = await createTestDb()
    app = testApp(t.db)
  })
  afterAll(async () => {
    await t?.destroy()
  })
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('The test app is used before beforeAll ran')
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
