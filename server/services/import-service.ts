// Importing a ledger extract (issue #9), step by step: upload (the file is stored with its SHA-256 and its headings
// read), map its columns (a mapping is saved by name and suggested for the next file with the same headings), check
// (a job: every row read, accepted rows staged, rejected rows listed), commit (a job: one transaction writes every
// accepted row and the summaries, or nothing), and reverse (one transaction takes the whole batch out). Each
// commit and reversal is audited. A server stopped mid-check or mid-commit leaves the batch failed at restart.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import path from 'node:path'
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { ValidationError, NotFoundError, type FieldError } from '../domain/errors'
import { fyLabel, isLockedYear, parseFy } from '../domain/financial-year'
import { checkMapping, guessMapping, LEDGER_FIELDS, type ColumnMapping, type LedgerField } from '../domain/ledger'
import { formatMoney, fromPence } from '../domain/money'
import * as repo from '../data/import-repository'
import { writeAudit } from '../data/audit-repository'
import { yearLock, yearLocks } from '../data/year-repository'
import { kindOfFile, readHeaders, LedgerFileError } from '../files/ledger-file'
import { editorOf } from './edit-context'
import { runCheck } from './import-check'

/** A mapping in words for the audit trail: "Posting date ← “Posting Date”; Period ← “Period”; …". */
function mappingWords(mapping: ColumnMapping): string {
  return LEDGER_FIELDS.filter((f) => mapping[f.field] !== undefined)
    .map((f) => `${f.label} ← “${mapping[f.field] ?? ''}”`)
    .join('; ')
}

export interface ImportOptions {
  /** Where uploaded files are kept until their batch is committed or discarded. */
  importDir: string
  /** The connection the jobs write through (SQLite: a second connection, so pages keep reading meanwhile). */
  jobDb?: Knex
}

export interface UploadedFile {
  fileName: string
  tempFile: string
  sha256: string
  bytes: number
  fields: Record<string, string>
}

/** Who does it: a signed-in user, or the shell (no user id). */
type Actor = { actor: string; userId: number | null }

const batchFile = (dir: string, b: { id: number; file_kind: string }) => path.join(dir, `batch-${b.id}.${b.file_kind}`)
const money = (p: string | bigint) => formatMoney(fromPence(p), 'pence')

/** The years a file may be imported into: any year on record that is not closed. */
async function openYears(db: Knex): Promise<number[]> {
  return (await yearLocks(db)).filter((y) => !isLockedYear(y.posted, y.reopened)).map((y) => y.fyStart)
}

async function refuseClosedYear(db: Knex, fyStart: number, field: string): Promise<void> {
  const lock = await yearLock(db, fyStart)
  if (isLockedYear(lock.posted, lock.reopened))
    throw new ValidationError([{ field, message: `${fyLabel(fyStart)} is closed: its ledger is locked` }])
}

function mappingFromBody(body: Record<string, unknown>, headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {}
  for (const info of LEDGER_FIELDS) {
    const value = body[`map_${info.field}`]
    if (typeof value === 'string' && value !== '') mapping[info.field] = value
  }
  const problems = checkMapping(mapping, headers)
  const name = typeof body.mapping_name === 'string' ? body.mapping_name.trim() : ''
  const errors: FieldError[] = problems.map((p) => ({ field: `map_${p.field}`, message: p.reason }))
  if (name === '') errors.push({ field: 'mapping_name', message: 'Enter a name to save this mapping under' })
  else if (name.length > 100)
    errors.push({ field: 'mapping_name', message: 'The mapping name is longer than 100 characters' })
  if (errors.length > 0) throw new ValidationError(errors)
  return mapping
}

const STALE_DAYS = 7

interface IdForm {
  id: number
  body: Record<string, unknown>
}

interface Ctx {
  db: Knex
  jobDb: Knex
  importDir: string
  jobs: Map<number, Promise<void>>
}

async function batchOf(ctx: Ctx, id: number): Promise<repo.BatchRow> {
  const batch = await repo.findBatch(ctx.db, id)
  if (!batch) throw new NotFoundError('That import')
  return batch
}

