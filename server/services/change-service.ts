// Budget changes (issue #13) through their life: finance asks for a change (a draft, or submitted at once); the
// requester may withdraw it; an approver whose account covers every budget owner it touches, and whose limit covers
// the budget it adds, approves or rejects it — never the person who asked. Only the approval moves budget: the revised
// budget of each line-year it touches, in the same transaction as the change's status and every audit row. A change is
// checked again at approval against the budget as it then stands. A rejected or withdrawn change moves nothing.
import type { Knex } from 'knex'
import { canEditFigures, canSeeDrafts, type Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, isLockedYear, parseFy } from '../domain/financial-year'
import { Decimal, fromPence } from '../domain/money'
import {
  approvalRefusal,
  changeProblems,
  movementRow,
  MOVEMENT_COLUMNS,
  CHANGE_TYPES,
  grossAmount,
  revenueContribution,
  type ChangeType,
  type Movement,
} from '../domain/budget-changes'
import * as repo from '../data/change-repository'
import { frozenYears, yearLock, yearStatus } from '../data/year-repository'
import { yearClose } from '../data/outturn-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import { SOURCE_WORDS } from './capital-service'
import type { FinancingSource } from '../domain/capital-financing'
import { financingAfter, movesAsRows, slippageMoves } from './slippage-financing'
import { bankSaving, linkOptions, linkProblems } from './change-links'
import {
  choice,
  financialYear,
  optionalMoney,
  optionalText,
  parseForm,
  requiredText,
  version,
  type FormBody,
} from './forms'

export const MOVEMENT_ROWS = 8

type Line = Awaited<ReturnType<typeof repo.changeableLines>>[number]

const toMovement = (line: Line, fy: number, pence: bigint | string): Movement => ({
  lineId: line.budget_line_id,
  lineName: line.line_name,
  fyStart: fy,
  nature: line.nature,
  income: line.income,
  amount: fromPence(pence.toString()),
})

/** The change as typed: its type, year, words, and each movement row that has anything in it. */
function readChange(lines: Line[], body: FormBody) {
  const fields: Record<string, ReturnType<typeof optionalText> | ReturnType<typeof optionalMoney>> = {}
  for (let i = 0; i < MOVEMENT_ROWS; i++) {
    fields[`line_${i}`] = optionalText('the line', 20)
    fields[`fy_${i}`] = optionalText('the year', 10)
    fields[`amount_${i}`] = optionalMoney(`The amount in row ${i + 1}`, { allowNegative: true })
  }
  const form = parseForm(
    {
      type: choice('the type of change', CHANGE_TYPES),
      fy: financialYear('Choose the year the change is made in'),
      title: requiredText('a short title for the change', 200),
      reason: requiredText('the reason for the change', 2000),
      decision: optionalText('the decision reference', 40),
      reserve: optionalText('the reserve', 20),
      saving: optionalText('the saving', 20),
      ...fields,
    },
    body,
  ) as Record<string, unknown> & {
    type: ChangeType
    fy: number
    title: string
    reason: string
    decision: string | null
    reserve: string | null
    saving: string | null
  }
  const errors: FieldError[] = []
  const movements: Movement[] = []
  for (let i = 0; i < MOVEMENT_ROWS; i++) {
    const lineId = form[`line_${i}`] as string | null
    const fyText = form[`fy_${i}`] as string | null
    const amount = form[`amount_${i}`] as { pence: bigint } | null
    if (lineId === null && amount === null) continue
    const line = lines.find((l) => String(l.budget_line_id) === lineId)
    if (!line) errors.push({ field: `line_${i}`, message: `Choose the line for row ${i + 1}` })
    if (amount === null) errors.push({ field: `amount_${i}`, message: `Enter the amount for row ${i + 1}` })
    const fy = fyText ? parseFy(fyText) : form.fy
    if (fy === null) errors.push({ field: `fy_${i}`, message: `The year in row ${i + 1} looks like 2017-18` })
    if (line && amount && fy !== null) movements.push(toMovement(line, fy, amount.pence))
  }
  if (errors.length > 0) throw new ValidationError(errors)
  const idOf = (v: string | null) => (v !== null && /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : v === null ? null : -1)
  return { form, movements, reserveId: idOf(form.reserve), savingId: idOf(form.saving) }
}

