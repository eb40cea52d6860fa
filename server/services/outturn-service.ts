// The year-end outturn (issue #13). Once a year's ledger is posted to P12 (and any P13 adjustments), finance sees the
// final outturn by line and by budget owner against the revised budget (the original beside it), proposes the
// year-end changes — the revenue underspend to an earmarked reserve, capital slippage rolled into the next year with
// its financing — each a budget change for approval (the Commissioner's decision cited), and then closes the year.
// A closed year's budget moves by no path until an administrator reopens the year (audited).
import type { Knex } from 'knex'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError, ValidationError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, isClosedYear, parseFy } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import type { Movement } from '../domain/budget-changes'
import { outturnLines, waitingYearEndChanges, yearClose, type OutturnLineRow } from '../data/outturn-repository'
import { earmarkedReserves, listChanges } from '../data/change-repository'
import { yearLock, yearStatus } from '../data/year-repository'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import { saveChange } from './change-service'
import { money, oneOf, optionalText, parseForm, requiredText, type FormBody } from './forms'

export interface OutturnLine {
  id: number
  name: string
  nature: 'capital' | 'revenue'
  income: boolean
  owner: string
  programme: string | null
  original: Decimal | null
  revised: Decimal
  outturn: Decimal
  p13: Decimal
  /** Outturn − revised budget: an overspend positive, an underspend negative. */
  variance: Decimal
}

const lineOf = (r: OutturnLineRow): OutturnLine => {
  const revised = fromPence(r.revised_pence)
  const outturn = fromPence(r.outturn_pence)
  return {
    id: r.budget_line_id,
    name: r.name,
    nature: r.nature,
    income: r.income,
    owner: r.owner_name,
    programme: r.programme_code,
    original: r.original_pence === null ? null : fromPence(r.original_pence),
    revised,
    outturn,
    p13: fromPence(r.p13_pence),
    variance: outturn.minus(revised),
  }
}

const sum = (lines: OutturnLine[], pick: (l: OutturnLine) => Decimal | null) =>
  lines.reduce((a, l) => a.plus(pick(l) ?? 0), new Decimal(0))

const totals = (name: string, lines: OutturnLine[]) => ({
  name,
  original: sum(lines, (l) => l.original),
  revised: sum(lines, (l) => l.revised),
  outturn: sum(lines, (l) => l.outturn),
  p13: sum(lines, (l) => l.p13),
  variance: sum(lines, (l) => l.variance),
})

async function yearOf(db: Knex | Knex.Transaction, viewer: Viewer, slug: string): Promise<number> {
  const fy = parseFy(slug)
  if (fy === null) throw new BadRequestError(`"${slug}" is not a financial year`, FY_FORMAT_HINT)
  const status = await yearStatus(db, fy)
  if (status === null || (status === 'draft' && !canSeeDrafts(viewer)))
    throw new NotFoundError(`The financial year ${fyLabel(fy)}`)
  return fy
}

/** The lines that underspent (revenue spending, not income), the largest underspend first: what a transfer takes. */
const underspentRevenue = (lines: OutturnLine[]) =>
  lines
    .filter((l) => l.nature === 'revenue' && !l.income && l.variance.isNegative())
    .sort((a, b) => a.variance.comparedTo(b.variance))

async function view(db: Knex | Knex.Transaction, viewer: Viewer, slug: string) {
  const fy = await yearOf(db, viewer, slug)
  const [rows, close, lock, changes, reserves, nextYear] = await Promise.all([
    outturnLines(db, fy),
    yearClose(db, fy),
    yearLock(db, fy),
    listChanges(db, { fy }),
    earmarkedReserves(db),
    yearStatus(db, fy + 1),
  ])
  const lines = rows.map(lineOf)
  const owners = [...new Set(lines.map((l) => l.owner))]
  const revenue = lines.filter((l) => l.nature === 'revenue')
  return {
    fyStart: fy,
    posted: lock.posted,
    final: isClosedYear(lock.posted),
    reopened: lock.reopened,
    closedAt: close?.closed_at ?? null,
    closedBy: close?.closed_by_name ?? null,
    lines,
    byOwner: owners.map((o) =>
      totals(
        o,
        lines.filter((l) => l.owner === o),
      ),
    ),
    revenue: totals('Revenue', revenue),
    capital: totals(
      'Capital',
      lines.filter((l) => l.nature === 'capital'),
    ),
    underspent: sum(underspentRevenue(lines), (l) => l.variance.negated()),
    slippable: lines.filter((l) => l.nature === 'capital' && l.variance.isNegative()),
    nextYear: nextYear === null ? null : fy + 1,
    yearEndChanges: changes.filter((c) => c.year_end && (canSeeDrafts(viewer) || c.status !== 'draft')),
    reserveOptions: reserves.map((r) => ({ code: String(r.id), name: r.name })),
  }
}

type View = Awaited<ReturnType<typeof view>>

function refuseUnlessOpenForYearEnd(v: View): void {
  if (v.closedAt !== null)
    throw new ValidationError([
      { field: 'amount', message: `${fyLabel(v.fyStart)}'s outturn is closed: an administrator must reopen the year` },
    ])
  if (!v.final)
    throw new ValidationError([
      {
        field: 'amount',
        message: `${fyLabel(v.fyStart)}'s ledger is posted to P${v.posted}: the outturn is final once P12 is posted`,
      },
    ])
}

const movement = (l: OutturnLine, fy: number, amount: Decimal): Movement => ({
  lineId: l.id,
  lineName: l.name,
  fyStart: fy,
  nature: l.nature,
  income: l.income,
  amount,
})

