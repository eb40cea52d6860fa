// npm run db:setup [-- --reset]: migrate the configured database and load the demo office if it is empty;
// with --reset, reload the demo office over whatever is there.
import { loadConfig, paths } from '../config'
import { migrateLatest, openDatabase, seedIfEmpty } from '../data/db'
import { parseArgs } from './args'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } })
  const db = openDatabase(loadConfig().database)
  try {
    await migrateLatest(db)
    if (values.reset) {
      await db.seed.run({ directory: paths.seeds, loadExtensions: ['.ts', '.js'] })
      console.log('Demo office reloaded.')
    } else {
      console.log((await seedIfEmpty(db)) ? 'Demo office loaded.' : 'Database already has data: left as it is.')
    }
  } finally {
    await db.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