/** Runs a job in the background; a failure marks the batch failed with the reason, and clears its staging. */
function start(ctx: Ctx, batchId: number, work: () => Promise<void>): void {
  const job = work()
    .catch(async (err: unknown) => {
      const reason =
        err instanceof LedgerFileError
          ? err.message
          : `The import stopped: ${err instanceof Error ? err.message : String(err)}. Nothing was imported.`
      if (!(err instanceof LedgerFileError)) console.error(`import ${batchId} failed:`, err)
      await repo.updateBatch(ctx.jobDb, batchId, { set: { status: 'failed', error: reason.slice(0, 2000) } })
      await repo.clearStaging(ctx.jobDb, batchId)
    })
    .catch((err: unknown) => console.error(`import ${batchId}: could not record its failure:`, err))
    .finally(() => ctx.jobs.delete(batchId))
  ctx.jobs.set(batchId, job)
}

function check(ctx: Ctx, batch: repo.BatchRow, mapping: ColumnMapping): void {
  start(ctx, batch.id, () =>
    runCheck(ctx.jobDb, {
      batchId: batch.id,
      file: batchFile(ctx.importDir, batch),
      kind: batch.file_kind,
      fyStart: batch.fy_start,
      headers: JSON.parse(batch.headers ?? '[]') as string[],
      mapping,
    }),
  )
}

async function commitJob(ctx: Ctx, batch: repo.BatchRow, who: Actor): Promise<void> {
  await ctx.jobDb.transaction(async (trx) => {
    const held = await repo.heldCounts(trx, batch.id)
    if (held.held !== batch.rows_held || held.conflict !== batch.rows_conflict)
      throw new LedgerFileError(
        'The ledger changed after this file was checked (another import or journal holds some of its references): check it again. Nothing was imported.',
      )
    const written = await repo.commitStaged(trx, batch.id)
    await repo.updateBatch(trx, batch.id, {
      from: ['committing'],
      set: { status: 'committed', committed_by: who.actor, committed_at: trx.fn.now(), rows_accepted: written },
    })
    await writeAudit(trx, [
      {
        ...who,
        action: 'create',
        table: 'import_batches',
        rowId: batch.id,
        field: 'Ledger import',
        to: `${written.toLocaleString('en-GB')} transactions, ${money(batch.total_pence)}, ${fyLabel(batch.fy_start)}, from “${batch.file_name}” (SHA-256 ${batch.sha256})`,
        reason: batch.rows_conflict > 0 ? `Kept the amounts already held for ${batch.rows_conflict} references` : null,
        recordLabel: `Ledger import #${batch.id} “${batch.file_name}”`,
      },
    ])
  })
  await repo.clearStaging(ctx.jobDb, batch.id)
  await fs.promises.rm(batchFile(ctx.importDir, batch), { force: true })
}

/** At start-up: batches a stopped server left checking or committing are marked failed. */
async function recoverInterrupted(ctx: Ctx): Promise<number> {
  const ids = await repo.interruptedBatches(ctx.db)
  for (const id of ids) {
    await repo.updateBatch(ctx.db, id, {
      set: {
        status: 'failed',
        error: 'The server stopped during this import. Nothing was imported: start it again.',
      },
    })
    await repo.clearStaging(ctx.db, id)
  }
  await discardStale(ctx)
  return ids.length
}

/** Files left unimported for a week are discarded at start-up (their staged rows and stored file; the batch stays,
 * marked discarded): a checked million-row file would otherwise keep its staging for ever. */
async function discardStale(ctx: Ctx): Promise<void> {
  for (const batch of await repo.staleBatches(ctx.db, STALE_DAYS)) await discardBatch(ctx, batch)
}

/** The import page: recent batches, the open years and the saved mappings. */
async function list(ctx: Ctx, viewer: Viewer) {
  editorOf(viewer, 'import ledger files')
  const [batches, years, mappings] = await Promise.all([
    repo.listBatches(ctx.db, 50),
    openYears(ctx.db),
    repo.listMappings(ctx.db),
  ])
  return { batches, years, mappings }
}

