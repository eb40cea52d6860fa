// The real server in a child process (`npm start`'s entry point), for tests that must see the process survive a
// fault, and a small cookie-keeping client that signs in and sends forms as a browser does.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { DEMO_ACCOUNTS } from '../../seeds/demo/accounts'

const ROOT = path.resolve(__dirname, '..', '..')

export interface ServerProcess {
  base: string
  child: ChildProcess
  output: () => string
  alive: () => boolean
  stop: () => Promise<void>
}

/** Starts `server/main.ts` with `env` added; resolves with its address once it listens. */
export function startServer(env: Record<string, string>, options: { require?: string } = {}): Promise<ServerProcess> {
  const args = [
    ...(options.require ? ['--require', options.require] : []),
    '--import',
    'tsx',
    path.join(ROOT, 'server', 'main.ts'),
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      SECURE_COOKIES: 'false',
      SESSION_SECRET: 'a test session secret of forty characters',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let exited = false
  child.on('exit', () => (exited = true))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Budget tracker on (http:\/\/localhost:\d+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({
          base: match[1],
          child,
          output: () => output,
          alive: () => !exited && child.exitCode === null,
          stop: () =>
            new Promise<void>((done) => {
              if (exited) return done()
              child.once('exit', () => done())
              child.kill('SIGKILL')
            }),
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The server exited (${code}) before listening:\n${output}`))
    })
  })
}

/** Runs `server/main.ts` to its end (for start-up refusals): its exit code and everything it printed. */
export function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', SESSION_SECRET: 'a test session secret of forty characters', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

/** A browser in miniature: keeps cookies, does not follow redirects, reads a page's CSRF token. */
export class Client {
  private cookies = new Map<string, string>()

  constructor(private readonly base: string) {}

  async request(
    pathname: string,
    init: RequestInit = {},
  ): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(this.base + pathname, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location') }
  }

  get(pathname: string) {
    return this.request(pathname)
  }

  /** Opens `formPath` for its CSRF token and posts `fields` to `action`. */
  async post(formPath: string, action: string, fields: Record<string, string>) {
    const form = await this.get(formPath)
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1]
    if (!token) throw new Error(`No CSRF token on ${formPath} (status ${form.status})`)
    return this.postWithToken(action, token, fields)
  }

  postWithToken(action: string, token: string, fields: Record<string, string>) {
    return this.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    })
  }

  async signIn(role: 'finance' | 'panel'): Promise<void> {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role)
    if (!account) throw new Error(`No demo ${role} account`)
    const res = await this.post('/sign-in', '/sign-in', { email: account.email, password: account.password })
    if (res.status !== 303) throw new Error(`Sign-in answered ${res.status}`)
  }
}

/** Polls `check` every 250 ms until it is true or `ms` pass; answers how long it took. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (await check().catch(() => false)) return Date.now() - started
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`Not within ${ms} ms`)
}
