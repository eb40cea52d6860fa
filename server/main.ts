// `npm start`: open the database, migrate it, and serve. In development (the default) a database that was never
// set up gets the demo office; in production (NODE_ENV=production) or with DEMO_DATA=false it is refused, with
// the commands that create one.
import { loadConfig } from './config'
import { DatabaseNotSetUpError, openDatabase, prepareForServing } from './data/db'
import { createApp } from './app'
import { createServices } from './services'

const HOW_TO_CREATE = [
  'Create it with one of:',
  '  npm run db:setup                 an empty office; then add an administrator with',
  '                                   npm run user:create -- --role admin --email you@example.org',
  '  npm run db:setup -- --demo       the demo office (demo data, never for real figures)',
  'or set SQLITE_FILE or DATABASE_URL to the database you meant.',
].join('\n')

async function main(): Promise<void> {
  const config = loadConfig()
  const db = openDatabase(config.database, { create: config.demoData })
  try {
    if (await prepareForServing(db, config.database, config.demoData)) {
      console.log(
        'Loaded the demo office into a new database (development default; DEMO_DATA=false or NODE_ENV=production turns this off).',
      )
    }
  } catch (err) {
    await db.destroy()
    if (err instanceof DatabaseNotSetUpError) {
      console.error(`${err.message}.\n${HOW_TO_CREATE}`)
      process.exit(1)
    }
    throw err
  }
  // SQLite: import jobs write through a second connection, so pages keep reading (WAL) while a file is committed.
  const jobDb = config.database.client === 'sqlite' ? openDatabase(config.database) : db
  const services = createServices(db, { importDir: config.importDir, jobDb })
  const failed = await services.imports.recoverInterrupted()
  if (failed > 0)
    console.log(
      `${failed} ledger import(s) stopped by the last shutdown are marked failed; nothing of them was written.`,
    )
  const app = createApp(db, services, {
    production: config.production,
    sessionSecret: config.sessionSecret,
    secureCookies: config.secureCookies,
    chromiumPath: config.chromiumPath,
    serverTiming: config.serverTiming,
  })
  const server = app.listen(config.port, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    console.log(`Budget tracker on http://localhost:${port} (database: ${config.database.client})`)
  })
  // A last guard: a promise rejected with no handler is logged and the server keeps answering (each request's
  // own errors are answered by the error handler; the database's are 503s until it is back).
  process.on('unhandledRejection', (reason) => {
    console.error('Unhandled rejection (the server keeps running):', reason instanceof Error ? reason.message : reason)
  })
  const stop = () => {
    server.close(
      () => void Promise.all([db.destroy(), jobDb === db ? null : jobDb.destroy()]).then(() => process.exit(0)),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error('The tracker could not start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
