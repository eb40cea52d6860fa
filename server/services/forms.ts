// The form boundary: every form is read by `parseForm(fields, body)`, a map of field name → field type. Each field
// is read on its own, so every problem is reported at once under the id of the input it belongs to, and what was
// understood of the fields read correctly ("Read as £535,000.00") is said back beside them. Money, dates, years
// and numbers go through the domain's parsers, whose messages are the feature: keep them.
import { z } from 'zod'
import { ValidationError, VERSION_PROBLEM, type FieldError } from '../domain/errors'
import { Decimal } from '../domain/money'
import { parseMoney, type MoneyLimits } from '../domain/parse-money'
import { parseDateInput } from '../domain/uk-date'
import { parseFy } from '../domain/financial-year'
import { confirmedWords, type Warning } from '../domain/plausibility'

export type FormBody = Record<string, unknown>
export type FormFields = Record<string, z.ZodType>
export type Parsed<F extends FormFields> = { [K in keyof F]: z.output<F[K]> }

export interface Money {
  pence: bigint
  understood: string
}

export interface UkDate {
  iso: string
  understood: string
  /** Said back when the date was read with a guess (a two-digit year). */
  note: string | null
}

/** The body's own value of a field (never one inherited from Object.prototype, like `constructor`). */
const own = (body: FormBody, name: string): unknown => (Object.hasOwn(body, name) ? body[name] : undefined)

/** Read `body` field by field; throw every problem at once, with what was understood of the rest. `check` adds the
 * rules between fields; it sees the fields that read correctly (a field that did not is absent, and has its own
 * message already), so all the problems are reported together. */
export function parseForm<F extends FormFields>(
  fields: F,
  body: FormBody,
  check?: (values: Partial<Parsed<F>>) => FieldError[],
): Parsed<F> {
  const errors: FieldError[] = []
  const understood: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(fields)) {
    const result = field.safeParse(own(body, name))
    if (!result.success) {
      // The version is a hidden field: its problem belongs to the whole form, not to an input to link to.
      errors.push({
        field: name === 'version' ? 'form' : name,
        message: result.error.issues[0]?.message ?? `Check ${name}`,
      })
      continue
    }
    values[name] = result.data
    const said = (result.data as { understood?: unknown } | null)?.understood
    if (typeof said === 'string') understood[name] = said
  }
  if (check) errors.push(...check(values as Partial<Parsed<F>>))
  if (errors.length > 0) throw new ValidationError(errors, understood)
  return values as Parsed<F>
}

/** A field's text as typed; anything else (a repeated field sends a list) is not text. */
const typed = (message: string) => z.string({ error: message })

/** Blank (or absent) is "none": the field type `inner` reads the rest. */
function optional<T>(inner: (text: string, ctx: z.RefinementCtx) => T | typeof z.NEVER) {
  return z
    .string({ error: 'Enter text here, not a list' })
    .optional()
    .transform((value, ctx) => (value === undefined || value.trim() === '' ? null : inner(value, ctx)))
}

function readMoney(label: string, limits: MoneyLimits) {
  return (value: string, ctx: z.RefinementCtx): Money | typeof z.NEVER => {
    const reading = parseMoney(value, limits)
    if (reading.ok) return { pence: reading.pence, understood: reading.understood }
    ctx.addIssue({ code: 'custom', message: `${label} ${reading.problem}`, input: value })
    return z.NEVER
  }
}

/** A required amount of money: `label` starts the message, e.g. "The 2017/18 budget". */
export function money(label: string, limits: MoneyLimits = {}) {
  return typed(`${label} must be an amount of money`).transform(readMoney(label, limits))
}

/** An amount of money or blank (none). */
export function optionalMoney(label: string, limits: MoneyLimits = {}) {
  return optional(readMoney(label, limits))
}

function readDate(label: string) {
  return (value: string, ctx: z.RefinementCtx): UkDate | typeof z.NEVER => {
    const reading = parseDateInput(value)
    if (reading.ok) return { iso: reading.iso, understood: reading.understood, note: reading.note }
    ctx.addIssue({ code: 'custom', message: `${label} ${reading.problem}`, input: value })
    return z.NEVER
  }
}

/** A UK date (day/month/year) or blank; an impossible date is refused with its reason. */
export function optionalDate(label: string) {
  return optional(readDate(label))
}

/** A financial year typed or chosen as 2017-18 (or 2017/18): its starting year. */
export function financialYear(missing: string, malformed = missing) {
  return typed(missing)
    .trim()
    .min(1, { error: missing })
    .transform((value, ctx) => {
      const fy = parseFy(value)
      if (fy !== null) return fy
      ctx.addIssue({ code: 'custom', message: malformed, input: value })
      return z.NEVER
    })
}

/** A financial year or blank (none). */
export function optionalFinancialYear(malformed: string) {
  return optional((value, ctx) => {
    const fy = parseFy(value)
    if (fy !== null) return fy
    ctx.addIssue({ code: 'custom', message: malformed, input: value })
    return z.NEVER
  })
}

/** A ledger period, P1 to P13, as its number. */
export function period(message: string) {
  return typed(message)
    .regex(/^(?:[1-9]|1[0-3])$/, { error: message })
    .transform(Number)
}

