// Shared command-line parsing for the npm scripts (node's own parseArgs: no dependency needed).
import { parseArgs } from 'node:util'

export function wholeNumberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^\d[\d_,]*$/.test(value)) throw new Error(`--${name} must be a whole number, like 1000000 (got "${value}")`)
  return Number(value.replace(/[_,]/g, ''))
}

export { parseArgs }
