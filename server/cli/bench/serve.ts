// The benchmark's server: the app started as `npm start` would start it in production, in a process of its own
// (so its memory is its own and the load generator does not share its event loop), with SERVER_TIMING=true so each
// response reports the SQL queries it issued.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../../config'

export interface Server {
  base: string
  pid: number
  stop: () => Promise<void>
}

/** The server process's resident memory now and at its peak (VmRSS and VmHWM), in MB; zeros where /proc is absent. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  let status = ''
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return { rss: 0, peak: 0 }
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

function envFor(database: Config['database']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SECURE_COOKIES: 'false',
    SERVER_TIMING: 'true',
    DEMO_DATA: 'false',
    CHROMIUM_PATH: 'none',
  }
  delete env.DATABASE_URL
  delete env.DATABASE_SCHEMA
  delete env.SQLITE_FILE
  if (database.client === 'postgres') env.DATABASE_URL = database.url
  else env.SQLITE_FILE = database.filename
  return env
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
    })
}

/** Starts the server on a free port and waits until it listens (at most a minute). */
export function startServer(database: Config['database'], root: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'main.ts')], {
    cwd: root,
    env: envFor(database),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The server did not start within a minute:\n${output}`))
    }, 60_000)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const port = /http:\/\/localhost:(\d+)/.exec(output)?.[1]
      if (port === undefined || child.pid === undefined) return
      clearTimeout(timer)
      resolve({ base: `http://127.0.0.1:${port}`, pid: child.pid, stop: stopper(child) })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The server stopped (exit ${code}) before it listened:\n${output}`))
    })
  })
}
