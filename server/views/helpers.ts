// Handlebars helpers: they format, never compute.
// Usage in a view:
//   {{money row.budget}}           → £4,200,000      {{money row.budget "pence"}} → £4,200,000.00
//   {{inUnit row.budget "k"}}      → 4,200 (heading says £k)   {{moneyK row.budget}} → £4,200k
//   {{percent row.forecastVariance.fraction}} → +3.2%       {{fy 2017}} → 2017/18   {{fySlug 2017}} → 2017-18
//   {{period 1}} → P1 (April)      {{ragWords "amber"}} → Amber     {{longDate "2017-03-06"}} → 6 March 2017
//   {{pounds row.budget}} → 4200000.00 (a plain number for data attributes read by the chart script)
//   {{cssString title}}  → "Office dashboard 2020\2f 21" (a CSS string, every other character escaped)
//   {{producedStamp now}} → Produced 1 December 2026, 21:45 (UK time)
import Handlebars from 'handlebars'
import { Decimal, decimalText, formatInUnit, formatMoney, fromPence, type MoneyUnit } from '../domain/money'
import { fyLabel, fySlug, periodLabel, periodMonth } from '../domain/financial-year'
import { formatPercent, RAG_WORDS, type Rag } from '../domain/variance'
import { formatLongDate } from '../domain/uk-date'
import { SIGNOFF_ROLE_NAMES, SIGNOFF_ROLES, type SignoffRole } from '../domain/decisions'
import { canEditFigures, canReadAudit, ROLE_NAMES, type Viewer } from '../domain/access'
import type { FieldError } from '../domain/errors'
import { LEDGER_FIELDS } from '../domain/ledger'
import { CHANGE_TYPE_WORDS } from '../domain/budget-changes'

type Options = { hash?: Record<string, unknown> }

function isOptions(v: unknown): v is Options {
  return typeof v === 'object' && v !== null && 'hash' in v
}

function unitArg(unit: unknown): MoneyUnit {
  return unit === 'pence' || unit === 'k' || unit === 'm' ? unit : 'pounds'
}

/** A CSS string literal that is safe anywhere in a <style> element: only letters, digits and spaces are kept as
 * they are; every other character (quotes, backslashes, "<", line breaks) becomes a CSS hex escape. */
