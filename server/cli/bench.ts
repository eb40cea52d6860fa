// npm run bench [-- --transactions 1000000 --runs 5]
// Measures each page against the configured database (SQLite file or DATABASE_URL): tops spend_transactions
// up to the number asked for (illustrative volume), then requests every page `runs` times over HTTP and
// prints the median and worst time and the SQL queries per request. A benchmark, not a test: it asserts nothing.
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../config'
import { migrateLatest, openDatabase, seedIfEmpty } from '../data/db'
import { countTransactions, insertVolume } from '../data/volume'
import { createApp } from '../app'
import { createServices } from '../services'
import { parseArgs, wholeNumberOption } from './args'

const PAGES = [
  '/',
  '/?fy=2017-18',
  '/programmes',
  '/programmes/MOBILE-FIRST',
  '/programmes/ESN?fy=2018-19',
  '/programmes/ITP-ESSEX/appraisal',
  '/appraisal',
  '/decisions',
  '/decisions/OPCC.D.013.17',
  '/healthz',
]

const ms = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 })

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { transactions: { type: 'string' }, runs: { type: 'string' } } })
  const target = wholeNumberOption(values.transactions, 'transactions', 1_000_000)
  const runs = wholeNumberOption(values.runs, 'runs', 5)
  const config = loadConfig()
  const db = openDatabase(config.database, { create: true })
  await migrateLatest(db)
  await seedIfEmpty(db)
  const existing = await countTransactions(db)
  if (existing < target) {
    console.log(`Adding ${(target - existing).toLocaleString('en-GB')} transactions…`)
    await insertVolume(db, { count: target - existing, seed: 42 })
  }
  const total = await countTransactions(db)
  const server = createApp(db, createServices(db), {
    production: true,
    secureCookies: false,
    sessionCleanupInterval: 0,
  }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  let queries = 0
  db.on('query', () => (queries += 1))
  console.log(`${config.database.client}, ${total.toLocaleString('en-GB')} spend transactions, ${runs} runs a page`)
  console.log('page'.padEnd(34) + 'median ms'.padStart(10) + 'worst ms'.padStart(10) + 'queries'.padStart(9))
  for (const page of PAGES) {
    const times: number[] = []
    let perRequest = 0
    for (let i = 0; i < runs; i++) {
      queries = 0
      const started = process.hrtime.bigint()
      const res = await fetch(base + page)
      await res.text()
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
      perRequest = queries
      if (!res.ok) throw new Error(`${page} answered ${res.status}`)
    }
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)] ?? 0
    const worst = times[times.length - 1] ?? 0
    console.log(page.padEnd(34) + ms(median).padStart(10) + ms(worst).padStart(10) + String(perRequest).padStart(9))
  }
  server.close()
  await db.destroy()
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
