// A cost line's monthly profile for a year (P1 April … P12 March) and its forecast outturn. Finance types
// twelve amounts, or spreads the year's budget evenly or by a pattern (remainder pennies placed so the periods
// add to the year exactly). A typed profile that does not add up to the budget is refused, naming the
// difference. Each save is one transaction with an audit row per changed period.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors'
import {
  ADJUSTMENT_PERIOD,
  FY_FORMAT_HINT,
  PERIODS,
  fyLabel,
  isLockedYear,
  parseFy,
  periodLabel,
} from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { PROFILE_PATTERNS, checkProfile, isProfilePattern, spreadByWeights } from '../domain/profile'
import { profileWarnings } from '../domain/plausibility'
import { BadRequestError } from '../domain/errors'
import { latestChange } from '../data/audit-repository'
import * as lines from '../data/line-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, refusingDuplicates } from './edit-context'
import {
  confirmed,
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
  capital: boolean
  fyStart: number
  budgetPence: bigint
  budgetAmountId: number
  budgetVersion: number
  profile: Map<number, bigint>
  forecasts: { period: number; pence: bigint; note: string | null; version: number }[]
  latestPosted: number
  reopened: boolean
}

const money = (p: bigint) => formatMoney(fromPence(p), 'pence')

async function loadLineYear(db: Db, lineId: number, fySlug: string): Promise<LineYear> {
  const fyStart = parseFy(fySlug)
  if (fyStart === null) throw new BadRequestError(`"${fySlug}" is not a financial year`, FY_FORMAT_HINT)
  const line = await lines.findLineYear(db, lineId, fyStart)
  if (!line) throw new NotFoundError(`A cost line numbered ${lineId}`)
  if (line.amount_pence === null || line.version === null)
    throw new NotFoundError(`A ${fyLabel(fyStart)} budget for the cost line "${line.name}"`)
  const { profile, forecasts, latestPosted, reopened } = await lines.lineYearDetail(db, lineId, fyStart)
  return {
    lineId,
    lineName: line.name,
    programmeCode: line.code,
    programmeId: Number(line.programme_id),
    incomeLine: line.spend_type === 'income',
    capital: line.nature === 'capital',
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
    reopened,
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
  const changedBy = id === null ? null : await latestChange(db, specs.forecasts.table, id)
  return new ConflictError(
    `The ${periodLabel(period)} forecast of “${ly.lineName}”`,
    { 'Forecast outturn': now ? money(now.pence) : '', Note: now?.note ?? '' },
    changedBy,
  )
}

/** Enters (or replaces) a line's forecast outturn for a year, made in a period. */
/** A forecast is made in a period the ledger has reached, or the next one: one "made in P12" when the ledger is
 * posted to P8 would become the latest forecast and hide every forecast made until then. */
function refuseFuturePeriod(ly: LineYear, madeIn: number): void {
  const latest = Math.max(1, ly.latestPosted + 1)
  if (madeIn <= latest) return
  const posted = ly.latestPosted === 0 ? 'has nothing posted yet' : `is posted to P${ly.latestPosted}`
  throw new ValidationError([
    {
      field: 'made_in_period',
      message: `The ledger ${posted}: a forecast made now is made in P${latest} at the latest, not P${madeIn}`,
    },
  ])
}

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
        refuseClosed(ly, 'made_in_period')
        const { made_in_period: madeIn, amount: reading } = input
        refuseFuturePeriod(ly, madeIn)
        const versionOpened = input.version
        const existing = ly.forecasts.find((f) => f.period === madeIn)
        const existingId = existing
          ? await lines.forecastId(trx, { lineId, fyStart: ly.fyStart, period: madeIn })
          : null
        const values = { amount_pence: reading.pence.toString(), note: input.note }
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

/** A closed year (its ledger posted to P12) is locked: its outturn is its actual spend. */
function refuseClosed(ly: LineYear, field: string): void {
  if (!isLockedYear(ly.latestPosted, ly.reopened)) return
  throw new ValidationError([
    {
      field,
      message: `${fyLabel(ly.fyStart)} is closed (its ledger is posted to P${ly.latestPosted}): its profile and forecasts are locked (an administrator may reopen the year), and its outturn is its actual spend`,
    },
  ])
}

/** Saves a line's monthly profile for a year, typed or spread by a pattern; unusual months need confirming. */
async function saveProfile(
  db: Knex,
  viewer: Viewer,
  input: { at: { lineId: number; fySlug: string }; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { lineId, fySlug } = input.at
  const { body } = input
  const who = editorOf(viewer, 'profile budgets')
  const { version: opened } = parseForm({ version }, body)
  return db.transaction(async (trx) => {
    const ly = await loadLineYear(trx, lineId, fySlug)
    refuseClosed(ly, 'method')
    const { periods, understood } = readProfile(ly, body)
    const reason = confirmed(
      body,
      profileWarnings({ periods, capital: ly.capital, budgetPence: ly.budgetPence }),
      understood,
    )
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
      naming: { label: `${fyLabel(ly.fyStart)} profile of cost line “${ly.lineName}”`, programmeId: ly.programmeId },
      reason,
    })
    const changedPeriods = [...new Set([...ly.profile.keys(), ...periods.keys()])].filter(
      (p) => (ly.profile.get(p) ?? null) !== (periods.get(p) ?? null),
    ).length
    const method = String(body.method)
    const how = isProfilePattern(method) ? PROFILE_PATTERNS[method].name.toLowerCase() : 'as typed'
    const over = periods.has(ADJUSTMENT_PERIOD) ? 'P1–P13' : 'P1–P12'
    const what = cells === 0 ? 'nothing changed' : `${changedPeriods} period${changedPeriods === 1 ? '' : 's'} changed`
    return {
      to: `/programmes/${ly.programmeCode}?fy=${fySlug}#monthly`,
      message: `${fyLabel(ly.fyStart)} profile of “${ly.lineName}” saved (${how}): ${money(ly.budgetPence)} over ${over}, ${what}.`,
    }
  })
}

export function profileService(db: Knex) {
  return {
    load: (lineId: number, fySlug: string) => loadLineYear(db, lineId, fySlug),

    saveProfile: (viewer: Viewer, at: { lineId: number; fySlug: string }, body: FormBody) =>
      saveProfile(db, viewer, { at, body }),

    saveForecast: (
      viewer: Viewer,
      at: { lineId: number; fySlug: string },
      body: FormBody,
    ): Promise<{ to: string; message: string }> => saveForecast(db, viewer, { at, body }),
  }
}
