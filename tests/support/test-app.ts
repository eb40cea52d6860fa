// The app as the route and browser tests use it: production error pages, plain-HTTP cookies, no session sweeper.
import type { Knex } from 'knex'
import type { Express } from 'express'
import { createApp } from '../../server/app'
import { createServices } from '../../server/services'

export function testApp(db: Knex): Express {
  return createApp(db, createServices(db), { production: true, secureCookies: false, sessionCleanupInterval: 0 })
}
