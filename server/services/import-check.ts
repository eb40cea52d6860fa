// Checking a ledger extract (issue #9): every row read, mapped and checked (domain/ledger.ts), matched to a budget
// line by its cost centre and account code, held to the batch's year, and compared with the other rows of the file.
// Accepted rows are staged in chunks (each its own short transaction, so pages keep answering); rejected rows are
// listed with their row number, field and reason. Then one join finds references the ledger already holds.
import type { Knex } from 'knex'
import { fyLabel, fyOfDate } from '../domain/financial-year'
import { readLedgerRow, type ColumnMapping, type LedgerRow, type MappedRow, type LedgerField } from '../domain/ledger'
import { formatMoney, fromPence } from '../domain/money'
import * as repo from '../data/import-repository'
import { countLines, nameHeadings, readRows, LedgerFileError, type LedgerFileKind } from '../files/ledger-file'

/** Rejected rows kept for the page and the report; the count is always exact. */
export const MAX_PROBLEMS_KEPT = 10_000
const CHUNK = 5_000

export interface CheckInput {
  batchId: number
  file: string
  kind: LedgerFileKind
  fyStart: number
  headers: string[]
  mapping: ColumnMapping
}

interface CheckState {
  codes: Map<string, { lineId: number; retired: boolean }>
  rows: repo.StagedRow[]
  problems: repo.ProblemRow[]
  kept: number
  rejected: number
  done: number
}

function columnIndexes(headers: string[], mapping: ColumnMapping): [LedgerField, number][] {
  return Object.entries(mapping).map(([field, heading]) => [field as LedgerField, headers.indexOf(heading ?? '')])
}

/** The problems of a row that reads correctly but does not fit: its year and its codes. */
function fitProblems(row: LedgerRow, at: { input: CheckInput; state: CheckState; rowNumber: number }) {
  const { input, state } = at
  const problems: { field: LedgerField; reason: string }[] = []
  if (fyOfDate(row.postedOn) !== input.fyStart && !(row.period === 13 && fyOfDate(row.postedOn) === input.fyStart + 1))
    problems.push({
      field: 'posted_on',
      reason: `The posting date ${row.postedOn} is not in ${fyLabel(input.fyStart)}`,
    })
  const code = state.codes.get(repo.codeKey(row.costCentre, row.accountCode))
  if (!code)
    problems.push({
      field: 'cost_centre',
      reason: `Cost centre ${row.costCentre} with account code ${row.accountCode} is not mapped to a budget line (add it on the ledger codes page)`,
    })
  else if (code.retired)
    problems.push({
      field: 'cost_centre',
      reason: `Cost centre ${row.costCentre} with account code ${row.accountCode} maps to a retired budget line`,
    })
  return { problems, lineId: code?.lineId }
}

const pence = (v: bigint | null) => (v === null ? null : v.toString())

function staged(
  row: LedgerRow,
  at: { batchId: number; rowNumber: number; lineId: number; fyStart: number },
): repo.StagedRow {
  const { batchId, rowNumber, lineId, fyStart } = at
  return {
    batch_id: batchId,
    row_number: rowNumber,
    ledger_ref: row.ledgerRef,
    posted_on: row.postedOn,
    fy_start: fyStart,
    period: row.period,
    budget_line_id: lineId,
    supplier: row.supplier,
    description: row.description,
    amount_pence: row.amountPence.toString(),
    cost_centre: row.costCentre,
    account_code: row.accountCode,
    vat_pence: pence(row.vatPence),
    irrecoverable_vat_pence: pence(row.irrecoverableVatPence),
    merchant_category: row.merchantCategory,
    department: row.department,
    body: row.body,
    individual: row.individual,
    invoice_ref: row.invoiceRef,
    kind: row.kind,
    withheld_reason: row.withheldReason,
    procurement_route: row.procurementRoute,
  }
}

function reject(
  state: CheckState,
  at: { batchId: number; rowNumber: number; ref: string | null },
  problems: { field: string; reason: string }[],
) {
  state.rejected++
  for (const p of problems) {
    if (state.kept >= MAX_PROBLEMS_KEPT) return
    state.kept++
    state.problems.push({
      batch_id: at.batchId,
      row_number: at.rowNumber,
      kind: 'rejected',
      ledger_ref: at.ref,
      field: p.field,
      reason: p.reason,
    })
  }
}

