// The only reader of process.env (STYLE.md). Without DATABASE_URL the app uses the embedded SQLite file.
import fs from 'node:fs'
import path from 'node:path'

export interface Config {
  port: number
  production: boolean
  /** Signs session cookies and CSRF tokens. Required in production. */
  sessionSecret: string
  /** Cookies only over HTTPS: SECURE_COOKIES, default on in production (behind TLS). */
  secureCookies: boolean
  database: { client: 'sqlite'; filename: string } | { client: 'postgres'; url: string; schema?: string }
  /** Load the demo office into a database that has never been set up (development only; DEMO_DATA). */
  demoData: boolean
  /** Where uploaded ledger files wait until they are imported or discarded (IMPORT_DIR; default beside the
   * SQLite file, or db/data/imports). */
  importDir: string
  /** The Chromium that prints the Panel pack to PDF (CHROMIUM_PATH; default Debian's /usr/bin/chromium when it is
   * installed), or null: the pack's PDF link then explains how to print the HTML report instead. */
  chromiumPath: string | null
  /** SERVER_TIMING=true: a Server-Timing header (time and SQL queries) on every response, for `npm run bench`. */
  serverTiming: boolean
}

const ROOT = path.resolve(__dirname, '..')

export const paths = {
  root: ROOT,
  migrations: path.join(ROOT, 'db', 'migrations'),
  seeds: path.join(ROOT, 'seeds'),
  views: path.join(ROOT, 'views'),
  public: path.join(ROOT, 'public'),
  defaultSqlite: path.join(ROOT, 'db', 'data', 'tracker.sqlite3'),
}

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 3000
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT "${value}" is not a port number (0-65535; 0 picks a free one)`)
  return port
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/** The Chromium to print PDFs with: CHROMIUM_PATH ("none" for none), else the first installed candidate, else null. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const asked = env.CHROMIUM_PATH?.trim()
  if (asked === 'none') return null
  if (asked) return asked
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const url = env.DATABASE_URL?.trim()
  const production = env.NODE_ENV === 'production'
  const sessionSecret = env.SESSION_SECRET?.trim()
  if (production && (!sessionSecret || sessionSecret.length < 32)) {
    throw new Error('SESSION_SECRET must be set to at least 32 characters in production')
  }
  const demo = env.DEMO_DATA?.trim().toLowerCase()
  if (demo !== undefined && demo !== '' && demo !== 'true' && demo !== 'false')
    throw new Error(`DEMO_DATA "${env.DEMO_DATA}" must be true or false`)
  if (production && demo === 'true') {
    throw new Error(
      'DEMO_DATA=true is refused with NODE_ENV=production: demo data is never loaded into a production database. Use `npm run db:setup -- --demo` on purpose if you want a demo instance.',
    )
  }
  const sqliteFile = env.SQLITE_FILE?.trim() || paths.defaultSqlite
  return {
    port: portFrom(env.PORT),
    importDir:
      env.IMPORT_DIR?.trim() ||
      path.join(url ? path.dirname(paths.defaultSqlite) : path.dirname(sqliteFile), 'imports'),
    demoData: !production && demo !== 'false',
    chromiumPath: chromiumPath(env),
    production,
    sessionSecret: sessionSecret || 'development only: set SESSION_SECRET in production',
    serverTiming: env.SERVER_TIMING === 'true',
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : production,
    database: url
      ? { client: 'postgres', url, schema: env.DATABASE_SCHEMA?.trim() || undefined }
      : { client: 'sqlite', filename: sqliteFile },
  }
}