/** Stores an uploaded file as a new batch and reads its headings. Answers the batch id. */
async function upload(ctx: Ctx, viewer: Viewer, file: UploadedFile): Promise<number> {
  return storeBatch(ctx, editorOf(viewer, 'import ledger files'), file)
}

/** Checks the year and the file, and keeps the file as a new batch (the web's upload and the shell's import). */
async function storeBatch(ctx: Ctx, who: Actor, file: UploadedFile): Promise<number> {
  const fyText = file.fields.fy ?? ''
  const fyStart = parseFy(fyText)
  const errors: FieldError[] = []
  if (fyStart === null) errors.push({ field: 'fy', message: 'Choose the financial year the file is for' })
  else if (!(await openYears(ctx.db)).includes(fyStart))
    errors.push({ field: 'fy', message: `${fyLabel(fyStart)} is not an open year of this office` })
  let kind: 'csv' | 'xlsx' = 'csv'
  let headers: string[] = []
  try {
    kind = await kindOfFile(file.tempFile, file.fileName)
    headers = await readHeaders(file.tempFile, kind)
  } catch (err) {
    if (!(err instanceof LedgerFileError)) throw err
    errors.push({ field: 'file', message: err.message })
  }
  if (errors.length > 0 || fyStart === null) throw new ValidationError(errors)
  const saved = (await repo.listMappings(ctx.db)).find((m) => {
    const columns = Object.values(JSON.parse(m.columns) as ColumnMapping)
    return columns.every((c) => headers.includes(c ?? ''))
  })
  const id = await repo.createBatch(ctx.db, {
    file_name: file.fileName.slice(0, 255),
    sha256: file.sha256,
    file_bytes: file.bytes,
    file_kind: kind,
    headers: JSON.stringify(headers),
    mapping_id: saved?.id ?? null,
    fy_start: fyStart,
    status: 'uploaded',
    created_by: who.actor,
    created_by_user_id: who.userId,
  })
  await fs.promises.mkdir(ctx.importDir, { recursive: true })
  await fs.promises.rename(file.tempFile, batchFile(ctx.importDir, { id, file_kind: kind }))
  return id
}

/** A batch as its page shows it: the mapping screen, the progress of a job, or the preview. */
async function page(ctx: Ctx, viewer: Viewer, id: number) {
  editorOf(viewer, 'import ledger files')
  const batch = await batchOf(ctx, id)
  const headers = JSON.parse(batch.headers ?? '[]') as string[]
  const mappings = await repo.listMappings(ctx.db)
  const current = mappings.find((m) => m.id === batch.mapping_id)
  const mapping = current ? (JSON.parse(current.columns) as ColumnMapping) : guessMapping(headers)
  const [totals, rejected, held, twin] = await Promise.all([
    batch.status === 'checked' ? repo.stagedTotals(ctx.db, id) : Promise.resolve([]),
    repo.listProblems(ctx.db, { batchId: id, kinds: ['rejected'], after: 0, limit: 200 }),
    repo.listProblems(ctx.db, { batchId: id, kinds: ['conflict', 'held'], after: 0, limit: 200 }),
    repo.committedTwin(ctx.db, batch.sha256, id),
  ])
  return {
    batch,
    headers,
    mapping,
    mappingName: current?.name ?? '',
    totals,
    rejected,
    held,
    twin,
    jobActive: ctx.jobs.has(id),
  }
}

