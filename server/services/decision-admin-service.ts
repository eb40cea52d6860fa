// Finance records the Commissioner's decisions: reference (or none, when the record gives none), title,
// classification, sign-off dates, linked programmes, and what it commits by financial year. Dates are read as UK
// day/month/year; an impossible date is refused; a two-digit year is said back; a CFO or Chief of Staff date after the Commissioner's is saved but flagged, never
// corrected (DOMAIN.md, last paragraph). One transaction, audited, with optimistic locking.
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import {
  decisionKey,
  governanceFlags,
  readDecisionKey,
  SIGNOFF_ROLE_NAMES,
  SIGNOFF_ROLES,
  type SignoffRole,
} from '../domain/decisions'
import { fyLabel } from '../domain/financial-year'
import { yearsWithTotals } from '../data/year-repository'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { formatMoney, fromPence } from '../domain/money'
import * as decisions from '../data/decision-repository'
import { createRecord, updateRecord, type ChildSet } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf, refusingDuplicates } from './edit-context'
import {
  choice,
  oneOf,
  optionalDate,
  optionalMoney,
  optionalText,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  yesNo,
  type FormBody,
  type FormFields,
  type Money,
  type Parsed,
  type UkDate,
} from './forms'

type Db = Knex | Knex.Transaction

export const MAX_LINKS = 5

const decisionFields = {
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^[A-Z0-9]+(\.[A-Z0-9]+){1,5}$/, {
          error: 'The reference must be letters and numbers separated by dots, like OPCC.D.013.17',
        })
        .max(40, { error: 'The reference must be 40 characters or fewer' })
        .nullable(),
    ),
  title: requiredText('the title', 300),
  summary: optionalText('the summary', 5000),
  decision_text: optionalText('the decision', 5000),
  decided_when: optionalText('when the decision was taken', 200),
  classification: choice('open or confidential', ['open', 'confidential'] as const),
  published_to_panel: yesNo,
  originator: optionalText('the originator', 120),
}

export const SIGNOFF_FIELDS: Record<SignoffRole, string> = { cfo: 'cfo', chief_of_staff: 'cos', commissioner: 'pcc' }

/** The form field of a year's commitment: `commit_2017`, or `commit_none` for an amount the decision gives no year. */
export const commitmentField = (fy: number | null) => `commit_${fy ?? 'none'}`

export interface DecisionFormValues {
  [field: string]: string
}

interface ParsedDecision {
  values: Parsed<typeof decisionFields>
  signoffs: { role: SignoffRole; written: string | null; iso: string | null; comments: string | null }[]
  links: { programmeId: number; code: string }[]
  commitments: { fy: number | null; pence: bigint }[]
  notes: string[]
  understood: Record<string, string>
}

/** Every field of the decision form: the decision, a date and comments per sign-off, a programme per link, an amount
 * per year. */
function formFields(programmes: { code: string }[], years: (number | null)[]) {
  const fields: FormFields = { ...decisionFields }
  for (const role of SIGNOFF_ROLES) {
    fields[`${SIGNOFF_FIELDS[role]}_date`] = optionalDate(`The ${SIGNOFF_ROLE_NAMES[role]}'s sign-off date`)
    fields[`${SIGNOFF_FIELDS[role]}_comments`] = optionalText(`the ${SIGNOFF_ROLE_NAMES[role]}'s comments`, 2000)
  }
  for (let n = 0; n < MAX_LINKS; n++)
    fields[`link_${n}`] = oneOf(
      programmes.map((p) => p.code),
      'Choose a programme from the list',
      { optional: true },
    )
  for (const fy of years)
    fields[commitmentField(fy)] = optionalMoney(
      `The amount committed ${fy === null ? 'with no year' : `in ${fyLabel(fy)}`}`,
    )
  return fields
}

/** A sign-off is dated the day it was signed: never a day still to come. */
function futureSignoffs(values: Record<string, unknown>): FieldError[] {
  const today = new Date().toISOString().slice(0, 10)
  return SIGNOFF_ROLES.flatMap((role) => {
    const field = `${SIGNOFF_FIELDS[role]}_date`
    const date = values[field] as UkDate | null | undefined
    if (!date || date.iso <= today) return []
    return [
      {
        field,
        message: `The ${SIGNOFF_ROLE_NAMES[role]}'s sign-off date, ${date.understood}, is in the future: enter the day it was signed`,
      },
    ]
  })
}

/** A programme linked twice is refused on its second select. */
function duplicateLinks(values: Record<string, unknown>): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  for (let n = 0; n < MAX_LINKS; n++) {
    const code = values[`link_${n}`]
    if (typeof code !== 'string') continue
    if (seen.has(code))
      errors.push({ field: `link_${n}`, message: `${code} is linked twice: link each programme once` })
    seen.add(code)
  }
  return errors
}