function checkRow(
  cells: string[],
  at: { input: CheckInput; state: CheckState; rowNumber: number; columns: [LedgerField, number][] },
) {
  const { input, state, rowNumber, columns } = at
  const mapped: MappedRow = {}
  for (const [field, index] of columns) mapped[field] = cells[index] ?? ''
  const reading = readLedgerRow(mapped)
  const ref = (mapped.ledger_ref ?? '').trim().slice(0, 60) || null
  if (!reading.ok) return reject(state, { batchId: input.batchId, rowNumber, ref }, reading.problems)
  const fit = fitProblems(reading.row, at)
  if (fit.problems.length > 0 || fit.lineId === undefined)
    return reject(state, { batchId: input.batchId, rowNumber, ref }, fit.problems)
  state.rows.push(
    staged(reading.row, { batchId: input.batchId, rowNumber, lineId: fit.lineId, fyStart: input.fyStart }),
  )
}

async function flush(db: Knex, state: CheckState, batchId: number): Promise<void> {
  await repo.stageChunk(db, { rows: state.rows, problems: state.problems })
  state.rows = []
  state.problems = []
  await repo.updateBatch(db, batchId, { set: { rows_done: state.done } })
}

/** Reads the whole file, staging accepted rows and listing the rest. Answers the counts. */
async function readFile(db: Knex, input: CheckInput, state: CheckState): Promise<void> {
  const columns = columnIndexes(input.headers, input.mapping)
  let rowNumber = 0
  for await (const cells of readRows(input.file, input.kind)) {
    rowNumber++
    if (rowNumber === 1) {
      if (nameHeadings(cells).join('\u0000') !== input.headers.join('\u0000'))
        throw new LedgerFileError('The file’s headings are not the ones it was uploaded with')
      continue
    }
    if (cells.every((c) => c.trim() === '')) continue
    checkRow(cells, { input, state, rowNumber, columns })
    state.done++
    if (state.done % CHUNK === 0) await flush(db, state, input.batchId)
  }
  await flush(db, state, input.batchId)
}

/** References the ledger already holds: the same figures (already imported), or different ones (a conflict). */
async function listHeld(db: Knex, batchId: number): Promise<{ held: number; conflict: number }> {
  const counts = await repo.heldCounts(db, batchId)
  if (counts.held + counts.conflict === 0) return counts
  const rows = await repo.heldRows(db, batchId, MAX_PROBLEMS_KEPT)
  const money = (p: string) => formatMoney(fromPence(p), 'pence')
  await repo.insertProblems(
    db,
    rows.map((r) => ({
      batch_id: batchId,
      row_number: r.row_number,
      ledger_ref: r.ledger_ref,
      kind: r.same ? 'held' : 'conflict',
      field: r.same ? 'ledger_ref' : 'amount',
      reason: r.same
        ? `Already imported${r.held_batch ? ` (import #${r.held_batch})` : ''}: not imported again`
        : `The ledger holds ${money(r.held_pence)} on “${r.held_line}” ${fyLabel(r.held_fy)} P${r.held_period} for this reference; the file says ${money(r.file_pence)}`,
    })),
  )
  return counts
}

/** Runs the check of a batch; its result is written on the batch (status `checked`, the counts and total). */
export async function runCheck(db: Knex, input: CheckInput): Promise<void> {
  const state: CheckState = {
    codes: await repo.ledgerCodeMap(db),
    rows: [],
    problems: [],
    kept: 0,
    rejected: 0,
    done: 0,
  }
  // "Rows done of rows total": a CSV's lines are counted first (a second a hundred megabytes); a workbook's rows
  // are known only once read.
  const lines = await countLines(input.file, input.kind)
  if (lines !== null) await repo.updateBatch(db, input.batchId, { set: { rows_total: Math.max(0, lines - 1) } })
  await readFile(db, input, state)
  // A reference repeated within the file is found in SQL (no set of a million references held in memory).
  const duplicates = await repo.rejectDuplicates(db, input.batchId, Math.max(0, MAX_PROBLEMS_KEPT - state.kept))
  const held = await listHeld(db, input.batchId)
  const totals = await repo.stagedTotals(db, input.batchId)
  const total = totals.reduce((sum, t) => sum + BigInt(t.amount_pence), 0n)
  const accepted = totals.reduce((sum, t) => sum + t.rows, 0)
  await repo.updateBatch(db, input.batchId, {
    from: ['checking'],
    set: {
      status: 'checked',
      rows_total: state.done,
      rows_done: state.done,
      rows_accepted: accepted,
      rows_rejected: state.rejected + duplicates,
      rows_held: held.held,
      rows_conflict: held.conflict,
      total_pence: total.toString(),
    },
  })
}