/** Saves the column mapping (by name) and starts the check. */
async function map(ctx: Ctx, viewer: Viewer, form: IdForm): Promise<void> {
  const { id, body } = form
  const who = editorOf(viewer, 'import ledger files')
  const batch = await batchOf(ctx, id)
  if (!['uploaded', 'checked', 'failed'].includes(batch.status) || !fs.existsSync(batchFile(ctx.importDir, batch)))
    throw new ValidationError([
      { field: 'mapping_name', message: `This import is ${batch.status}: it cannot be checked again` },
    ])
  await refuseClosedYear(ctx.db, batch.fy_start, 'mapping_name')
  const headers = JSON.parse(batch.headers ?? '[]') as string[]
  const mapping = mappingFromBody(body, headers)
  const name = String(body.mapping_name).trim()
  const mappingId = await ctx.db.transaction(async (trx) => {
    const existing = await repo.findMappingByName(trx, name)
    const columns = JSON.stringify(mapping)
    const saved = await repo.saveMapping(trx, { id: existing?.id, name, columns })
    if (!existing || existing.columns !== columns)
      await writeAudit(trx, [
        {
          ...who,
          action: existing ? 'update' : 'create',
          table: 'ledger_mappings',
          rowId: saved,
          field: 'Columns',
          from: existing ? mappingWords(JSON.parse(existing.columns) as ColumnMapping) : null,
          to: mappingWords(mapping),
          recordLabel: `Ledger column mapping “${name}”`,
        },
      ])
    await repo.clearProblems(trx, id)
    await repo.updateBatch(trx, id, {
      set: {
        mapping_id: saved,
        status: 'checking',
        rows_done: 0,
        rows_total: null,
        error: null,
        rows_rejected: 0,
        rows_held: 0,
        rows_conflict: 0,
        rows_accepted: 0,
        total_pence: 0,
      },
    })
    return saved
  })
  await repo.clearStaging(ctx.jobDb, id)
  check(ctx, { ...batch, mapping_id: mappingId }, mapping)
}

/** Commits a checked batch, all or nothing, as a job. */
async function commit(ctx: Ctx, viewer: Viewer, form: IdForm): Promise<void> {
  const { id, body } = form
  const who = editorOf(viewer, 'import ledger files')
  const batch = await beginCommit(ctx, await batchOf(ctx, id), body.keep_held_amounts === 'yes')
  start(ctx, id, () => commitJob(ctx, batch, who))
}

/** Refuses a batch that cannot be committed, with the reason; otherwise marks it committing (answers it). */
async function beginCommit(ctx: Ctx, batch: repo.BatchRow, keepHeld: boolean): Promise<repo.BatchRow> {
  const id = batch.id
  if (batch.status !== 'checked')
    throw new ValidationError([
      { field: 'commit', message: `This import is ${batch.status}: only a checked file can be imported` },
    ])
  if (batch.rows_rejected > 0)
    throw new ValidationError([
      {
        field: 'commit',
        message: `${batch.rows_rejected.toLocaleString('en-GB')} rows were rejected: correct the file or the ledger codes and check it again. Nothing has been imported.`,
      },
    ])
  if (batch.rows_conflict > 0 && !keepHeld)
    throw new ValidationError([
      {
        field: 'keep_held_amounts',
        message: `${batch.rows_conflict.toLocaleString('en-GB')} references are already in the ledger with different figures: tick the box to keep the ledger’s figures for them, or correct the file`,
      },
    ])
  if (batch.rows_accepted === 0)
    throw new ValidationError([
      { field: 'commit', message: 'There is nothing new to import: every row is already in the ledger' },
    ])
  await refuseClosedYear(ctx.db, batch.fy_start, 'commit')
  const moved = await repo.updateBatch(ctx.db, id, {
    from: ['checked'],
    set: { status: 'committing', keep_held_amounts: batch.rows_conflict > 0 },
  })
  if (!moved)
    throw new ValidationError([
      { field: 'commit', message: 'This import was committed or changed by someone else meanwhile' },
    ])
  return batch
}

/** Takes a committed batch out of the ledger as a whole, with its reason. */
async function reverse(ctx: Ctx, viewer: Viewer, form: IdForm): Promise<void> {
  const { id, body } = form
  const who = editorOf(viewer, 'reverse ledger imports')
  const batch = await batchOf(ctx, id)
  const reason = typeof body.reason === 'string' ? body.reason.trim() : ''
  const errors: FieldError[] = []
  if (batch.status !== 'committed')
    errors.push({
      field: 'reason',
      message: `This import is ${batch.status}: only an imported batch can be reversed`,
    })
  if (reason === '') errors.push({ field: 'reason', message: 'Enter the reason for reversing this import' })
  else if (reason.length > 500) errors.push({ field: 'reason', message: 'The reason is longer than 500 characters' })
  if (errors.length > 0) throw new ValidationError(errors)
  await refuseClosedYear(ctx.db, batch.fy_start, 'reason')
  await ctx.db.transaction(async (trx) => {
    const moved = await repo.updateBatch(trx, id, {
      from: ['committed'],
      set: { status: 'reversed', reversed_by: who.actor, reversed_at: trx.fn.now(), reversal_reason: reason },
    })
    if (!moved)
      throw new ValidationError([{ field: 'reason', message: 'This import was reversed by someone else meanwhile' }])
    const removed = await repo.reverseCommitted(trx, id)
    await writeAudit(trx, [
      {
        ...who,
        action: 'remove',
        table: 'import_batches',
        rowId: id,
        field: 'Ledger import',
        from: `${removed.toLocaleString('en-GB')} transactions, ${money(batch.total_pence)}, ${fyLabel(batch.fy_start)}, from “${batch.file_name}”`,
        reason,
        recordLabel: `Ledger import #${id} “${batch.file_name}”`,
      },
    ])
  })
}