async function problemsOf(
  db: Knex | Knex.Transaction,
  {
    type,
    movements,
    fieldOf = (i) => `amount_${i}`,
    yearEnd,
  }: Pick<NewChange, 'type' | 'movements' | 'fieldOf' | 'yearEnd'>,
): Promise<FieldError[]> {
  const pence = await repo.revisedBudgets(db, [...new Set(movements.map((m) => m.lineId))])
  const revised = new Map([...pence].map(([k, v]) => [k, fromPence(v)]))
  const problems = changeProblems(type, movements, revised).map((p) => ({
    field: p.movement === null ? 'movements' : fieldOf(p.movement),
    message: p.message,
  }))
  // A closed year's budget is locked, whatever moves it, unless an administrator reopens the year.
  for (const fy of [...new Set(movements.map((m) => m.fyStart))]) {
    if ((await yearStatus(db, fy)) === null) {
      problems.push({
        field: 'movements',
        message: `${fyLabel(fy)} is not a year of the budget: add the year before moving budget into it`,
      })
      continue
    }
    const [lock, close] = await Promise.all([yearLock(db, fy), yearClose(db, fy)])
    if (close?.closed_at)
      problems.push({
        field: 'movements',
        message: `${fyLabel(fy)}'s outturn is closed (by ${close.closed_by_name ?? 'finance'}): its budget is locked unless an administrator reopens the year`,
      })
    // A year posted to P12 takes only its year-end changes (made from its outturn page) until finance closes it.
    else if (
      isLockedYear(lock.posted, lock.reopened) &&
      !(yearEnd && fy === Math.min(...movements.map((m) => m.fyStart)))
    )
      problems.push({
        field: 'movements',
        message: `${fyLabel(fy)} is closed (its ledger is posted to P12): its budget is locked unless an administrator reopens the year`,
      })
  }
  return problems
}

export interface NewChange {
  type: ChangeType
  fy: number
  title: string
  reason: string
  decision: string | null
  movements: Movement[]
  submit: boolean
  reserveId?: number | null
  savingId?: number | null
  /** Made at the year end (outturn transfers, slippage rolled forward): the only change a year posted to P12 takes. */
  yearEnd?: boolean
  /** The form field a movement's problem is shown at (default: its row's amount). */
  fieldOf?: (i: number) => string
}

/** Every reason the change cannot be asked for, with the financing a slippage moves and the decision it cites. */
export async function checkChange(trx: Knex.Transaction, input: NewChange) {
  const problems = await problemsOf(trx, input)
  const financing = await slippageMoves(trx, input.type, input.movements)
  if (problems.length === 0) problems.push(...financing.problems)
  problems.push(
    ...(await linkProblems(trx, {
      type: input.type,
      movements: input.movements,
      reserveId: input.reserveId ?? null,
      savingId: input.savingId ?? null,
    })),
  )
  const decisionId = input.decision ? await repo.decisionIdByReference(trx, input.decision) : null
  if (input.decision && decisionId === null)
    problems.push({ field: 'decision', message: `There is no decision ${input.decision}: check its reference` })
  // An underspend goes to reserves by the Commissioner's decision (DOMAIN.md "Budget changes in year").
  if (input.type === 'reserve_transfer' && !input.decision)
    problems.push({
      field: 'decision',
      message: "A transfer to a reserve is made by the Commissioner's decision: give the decision's reference",
    })
  return { problems, financing, decisionId }
}

