// Capital slippage moves a scheme's financing with its spend (DOMAIN.md "Budget changes in year", "Capital
// financing"). A year that gives up budget gives up the same share of its financing: each source pro rata to what it
// pays for in that year (the pennies of rounding to the largest remainders, so the year's sources add up exactly). What
// leaves is taken to the years that gain budget, each year getting the share its gain is of the whole, filled from the
// sources in the order they left. Every source's whole-life total is kept to the penny, as is the line's. A year that
// already takes a source from another receipt or reserve cannot be merged into: that is a reprofile of the financing by
// hand. A capital receipt cannot pay for a year before it was received. Pure: pence in, pence out.
import { fyLabel } from './financial-year'

export interface FinancingRow {
  fyStart: number
  source: string
  /** Pence; in a move, signed: positive adds financing to the year. */
  pence: bigint
  receiptId: number | null
  reserveId: number | null
}

/** Split `total` pence in proportion to `weights` (each ≥ 0), the pennies of rounding to the largest remainders,
 * ties to the earlier; the parts add up to `total` exactly. */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, w) => a + w, 0n)
  if (sum === 0n) return weights.map(() => 0n)
  const parts = weights.map((w) => (total * w) / sum)
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }))
  let left = total - parts.reduce((a, p) => a + p, 0n)
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0n) break
    parts[i] = (parts[i] as bigint) + 1n
    left -= 1n
  }
  return parts
}

const poolKey = (r: Pick<FinancingRow, 'source' | 'receiptId' | 'reserveId'>) =>
  `${r.source}:${r.receiptId ?? ''}:${r.reserveId ?? ''}`

/** What each year giving up budget gives up of its financing, source by source. */
function outgoing(
  budgets: ReadonlyMap<number, bigint>,
  financing: readonly FinancingRow[],
  movements: readonly { fyStart: number; pence: bigint }[],
): FinancingRow[] {
  return movements
    .filter((m) => m.pence < 0n)
    .flatMap((m) => {
      const rows = financing.filter((f) => f.fyStart === m.fyStart && f.pence > 0n)
      const budget = budgets.get(m.fyStart) ?? 0n
      const financed = rows.reduce((a, f) => a + f.pence, 0n)
      if (budget <= 0n || financed === 0n) return []
      // The share of the year's financing that goes: what slips of its budget, never more than is financed.
      const slipping = -m.pence > budget ? budget : -m.pence
      const goes = (financed * slipping) / budget
      const parts = allocate(
        goes,
        rows.map((f) => f.pence),
      )
      return rows.map((f, i) => ({ ...f, pence: -(parts[i] as bigint) }))
    })
    .filter((r) => r.pence !== 0n)
}

/** The financing that goes, taken to the years that gain budget in proportion to their gain, filled from the sources
 * in the order they left (so every year's financing rises by its share and every source's total is kept). */
function incoming(out: readonly FinancingRow[], gains: readonly { fyStart: number; pence: bigint }[]): FinancingRow[] {
  const pools = new Map<string, FinancingRow>()
  for (const r of out) {
    const k = poolKey(r)
    const p = pools.get(k)
    pools.set(k, p ? { ...p, pence: p.pence - r.pence } : { ...r, pence: -r.pence })
  }
  const total = [...pools.values()].reduce((a, p) => a + p.pence, 0n)
  const shares = allocate(
    total,
    gains.map((g) => g.pence),
  )
  const queue = [...pools.values()]
  const moves: FinancingRow[] = []
  gains.forEach((g, i) => {
    let need = shares[i] as bigint
    while (need > 0n && queue.length > 0) {
      const pool = queue[0] as FinancingRow
      const take = pool.pence < need ? pool.pence : need
      moves.push({ ...pool, fyStart: g.fyStart, pence: take })
      pool.pence -= take
      need -= take
      if (pool.pence === 0n) queue.shift()
    }
  })
  return moves
}