/** Drops a batch that was not imported: its staged rows and its file. */
async function discard(ctx: Ctx, viewer: Viewer, id: number): Promise<void> {
  editorOf(viewer, 'import ledger files')
  const batch = await batchOf(ctx, id)
  if (!['uploaded', 'checked', 'failed'].includes(batch.status))
    throw new ValidationError([{ field: 'discard', message: `This import is ${batch.status}: it cannot be discarded` }])
  await discardBatch(ctx, batch)
}

/** Every problem of a batch, page by page, for the CSV report. */
async function* report(ctx: Ctx, viewer: Viewer, id: number): AsyncGenerator<repo.ProblemRow> {
  editorOf(viewer, 'import ledger files')
  await batchOf(ctx, id)
  for (let after = 0; ;) {
    const page = await repo.listProblems(ctx.db, {
      batchId: id,
      kinds: ['rejected', 'conflict', 'held'],
      after,
      limit: 5000,
    })
    if (page.length === 0) return
    yield* page
    after = page[page.length - 1]?.id ?? after
  }
}

/** Waits for a batch's job, at most `ms` (a page then shows its progress). */
async function settle(ctx: Ctx, id: number, ms: number): Promise<void> {
  const job = ctx.jobs.get(id)
  if (job) await Promise.race([job, new Promise((resolve) => setTimeout(resolve, ms))])
}

export interface ShellImport {
  file: string
  mappingName: string
  fy: string
  dryRun: boolean
  keepHeld: boolean
  actor: string
}

export interface ShellResult {
  batch: repo.BatchRow
  totals: repo.StagedTotal[]
  problems: repo.ProblemRow[]
  imported: boolean
}

/** The import from the shell (`npm run ledger:import`): the same checks, then the commit unless it is a dry run or
 * anything was rejected. The batch is recorded either way (a dry run's as discarded). */
async function savedMapping(ctx: Ctx, name: string): Promise<repo.MappingRow> {
  const mapping = await repo.findMappingByName(ctx.db, name)
  if (mapping) return mapping
  const names = (await repo.listMappings(ctx.db)).map((m) => `“${m.name}”`).join(', ')
  throw new ValidationError([
    { field: 'mapping', message: `There is no saved mapping “${name}” (saved: ${names || 'none'})` },
  ])
}

/** Copies a file from disk into the import folder (hashing it on the way) and keeps it as a new batch. */
async function storeFile(ctx: Ctx, who: Actor, input: { file: string; fy: string }): Promise<repo.BatchRow> {
  const copy = path.join(ctx.importDir, `upload-${crypto.randomBytes(8).toString('hex')}`)
  await fs.promises.mkdir(ctx.importDir, { recursive: true })
  const hash = crypto.createHash('sha256')
  const hashing = new Transform({
    transform: (c: Buffer, _e, done) => {
      hash.update(c)
      done(null, c)
    },
  })
  await pipeline(fs.createReadStream(input.file), hashing, fs.createWriteStream(copy))
  const bytes = (await fs.promises.stat(copy)).size
  const id = await storeBatch(ctx, who, {
    fileName: path.basename(input.file),
    tempFile: copy,
    sha256: hash.digest('hex'),
    bytes,
    fields: { fy: input.fy },
  }).finally(() => fs.promises.rm(copy, { force: true }))
  return batchOf(ctx, id)
}

