// The import from the shell (npm run ledger:import): the same checks as the web's, a dry run that writes nothing,
// the commit, a re-run that finds every row already imported, and a refusal with its reasons.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { useTestApp } from '../support/test-app'
import { countRows } from '../support/forms'
import { csv, row } from '../support/imports'
import { createServices } from '../../server/services'
import { summaryDifferences } from '../../server/data/spend-summaries'
import { ValidationError } from '../../server/domain/errors'

const env = useTestApp({ fresh: 'test' })
const DEMO_FILE = path.join(__dirname, '../../seeds/demo/ledger-2020-21-P9.csv')
const MAPPING = 'Demo force ledger (monthly extract)'

const shell = () => createServices(env.db).imports
const run = (file: string, options: { dryRun?: boolean; mapping?: string; fy?: string } = {}) =>
  shell().shellImport({
    file,
    mappingName: options.mapping ?? MAPPING,
    fy: options.fy ?? '2020-21',
    dryRun: options.dryRun ?? false,
    keepHeld: false,
    actor: 'shell: ledger:import (test)',
  })

it('checks without writing on a dry run, imports, and finds everything already imported the second time', async () => {
  const before = await countRows(env.db, 'spend_transactions')
  const dry = await run(DEMO_FILE, { dryRun: true })
  expect(dry.imported).toBe(false)
  expect(dry.batch).toMatchObject({ status: 'discarded', rows_done: 34, rows_accepted: 34, rows_rejected: 0 })
  expect(dry.totals.reduce((n, t) => n + t.rows, 0)).toBe(34)
  expect(await countRows(env.db, 'spend_transactions')).toBe(before)
  const done = await run(DEMO_FILE)
  expect(done.imported).toBe(true)
  expect(done.batch.status).toBe('committed')
  expect(await countRows(env.db, 'spend_transactions')).toBe(before + 34)
  const audit = await env
    .db('audit_events')
    .where({ table_name: 'import_batches', row_id: String(done.batch.id) })
    .first<{ actor: string; user_id: number | null }>()
  expect(audit).toMatchObject({ actor: 'shell: ledger:import (test)', user_id: null })
  const again = await run(DEMO_FILE)
  expect(again.imported).toBe(false)
  expect(again.batch).toMatchObject({ rows_held: 34, rows_accepted: 0, rows_rejected: 0 })
  expect(await countRows(env.db, 'spend_transactions')).toBe(before + 34)
  expect(await summaryDifferences(env.db)).toEqual([])
})

it('refuses a file with rejected rows, listing each, and imports nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-import-'))
  const file = path.join(dir, 'bad.csv')
  fs.writeFileSync(file, csv([row({ ref: 'S-1', amount: '1' }), row({ ref: 'S-2', amount: 'ten' })]))
  const before = await countRows(env.db, 'spend_transactions')
  const result = await run(file)
  expect(result.imported).toBe(false)
  expect(result.batch.rows_rejected).toBe(1)
  expect(result.problems).toEqual([expect.objectContaining({ row_number: 3, field: 'amount', kind: 'rejected' })])
  expect(await countRows(env.db, 'spend_transactions')).toBe(before)
  await expect(run(file, { mapping: 'No such mapping' })).rejects.toThrow(ValidationError)
  await expect(run(file, { fy: '2019-20' })).rejects.toThrow('2019/20 is not an open year of this office')
  fs.rmSync(dir, { recursive: true, force: true })
})

it('discards at start-up a file left unimported for a week, and marks a batch the server stopped as failed', async () => {
  const services = shell()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-import-'))
  const file = path.join(dir, 'old.csv')
  fs.writeFileSync(file, csv([row({ ref: 'OLD-1', amount: '1' })]))
  const result = await services.shellImport({
    file,
    mappingName: MAPPING,
    fy: '2020-21',
    dryRun: true,
    keepHeld: false,
    actor: 'test',
  })
  const staleId = result.batch.id
  await env.db('import_batches').where('id', staleId).update({ status: 'checked', created_at: '2020-01-01 00:00:00' })
  await env.db('import_rows').insert({
    batch_id: staleId,
    row_number: 2,
    ledger_ref: 'OLD-1',
    posted_on: '2020-12-01',
    fy_start: 2020,
    period: 9,
    budget_line_id: 1,
    amount_pence: 100,
  })
  const stopped = await env.db('import_batches').where('id', staleId).first()
  const [{ id: runningId }] = await env
    .db('import_batches')
    .insert({
      ...stopped,
      id: undefined,
      status: 'committing',
      created_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
    })
    .returning('id')
  expect(await services.recoverInterrupted()).toBe(1)
  expect(await env.db('import_batches').where('id', staleId).first()).toMatchObject({ status: 'discarded' })
  expect(
    await env
      .db('import_batches')
      .where('id', Number(runningId ?? 0))
      .first(),
  ).toMatchObject({ status: 'failed' })
  expect(await countRows(env.db, 'import_rows')).toBe(0)
  fs.rmSync(dir, { recursive: true, force: true })
})
