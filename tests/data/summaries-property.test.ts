// The summaries of the ledger (issue #9) equal the raw sums of its transactions after any sequence of imports,
// reversals and manual journals, each through its service as a user or the shell does it (fast-check).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { createTestDb, type TestDb } from '../support/test-db'
import { csv, row } from '../support/imports'
import { createServices } from '../../server/services'
import { summaryDifferences } from '../../server/data/spend-summaries'
import type { Viewer } from '../../server/domain/access'

jest.setTimeout(240_000)

const CODES = [
  ['F1002', 'S0400'],
  ['K1003', 'C1100'],
  ['K1004', 'C1100'],
] as const

type Op =
  | { kind: 'import'; rows: { code: number; period: number; pence: number }[] }
  | { kind: 'reverse'; which: number }
  | { kind: 'journal'; code: number; period: number; pence: number }

const pence = fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((p) => p !== 0)
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    rows: fc.array(fc.record({ code: fc.nat(2), period: fc.integer({ min: 1, max: 9 }), pence }), {
      minLength: 1,
      maxLength: 6,
    }),
  }),
  fc.record({ kind: fc.constant('reverse' as const), which: fc.nat(5) }),
  fc.record({ kind: fc.constant('journal' as const), code: fc.nat(2), period: fc.integer({ min: 1, max: 9 }), pence }),
)

const money = (p: number) =>
  `${p < 0 ? '-' : ''}${Math.floor(Math.abs(p) / 100)}.${String(Math.abs(p) % 100).padStart(2, '0')}`

async function apply(t: TestDb, ops: Op[], dir: string): Promise<void> {
  const services = createServices(t.db, { importDir: path.join(dir, 'imports') })
  const user = await t
    .db('users')
    .where('email', 'finance@demo.example.org')
    .first<{ id: number; name: string }>('id', 'name')
  const viewer: Viewer = { kind: 'finance', userId: user.id, name: user.name, email: 'finance@demo.example.org' }
  const lineOf = async (code: number) => {
    const [cc, account] = CODES[code] ?? CODES[0]
    return Number(
      (
        await t
          .db('ledger_codes')
          .where({ cost_centre: cc, account_code: account })
          .first<{ budget_line_id: number }>('budget_line_id')
      ).budget_line_id,
    )
  }
  const committed: number[] = []
  let n = 0
  for (const o of ops) {
    if (o.kind === 'import') {
      const file = path.join(dir, `f${n}.csv`)
      const lines = o.rows.map((r) => {
        const [cc, account] = CODES[r.code] ?? CODES[0]
        return row({ ref: `P-${n++}`, cc, account, period: `P${r.period}`, amount: money(r.pence) })
      })
      fs.writeFileSync(file, csv(lines))
      const result = await services.imports.shellImport({
        file,
        mappingName: 'Demo force ledger (monthly extract)',
        fy: '2020-21',
        dryRun: false,
        keepHeld: false,
        actor: 'property test',
      })
      if (result.imported) committed.push(result.batch.id)
    } else if (o.kind === 'reverse') {
      const id = committed.splice(o.which % Math.max(committed.length, 1), 1)[0]
      if (id !== undefined) await services.imports.reverse(viewer, id, { reason: 'property test' })
    } else {
      const ly = await services.profiles.load(await lineOf(o.code), '2020-21')
      await services.journals.enter(viewer, ly, {
        journal_date: '15/12/2020',
        journal_period: String(o.period),
        journal_amount: money(o.pence),
        journal_description: 'Property test journal',
        journal_reason: 'property test',
      })
    }
    expect(await summaryDifferences(t.db)).toEqual([])
  }
}

it('keeps the summaries equal to the raw sums through any imports, reversals and journals', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
      const t = await createTestDb()
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-summaries-'))
      try {
        await apply(t, ops, dir)
      } finally {
        await t.destroy()
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }),
    { numRuns: process.env.DATABASE_URL ? 8 : 25 },
  )
})
