// npm run seed:volume -- --transactions 1000000 [--seed 1]
// Adds that many illustrative spend transactions to the configured database (migrating and seeding the demo
// office first if it is empty), in batches, and reports the time taken and the memory used.
import { loadConfig } from '../config'
import { migrateLatest, openDatabase, seedIfEmpty } from '../data/db'
import { insertVolume } from '../data/volume'
import { parseArgs, wholeNumberOption } from './args'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { transactions: { type: 'string' }, seed: { type: 'string' } } })
  const count = wholeNumberOption(values.transactions, 'transactions', 100_000)
  const seed = wholeNumberOption(values.seed, 'seed', 1)
  const config = loadConfig()
  const db = openDatabase(config.database, { create: true })
  try {
    await migrateLatest(db)
    await seedIfEmpty(db)
    const started = process.hrtime.bigint()
    let peak = 0
    await insertVolume(db, {
      count,
      seed,
      onBatch: (done) => {
        peak = Math.max(peak, process.memoryUsage().heapUsed)
        if (done % 100_000 < 20_000 || done === count)
          console.log(`${done.toLocaleString('en-GB')} transactions inserted`)
      },
    })
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    console.log(
      `Inserted ${count.toLocaleString('en-GB')} transactions in ${seconds.toPrecision(3)} s; peak heap ${(peak / 1048576).toPrecision(3)} MB`,
    )
  } finally {
    await db.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
