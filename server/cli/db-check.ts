// npm run db:check [-- --repair]
// Recomputes the summaries of the ledger (sum and count per budget line, financial year and period) from the spend
// transactions and reports every difference; exits non-zero when there is one. `--repair` rebuilds the summaries
// from the transactions in one database transaction (after reporting what differed).
import { loadConfig } from '../config'
import { migrateLatest, openDatabase } from '../data/db'
import { rebuildSummaries, summaryDifferences } from '../data/spend-summaries'
import { fyLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { exitWith, parseArgs } from './args'

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { repair: { type: 'boolean' } } })
  const db = openDatabase(loadConfig().database)
  try {
    await migrateLatest(db)
    const started = process.hrtime.bigint()
    const differences = await summaryDifferences(db)
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (differences.length === 0) {
      console.log(`The summaries of the ledger agree with its transactions (checked in ${ms.toFixed(0)} ms).`)
      return 0
    }
    console.error(`${differences.length} summaries of the ledger differ from its transactions:`)
    for (const d of differences) {
      console.error(
        `  budget line ${d.budget_line_id}, ${fyLabel(d.fy_start)} P${d.period}: summary ${formatMoney(fromPence(d.summary_pence), 'pence')} in ${d.summary_count} transactions; ledger ${formatMoney(fromPence(d.ledger_pence), 'pence')} in ${d.ledger_count}`,
      )
    }
    if (values.repair) {
      await db.transaction((trx) => rebuildSummaries(trx))
      console.error('Repaired: the summaries were rebuilt from the transactions.')
    }
    return 1
  } finally {
    await db.destroy()
  }
}

exitWith(main)
