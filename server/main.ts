// `npm start`: open the database, migrate, load the demo office if it is empty, and serve.
import { loadConfig } from './config'
import { migrateLatest, openDatabase, seedIfEmpty } from './data/db'
import { createApp } from './app'
import { createServices } from './services'

async function main(): Promise<void> {
  const config = loadConfig()
  const db = openDatabase(config.database)
  await migrateLatest(db)
  if (await seedIfEmpty(db)) console.log('Loaded the demo office (an empty database was found).')
  const app = createApp(db, createServices(db), { production: config.production, sessionSecret: config.sessionSecret, secureCookies: config.secureCookies })
  const server = app.listen(config.port, () => {
    console.log(`Budget tracker on http://localhost:${config.port} (database: ${config.database.client})`)
  })
  const stop = () => {
    server.close(() => void db.destroy().then(() => process.exit(0)))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error('The tracker could not start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