/** Records a change asked for (a draft, or submitted), with its movements and the financing a slippage moves. */
export async function saveChange(
  trx: Knex.Transaction,
  viewer: Viewer,
  input: NewChange,
): Promise<{ to: string; message: string }> {
  const who = editorOf(viewer, 'ask for budget changes')
  const { problems, financing, decisionId } = await checkChange(trx, input)
  if (problems.length > 0) throw new ValidationError(problems)
  const { submit, movements } = input
  const id = await createRecord(trx, specs.budgetChanges, {
    who,
    values: {
      fy_start: input.fy,
      type: input.type,
      title: input.title,
      reason: input.reason,
      status: submit ? 'submitted' : 'draft',
      requested_by: viewer.userId,
      requested_by_name: who.actor,
      submitted_at: submit ? trx.fn.now() : null,
      decision_id: decisionId,
      reserve_id: input.reserveId ?? null,
      saving_id: input.savingId ?? null,
      year_end: input.yearEnd ?? false,
      revenue_contribution_pence: revenueContribution(input.type, movements).times(100).toFixed(0),
    },
    children: (changeId) => [
      {
        spec: specs.budgetChangeMovements,
        scope: { change_id: Number(changeId) },
        rows: movements.map((m) => ({
          budget_line_id: m.lineId,
          fy_start: m.fyStart,
          amount_pence: m.amount.times(100).toFixed(0),
        })),
      },
      {
        spec: specs.budgetChangeFinancing,
        scope: { change_id: Number(changeId) },
        rows: financing.lineId === null ? [] : movesAsRows(financing.lineId, financing.moves),
      },
    ],
  })
  return {
    to: `/changes/${id}`,
    message: `Budget change ${id} ${submit ? 'submitted for approval' : 'saved as a draft'}.`,
  }
}

