// npm run db:setup [-- --demo | --reset]: create (or migrate) the configured database. With --demo, load the demo
// office into it when it has no programmes; with --reset, replace everything in it with the demo office (refused
// with NODE_ENV=production). Without either, no demo data is ever loaded.
import { loadConfig } from '../config'
import { migrateLatest, openDatabase, seedDemo, seedIfEmpty } from '../data/db'
import { parseArgs } from './args'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean', default: false }, reset: { type: 'boolean', default: false } },
  })
  const config = loadConfig()
  if (values.reset && config.production)
    throw new Error('--reset replaces every figure with the demo office: it is refused with NODE_ENV=production.')
  const db = openDatabase(config.database, { create: true })
  try {
    await migrateLatest(db)
    if (values.reset) {
      await seedDemo(db)
      console.log('Demo office reloaded: everything that was in the database has been replaced.')
    } else if (values.demo) {
      console.log(
        (await seedIfEmpty(db))
          ? 'Demo office loaded.'
          : 'The database already has programmes: left as it is (use --reset to replace them with the demo office).',
      )
    } else {
      console.log(
        'Database ready (no demo data). Add an administrator with: npm run user:create -- --role admin --email you@example.org',
      )
    }
  } finally {
    await db.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
