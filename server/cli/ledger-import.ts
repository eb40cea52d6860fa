// npm run ledger:import -- --file F --mapping NAME --year 2020-21 [--dry-run] [--keep-held]
// Imports a ledger extract from the shell (a scheduled monthly load), with the same checks as the web import: prints
// the preview (rows read, accepted, already imported, conflicts, rejected, totals by budget line and period, and every
// problem by row) and exits non-zero with the reasons when anything is rejected, or when references the ledger holds
// with other figures are not kept with --keep-held. --dry-run checks and prints without importing. The batch is
// recorded and audited as done by "shell: ledger:import".
import os from 'node:os'
import { loadConfig } from '../config'
import { migrateLatest, openDatabase } from '../data/db'
import { createServices } from '../services'
import { ValidationError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import type { ShellResult } from '../services/import-service'
import { exitWith, parseArgs } from './args'

const money = (p: string) => formatMoney(fromPence(p), 'pence')

function print(r: ShellResult, dryRun: boolean): void {
  const b = r.batch
  console.log(`Import #${b.id} of ${b.file_name} into ${fyLabel(b.fy_start)} (SHA-256 ${b.sha256})`)
  console.log(`  rows read          ${b.rows_done.toLocaleString('en-GB')}`)
  console.log(`  accepted (new)     ${b.rows_accepted.toLocaleString('en-GB')}, ${money(b.total_pence)}`)
  console.log(`  already imported   ${b.rows_held.toLocaleString('en-GB')}`)
  console.log(`  conflicts          ${b.rows_conflict.toLocaleString('en-GB')}`)
  console.log(`  rejected           ${b.rows_rejected.toLocaleString('en-GB')}`)
  for (const t of r.totals)
    console.log(
      `  ${t.line_name.padEnd(60).slice(0, 60)} P${String(t.period).padEnd(3)} ${String(t.rows).padStart(8)} ${money(t.amount_pence).padStart(18)}`,
    )
  for (const p of r.problems)
    console.error(`  row ${p.row_number} ${p.ledger_ref ?? ''} ${p.kind} ${p.field ?? ''}: ${p.reason}`)
  if (r.imported) console.log(`Imported ${b.rows_accepted.toLocaleString('en-GB')} transactions.`)
  else if (dryRun) console.log('Dry run: nothing was imported.')
  else if (b.rows_rejected === 0 && b.rows_conflict === 0)
    console.log('Nothing new to import: every row is already in the ledger.')
  else console.error('Nothing was imported.')
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      mapping: { type: 'string' },
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'keep-held': { type: 'boolean', default: false },
    },
  })
  if (!values.file || !values.mapping || !values.year) {
    console.error('Usage: npm run ledger:import -- --file F --mapping NAME --year 2020-21 [--dry-run] [--keep-held]')
    return 2
  }
  const config = loadConfig()
  const db = openDatabase(config.database)
  try {
    await migrateLatest(db)
    const services = createServices(db, { importDir: config.importDir })
    const result = await services.imports.shellImport({
      file: values.file,
      mappingName: values.mapping,
      fy: values.year,
      dryRun: values['dry-run'],
      keepHeld: values['keep-held'],
      actor: `shell: ledger:import (${os.userInfo().username}@${os.hostname()})`,
    })
    print(result, values['dry-run'])
    // Rejected rows, or conflicts not kept, fail the run; a file already imported is no failure (nothing new).
    const b = result.batch
    return b.rows_rejected > 0 || (b.rows_conflict > 0 && !values['keep-held']) ? 1 : 0
  } catch (err) {
    if (err instanceof ValidationError) {
      for (const e of err.errors) console.error(`${e.field}: ${e.message}`)
      return 1
    }
    throw err
  } finally {
    await db.destroy()
  }
}

exitWith(main)
