// npm run user:create -- --email someone@example.org --role finance [--name "A Person"] [--password …]
//   [--approval-limit 500000] [--owners force,capital_programme]
// Makes an account from the shell. Without --password, a strong one is generated and printed once.
import { randomBytes } from 'node:crypto'
import { loadConfig } from '../config'
import { migrateLatest, openDatabase } from '../data/db'
import { authService } from '../services/auth-service'
import { ValidationError } from '../domain/errors'
import { parseMoney } from '../domain/parse-money'
import { parseArgs } from './args'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      'approval-limit': { type: 'string' },
      owners: { type: 'string' },
    },
  })
  if (!values.email || !values.role) throw new Error('Give --email and --role (finance, approver, panel or admin)')
  let limit: bigint | null = null
  if (values['approval-limit'] !== undefined) {
    const reading = parseMoney(values['approval-limit'])
    if (!reading.ok) throw new Error(`--approval-limit ${reading.problem}`)
    limit = reading.pence
  }
  const password = values.password ?? randomBytes(18).toString('base64url')
  const db = openDatabase(loadConfig().database)
  try {
    await migrateLatest(db)
    const id = await authService(db).createAccount(
      {
        email: values.email,
        role: values.role,
        name: values.name ?? values.email,
        password,
        approvalLimitPence: limit,
        budgetOwnerCodes: values.owners ? values.owners.split(',').map((o) => o.trim()) : [],
      },
      { actor: 'cli: user:create', userId: null },
    )
    console.log(`Account ${id} created: ${values.email.toLowerCase()} (${values.role})`)
    if (!values.password) console.log(`Password (shown once): ${password}`)
  } catch (err) {
    if (err instanceof ValidationError)
      throw new Error(err.errors.map((e) => `--${e.field}: ${e.message}`).join('\n'), { cause: err })
    throw err
  } finally {
    await db.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
