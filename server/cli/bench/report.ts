// The benchmark's table, its targets (issue #15) met or missed, and its JSON for comparison between commits.
import type { LoadResult, PageTiming, Timing } from './measure'

export interface PageResult extends PageTiming {
  label: string
  path: string
  /** Its content grows with the transactions: shown, not held to the targets. */
  grows?: boolean
}

export interface SizeResult {
  n: number
  floor: Timing
  /** The server's peak resident memory (VmHWM) over this size's requests, in MB. */
  peakRss: number
  pages: PageResult[]
  load: LoadResult[]
}

export interface BenchResult {
  date: string
  commit: string
  client: 'sqlite' | 'postgres'
  node: string
  cpus: number
  runs: number
  warmup: number
  sizes: SizeResult[]
}

export interface Verdict {
  target: string
  met: boolean
  detail: string
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0))
const count = (n: number) => n.toLocaleString('en-GB')
const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join(' ')

/** The table of one size: page, N, median, p95, median ÷ floor, queries, and the server's peak RSS. */
export function sizeTable(size: SizeResult, compared?: SizeResult): string {
  const widths = [34, 10, 8, 8, 8, 8, 9, compared ? 10 : 0]
  const lines = [
    pad(['page', 'N', 'median', 'p95', '÷floor', 'queries', 'peak RSS', compared ? 'vs other' : ''], widths),
  ]
  for (const p of size.pages) {
    const other = compared?.pages.find((o) => o.path === p.path)
    lines.push(
      pad(
        [
          p.grows ? `${p.path} *` : p.path,
          count(size.n),
          `${ms(p.median)} ms`,
          `${ms(p.p95)} ms`,
          `${(p.median / size.floor.median).toFixed(2)}`,
          String(p.queries),
          `${size.peakRss.toFixed(0)} MB`,
          other ? `${(p.median / other.median).toFixed(2)}×` : '',
        ],
        widths,
      ),
    )
  }
  if (size.pages.some((p) => p.grows)) lines.push('* its content grows with the transactions: not held to the targets')
  lines.push(
    pad(
      ['floor: the raw aggregate (SQL)', count(size.n), `${ms(size.floor.median)} ms`, `${ms(size.floor.p95)} ms`],
      widths,
    ),
  )
  return lines.join('\n')
}

/** The load runs' table: requests a second, latency, errors, and the server's memory. */
export function loadTable(load: LoadResult[]): string {
  const widths = [26, 8, 8, 8, 8, 7, 24]
  const lines = [
    pad(['page (20 clients)', 'req/s', 'p50', 'p99', 'requests', 'errors', 'highest RSS: 1st half, 2nd'], widths),
  ]
  for (const l of load)
    lines.push(
      pad(
        [
          l.path,
          l.perSecond.toFixed(0),
          `${l.p50} ms`,
          `${l.p99} ms`,
          count(l.requests),
          String(l.errors + l.non2xx),
          `${l.rssFirstHalf.toFixed(0)}, ${l.rssSecondHalf.toFixed(0)} MB`,
        ],
        widths,
      ),
    )
  return lines.join('\n')
}
