// A cost line's monthly profile for a year (P1 April … P12 March) and its forecast outturn. Finance types
// twelve amounts, or spreads the year's budget evenly or by a pattern (remainder pennies placed so the periods
// add to the year exactly). A typed profile that does not add up to the budget is refused, naming the
// difference. Each save is one transaction with an audit row per changed period.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { ADJUSTMENT_PERIOD, FY_FORMAT_HINT, PERIODS, fyLabel, parseFy, periodLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { parseMoney } from '../domain/parse-money'
import { PROFILE_PATTERNS, isProfilePattern, spreadByWeights } from '../domain/profile'
import { BadRequestError } from '../domain/errors'
import { latestChange } from '../data/audit-repository'
import * as lines from '../data/line-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, refusingDuplicates } from './edit-context'
import { formVersion, text, type FormBody } from './forms'

type Db = Knex | Knex.Transaction

export interface LineYear {
  lineId: number
  lineName: string
  programmeCode: string
  programmeId: number
  incomeLine: boolean
  fyStart: number
  budgetPence: bigint
  budgetAmountId: number
  budgetVersion: number
  profile: Map<number, bigint>
  forecasts: { period: number; pence: bigint; note: string | null; version: number }[]
  latestPosted: number
}

const money = (p: bigint) => formatMoney(fromPence(p), 'pence')

async function loadLineYear(db: Db, lineId: number, fySlug: string): Promise<LineYear> {
  const fyStart = parseFy(fySlug)
  if (fyStart === null) throw new BadRequestError(`"${fySlug}" is not a financial year`, FY_FORMAT_HINT)
  const line = await lines.findLineYear(db, lineId, fyStart)
  if (!line) throw new NotFoundError(`A cost line numbered ${lineId}`)
  if (line.amount_pence === null || line.version === null) throw new NotFoundError(`A ${fyLabel(fyStart)} budget for the cost line "${line.name}"`)
  const { profile, forecasts, latestPosted } = await lines.lineYearDetail(db, lineId, fyStart)
  return {
    lineId,
    lineName: line.name,
    programmeCode: line.code,
    programmeId: Number(line.programme_id),
    incomeLine: line.spend_type === 'income',
    fyStart,
    budgetPence: BigInt(line.amount_pence),
    budgetAmountId: Number(line.amount_id),
    budgetVersion: Number(line.version),
    profile: new Map(profile.map((p) => [Number(p.period), BigInt(String(p.amount_pence))])),
    forecasts: forecasts.map((f) => ({
      period: Number(f.made_in_period),
      pence: BigInt(String(f.amount_pence)),
      note: f.note,
      version: Number(f.version),
    })),
    latestPosted,
  }
}

/** The twelve (or thirteen) amounts the form asks for, or the pattern's spread; throws every problem at once. */
function readProfile(ly: LineYear, body: FormBody): { periods: Map<number, bigint>; understood: Record<string, string> } {
  const method = text(body, 'method')
  if (isProfilePattern(method)) {
    const parts = spreadByWeights(ly.budgetPence, PROFILE_PATTERNS[method].weights)
    return { periods: new Map(parts.map((p, i) => [i + 1, p])), understood: {} }
  }
  if (method !== 'typed') throw new ValidationError([{ field: 'method', message: 'Choose how to profile the year: type the amounts, or spread the budget' }])
  const errors: FieldError[] = []
  const periods = new Map<number, bigint>()
  const understood: Record<string, string> = {}
  for (const period of [...PERIODS, ADJUSTMENT_PERIOD]) {
    const field = `p${period}`
    const typed = text(body, field)
    if (typed.trim() === '') {
      if (period !== ADJUSTMENT_PERIOD) periods.set(period, 0n)
      continue
    }
    const reading = parseMoney(typed, { allowNegative: true })
    if (reading.ok) {
      periods.set(period, reading.pence)
      understood[field] = reading.understood
    } else errors.push({ field, message: `${periodLabel(period)} ${reading.problem}` })
  }
  if (errors.length > 0) throw new ValidationError(errors, understood)
  const total = [...periods.values()].reduce((a, b) => a + b, 0n)
  if (total !== ly.budgetPence) {
    const gap = ly.budgetPence - total
    throw new ValidationError(
      [
        {
          field: 'p1',
          message: `The periods add up to ${money(total)}, ${money(gap < 0n ? -gap : gap)} ${gap > 0n ? 'less' : 'more'} than the ${fyLabel(ly.fyStart)} budget of ${money(ly.budgetPence)}`,
        },
      ],
      understood,
    )
  }
  return { periods, understood }
}

/** Someone else entered this period's forecast since the form was opened (one after the other, or at the same
 * moment): refused as a conflict naming who, with the forecast as it now is. */
