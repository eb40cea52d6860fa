// SERVER_TIMING=true: each response carries a Server-Timing header with the time the server took to its headers and
// the SQL queries it issued (`Server-Timing: app;dur=12.4, sql;desc="8 queries"`), counted per request through
// AsyncLocalStorage, so concurrent requests do not mix. The benchmark (`npm run bench`) reads it from a production
// server in another process. Off by default: the query count of a page is nobody else's business.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { RequestHandler } from 'express'
import type { Knex } from 'knex'

interface Tally {
  queries: number
}

/** Middleware that times each request and counts the queries `db` issues on its behalf. */
export function serverTiming(db: Knex): RequestHandler {
  const store = new AsyncLocalStorage<Tally>()
  db.on('query', () => {
    const tally = store.getStore()
    if (tally) tally.queries += 1
  })
  return (_req, res, next) => {
    const tally: Tally = { queries: 0 }
    const started = process.hrtime.bigint()
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res
    res.writeHead = ((...args: unknown[]) => {
      if (!res.headersSent) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        res.setHeader('Server-Timing', `app;dur=${ms.toFixed(1)}, sql;desc="${tally.queries} queries"`)
      }
      return writeHead(...args)
    }) as typeof res.writeHead
    store.run(tally, () => next())
  }
}

/** The query count of a Server-Timing header written by `serverTiming`, or null when there is none. */
export function queriesOf(header: string | null): number | null {
  const m = /sql;desc="(\d+) queries"/.exec(header ?? '')
  return m ? Number(m[1]) : null
}