async function create(db: Knex, viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> {
  editorOf(viewer, 'ask for budget changes')
  return db.transaction(async (trx) => {
    const lines = await repo.changeableLines(trx)
    const { form, movements, reserveId, savingId } = readChange(lines, body)
    return saveChange(trx, viewer, { ...form, movements, reserveId, savingId, submit: body.action === 'submit' })
  })
}

async function loadChange(db: Knex | Knex.Transaction, id: number) {
  const found = await repo.findChange(db, id)
  if (!found) throw new NotFoundError(`A budget change numbered ${id}`)
  return found
}

type Found = NonNullable<Awaited<ReturnType<typeof repo.findChange>>>

const movementsOf = (found: Found): Movement[] =>
  found.movements.map((m) => ({
    lineId: m.budget_line_id,
    lineName: m.line_name,
    fyStart: m.fy_start,
    nature: m.nature,
    income: m.income,
    amount: fromPence(m.amount_pence),
  }))

function refuseStatus(change: repo.ChangeRow, allowed: string[], doing: string): void {
  if (!allowed.includes(change.status))
    throw new ValidationError([
      { field: 'status', message: `Budget change ${change.id} is ${change.status}: it cannot be ${doing}` },
    ])
}

/** Each line the change touches gets its revised budget moved, on the record path (an audit row a changed year). */
async function applyMovements(
  trx: Knex.Transaction,
  who: ReturnType<typeof editorOf>,
  at: { change: repo.ChangeRow; movements: repo.MovementRow[]; financing: repo.FinancingMoveRow[] },
): Promise<void> {
  const reason = `Budget change ${at.change.id} approved: ${at.change.title}`
  for (const lineId of [...new Set(at.movements.map((m) => m.budget_line_id))]) {
    const current = await repo.lineForUpdate(trx, lineId)
    if (!current) throw new NotFoundError(`A cost line numbered ${lineId}`)
    const amounts = new Map(current.amounts.map((a) => [a.fy_start, BigInt(a.amount_pence)]))
    for (const m of at.movements.filter((x) => x.budget_line_id === lineId))
      amounts.set(m.fy_start, (amounts.get(m.fy_start) ?? 0n) + BigInt(m.amount_pence))
    const moves = at.financing.filter((f) => f.budget_line_id === lineId)
    const financing = moves.length === 0 ? null : await financingAfter(trx, lineId, moves)
    await updateRecord(trx, specs.budgetLines, {
      who,
      id: lineId,
      version: Number(current.line.version),
      before: current.line,
      values: {},
      children: [
        {
          spec: specs.budgetAmounts,
          scope: { budget_line_id: lineId },
          rows: [...amounts].map(([fy, pence]) => ({ fy_start: fy, amount_pence: pence.toString() })),
        },
        ...(financing === null
          ? []
          : [{ spec: specs.capitalFinancing, scope: { budget_line_id: lineId }, rows: financing }]),
      ],
      reason,
    })
  }
}

/** An approval checks the change again against the budget, reserves and savings as they now stand, then moves the
 * budget (and a slippage's financing) and banks the saving a reduction names. */
async function approve(trx: Knex.Transaction, who: ReturnType<typeof editorOf>, found: Found): Promise<void> {
  const { change } = found
  const type = change.type as ChangeType
  const problems = await problemsOf(trx, { type, movements: movementsOf(found), yearEnd: change.year_end })
  problems.push(
    ...(await linkProblems(trx, {
      type,
      movements: movementsOf(found),
      reserveId: change.reserve_id,
      savingId: change.saving_id,
    })),
  )
  if (problems.length > 0) throw new ValidationError(problems)
  await applyMovements(trx, who, found)
  if (change.saving_id !== null)
    await bankSaving(trx, who, { changeId: change.id, savingId: change.saving_id, movements: found.movements })
}

async function decide(
  db: Knex,
  viewer: Viewer,
  input: { id: number; body: FormBody; outcome: 'approved' | 'rejected' },
): Promise<{ to: string; message: string }> {
  const who = editorOf(viewer, 'approve budget changes')
  const form = parseForm({ version, note: optionalText('the note', 2000) }, input.body)
  return db.transaction(async (trx) => {
    const found = await loadChange(trx, input.id)
    const { change } = found
    refuseStatus(change, ['submitted'], input.outcome)
    const authority = viewer.userId === null ? null : await repo.approverOf(trx, viewer.userId)
    const owners = new Set(found.movements.map((m) => m.owner_code))
    const refusal = approvalRefusal(
      {
        userId: viewer.userId ?? -1,
        role: authority?.role ?? viewer.kind,
        limit: authority?.limit === null || authority?.limit === undefined ? null : fromPence(authority.limit),
        owners: new Set(authority?.owners ?? []),
      },
      {
        requestedBy: change.requested_by,
        owners,
        ownerNames: await repo.ownerNames(trx),
        gross: grossAmount(movementsOf(found)),
      },
    )
    if (refusal) throw new ValidationError([{ field: 'decision', message: refusal }])
    if (input.outcome === 'approved') await approve(trx, who, found)
    await updateRecord(trx, specs.budgetChanges, {
      who,
      id: change.id,
      version: form.version,
      before: { ...change },
      values: { status: input.outcome, decided_by_name: who.actor, decision_note: form.note },
      stamps: { decided_by: viewer.userId, decided_at: trx.fn.now() },
      reason: form.note,
    })
    return { to: `/changes/${change.id}`, message: `Budget change ${change.id} ${input.outcome}.` }
  })
}

async function withdraw(db: Knex, viewer: Viewer, input: { id: number; body: FormBody }) {
  const who = editorOf(viewer, 'withdraw budget changes')
  const form = parseForm({ version, note: optionalText('the note', 2000) }, input.body)
  return db.transaction(async (trx) => {
    const { change } = await loadChange(trx, input.id)
    refuseStatus(change, ['draft', 'submitted'], 'withdrawn')
    await updateRecord(trx, specs.budgetChanges, {
      who,
      id: change.id,
      version: form.version,
      before: { ...change },
      values: { status: 'withdrawn', decision_note: form.note },
      reason: form.note,
    })
    return { to: `/changes/${change.id}`, message: `Budget change ${change.id} withdrawn: it moves nothing.` }
  })
}

async function submit(db: Knex, viewer: Viewer, input: { id: number; body: FormBody }) {
  const who = editorOf(viewer, 'submit budget changes')
  const form = parseForm({ version }, input.body)
  return db.transaction(async (trx) => {
    const found = await loadChange(trx, input.id)
    refuseStatus(found.change, ['draft'], 'submitted')
    const problems = await problemsOf(trx, {
      type: found.change.type as ChangeType,
      movements: movementsOf(found),
      yearEnd: found.change.year_end,
    })
    if (problems.length > 0) throw new ValidationError(problems)
    await updateRecord(trx, specs.budgetChanges, {
      who,
      id: found.change.id,
      version: form.version,
      before: { ...found.change },
      values: { status: 'submitted' },
      stamps: { submitted_at: trx.fn.now() },
    })
    return { to: `/changes/${found.change.id}`, message: `Budget change ${found.change.id} submitted for approval.` }
  })
}

export interface MovementLine extends MovementRowView {
  lineId: number
  name: string
  nature: string
  owner: string
  programme: string | null
  /** Original + every approved movement equals the revised budget to the penny. */
  reconciles: boolean
}
type MovementRowView = ReturnType<typeof movementRow>

const sumRows = (rows: MovementRowView[]): MovementRowView => {
  const keys = ['original', 'revised', ...MOVEMENT_COLUMNS] as const
  return Object.fromEntries(
    keys.map((k) => [k, rows.reduce((a, r) => a.plus(r[k]), new Decimal(0))]),
  ) as MovementRowView
}

/** The budget movement table of a year: for every line, its original budget, each kind of approved movement and its
 * revised budget, reconciling to the penny; with totals by budget owner, by programme and in all. */
async function movementTable(db: Knex, fy: number) {
  const [{ lines, movements }, frozen] = await Promise.all([repo.yearMovements(db, fy), frozenYears(db)])
  const rows: MovementLine[] = lines.map((l) => {
    const own = movements.filter((m) => m.budget_line_id === l.budget_line_id)
    // Before the freeze a year has no original apart from its budget: the budget before its approved changes.
    const moved = own.reduce((a, m) => a.plus(fromPence(m.added)).plus(fromPence(m.taken)), new Decimal(0))
    const row = movementRow(
      l.original_pence !== null
        ? fromPence(l.original_pence)
        : frozen.has(fy)
          ? new Decimal(0)
          : fromPence(l.amount_pence).minus(moved),
      own.flatMap((m) => [
        { type: m.type as ChangeType, amount: fromPence(m.added) },
        { type: m.type as ChangeType, amount: fromPence(m.taken) },
      ]),
    )
    return {
      ...row,
      lineId: l.budget_line_id,
      name: l.line_name,
      nature: l.nature,
      owner: l.owner_name,
      programme: l.programme_name,
      reconciles: row.revised.equals(fromPence(l.amount_pence)),
      revised: fromPence(l.amount_pence),
    }
  })
  const groupBy = (pick: (r: MovementLine) => string) =>
    [...new Set(rows.map(pick))].map((name) => ({ name, ...sumRows(rows.filter((r) => pick(r) === name)) }))
  return {
    fyStart: fy,
    frozen: frozen.has(fy),
    rows,
    byOwner: groupBy((r) => r.owner),
    byProgramme: groupBy((r) => r.programme ?? 'Not in a programme'),
    total: sumRows(rows),
    unreconciled: rows.filter((r) => !r.reconciles),
  }
}

/** The approvers a change goes to: those whose budget owners and limit cover it, never the person who asked. */
function whoMayApprove(
  found: Found,
  at: { ownerNames: Map<string, string>; accounts: Awaited<ReturnType<typeof repo.approvers>> },
): string[] {
  const change = {
    requestedBy: found.change.requested_by,
    owners: new Set(found.movements.map((m) => m.owner_code)),
    ownerNames: at.ownerNames,
    gross: grossAmount(movementsOf(found)),
  }
  return at.accounts
    .filter(
      (a) =>
        approvalRefusal(
          {
            userId: a.id,
            role: 'approver',
            limit: a.limit === null ? null : fromPence(a.limit),
            owners: new Set(a.owners),
          },
          change,
        ) === null,
    )
    .map((a) => a.name)
}

/** For an approver, which submitted changes they may approve (their owners and limit cover it; they did not ask). */
async function waitingFor(db: Knex, viewer: Viewer): Promise<(r: repo.ChangeRow & { added: string }) => boolean> {
  if (viewer.kind !== 'approver' || viewer.userId === null) return () => false
  const [authority, owners] = await Promise.all([repo.approverOf(db, viewer.userId), repo.submittedOwners(db)])
  if (!authority) return () => false
  const approver = {
    userId: viewer.userId,
    role: authority.role,
    limit: authority.limit === null ? null : fromPence(authority.limit),
    owners: new Set(authority.owners),
  }
  return (r) =>
    approvalRefusal(approver, {
      requestedBy: r.requested_by,
      owners: new Set(owners.get(r.id) ?? []),
      ownerNames: new Map(),
      gross: fromPence(r.added),
    }) === null
}

/** Who sees which changes: finance, approvers and administrators every one; the Panel and the public those asked for
 * (submitted, approved, rejected), never a draft or a withdrawn one. */
const visibleStatuses = (viewer: Viewer): string[] | null =>
  canSeeDrafts(viewer) ? null : ['submitted', 'approved', 'rejected']

export function changeService(db: Knex) {
  return {
    formData: async () => ({ lines: await repo.changeableLines(db), ...(await linkOptions(db)) }),
    async list(viewer: Viewer, filters: repo.ChangeFilters) {
      const [rows, waiting] = await Promise.all([repo.listChanges(db, filters), waitingFor(db, viewer)])
      const visible = visibleStatuses(viewer)
      return rows
        .filter((r) => visible === null || visible.includes(r.status))
        .map((r) => ({
          ...r,
          added: fromPence(r.added),
          taken: fromPence(r.taken),
          forYou: r.status === 'submitted' && waiting(r),
        }))
    },
    async get(viewer: Viewer, id: number) {
      const [found, ownerNames, accounts] = await Promise.all([
        loadChange(db, id),
        repo.ownerNames(db),
        repo.approvers(db),
      ])
      const visible = visibleStatuses(viewer)
      if (visible !== null && !visible.includes(found.change.status))
        throw new NotFoundError(`A budget change numbered ${id}`)
      const movements = found.movements.map((m) => ({ ...m, amount: fromPence(m.amount_pence) }))
      return {
        change: found.change,
        movements,
        financing: found.financing.map((f) => ({
          ...f,
          amount: fromPence(f.amount_pence),
          sourceWords: SOURCE_WORDS[f.source as FinancingSource] ?? f.source,
        })),
        added: grossAmount(movements),
        revenueContribution: fromPence(found.change.revenue_contribution_pence),
        years: [...new Set(movements.map((m) => m.fy_start))].map(fyLabel),
        total: movements.reduce((a, m) => a.plus(m.amount), new Decimal(0)),
        canAct: canEditFigures(viewer),
        approvers: canEditFigures(viewer) ? whoMayApprove(found, { ownerNames, accounts }) : [],
      }
    },
    movements: (fy: number) => movementTable(db, fy),
    create: (viewer: Viewer, body: FormBody) => create(db, viewer, body),
    submit: (viewer: Viewer, id: number, body: FormBody) => submit(db, viewer, { id, body }),
    approve: (viewer: Viewer, id: number, body: FormBody) => decide(db, viewer, { id, body, outcome: 'approved' }),
    reject: (viewer: Viewer, id: number, body: FormBody) => decide(db, viewer, { id, body, outcome: 'rejected' }),
    withdraw: (viewer: Viewer, id: number, body: FormBody) => withdraw(db, viewer, { id, body }),
  }
}