async function forecastConflict(db: Db, ly: LineYear, period: number): Promise<ConflictError> {
  const now = ly.forecasts.find((f) => f.period === period)
  const id = await lines.forecastId(db, ly.lineId, ly.fyStart, period)
  const changedBy = id === null ? null : await latestChange(db, 'forecasts', id)
  return new ConflictError(`The ${periodLabel(period)} forecast of “${ly.lineName}”`, { 'Forecast outturn': now ? money(now.pence) : '', Note: now?.note ?? '' }, changedBy)
}

export function profileService(db: Knex) {
  return {
    load: (lineId: number, fySlug: string) => loadLineYear(db, lineId, fySlug),

    async saveProfile(viewer: Viewer, lineId: number, fySlug: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'profile budgets')
      const version = formVersion(body)
      return db.transaction(async (trx) => {
        const ly = await loadLineYear(trx, lineId, fySlug)
        const { periods } = readProfile(ly, body)
        // Periods whose amount changes stop being illustrative; unchanged ones are left exactly as they are.
        const rows = [...periods].map(([period, pence]) => {
          const was = ly.profile.get(period)
          return was === undefined || was === pence ? { period, amount_pence: pence.toString() } : { period, amount_pence: pence.toString(), illustrative: false }
        })
        const { cells } = await updateRecord(trx, specs.budgetYear, who, {
          id: ly.budgetAmountId,
          version,
          values: {},
          children: [{ spec: specs.budgetProfiles, scope: { budget_line_id: lineId, fy_start: ly.fyStart }, rows }],
          naming: { label: `${fyLabel(ly.fyStart)} profile of cost line “${ly.lineName}”`, programmeId: ly.programmeId },
        })
        const changedPeriods = [...new Set([...ly.profile.keys(), ...periods.keys()])].filter((p) => (ly.profile.get(p) ?? null) !== (periods.get(p) ?? null)).length
        const method = text(body, 'method')
        const how = isProfilePattern(method) ? PROFILE_PATTERNS[method].name.toLowerCase() : 'as typed'
        return {
          to: `/programmes/${ly.programmeCode}?fy=${fySlug}#monthly`,
          message: `${fyLabel(ly.fyStart)} profile of “${ly.lineName}” saved (${how}): ${money(ly.budgetPence)} over P1–P12, ${cells === 0 ? 'nothing changed' : `${changedPeriods} period${changedPeriods === 1 ? '' : 's'} changed`}.`,
        }
      })
    },

    async saveForecast(viewer: Viewer, lineId: number, fySlug: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'enter forecasts')
      // A form opened before the period had a forecast carries no version; one opened after carries its version.
      const versionOpened = text(body, 'version').trim() === '' ? null : formVersion(body)
      return refusingDuplicates(() => db.transaction(async (trx) => {
        const ly = await loadLineYear(trx, lineId, fySlug)
        const errors: FieldError[] = []
        const period = Number(text(body, 'made_in_period'))
        if (!Number.isInteger(period) || period < 1 || period > ADJUSTMENT_PERIOD) errors.push({ field: 'made_in_period', message: 'Choose the period the forecast is made in, P1 to P13' })
        const reading = parseMoney(text(body, 'amount'), { allowNegative: ly.incomeLine })
        if (!reading.ok) errors.push({ field: 'amount', message: `The forecast outturn ${reading.problem}` })
        const note = text(body, 'note').trim()
        if (note.length > 1000) errors.push({ field: 'note', message: 'The note must be 1000 characters or fewer' })
        if (errors.length > 0 || !reading.ok) throw new ValidationError(errors, reading.ok ? { amount: reading.understood } : {})
        const existing = ly.forecasts.find((f) => f.period === period)
        const existingId = existing ? await lines.forecastId(trx, lineId, ly.fyStart, period) : null
        const values = { amount_pence: reading.pence.toString(), note: note || null }
        const naming = { label: `Forecast outturn for “${ly.lineName}”, ${fyLabel(ly.fyStart)}, made in P${period}`, programmeId: ly.programmeId }
        if (existing && existingId !== null) {
          if (versionOpened === null) throw await forecastConflict(trx, ly, period)
          await updateRecord(trx, specs.forecasts, who, { id: existingId, version: versionOpened, values: { ...values, illustrative: false }, naming })
        } else {
          await createRecord(trx, specs.forecasts, who, { values: { budget_line_id: lineId, fy_start: ly.fyStart, made_in_period: period, ...values }, naming })
        }
        return {
          to: `/programmes/${ly.programmeCode}?fy=${fySlug}#by-year`,
          message: `Forecast outturn for “${ly.lineName}”, ${fyLabel(ly.fyStart)}, made in P${period}: ${reading.understood}.`,
        }
      }), async () => forecastConflict(db, await loadLineYear(db, lineId, fySlug), Number(text(body, 'made_in_period'))))
    },
  }
}