/** The import from the shell (`npm run ledger:import`): the same checks, then the commit unless it is a dry run or
 * anything was rejected. The batch is recorded either way (a dry run's as discarded). */
async function shellImport(ctx: Ctx, input: ShellImport): Promise<ShellResult> {
  const who: Actor = { actor: input.actor, userId: null }
  const mapping = await savedMapping(ctx, input.mappingName)
  const stored = await storeFile(ctx, who, input)
  const id = stored.id
  const columns = JSON.parse(mapping.columns) as ColumnMapping
  const headers = JSON.parse(stored.headers ?? '[]') as string[]
  const wrong = checkMapping(columns, headers)
  if (wrong.length > 0) {
    await discardBatch(ctx, stored)
    throw new ValidationError(
      wrong.map((p) => ({
        field: `map_${p.field}`,
        message: `The mapping “${mapping.name}” does not fit: ${p.reason}`,
      })),
    )
  }
  await repo.updateBatch(ctx.db, id, { set: { mapping_id: mapping.id, status: 'checking' } })
  const file = batchFile(ctx.importDir, stored)
  const check = { batchId: id, file, kind: stored.file_kind, fyStart: stored.fy_start, headers, mapping: columns }
  await runCheck(ctx.jobDb, check).catch(async (err: unknown) => {
    await repo.updateBatch(ctx.db, id, { set: { status: 'failed', error: String((err as Error).message) } })
    await repo.clearStaging(ctx.jobDb, id)
    throw err
  })
  let batch = await batchOf(ctx, id)
  const totals = await repo.stagedTotals(ctx.db, id)
  const kinds: repo.ProblemRow['kind'][] = ['rejected', 'conflict', 'held']
  const problems = await repo.listProblems(ctx.db, { batchId: id, kinds, after: 0, limit: 10_000 })
  const blocked = batch.rows_rejected > 0 || (batch.rows_conflict > 0 && !input.keepHeld) || batch.rows_accepted === 0
  if (input.dryRun || blocked) {
    await discardBatch(ctx, batch)
    return { batch: await batchOf(ctx, id), totals, problems, imported: false }
  }
  batch = await beginCommit(ctx, batch, input.keepHeld)
  await commitJob(ctx, batch, who)
  return { batch: await batchOf(ctx, id), totals, problems, imported: true }
}

async function discardBatch(ctx: Ctx, batch: repo.BatchRow): Promise<void> {
  await repo.updateBatch(ctx.db, batch.id, { from: ['uploaded', 'checked', 'failed'], set: { status: 'discarded' } })
  await repo.clearStaging(ctx.jobDb, batch.id)
  await fs.promises.rm(batchFile(ctx.importDir, batch), { force: true })
}

export function importService(db: Knex, options: ImportOptions) {
  const ctx: Ctx = { db, jobDb: options.jobDb ?? db, importDir: options.importDir, jobs: new Map() }
  return {
    recoverInterrupted: () => recoverInterrupted(ctx),
    list: (viewer: Viewer) => list(ctx, viewer),
    uploadDir: () => ctx.importDir,
    upload: (viewer: Viewer, file: UploadedFile) => upload(ctx, viewer, file),
    page: (viewer: Viewer, id: number) => page(ctx, viewer, id),
    map: (viewer: Viewer, id: number, body: Record<string, unknown>) => map(ctx, viewer, { id, body }),
    commit: (viewer: Viewer, id: number, body: Record<string, unknown>) => commit(ctx, viewer, { id, body }),
    reverse: (viewer: Viewer, id: number, body: Record<string, unknown>) => reverse(ctx, viewer, { id, body }),
    discard: (viewer: Viewer, id: number) => discard(ctx, viewer, id),
    report: (viewer: Viewer, id: number) => report(ctx, viewer, id),
    settle: (id: number, ms: number) => settle(ctx, id, ms),
    shellImport: (input: ShellImport) => shellImport(ctx, input),
  }
}

export const LEDGER_FIELD_NAMES = Object.fromEntries(LEDGER_FIELDS.map((f) => [f.field, f.label])) as Record<
  LedgerField,
  string
>
