// A cost line's monthly profile for a year (P1 April … P12 March) and its forecast outturn. Finance types
// twelve amounts, or spreads the year's budget evenly or by a pattern (remainder pennies placed so the periods
// add to the year exactly). A typed profile that does not add up to the budget is refused, naming the
// difference. Each save is one transaction with an audit row per changed period.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors'
import { ADJUSTMENT_PERIOD, FY_FORMAT_HINT, PERIODS, fyLabel, parseFy, periodLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { PROFILE_PATTERNS, checkProfile, isProfilePattern, spreadByWeights } from '../domain/profile'
import { BadRequestError } from '../domain/errors'
import { latestChange } from '../data/audit-repository'
import * as lines from '../data/line-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, refusingDuplicates } from './edit-context'
import {
  money as moneyField,
  optionalMoney,
  optionalText,
  optionalVersion,
  parseForm,
  period as periodField,
  version,
  type FormBody,
} from './forms'
import { z } from 'zod'

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
  if (line.amount_pence === null || line.version === null)
    throw new NotFoundError(`A ${fyLabel(fyStart)} budget for the cost line "${line.name}"`)
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

const profileFields = Object.fromEntries(
  [...PERIODS, ADJUSTMENT_PERIOD].map((p) => [`p${p}`, optionalMoney(periodLabel(p), { allowNegative: true })]),
)

/** The twelve (or thirteen) amounts the form asks for, or the pattern's spread; throws every problem at once. */
function readProfile(
  ly: LineYear,
  body: FormBody,
): { periods: Map<number, bigint>; understood: Record<string, string> } {
  const { method } = parseForm(
    {
      method: z
        .string({ error: METHOD_PROBLEM })
        .refine((m) => m === 'typed' || isProfilePattern(m), { error: METHOD_PROBLEM }),
    },
    body,
  )
  if (isProfilePattern(method)) {
    const parts = spreadByWeights(ly.budgetPence, PROFILE_PATTERNS[method].weights)
    return { periods: new Map(parts.map((p, i) => [i + 1, p])), understood: {} }
  }
  const input = parseForm(profileFields, body)
  const periods = new Map<number, bigint>()
  const understood: Record<string, string> = {}
  for (const period of [...PERIODS, ADJUSTMENT_PERIOD]) {
    const reading = input[`p${period}`]
    // A blank month is nothing that month; a blank P13 is no year-end adjustment at all.
    if (reading) {
      periods.set(period, reading.pence)
      understood[`p${period}`] = reading.understood
    } else if (period !== ADJUSTMENT_PERIOD) periods.set(period, 0n)
  }
  const check = checkProfile(periods.values(), ly.budgetPence)
  if (!check.addsUp) {
    const { total, gap } = check
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

const METHOD_PROBLEM = 'Choose how to profile the year: type the amounts, or spread the budget'

/** Someone else entered this period's forecast since the form was opened (one after the other, or at the same
 * moment): refused as a conflict naming who, with the forecast as it now is. */
async function forecastConflict(db: Db, ly: LineYear, period: number): Promise<ConflictError> {
  const now = ly.forecasts.find((f) => f.period === period)
  const id = await lines.forecastId(db, { lineId: ly.lineId, fyStart: ly.fyStart, period })
  const changedBy = id === null ? null : await latestChange(db, 'forecasts', id)
  return new ConflictError(
    `The ${periodLabel(period)} forecast of “${ly.lineName}”`,
    { 'Forecast outturn': now ? money(now.pence) : '', Note: now?.note ?? '' },
    changedBy,
  )
}

/** Enters (or replaces) a line's forecast outturn for a year, made in a period. */
/** The forecast form: the period it is made in, the outturn (negative only on an income line), a note. */
function forecastFields(ly: LineYear) {
  return {
    // A form opened before the period had a forecast carries no version; one opened after carries its version.
    version: optionalVersion,
    made_in_period: periodField('Choose the period the forecast is made in, P1 to P13'),
    amount: moneyField('The forecast outturn', { allowNegative: ly.incomeLine }),
    note: optionalText('the note', 1000),
  }
}

async function saveForecast(
  db: Knex,
  viewer: Viewer,
  input: { at: { lineId: number; fySlug: string }; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { at, body } = input
  const { lineId, fySlug } = at
  const who = editorOf(viewer, 'enter forecasts')
  return refusingDuplicates(
    () =>
      db.transaction(async (trx) => {
        const ly = await loadLineYear(trx, lineId, fySlug)
        const input = parseForm(forecastFields(ly), body)
        const { made_in_period: madeIn, amount: reading } = input
        const versionOpened = input.version
        const note = input.note ?? ''
        const existing = ly.forecasts.find((f) => f.period === madeIn)
        const existingId = existing
          ? await lines.forecastId(trx, { lineId, fyStart: ly.fyStart, period: madeIn })
          : null
        const values = { amount_pence: reading.pence.toString(), note: note || null }
        const naming = {
          label: `Forecast outturn for “${ly.lineName}”, ${fyLabel(ly.fyStart)}, made in P${madeIn}`,
          programmeId: ly.programmeId,
        }
        if (existing && existingId !== null) {
          if (versionOpened === null) throw await forecastConflict(trx, ly, madeIn)
          await updateRecord(trx, specs.forecasts, {
            who,
            id: existingId,
            version: versionOpened,
            values: { ...values, illustrative: false },
            naming,
          })
        } else {
          await createRecord(trx, specs.forecasts, {
            who,
            values: { budget_line_id: lineId, fy_start: ly.fyStart, made_in_period: madeIn, ...values },
            naming,
          })
        }
        return {
          to: `/programmes/${ly.programmeCode}?fy=${fySlug}#by-year`,
          message: `Forecast outturn for “${ly.lineName}”, ${fyLabel(ly.fyStart)}, made in P${madeIn}: ${reading.understood}.`,
        }
      }),
    async () => forecastConflict(db, await loadLineYear(db, lineId, fySlug), Number(body.made_in_period)),
  )
}

export function profileService(db: Knex) {
  return {
    load: (lineId: number, fySlug: string) => loadLineYear(db, lineId, fySlug),

    async saveProfile(
      viewer: Viewer,
      at: { lineId: number; fySlug: string },
      body: FormBody,
    ): Promise<{ to: string; message: string }> {
      const { lineId, fySlug } = at
      const who = editorOf(viewer, 'profile budgets')
      const { version: opened } = parseForm({ version }, body)
      return db.transaction(async (trx) => {
        const ly = await loadLineYear(trx, lineId, fySlug)
        const { periods } = readProfile(ly, body)
        // Periods whose amount changes stop being illustrative; unchanged ones are left exactly as they are.
        const rows = [...periods].map(([period, pence]) => {
          const was = ly.profile.get(period)
          return was === undefined || was === pence
            ? { period, amount_pence: pence.toString() }
            : { period, amount_pence: pence.toString(), illustrative: false }
        })
        const { cells } = await updateRecord(trx, specs.budgetYear, {
          who,
          id: ly.budgetAmountId,
          version: opened,
          values: {},
          children: [{ spec: specs.budgetProfiles, scope: { budget_line_id: lineId, fy_start: ly.fyStart }, rows }],
          naming: {
            label: `${fyLabel(ly.fyStart)} profile of cost line “${ly.lineName}”`,
            programmeId: ly.programmeId,
          },
        })
        const changedPeriods = [...new Set([...ly.profile.keys(), ...periods.keys()])].filter(
          (p) => (ly.profile.get(p) ?? null) !== (periods.get(p) ?? null),
        ).length
        const method = String(body.method)
        const how = isProfilePattern(method) ? PROFILE_PATTERNS[method].name.toLowerCase() : 'as typed'
        return {
          to: `/programmes/${ly.programmeCode}?fy=${fySlug}#monthly`,
          message: `${fyLabel(ly.fyStart)} profile of “${ly.lineName}” saved (${how}): ${money(ly.budgetPence)} over P1–P12, ${cells === 0 ? 'nothing changed' : `${changedPeriods} period${changedPeriods === 1 ? '' : 's'} changed`}.`,
        }
      })
    },

    saveForecast: (
      viewer: Viewer,
      at: { lineId: number; fySlug: string },
      body: FormBody,
    ): Promise<{ to: string; message: string }> => saveForecast(db, viewer, { at, body }),
  }
}