/** Moves of the same year and source (and receipt or reserve) added together. */
function combine(moves: readonly FinancingRow[]): FinancingRow[] {
  const out = new Map<string, FinancingRow>()
  for (const m of moves) {
    const k = `${m.fyStart}:${poolKey(m)}`
    const x = out.get(k)
    out.set(k, x ? { ...x, pence: x.pence + m.pence } : { ...m })
  }
  return [...out.values()].filter((m) => m.pence !== 0n)
}

const SOURCE_WORDS: Record<string, string> = {
  capital_receipts: 'a capital receipt',
  reserves: 'a reserve',
}

/** Why these moves cannot be made on this line's financing: a year's source would come from two receipts or reserves
 * (the table keeps one a year and source), or a receipt would pay for a year before it was received. */
function moveProblems(
  financing: readonly FinancingRow[],
  moves: readonly FinancingRow[],
  receivedIn: ReadonlyMap<number, number>,
): string[] {
  const problems: string[] = []
  for (const m of moves.filter((x) => x.pence > 0n)) {
    const clash = [...financing, ...moves].find(
      (f) => f.fyStart === m.fyStart && f.source === m.source && f.pence > 0n && poolKey(f) !== poolKey(m),
    )
    if (clash)
      problems.push(
        `${fyLabel(m.fyStart)} already takes ${SOURCE_WORDS[m.source] ?? m.source} other than the one that would move with the slippage: reprofile the scheme's financing by hand first`,
      )
    const received = m.receiptId === null ? undefined : receivedIn.get(m.receiptId)
    if (received !== undefined && m.fyStart < received)
      problems.push(
        `The capital receipt that finances the slipping budget was received in ${fyLabel(received)}: it cannot pay for ${fyLabel(m.fyStart)}`,
      )
  }
  return [...new Set(problems)]
}

/**
 * The financing moves that go with a slippage on one capital line: `budgets` is the line's revised budget by year
 * before the change, `financing` its financing rows, `movements` the slippage (signed pence by year, adding to
 * nothing). Returns the moves (signed pence by year and source) and any reason they cannot be made.
 */
export function slippageFinancing(input: {
  budgets: ReadonlyMap<number, bigint>
  financing: readonly FinancingRow[]
  movements: readonly { fyStart: number; pence: bigint }[]
  receivedIn?: ReadonlyMap<number, number>
}): { moves: FinancingRow[]; problems: string[] } {
  const out = outgoing(input.budgets, input.financing, input.movements)
  const gains = input.movements.filter((m) => m.pence > 0n).sort((a, b) => a.fyStart - b.fyStart)
  const moves = combine([...out, ...incoming(out, gains)]).sort(
    (a, b) => a.fyStart - b.fyStart || a.source.localeCompare(b.source),
  )
  return { moves, problems: moveProblems(input.financing, moves, input.receivedIn ?? new Map()) }
}

/** A line's financing after the moves: rows of a year and source added to, new ones made, emptied ones gone; and why
 * the moves no longer fit (the financing changed since they were worked out): a row taken below nothing, or a row of
 * the same year and source from another receipt or reserve. */
export function applyFinancingMoves(
  financing: readonly FinancingRow[],
  moves: readonly FinancingRow[],
): { rows: FinancingRow[]; problems: string[] } {
  const rows = new Map(financing.map((f) => [`${f.fyStart}:${f.source}`, { ...f }]))
  const problems: string[] = []
  for (const m of moves) {
    const k = `${m.fyStart}:${m.source}`
    const row = rows.get(k)
    if (row && row.pence > 0n && poolKey(row) !== poolKey(m))
      problems.push(`${fyLabel(m.fyStart)}: the ${m.source.replace('_', ' ')} financing now comes from another source`)
    if (row) row.pence += m.pence
    else rows.set(k, { ...m })
  }
  const after = [...rows.values()].filter((r) => r.pence !== 0n)
  for (const r of after.filter((x) => x.pence < 0n))
    problems.push(`${fyLabel(r.fyStart)}: the ${r.source.replace('_', ' ')} financing would go below nothing`)
  return { rows: after, problems }
}