const capital = (label: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)}`

/** A number of 0 or more typed by a person (commas allowed), with at most `places` decimal places, up to `max`. */
export function decimal(label: string, limits: { max: number; places: number; example: string }) {
  return typed(`Enter ${label}`).transform((value, ctx) => {
    const t = value.replace(/,/g, '').trim()
    const problem =
      t === ''
        ? `Enter ${label}`
        : !/^\d+(\.\d+)?$/.test(t)
          ? `${capital(label)} must be a number, like ${limits.example}`
          : (t.split('.')[1]?.length ?? 0) > limits.places
            ? `${capital(label)} can have at most ${limits.places} decimal places`
            : new Decimal(t).greaterThan(limits.max)
              ? `${capital(label)} must be ${limits.max.toLocaleString('en-GB')} or less`
              : null
    if (problem === null) return new Decimal(t).toString()
    ctx.addIssue({ code: 'custom', message: problem, input: value })
    return z.NEVER
  })
}

/** A number of hours or blank: "2200", "1,500.5". */
export function optionalHours(message: string, max = 100_000_000) {
  return optional((value, ctx) => {
    const t = value.replace(/,/g, '').trim()
    if (/^\d+(\.\d{1,2})?$/.test(t) && !new Decimal(t).greaterThan(max)) return new Decimal(t).toString()
    ctx.addIssue({ code: 'custom', message, input: value })
    return z.NEVER
  })
}

/** A percentage typed as 2, 2% or 2.5 %, within limits, as a fraction ("0.025"); blank means none. */
export function optionalPercent(label: string, limits: { min: number; max: number }) {
  return optional((value, ctx) => {
    const t = value.replace('%', '').trim()
    if (!/^-?\d+(\.\d{1,2})?$/.test(t)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a percentage, like 2 or 2.5%`, input: value })
      return z.NEVER
    }
    const d = new Decimal(t)
    if (d.lessThan(limits.min) || d.greaterThan(limits.max)) {
      ctx.addIssue({
        code: 'custom',
        message: `${label} must be between ${limits.min < 0 ? '−' : ''}${Math.abs(limits.min)}% and ${limits.max}% a year`,
        input: value,
      })
      return z.NEVER
    }
    return d.dividedBy(100).toString()
  })
}

/** Text that must be given; `missing` replaces "Enter {label}" when the form asks for it in other words. */
export function requiredText(label: string, max: number, missing = `Enter ${label}`) {
  return typed(missing)
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${capital(label)} must be ${max} characters or fewer` })
}

export function optionalText(label: string, max: number) {
  return typed(`${capital(label)} must be text`)
    .trim()
    .max(max, { error: `${capital(label)} must be ${max} characters or fewer` })
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
}

/** The reason for retiring (or withdrawing) a record: required, kept in the audit trail. */
export function retireReason(what: string) {
  return requiredText(`the reason for ${what}`, 500)
}

/** An edit form's "retire this" tick and its reason: the reason is required only when the box is ticked (see
 * `retireRule`). `what` reads "retiring the benefit". */
export function retiring(what: string) {
  return { retire: yesNo, reason: optionalText(`the reason for ${what}`, 500) }
}

export function retireRule(what: string) {
  return (v: { retire?: boolean; reason?: string | null }): FieldError[] =>
    v.retire && v.reason === null ? [{ field: 'reason', message: `Enter the reason for ${what}` }] : []
}

/** Any field type, or blank (none). */
export function orBlank<T extends z.ZodType>(field: T) {
  return optional((value, ctx): z.output<T> | typeof z.NEVER => {
    const result = field.safeParse(value)
    if (result.success) return result.data
    ctx.addIssue({ code: 'custom', message: result.error.issues[0]?.message ?? 'Check this answer', input: value })
    return z.NEVER
  })
}

export function choice<T extends string>(label: string, values: readonly [T, ...T[]]) {
  return z.enum(values, { error: `Choose ${label}` })
}

/** One of the codes a select offers (reference data read at the time of the save), or blank when `optional`. */
export function oneOf(
  codes: readonly string[],
  message: string,
  options: { optional?: boolean; missing?: string } = {},
) {
  return z
    .string({ error: message })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') {
        if (options.optional) return null
        ctx.addIssue({ code: 'custom', message: options.missing ?? message, input: value })
        return z.NEVER
      }
      if (codes.includes(value)) return value
      ctx.addIssue({ code: 'custom', message, input: value })
      return z.NEVER
    })
}

/** Ticked boxes of a group sharing a name: none, one (text) or several (a list); each must be text. */
export function codes(message: string) {
  return z
    .union([z.string(), z.array(z.string())], { error: message })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v === '' ? [] : [v]))
}

/** A checkbox or yes/no radio: "yes" is yes; anything else, or nothing, is no. */
export const yesNo = z
  .unknown()
  .optional()
  .transform((v) => v === 'yes')

/** The version the form was opened at (optimistic locking): a whole number from 1; anything else is refused. */
export const version = z
  .string({ error: VERSION_PROBLEM })
  .regex(/^[1-9][0-9]{0,8}$/, { error: VERSION_PROBLEM })
  .transform(Number)

/** A version field that a form opened before its record existed leaves blank (a forecast not yet made). */
export const optionalVersion = z
  .string({ error: VERSION_PROBLEM })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return null
    if (/^[1-9][0-9]{0,8}$/.test(v)) return Number(v)
    ctx.addIssue({ code: 'custom', message: VERSION_PROBLEM, input: v })
    return z.NEVER
  })

/** The form's "I have checked these figures" box. */
export const CONFIRM_FIELD = 'confirm_plausible'

/**
 * Unusual figures stop a save until the user ticks "I have checked these figures"; then the save goes ahead and the
 * words of what they confirmed are returned, for the audit trail's reason. Nothing to warn about: null.
 */
export function confirmed(body: FormBody, warnings: Warning[], understood: Record<string, string> = {}): string | null {
  if (warnings.length === 0) return null
  if (own(body, CONFIRM_FIELD) === 'yes') return confirmedWords(warnings)
  throw new ValidationError(warnings, understood, true)
}

/** A save's reason with what the user confirmed added to it. */
export const withConfirmation = (reason: string | null | undefined, confirmation: string | null) =>
  [reason, confirmation].filter((r): r is string => Boolean(r)).join('. ') || null