function cssStringLiteral(text: string): string {
  let out = ''
  for (const ch of text) out += /[A-Za-z0-9 ]/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0x3f).toString(16)} `
  return `"${out}"`
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' })

const STATUS_WORDS: Record<string, string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  in_progress: 'In progress',
  complete: 'Complete',
  closed: 'Closed',
}

const AUDIT_ACTION_WORDS: Record<string, string> = {
  create: 'Added',
  update: 'Changed',
  remove: 'Removed',
  retire: 'Retired',
  publish: 'Published',
  unpublish: 'Unpublished',
  seed: 'Loaded',
}

export const helpers = {
  cssString: (text: unknown) => new Handlebars.SafeString(cssStringLiteral(typeof text === 'string' ? text : '')),
  /** A moment in UK time, e.g. 2 December 2026 at 10:04 (UK time). */
  ukTime: (iso: unknown) =>
    typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? `${UK_TIME.format(new Date(iso))} (UK time)` : '',
  producedStamp: (at: unknown) =>
    at instanceof Date ? `Produced ${UK_TIME.format(at).replace(' at ', ', ')} (UK time)` : '',
  money: (value: Decimal | null | undefined, unit?: unknown) =>
    value === null || value === undefined ? '—' : formatMoney(value, unitArg(isOptions(unit) ? undefined : unit)),
  penceMoney: (value: string | number | null | undefined) =>
    value === null || value === undefined ? '—' : formatMoney(fromPence(value), 'pence'),
  count: (n: unknown) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-GB')),
  moneyK: (value: Decimal | null | undefined) =>
    value === null || value === undefined ? '—' : formatMoney(value, 'k'),
  inUnit: (value: Decimal | null | undefined, unit: unknown) =>
    value === null || value === undefined ? '—' : formatInUnit(value, unitArg(unit)),
  pounds: (value: Decimal | null | undefined) => (value ? decimalText(value, 2) : '0.00'),
  /** A payback in years to two places, or "does not pay back within N years". */
  payback: (value: Decimal | null, within: number) =>
    value === null || value === undefined
      ? `does not pay back within ${Number(within)} years`
      : `${decimalText(value, 2)} years`,
  ratio: (value: Decimal | null) => (value === null || value === undefined ? 'no costs' : decimalText(value, 2)),
  decimal: (value: Decimal | null | undefined, places: number) =>
    value === null || value === undefined ? '' : decimalText(value, Number(places)),
  percentOf: (fraction: Decimal | string | null | undefined) =>
    fraction === null || fraction === undefined ? '' : `${decimalText(new Decimal(fraction).times(100), 0)}%`,
  percent: (fraction: Decimal | null | undefined) => formatPercent(fraction ?? null),
  fy: (fyStart: number) => fyLabel(Number(fyStart)),
  fySlug: (fyStart: number) => fySlug(Number(fyStart)),
  period: (p: number) => periodLabel(Number(p)),
  periodShort: (p: number) => `P${Number(p)}`,
  periodMonth: (fyStart: number, p: number) => periodMonth(Number(fyStart), Number(p)),
  ragWords: (rag: Rag) => RAG_WORDS[rag] ?? String(rag),
  ragTag: (rag: Rag) => ({ red: 'govuk-tag--red', amber: 'govuk-tag--yellow', green: 'govuk-tag--green' })[rag] ?? '',
  statusWords: (status: string) => STATUS_WORDS[status] ?? status,
  roleName: (role: SignoffRole) => SIGNOFF_ROLE_NAMES[role] ?? role,
  roles: () => SIGNOFF_ROLES,
  longDate: (iso: string | null) => (iso ? formatLongDate(iso) : ''),
  eq: (a: unknown, b: unknown) => a === b,
  negate: (value: Decimal | null | undefined) => (value ? value.negated() : value),
  changeTypeWords: (t: string) => (t in CHANGE_TYPE_WORDS ? CHANGE_TYPE_WORDS[t as keyof typeof CHANGE_TYPE_WORDS] : t),
  /** A tax base in Band D equivalents, to two places with thousands separators: 610,244.99. */
  bandDEquivalents: (value: Decimal | null | undefined) =>
    value
      ? Number(value.toFixed(2)).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : '—',
  /** A year's referendum principle in words, as the principles put it. */
  ruleWords: (p: { percentValue: Decimal | null; pounds: Decimal | null } | null | undefined) => {
    if (!p) return ''
    const pc = p.percentValue ? `${p.percentValue.toString()}% or more` : null
    const pounds = p.pounds ? `more than ${formatMoney(p.pounds, 'pence')}` : null
    if (pc && pounds)
      return `A rise of ${pc} and of ${pounds} on Band D is excessive: the greater of the two is allowed.`
    if (pc) return `A rise of ${pc} on Band D is excessive.`
    if (pounds) return `A rise of ${pounds} on Band D is excessive.`
    return 'No limit.'
  },
  /** A principle as a short limit: "2% or £5.00 (the greater)", "£12.00", "2%". */
  ruleLimit: (p: { percentValue: Decimal | null; pounds: Decimal | null } | null | undefined) => {
    const pc = p?.percentValue ? `${p.percentValue.toString()}%` : null
    const pounds = p?.pounds ? formatMoney(p.pounds, 'pence') : null
    return pc && pounds ? `${pc} or ${pounds} (the greater)` : (pc ?? pounds ?? 'No limit')
  },
  panelDecisionWords: (d: string) =>
    ({
      supported: 'supported the proposal',
      recommended: 'recommended another figure',
      vetoed_too_high: 'vetoed the proposal as too high',
      vetoed_too_low: 'vetoed the proposal as too low',
    })[d] ?? d,
  /** A reserve's year on its form: what the capital programme draws on it, besides the use typed here. */
  capitalDrawHint: (pence: string | undefined, changePence?: unknown) =>
    [
      pence && pence !== '0'
        ? `Besides ${formatMoney(fromPence(pence), 'pence')} drawn for capital schemes (set on their financing forms, on the capital programme page)`
        : null,
      typeof changePence === 'string' && changePence !== '0'
        ? `${pence && pence !== '0' ? 'and' : 'Besides'} ${formatMoney(fromPence(changePence), 'pence')} drawn by approved budget changes`
        : null,
    ]
      .filter((p) => p !== null)
      .join(' '),
  includes: (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item),
  fieldError: (errors: FieldError[] | undefined, id: string) => errors?.find((e) => e.field === id)?.message ?? '',
  canEditFigures: (v: Viewer | undefined) => Boolean(v && canEditFigures(v)),
  canReadAudit: (v: Viewer | undefined) => Boolean(v && canReadAudit(v)),
  roleWords: (kind: string) => (kind in ROLE_NAMES ? ROLE_NAMES[kind as keyof typeof ROLE_NAMES] : kind),
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  not: (a: unknown) => !a,
  lt: (a: unknown, b: unknown) => Number(a) < Number(b),
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  plus: (a: unknown, b: unknown) => Number(a) + Number(b),
  minus: (a: unknown, b: unknown) => Number(a) - Number(b),
  natureOptions: () => [
    { value: 'capital', text: 'Capital' },
    { value: 'revenue', text: 'Revenue' },
  ],
  benefitKindOptions: () => [
    { value: 'cashable', text: 'Cashable (money saved)' },
    { value: 'non_cashable', text: 'Non-cashable (time or quality freed up)' },
  ],
  classificationOptions: () => [
    { value: 'open', text: 'Open' },
    { value: 'confidential', text: 'Confidential' },
  ],
  benefitBasisOptions: () => [
    { value: 'document', text: 'A document gives it' },
    { value: 'derived', text: 'Worked out from documents’ figures' },
    { value: 'assumption', text: 'An assumption' },
  ],
  recurrenceOptions: () => [
    { value: 'one_off', text: 'One-off' },
    { value: 'recurring', text: 'Recurring' },
  ],
  yearStatusWords: (status: string) => (status === 'published' ? ' (published)' : ' (draft)'),
  timestamp: (value: string | Date | null) => {
    if (!value) return ''
    // SQLite's CURRENT_TIMESTAMP is UTC written without a zone.
    const date =
      typeof value === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(value)
        ? new Date(`${value.replace(' ', 'T')}Z`)
        : new Date(value)
    return date.toISOString().replace('T', ' ').slice(0, 19)
  },
  auditPageLink: (filters: Record<string, string | undefined>, page: number) => {
    const params = new URLSearchParams()
    for (const key of ['actor', 'programme', 'from', 'to']) if (filters[key]) params.set(key, filters[key] ?? '')
    params.set('page', String(page))
    return `/audit?${params.toString()}`
  },
  anyWithoutForecast: (rows: { linesWithoutForecast: number }[]) => rows.some((r) => r.linesWithoutForecast > 0),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  array: (...args: unknown[]) => args.slice(0, -1),
  /** {{obj code="x" name="X"}} → { code: 'x', name: 'X' } (for a select's options). */
  obj: (options: Options) => ({ ...options.hash }),
  ledgerField: (field: string | null) => LEDGER_FIELDS.find((f) => f.field === field)?.label ?? field ?? '',
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  isNegative: (value: Decimal | null | undefined) => Boolean(value && value.isNegative() && !value.isZero()),
  isZero: (value: Decimal | null | undefined) => Boolean(value && value.isZero()),
  abs: (value: Decimal | null | undefined) => (value ? value.abs() : value),
  /** One sum of money less another (the plan's use of reserves less its contributions: the net use). */
  less: (a: Decimal | null | undefined, b: Decimal | null | undefined) => new Decimal(a ?? 0).minus(b ?? 0),
  /** A text's paragraphs (split at blank lines), each printed as its own <p>. */
  paragraphs: (text: unknown) =>
    typeof text === 'string'
      ? text
          .split(/\r?\n\s*\r?\n/)
          .map((p) => p.trim())
          .filter((p) => p !== '')
      : [],
  /** A Date as ISO text (for ukTime). */
  isoDayTime: (at: unknown) => (at instanceof Date ? at.toISOString() : null),
  /** The day of a timestamp (ISO text or a Date) as an ISO date, for longDate. */
  isoDay: (at: unknown) =>
    at instanceof Date ? at.toISOString().slice(0, 10) : typeof at === 'string' ? at.slice(0, 10) : null,
  isPositive: (value: Decimal | null | undefined) => Boolean(value && value.isPositive() && !value.isZero()),
  auditAction: (action: string) => AUDIT_ACTION_WORDS[action] ?? action,
  capitalise: (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : ''),
  words: (s: string) => (s ? s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : ''),
}
