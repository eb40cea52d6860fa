// Reading forms: zod checks the shape and each field; money and dates go through the domain parsers, which
// say what they understood. Every problem becomes a FieldError naming the field's id; all are reported at once.
import { z } from 'zod'
import { ValidationError, VERSION_PROBLEM, type FieldError } from '../domain/errors'
import { parseMoney, type MoneyLimits } from '../domain/parse-money'
import { parseDateInput } from '../domain/uk-date'

export type FormBody = Record<string, unknown>

export function text(body: FormBody, name: string): string {
  const v = body[name]
  return typeof v === 'string' ? v : ''
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  // The version is a hidden field: its problem belongs to the whole form, not to an input to link to.
  return error.issues.map((i) => ({ field: i.path[0] === 'version' || i.path[0] === undefined ? 'form' : String(i.path[0]), message: i.message }))
}

/** Parse `body` with `schema`, or throw every problem at once. */
export function parseForm<S extends z.ZodType>(schema: S, body: FormBody, extra: FieldError[] = []): z.output<S> {
  const result = schema.safeParse(body)
  const errors = [...(result.success ? [] : fieldErrors(result.error)), ...extra]
  if (errors.length > 0 || !result.success) throw new ValidationError(errors)
  return result.data
}

/** A required money field: `label` starts the message, e.g. "The 2017/18 budget". */
export function money(label: string, limits: MoneyLimits = {}) {
  return z.string({ error: `Enter ${label.toLowerCase()}` }).transform((value, ctx) => {
    const reading = parseMoney(value, limits)
    if (!reading.ok) {
      ctx.addIssue({ code: 'custom', message: `${label} ${reading.problem}`, input: value })
      return z.NEVER
    }
    return reading
  })
}

/** An optional money field: blank means no amount. */
export function optionalMoney(label: string, limits: MoneyLimits = {}) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null
      const reading = parseMoney(value, limits)
      if (!reading.ok) {
        ctx.addIssue({ code: 'custom', message: `${label} ${reading.problem}`, input: value })
        return z.NEVER
      }
      return reading
    })
}

/** An optional UK date field: blank means none; an impossible date is refused with its reason. */
export function optionalDate(label: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null
      const reading = parseDateInput(value)
      if (!reading.ok) {
        ctx.addIssue({ code: 'custom', message: `${label} ${reading.problem}`, input: value })
        return z.NEVER
      }
      return reading
    })
}

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer` })
}

export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer` })
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
}

export function choice<T extends string>(label: string, values: readonly [T, ...T[]]) {
  return z.enum(values, { error: `Choose ${label}` })
}

/** The version the form was opened at (optimistic locking): a whole number from 1; anything else is refused. */
export const version = z
  .string({ error: VERSION_PROBLEM })
  .regex(/^[1-9][0-9]{0,8}$/, { error: VERSION_PROBLEM })
  .transform(Number)

/** The version field of a form read without a schema; refused (422) when missing or not a whole number from 1. */
export function formVersion(body: FormBody): number {
  const result = version.safeParse(body.version)
  if (!result.success) throw new ValidationError([{ field: 'form', message: VERSION_PROBLEM }])
  return result.data
}