async function parse(db: Db, body: FormBody, years: (number | null)[]): Promise<ParsedDecision> {
  const programmes = await decisions.liveProgrammeChoices(db)
  const input: Record<string, unknown> = parseForm(formFields(programmes, years), body, (v) => [
    ...duplicateLinks(v),
    ...futureSignoffs(v),
  ])
  const understood: Record<string, string> = {}
  const notes: string[] = []
  const signoffs = SIGNOFF_ROLES.map((role) => {
    const field = `${SIGNOFF_FIELDS[role]}_date`
    const date = input[field] as UkDate | null
    const comments = input[`${SIGNOFF_FIELDS[role]}_comments`] as string | null
    if (date) {
      understood[field] = date.understood
      if (date.note)
        notes.push(
          `${SIGNOFF_ROLE_NAMES[role]}: ${typeof body[field] === 'string' ? body[field].trim() : ''} was read as ${date.understood} (${date.note})`,
        )
    }
    // The date is kept exactly as written beside the date it was read as.
    const written = date && typeof body[field] === 'string' ? body[field].trim() : null
    return { role, written, iso: date?.iso ?? null, comments }
  })
  const links = [...Array(MAX_LINKS).keys()]
    .map((n) => input[`link_${n}`] as string | null)
    .filter((code): code is string => code !== null)
    .map((code) => ({ code, programmeId: Number(programmes.find((p) => p.code === code)?.id) }))
  const commitments: ParsedDecision['commitments'] = []
  for (const fy of years) {
    const amount = input[commitmentField(fy)] as Money | null
    if (!amount) continue
    understood[commitmentField(fy)] = amount.understood
    commitments.push({ fy, pence: amount.pence })
  }
  return { values: input as Parsed<typeof decisionFields>, signoffs, links, commitments, notes, understood }
}

export interface DecisionRecord {
  id: number
  key: string
  reference: string | null
  version: number
  values: DecisionFormValues
}

/** The years a decision's form asks amounts for: every financial year the office has, those the decision already
 * commits money in, and "no year given" when it has such an amount. */
export async function commitmentYears(db: Db, decisionId: number | null): Promise<(number | null)[]> {
  const years = (await yearsWithTotals(db)).map((y) => Number(y.fy_start))
  const held =
    decisionId === null ? [] : await decisions.commitmentsFor(db, [decisionId], { confidential: 'all', drafts: true })
  const all = new Set<number>([...years, ...held.filter((c) => c.fy_start !== null).map((c) => Number(c.fy_start))])
  const sorted: (number | null)[] = [...all].sort((a, b) => a - b)
  return held.some((c) => c.fy_start === null) ? [...sorted, null] : sorted
}

async function loadDecision(db: Db, key: string): Promise<DecisionRecord> {
  const d = await decisions.findDecisionForEdit(db, readDecisionKey(key))
  if (!d) throw new NotFoundError(`A decision with the reference "${key}"`)
  const id = Number(d.id)
  const [signoffs, links, commitments] = await Promise.all([
    decisions.decisionSignoffRows(db, id),
    decisions.decisionLinkRows(db, id),
    decisions.commitmentsFor(db, [id], { confidential: 'all', drafts: true }),
  ])
  const values: DecisionFormValues = {
    reference: d.reference ?? '',
    title: d.title,
    summary: d.summary ?? '',
    decision_text: d.decision_text ?? '',
    decided_when: d.decided_when ?? '',
    classification: d.classification,
    published_to_panel: d.published_to_panel ? 'yes' : '',
    originator: d.originator ?? '',
  }
  for (const s of signoffs) {
    values[`${SIGNOFF_FIELDS[s.role]}_date`] = s.signed_as_written ?? ''
    values[`${SIGNOFF_FIELDS[s.role]}_comments`] = s.comments ?? ''
  }
  links.forEach((l, n) => (values[`link_${n}`] = l.code))
  for (const c of commitments) values[commitmentField(c.fy_start)] = formatMoney(fromPence(c.amount_pence), 'pence')
  return { id, key: decisionKey(d.reference, id), reference: d.reference, version: Number(d.version), values }
}

function outcome(key: string, label: string, parsed: ParsedDecision): { to: string; message: string } {
  const flags = governanceFlags(
    parsed.signoffs.map((s) => ({ role: s.role, signedOn: s.iso, signedAsWritten: s.written })),
  )
  const total = parsed.commitments.reduce((a, c) => a + c.pence, 0n)
  const parts = [
    `${label} saved${parsed.commitments.length > 0 ? `, committing ${money(total)} in all` : ''}.`,
    ...parsed.notes.map((n) => `${n}.`),
  ]
  if (flags.length > 0)
    parts.push(`Governance flag: ${flags.map((f) => f.message).join('; ')}. The dates are kept as entered.`)
  return { to: `/decisions/${key}`, message: parts.join(' ') }
}

