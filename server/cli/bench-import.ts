// npm run bench:import [-- --rows 1000000] [--db postgres]
// Writes a ledger extract of that many rows (spread over the demo office's ledger codes for 2020/21, P1–P8) and
// imports it through the shell import (the web's checks, staging and all-or-nothing commit) into a fresh database:
// a temporary SQLite file, or with --db postgres a schema of its own in DATABASE_URL's database, dropped after.
// Prints the time of each step, rows a second and the peak RSS. A benchmark, not a test: it asserts nothing.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { Knex } from 'knex'
import { migrateLatest, openDatabase, seedDemo } from '../data/db'
import { createServices } from '../services'
import { summaryDifferences } from '../data/spend-summaries'
import { ledgerCodesWithBudget } from '../data/import-repository'
import { DEMO_LEDGER_MAPPING } from '../../seeds/demo/illustrative'
import { Random } from '../domain/random'
import { parseArgs, wholeNumberOption } from './args'

async function writeExtract(file: string, rows: number, codes: { cost_centre: string; account_code: string }[]) {
  const out = fs.createWriteStream(file)
  const rng = new Random(7)
  out.write(Object.values(DEMO_LEDGER_MAPPING).join(',') + '\n')
  for (let i = 0; i < rows; i++) {
    const c = rng.pick(codes)
    const period = rng.int(1, 8)
    const month = ((period + 2) % 12) + 1
    const pence = rng.int(100, 500_000)
    const line = `2020-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')},P${period},BENCH-${i},${c.cost_centre},${c.account_code},Bench Supplier Ltd,Bench row ${i},${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')},,,Force,Force,No\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function fresh(usePostgres: boolean): Promise<{ db: Knex; drop: () => Promise<void>; label: string }> {
  if (usePostgres) {
    const url = process.env.DATABASE_URL
    if (!url) throw new Error('--db postgres needs DATABASE_URL')
    const schema = `bench_import_${randomBytes(4).toString('hex')}`
    const admin = openDatabase({ client: 'postgres', url })
    await admin.raw('create schema ??', [schema])
    const db = openDatabase({ client: 'postgres', url, schema })
    return {
      db,
      label: `PostgreSQL (schema ${schema})`,
      drop: async () => {
        await db.destroy()
        await admin.raw('drop schema ?? cascade', [schema])
        await admin.destroy()
      },
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-bench-import-'))
  const db = openDatabase({ client: 'sqlite', filename: path.join(dir, 'bench.sqlite3') }, { create: true })
  return {
    db,
    label: 'SQLite (temporary file)',
    drop: async () => {
      await db.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, db: { type: 'string' } } })
  const rows = wholeNumberOption(values.rows, 'rows', 1_000_000)
  const { db, drop, label } = await fresh(values.db === 'postgres')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-bench-extract-'))
  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  try {
    await migrateLatest(db)
    await seedDemo(db)
    const codes = await ledgerCodesWithBudget(db, 2020)
    const file = path.join(dir, 'extract.csv')
    let t = Date.now()
    await writeExtract(file, rows, codes)
    console.log(
      `${label}: wrote ${rows.toLocaleString('en-GB')} rows (${(fs.statSync(file).size / 1048576).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    )
    const services = createServices(db, { importDir: path.join(dir, 'imports') })
    peak = process.memoryUsage().rss
    t = Date.now()
    const result = await services.imports.shellImport({
      file,
      mappingName: 'Demo force ledger (monthly extract)',
      fy: '2020-21',
      dryRun: false,
      keepHeld: false,
      actor: 'bench:import',
    })
    const seconds = (Date.now() - t) / 1000
    console.log(
      `Imported ${result.batch.rows_accepted.toLocaleString('en-GB')} of ${result.batch.rows_done.toLocaleString('en-GB')} rows (${result.batch.rows_rejected} rejected) in ${seconds.toFixed(1)} s: ${Number((rows / seconds).toFixed(0)).toLocaleString('en-GB')} rows a second; peak RSS ${(peak / 1048576).toFixed(0)} MB`,
    )
    t = Date.now()
    const differences = await summaryDifferences(db)
    console.log(`db:check: ${differences.length} differences (${Date.now() - t} ms)`)
  } finally {
    clearInterval(sampler)
    fs.rmSync(dir, { recursive: true, force: true })
    await drop()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
