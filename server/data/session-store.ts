// Sessions kept in the database (table `sessions`), for express-session. Written here rather than taken from
// connect-session-knex 5, which both calls back with a database error and rethrows it (an unhandled rejection
// that ended the process while PostgreSQL refused connections), never catches in touch(), and checks its table
// once at start-up, so a database that was down then stayed "down" for every later request. Here every method
// answers through its callback only, each call goes to the database afresh, and the row names its user so
// signing a user out everywhere is one indexed delete.
import { Store, type SessionData } from 'express-session'
import type { Knex } from 'knex'

type Callback = (err?: unknown) => void

const TABLE = 'sessions'
const ONE_DAY = 24 * 60 * 60 * 1000

interface SessionRow {
  sess: string | SessionData
}

/** Timestamps as ISO text in both engines: SQLite compares them as text, PostgreSQL casts them to timestamptz. */
const iso = (ms: number) => new Date(ms).toISOString()

function expiryOf(session: SessionData): string {
  const expires = session.cookie?.expires
  if (expires) return new Date(expires).toISOString()
  return iso(Date.now() + (session.cookie?.maxAge ?? ONE_DAY))
}

function userIdOf(session: SessionData): number | null {
  const id = (session as { userId?: unknown }).userId
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null
}

export class KnexSessionStore extends Store {
  private sweeper: NodeJS.Timeout | undefined

  /** `cleanupInterval`: milliseconds between deleting expired sessions; 0 turns it off (tests). */
  constructor(
    private readonly db: Knex,
    cleanupInterval: number,
  ) {
    super()
    if (cleanupInterval > 0) {
      this.sweeper = setInterval(() => void this.deleteExpired().catch(() => undefined), cleanupInterval)
      this.sweeper.unref()
    }
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.db<SessionRow>(TABLE)
      .where('sid', sid)
      .andWhere('expired', '>', iso(Date.now()))
      .first('sess')
      .then(
        (row) => {
          if (!row) return callback(null, null)
          let session: SessionData | null
          try {
            session = typeof row.sess === 'string' ? (JSON.parse(row.sess) as SessionData) : row.sess
          } catch {
            session = null // an unreadable row is no session: the visitor is signed out, not refused
          }
          callback(null, session)
        },
        (err: unknown) => callback(err),
      )
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.db(TABLE)
      .insert({ sid, sess: JSON.stringify(session), expired: expiryOf(session), user_id: userIdOf(session) })
      .onConflict('sid')
      .merge()
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      )
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.db(TABLE)
      .where('sid', sid)
      .update({ expired: expiryOf(session) })
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      )
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db(TABLE)
      .where('sid', sid)
      .del()
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      )
  }

  async deleteExpired(): Promise<void> {
    await this.db(TABLE).where('expired', '<=', iso(Date.now())).del()
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper)
  }
}
