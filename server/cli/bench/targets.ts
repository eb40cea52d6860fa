// Issue #15's targets, judged on a benchmark's result (and, for PostgreSQL against SQLite, another run's).
import type { BenchResult, SizeResult, Verdict } from './report'

const DASHBOARD = '/'
const ms = (n: number) => `${n.toFixed(0)} ms`

function pagesWithin(size: SizeResult, limit: { median: number; p95: number }): Verdict {
  const slow = size.pages.filter((p) => p.median >= limit.median || p.p95 >= limit.p95)
  return {
    target: `at ${size.n.toLocaleString('en-GB')}: every page's median under ${limit.median} ms${limit.p95 < Infinity ? ` and p95 under ${limit.p95} ms` : ''}`,
    met: slow.length === 0,
    detail: slow.length
      ? slow.map((p) => `${p.path} ${ms(p.median)} / ${ms(p.p95)}`).join('; ')
      : `slowest median ${ms(Math.max(...size.pages.map((p) => p.median)))}, slowest p95 ${ms(Math.max(...size.pages.map((p) => p.p95)))}`,
  }
}

function dashboardAgainstFloor(size: SizeResult): Verdict {
  const d = size.pages.find((p) => p.path === DASHBOARD)
  const ratio = d ? d.median / size.floor.median : Infinity
  return {
    target: `at ${size.n.toLocaleString('en-GB')}: the dashboard faster than the raw-SQL floor`,
    met: ratio < 1,
    detail: d
      ? `${ms(d.median)} against ${ms(size.floor.median)} (${ratio.toFixed(2)} of it)`
      : 'the dashboard was not measured',
  }
}

function sameQueries(sizes: SizeResult[]): Verdict {
  const [first] = sizes
  const differ = (first?.pages ?? []).filter((p) =>
    sizes.some((s) => s.pages.find((o) => o.path === p.path)?.queries !== p.queries),
  )
  return {
    target: `the same SQL queries per request at every size (${sizes.map((s) => s.n.toLocaleString('en-GB')).join(', ')})`,
    met: differ.length === 0,
    detail: differ.length ? `differ: ${differ.map((p) => p.path).join(', ')}` : `${first?.pages.length ?? 0} pages`,
  }
}

function growth(small: SizeResult, large: SizeResult): Verdict {
  const ratios = small.pages.map((p) => {
    const other = large.pages.find((o) => o.path === p.path)
    return {
      path: p.path,
      ratio: other ? other.median / p.median : Infinity,
      added: other ? other.median - p.median : Infinity,
    }
  })
  const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a), { path: '', ratio: 0, added: 0 })
  // A page of a few milliseconds varies by more than half between runs on loopback: an increase under 2 ms is noise.
  const over = ratios.filter((r) => r.ratio >= 1.5 && r.added >= 2)
  return {
    target: `from ${small.n.toLocaleString('en-GB')} to ${large.n.toLocaleString('en-GB')}: every page's median grows by less than 1.5× (or by under 2 ms)`,
    met: over.length === 0,
    detail: over.length
      ? over.map((r) => `${r.path} ${r.ratio.toFixed(2)}×`).join('; ')
      : `most: ${worst.path} ${worst.ratio.toFixed(2)}× (${worst.added.toFixed(1)} ms)`,
  }
}

function underLoad(size: SizeResult): Verdict[] {
  return size.load.map((l) => {
    const flat = l.rssSecondHalf <= l.rssFirstHalf * 1.1
    const problems = [
      l.errors + l.non2xx > 0 ? `${l.errors + l.non2xx} errors` : '',
      l.p99 >= 500 ? `p99 ${l.p99} ms` : '',
      l.perSecond < 50 ? `${l.perSecond.toFixed(0)} requests a second` : '',
      flat
        ? ''
        : `memory grew: highest ${l.rssFirstHalf.toFixed(0)} MB in the first half, ${l.rssSecondHalf.toFixed(0)} MB in the second`,
    ].filter(Boolean)
    return {
      target: `${l.connections} clients on ${l.path} for ${l.seconds} s at ${size.n.toLocaleString('en-GB')}: no error, p99 under 500 ms, 50 requests a second, memory flat`,
      met: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `${l.perSecond.toFixed(0)} a second, p99 ${l.p99} ms, highest RSS ${l.rssFirstHalf.toFixed(0)} then ${l.rssSecondHalf.toFixed(0)} MB`,
    }
  })
}

function againstOther(result: BenchResult, other: BenchResult): Verdict[] {
  return result.sizes.flatMap((size) => {
    const theirs = other.sizes.find((s) => s.n === size.n)
    if (!theirs) return []
    const slower = size.pages
      .map((p) => {
        const their = theirs.pages.find((o) => o.path === p.path)?.median ?? NaN
        return { path: p.path, ratio: p.median / their, added: p.median - their }
      })
      // As for growth, a difference under 2 ms is the noise of a few-millisecond page.
      .filter((r) => !(r.ratio <= 2 || r.added < 2))
    return [
      {
        target: `at ${size.n.toLocaleString('en-GB')}: no page slower on ${result.client} than on ${other.client} by more than 2× (or by under 2 ms)`,
        met: slower.length === 0,
        detail: slower.length ? slower.map((r) => `${r.path} ${r.ratio.toFixed(2)}×`).join('; ') : 'none',
      },
    ]
  })
}

/** Every target this run can judge, on the pages whose content does not grow with the transactions. */
export function verdicts(result: BenchResult, other?: BenchResult): Verdict[] {
  const held = (s: SizeResult): SizeResult => ({ ...s, pages: s.pages.filter((p) => !p.grows) })
  const sizes = result.sizes.map(held)
  const small = sizes[0]
  const large = sizes[sizes.length - 1]
  if (!small || !large) return []
  const limit =
    result.client === 'postgres' && large.n >= 10_000_000 ? { median: 150, p95: Infinity } : { median: 50, p95: 150 }
  return [
    pagesWithin(large, limit),
    dashboardAgainstFloor(large),
    ...(sizes.length > 1 ? [sameQueries(sizes), growth(small, large)] : []),
    ...underLoad(large),
    ...(other ? againstOther({ ...result, sizes }, { ...other, sizes: other.sizes.map(held) }) : []),
  ]
}
