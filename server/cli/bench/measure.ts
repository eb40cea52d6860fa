// What the benchmark measures: each page's response time over loopback (an upper bound on the server's time) and
// SQL queries (from its Server-Timing header), the floor (the raw aggregate of the transactions), and a page under
// 20 concurrent clients (autocannon) with the server's memory sampled each second.
import autocannon from 'autocannon'
import type { Knex } from 'knex'
import { aggregateTransactions } from '../../data/volume'
import { queriesOf } from '../../server-timing'
import { memoryOf } from './serve'

export interface Timing {
  median: number
  p95: number
}

export interface PageTiming extends Timing {
  queries: number
  bytes: number
}

export interface LoadResult {
  path: string
  seconds: number
  connections: number
  requests: number
  perSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  /** The server's resident memory (MB) sampled each second: the highest in the first half of the run and in the
   * second. Flat means the second half's highest is within 10% of the first half's (the heap grows to its working
   * size early, then the collector holds it; a leak keeps climbing). */
  rssFirstHalf: number
  rssSecondHalf: number
}

/** Median and 95th percentile (nearest rank) of some times. */
export function summarise(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0
  return { median: rank(0.5), p95: rank(0.95) }
}

async function once(url: string): Promise<{ ms: number; queries: number | null; bytes: number }> {
  const started = process.hrtime.bigint()
  const res = await fetch(url)
  const body = await res.arrayBuffer()
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
  return { ms, queries: queriesOf(res.headers.get('server-timing')), bytes: body.byteLength }
}

/** Requests a page `warmup` times untimed, then `runs` times. Refuses a page whose query count varies. */
export async function timePage(base: string, page: string, counts: { runs: number; warmup: number }) {
  for (let i = 0; i < counts.warmup; i++) await once(base + page)
  const times: number[] = []
  const queries = new Set<number | null>()
  let bytes = 0
  for (let i = 0; i < counts.runs; i++) {
    const r = await once(base + page)
    times.push(r.ms)
    queries.add(r.queries)
    bytes = r.bytes
  }
  const [only] = [...queries]
  if (queries.size !== 1 || only === null || only === undefined)
    throw new Error(
      `${page}: the query count was not reported, or varied between requests (${[...queries].join(', ')})`,
    )
  return { ...summarise(times), queries: only, bytes } satisfies PageTiming
}

/** Times the floor query on its own connection after a warm-up: `runs` times, or as many as fit in 30 seconds (at
 * least 3), since at ten million transactions it takes seconds. */
export async function timeFloor(db: Knex, counts: { runs: number; warmup: number }): Promise<Timing> {
  for (let i = 0; i < Math.min(counts.warmup, 1); i++) await aggregateTransactions(db)
  const times: number[] = []
  const until = Date.now() + 30_000
  while (times.length < counts.runs && (times.length < 3 || Date.now() < until)) {
    const started = process.hrtime.bigint()
    await aggregateTransactions(db)
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return summarise(times)
}

/** `connections` clients request `path` for `seconds` seconds (autocannon); the server's RSS is sampled each second. */
export async function loadPage(
  server: { base: string; pid: number },
  path: string,
  run: { seconds: number; connections: number },
) {
  const samples: number[] = []
  const sampler = setInterval(() => samples.push(memoryOf(server.pid).rss), 1000)
  try {
    const r = await autocannon({ url: server.base + path, connections: run.connections, duration: run.seconds })
    const half = Math.ceil(samples.length / 2)
    const highest = (xs: number[]) => Math.max(0, ...xs)
    return {
      path,
      seconds: run.seconds,
      connections: run.connections,
      requests: r.requests.total,
      perSecond: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      rssFirstHalf: highest(samples.slice(0, half)),
      rssSecondHalf: highest(samples.slice(half)),
    } satisfies LoadResult
  } finally {
    clearInterval(sampler)
  }
}