const money = (p: bigint) => formatMoney(fromPence(p), 'pence')

/** The columns of the decision itself, from the form (its sign-offs, links and commitments are its children). */
function decisionValues(parsed: ParsedDecision) {
  const v = parsed.values
  return {
    reference: v.reference,
    title: v.title,
    summary: v.summary,
    decision_text: v.decision_text,
    decided_when: v.decided_when,
    classification: v.classification,
    published_to_panel: v.published_to_panel,
    originator: v.originator,
  }
}

/** The decision's sign-offs, links and commitments as the form wants them. A programme that stays linked keeps its
 * note, and a year that keeps an amount keeps its note: the form does not show notes, so it never sends them. */
function childSets(decisionId: number, parsed: ParsedDecision): ChildSet[] {
  const scope = { decision_id: decisionId }
  return [
    {
      spec: specs.decisionSignoffs,
      scope,
      rows: parsed.signoffs
        .filter((s) => s.written || s.comments)
        .map((s) => ({ role: s.role, signed_on: s.iso, signed_as_written: s.written, comments: s.comments })),
    },
    { spec: specs.decisionLinks, scope, rows: parsed.links.map((l) => ({ programme_id: l.programmeId })) },
    {
      spec: specs.decisionCommitments,
      scope,
      rows: parsed.commitments.map((c) => ({ fy_start: c.fy, amount_pence: c.pence.toString() })),
    },
  ]
}

/** Records a decision with its sign-offs, linked programmes and commitments by year. */
async function createDecision(db: Knex, viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> {
  const who = editorOf(viewer, 'record decisions')
  const taken = (ref: string, understood: Record<string, string> = {}) =>
    new ValidationError(
      [{ field: 'reference', message: `A decision with the reference ${ref} already exists` }],
      understood,
    )
  return refusingDuplicates(
    () =>
      db.transaction(async (trx) => {
        const parsed = await parse(trx, body, await commitmentYears(trx, null))
        const ref = parsed.values.reference
        if (ref !== null && (await decisions.referenceTaken(trx, ref))) throw taken(ref, parsed.understood)
        const values = decisionValues(parsed)
        const id = Number(
          await createRecord(trx, specs.decisions, {
            who,
            values,
            children: (created) => childSets(Number(created), parsed),
          }),
        )
        return outcome(
          decisionKey(ref, id),
          ref ? `Decision ${ref}` : `Decision “${values.title}” (no reference number)`,
          parsed,
        )
      }),
    () => taken(typeof body.reference === 'string' ? body.reference.trim().toUpperCase() : ''),
  )
}

/** Changes (or withdraws) a decision; a save that changes nothing writes nothing. */
async function updateDecision(
  db: Knex,
  viewer: Viewer,
  input: { key: string; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { key, body } = input
  const who = editorOf(viewer, 'change decisions')
  const { version: opened } = parseForm({ version }, body)
  return db.transaction(async (trx) => {
    const before = await loadDecision(trx, key)
    const parsed = await parse(
      trx,
      { ...body, reference: before.values.reference },
      await commitmentYears(trx, before.id),
    )
    // The reference is the decision's address: an edit never changes it.
    // The reference is the decision's address: an edit never changes it.
    const values: Record<string, unknown> = decisionValues(parsed)
    delete values.reference
    const label = before.reference
      ? `Decision ${before.reference}`
      : `Decision “${before.values.title}” (no reference number)`
    const { retire, reason } = parseForm(
      retiring('withdrawing the decision'),
      body,
      retireRule('withdrawing the decision'),
    )
    const { changed } = await updateRecord(trx, specs.decisions, {
      who,
      id: before.id,
      version: opened,
      values,
      children: childSets(before.id, parsed),
      retire: retire ? (reason ?? '') : undefined,
    })
    if (retire) return { to: '/decisions', message: `${label} withdrawn from the register.` }
    if (!changed) return { to: `/decisions/${before.key}`, message: `${label} unchanged: nothing to save.` }
    return outcome(before.key, label, parsed)
  })
}

export function decisionAdminService(db: Knex) {
  return {
    load: (key: string) => loadDecision(db, key),
    commitmentYears: (decisionId: number | null) => commitmentYears(db, decisionId),
    programmes: async (): Promise<{ code: string; name: string }[]> =>
      (await decisions.liveProgrammeChoices(db)).map((p) => ({ code: p.code, name: p.name })),

    create: (viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> =>
      createDecision(db, viewer, body),

    update: (viewer: Viewer, key: string, body: FormBody): Promise<{ to: string; message: string }> =>
      updateDecision(db, viewer, { key, body }),
  }
}