/** The revenue underspend (or part of it) to an earmarked reserve: taken off the lines that underspent, largest first. */
async function proposeTransfer(db: Knex, viewer: Viewer, input: { slug: string; body: FormBody }) {
  editorOf(viewer, 'propose year-end changes')
  const v = await view(db, viewer, input.slug)
  const form = parseForm(
    {
      reserve: oneOf(
        v.reserveOptions.map((r) => r.code),
        'Choose the earmarked reserve the underspend goes to',
      ),
      amount: money('The amount to transfer'),
      decision: optionalText('the decision reference', 40),
      reason: requiredText('the reason', 2000),
    },
    input.body,
  )
  refuseUnlessOpenForYearEnd(v)
  const amount = fromPence(form.amount.pence.toString())
  if (amount.isZero())
    throw new ValidationError([{ field: 'amount', message: 'The amount to transfer must be more than nothing' }])
  if (amount.greaterThan(v.underspent))
    throw new ValidationError([
      {
        field: 'amount',
        message: `${fyLabel(v.fyStart)}'s revenue lines underspent ${formatMoney(v.underspent, 'pence')} in all: a transfer of ${formatMoney(amount, 'pence')} would take more than was not spent`,
      },
    ])
  let left = amount
  const movements: Movement[] = []
  for (const l of underspentRevenue(v.lines)) {
    if (left.isZero()) break
    const take = Decimal.min(left, l.variance.negated())
    movements.push(movement(l, v.fyStart, take.negated()))
    left = left.minus(take)
  }
  const reserve = v.reserveOptions.find((r) => r.code === form.reserve)?.name ?? ''
  return db.transaction((trx) =>
    saveChange(trx, viewer, {
      type: 'reserve_transfer',
      fy: v.fyStart,
      title: `${fyLabel(v.fyStart)} revenue underspend to the ${reserve}`,
      reason: form.reason,
      decision: form.decision,
      movements,
      submit: true,
      reserveId: Number(form.reserve),
      yearEnd: true,
      fieldOf: () => 'amount',
    }),
  )
}

/** A capital scheme's underspend rolled into the next year, with its financing. */
async function proposeSlippage(db: Knex, viewer: Viewer, input: { slug: string; body: FormBody }) {
  editorOf(viewer, 'propose year-end changes')
  const v = await view(db, viewer, input.slug)
  const form = parseForm(
    {
      line: oneOf(
        v.slippable.map((l) => String(l.id)),
        'Choose the capital scheme that underspent',
      ),
      slip: money('The amount to roll forward'),
      slip_reason: requiredText('the reason', 2000),
    },
    input.body,
  )
  refuseUnlessOpenForYearEnd(v)
  const line = v.slippable.find((l) => String(l.id) === form.line) as OutturnLine
  const amount = fromPence(form.slip.pence.toString())
  const problems = [
    amount.isZero() ? 'The amount to roll forward must be more than nothing' : null,
    v.nextYear === null
      ? `${fyLabel(v.fyStart + 1)} is not a year of the budget: add the year before rolling slippage into it`
      : null,
    amount.greaterThan(line.variance.negated())
      ? `${line.name} underspent ${formatMoney(line.variance.negated(), 'pence')}: slippage cannot be more`
      : null,
  ].filter((p) => p !== null)
  if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: 'slip', message })))
  return db.transaction((trx) =>
    saveChange(trx, viewer, {
      type: 'slippage',
      fy: v.fyStart,
      title: `${line.name}: slippage rolled into ${fyLabel(v.fyStart + 1)}`,
      reason: form.slip_reason,
      decision: null,
      movements: [movement(line, v.fyStart, amount.negated()), movement(line, v.fyStart + 1, amount)],
      submit: true,
      yearEnd: true,
      fieldOf: () => 'slip',
    }),
  )
}

/** Finance closes the year: its ledger posted to P12, no year-end change still waiting. Audited. */
async function close(db: Knex, viewer: Viewer, input: { slug: string; body: FormBody }) {
  const who = editorOf(viewer, 'close a year')
  const form = parseForm({ note: optionalText('the note', 500) }, input.body)
  return db.transaction(async (trx) => {
    const v = await view(trx, viewer, input.slug)
    refuseUnlessOpenForYearEnd(v)
    const waiting = await waitingYearEndChanges(trx, v.fyStart)
    if (waiting.length > 0)
      throw new ValidationError([
        {
          field: 'note',
          message: `Budget change ${waiting.join(', ')} is still waiting for a decision: approve, reject or withdraw it before closing the year`,
        },
      ])
    await updateRecord(trx, specs.financialYears, {
      who,
      id: v.fyStart,
      version: null,
      values: { closed_at: new Date().toISOString(), closed_by_name: who.actor },
      reason: form.note ?? 'Outturn closed',
    })
    return { to: `/years/${input.slug}/outturn`, message: `${fyLabel(v.fyStart)} closed: its outturn is final.` }
  })
}

export function outturnService(db: Knex) {
  return {
    view: (viewer: Viewer, slug: string) => view(db, viewer, slug),
    proposeTransfer: (viewer: Viewer, slug: string, body: FormBody) => proposeTransfer(db, viewer, { slug, body }),
    proposeSlippage: (viewer: Viewer, slug: string, body: FormBody) => proposeSlippage(db, viewer, { slug, body }),
    close: (viewer: Viewer, slug: string, body: FormBody) => close(db, viewer, { slug, body }),
  }
}
