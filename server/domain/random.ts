// A small deterministic pseudo-random generator (mulberry32) for the illustrative demo data and the volume
// generator: the same seed gives the same figures on every machine. Integers only: never used for money
// except as whole basis points or pence.
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** An integer from min to max inclusive. */
  int(min: number, max: number): number {
    return min + (this.next() % (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)]
    if (item === undefined) throw new RangeError('Cannot pick from an empty list')
    return item
  }
}
