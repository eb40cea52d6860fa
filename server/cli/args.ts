// Shared command-line parsing for the npm scripts (node's own parseArgs: no dependency needed).
import { parseArgs } from 'node:util'

export function wholeNumberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^\d[\d_,]*$/.test(value)) throw new Error(`--${name} must be a whole number, like 1000000 (got "${value}")`)
  return Number(value.replace(/[_,]/g, ''))
}

/** Runs a command and exits with the code it answers; an error it did not expect is printed and exits 2. */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(2)
    },
  )
}

export { parseArgs }
