// What a budget change is tied to beyond its lines (issue #13): a draw on an earmarked reserve names the reserve, and
// the reserve's use in the plan rises by the draw once it is approved (refused if the reserve would close a year below
// nothing); a reduction may bank a saving of the plan's savings register, which its approval marks delivered (the line
// and year it came off), so the plan shows promised against banked.
import type { Knex } from 'knex'
import type { FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { formatMoney } from '../domain/money'
import type { ChangeType, Movement } from '../domain/budget-changes'
import { earmarkedReserves, savingForUpdate, unbankedSavings } from '../data/change-repository'
import { listReserves } from '../data/reserve-repository'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { reserveWithDraws } from './capital-admin-service'
import type { editorOf } from './edit-context'

type Db = Knex | Knex.Transaction

export interface ChangeLinks {
  type: ChangeType
  movements: readonly Movement[]
  reserveId: number | null
  savingId: number | null
}

async function reserveProblems(db: Db, input: ChangeLinks): Promise<FieldError[]> {
  const refuse = (message: string) => [{ field: 'reserve', message }]
  if (input.type !== 'reserve_draw' && input.type !== 'reserve_transfer')
    return input.reserveId === null
      ? []
      : refuse('Only a draw on or a transfer to an earmarked reserve names a reserve')
  if (input.reserveId === null)
    return refuse(
      input.type === 'reserve_draw'
        ? 'Choose the earmarked reserve the change draws on'
        : 'Choose the earmarked reserve the change transfers to',
    )
  const reserve = (await earmarkedReserves(db)).find((r) => r.id === input.reserveId)
  if (!reserve) return refuse('Choose an earmarked reserve from the list')
  // A transfer adds to the reserve: it can never take it below nothing.
  if (input.type === 'reserve_transfer') return []
  const draws = input.movements.map((m) => ({ fy_start: m.fyStart, amount_pence: m.amount.times(100).toFixed(0) }))
  const projected = reserveWithDraws(await listReserves(db), reserve.id, { before: [], after: draws })
  const short = projected?.years.find((y) => y.closing.isNegative())
  if (!short) return []
  return refuse(
    `${reserve.name} would close ${fyLabel(short.fyStart)} at −${formatMoney(short.closing.abs(), 'pence')}: a reserve cannot be drawn beyond its balance`,
  )
}

async function savingProblems(db: Db, input: ChangeLinks): Promise<FieldError[]> {
  if (input.savingId === null) return []
  const refuse = (message: string) => [{ field: 'saving', message }]
  if (input.type !== 'reduction')
    return refuse('Only a reduction banks a saving: it takes the budget the saving promised')
  if (!(await unbankedSavings(db)).some((s) => s.id === input.savingId))
    return refuse('Choose a saving from the list: that one is banked already or no longer in the register')
  if (new Set(input.movements.map((m) => m.lineId)).size > 1)
    return refuse('A reduction that banks a saving takes it off one line: the saving records the line it came off')
  return []
}

/** Why the change's reserve or saving cannot be as asked. */
export async function linkProblems(db: Db, input: ChangeLinks): Promise<FieldError[]> {
  return [...(await reserveProblems(db, input)), ...(await savingProblems(db, input))]
}

/** On approval: the saving a reduction banks is marked delivered, off the line and in the year of the reduction. */
export async function bankSaving(
  trx: Knex.Transaction,
  who: ReturnType<typeof editorOf>,
  at: { changeId: number; savingId: number; movements: readonly { budget_line_id: number; fy_start: number }[] },
): Promise<void> {
  const saving = await savingForUpdate(trx, at.savingId)
  const first = at.movements[0]
  if (!saving || !first) return
  await updateRecord(trx, specs.savings, {
    who,
    id: at.savingId,
    version: Number(saving.version),
    before: saving,
    values: { delivered: true, delivered_line_id: first.budget_line_id, delivered_fy: first.fy_start },
    reason: `Banked by budget change ${at.changeId}`,
  })
}

export async function linkOptions(db: Db) {
  const [reserves, savings] = await Promise.all([earmarkedReserves(db), unbankedSavings(db)])
  return { reserves, savings }
}
