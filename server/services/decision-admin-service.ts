// Finance records the Commissioner's decisions: reference, title, classification, sign-off dates and linked
// programmes with amounts. Dates are read as UK day/month/year; an impossible date is refused; a two-digit
// year is said back; a CFO or Chief of Staff date after the Commissioner's is saved but flagged, never
// corrected (DOMAIN.md, last paragraph). One transaction, audited, with optimistic locking.
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { governanceFlags, SIGNOFF_ROLE_NAMES, SIGNOFF_ROLES, type SignoffRole } from '../domain/decisions'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { formatMoney, fromPence } from '../domain/money'
import { parseMoney } from '../domain/parse-money'
import { parseDateInput } from '../domain/uk-date'
import { writeAudit, type AuditEntry } from '../data/audit-repository'
import * as decisions from '../data/decision-repository'
import { insertReturningId } from '../data/versioned'
import { changes, editorOf, refusingDuplicates, updateVersioned } from './edit-context'
import { choice, optionalText, requiredText, formVersion, text, type FormBody } from './forms'

type Db = Knex | Knex.Transaction

export const MAX_LINKS = 5

const schema = z.object({
  reference: z
    .string({ error: 'Enter the reference, like OPCC.D.013.17' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]+(\.[A-Z0-9]+){1,5}$/, { error: 'The reference must be letters and numbers separated by dots, like OPCC.D.013.17' }),
  title: requiredText('the title', 300),
  summary: optionalText('the summary', 5000),
  decision_text: optionalText('the decision', 5000),
  classification: choice('open or confidential', ['open', 'confidential'] as const),
  published_to_panel: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
  originator: optionalText('the originator', 120),
})

export const SIGNOFF_FIELDS: Record<SignoffRole, string> = { cfo: 'cfo', chief_of_staff: 'cos', commissioner: 'pcc' }

export interface DecisionFormValues {
  [field: string]: string
}

interface ParsedDecision {
  values: z.output<typeof schema>
  signoffs: { role: SignoffRole; written: string | null; iso: string | null; comments: string | null }[]
  links: { programmeId: number; code: string; pence: bigint | null }[]
  notes: string[]
  understood: Record<string, string>
}

async function parse(db: Db, body: FormBody): Promise<ParsedDecision> {
  const errors: FieldError[] = []
  const understood: Record<string, string> = {}
  const notes: string[] = []
  const result = schema.safeParse(body)
  if (!result.success) errors.push(...result.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })))
  const signoffs = SIGNOFF_ROLES.map((role) => {
    const field = `${SIGNOFF_FIELDS[role]}_date`
    const written = text(body, field).trim()
    const comments = text(body, `${SIGNOFF_FIELDS[role]}_comments`).trim() || null
    if (!written) return { role, written: null, iso: null, comments }
    const reading = parseDateInput(written)
    if (!reading.ok) {
      errors.push({ field, message: `The ${SIGNOFF_ROLE_NAMES[role]}'s sign-off date ${reading.problem}` })
      return { role, written, iso: null, comments }
    }
    understood[field] = reading.understood
    if (reading.note) notes.push(`${SIGNOFF_ROLE_NAMES[role]}: ${written} was read as ${reading.understood} (${reading.note})`)
    return { role, written, iso: reading.iso, comments }
  })
  const programmes = await decisions.liveProgrammeChoices(db)
  const links: ParsedDecision['links'] = []
  for (let n = 0; n < MAX_LINKS; n++) {
    const code = text(body, `link_${n}`)
    const typed = text(body, `link_amount_${n}`).trim()
    if (!code) {
      if (typed) errors.push({ field: `link_${n}`, message: 'Choose the programme the amount belongs to' })
      continue
    }
    const programme = programmes.find((p) => p.code === code)
    if (!programme) {
      errors.push({ field: `link_${n}`, message: 'Choose a programme from the list' })
      continue
    }
    if (links.some((l) => l.code === code)) {
      errors.push({ field: `link_${n}`, message: `${code} is linked twice: link each programme once` })
      continue
    }
    let pence: bigint | null = null
    if (typed) {
      const reading = parseMoney(typed)
      if (reading.ok) {
        pence = reading.pence
        understood[`link_amount_${n}`] = reading.understood
      } else errors.push({ field: `link_amount_${n}`, message: `The amount for ${code} ${reading.problem}` })
    }
    links.push({ programmeId: Number(programme.id), code, pence })
  }
  if (errors.length > 0 || !result.success) throw new ValidationError(errors, understood)
  return { values: result.data, signoffs, links, notes, understood }
}

export interface DecisionRecord {
  id: number
  version: number
  values: DecisionFormValues
}

async function loadDecision(db: Db, reference: string): Promise<DecisionRecord> {
  const d = await decisions.findDecisionForEdit(db, reference)
  if (!d) throw new NotFoundError(`A decision with the reference "${reference}"`)
  const [signoffs, links] = await Promise.all([
    decisions.decisionSignoffRows(db, Number(d.id)),
    decisions.decisionLinkRows(db, Number(d.id)),
  ])
  const values: DecisionFormValues = {
    reference: d.reference,
    title: d.title,
    summary: d.summary ?? '',
    decision_text: d.decision_text ?? '',
    classification: d.classification,
    published_to_panel: d.published_to_panel ? 'yes' : '',
    originator: d.originator ?? '',
  }
  for (const s of signoffs as { role: SignoffRole; signed_as_written: string | null; comments: string | null }[]) {
    values[`${SIGNOFF_FIELDS[s.role]}_date`] = s.signed_as_written ?? ''
    values[`${SIGNOFF_FIELDS[s.role]}_comments`] = s.comments ?? ''
  }
  ;(links as { code: string; amount_pence: string | number | null }[]).forEach((l, n) => {
    values[`link_${n}`] = l.code
    values[`link_amount_${n}`] = l.amount_pence === null ? '' : formatMoney(fromPence(l.amount_pence), 'pence')
  })
  return { id: Number(d.id), version: Number(d.version), values }
}

function outcome(reference: string, parsed: ParsedDecision): { to: string; message: string } {
  const flags = governanceFlags(parsed.signoffs.map((s) => ({ role: s.role, signedOn: s.iso, signedAsWritten: s.written })))
  const parts = [`Decision ${reference} saved.`, ...parsed.notes.map((n) => `${n}.`)]
  if (flags.length > 0) parts.push(`Governance flag: ${flags.map((f) => f.message).join('; ')}. The dates are kept as entered.`)
  return { to: `/decisions/${reference}`, message: parts.join(' ') }
}

async function saveChildren(trx: Knex.Transaction, decisionId: number, parsed: ParsedDecision, who: { actor: string; userId: number }): Promise<AuditEntry[]> {
  const audit: AuditEntry[] = []
  const before = await decisions.decisionSignoffRows(trx, decisionId)
  await decisions.replaceSignoffs(
    trx,
    decisionId,
    parsed.signoffs.filter((s) => s.written || s.comments).map((s) => ({ role: s.role, signed_on: s.iso, signed_as_written: s.written, comments: s.comments })),
  )
  for (const s of parsed.signoffs) {
    const was = before.find((b) => b.role === s.role)
    if ((was?.signed_as_written ?? null) !== s.written) {
      audit.push({ ...who, action: 'update', table: 'decision_signoffs', rowId: `${decisionId}:${s.role}`, field: `${SIGNOFF_ROLE_NAMES[s.role]} date`, from: was?.signed_as_written ?? null, to: s.written })
    }
  }
  const oldLinks = await decisions.decisionLinkRows(trx, decisionId)
  await decisions.replaceLinks(trx, decisionId, parsed.links.map((l) => ({ programme_id: l.programmeId, amount_pence: l.pence === null ? null : l.pence.toString() })))
  const money = (p: string | number | bigint | null | undefined) => (p === null || p === undefined ? null : formatMoney(fromPence(p), 'pence'))
  for (const l of parsed.links) {
    const was = oldLinks.find((o) => o.code === l.code)
    if (!was || money(was.amount_pence) !== money(l.pence)) {
      audit.push({ ...who, action: was ? 'update' : 'create', table: 'decision_programmes', rowId: `${decisionId}:${l.code}`, programmeId: l.programmeId, field: 'linked amount', from: was ? money(was.amount_pence) : null, to: money(l.pence) ?? 'linked, no amount' })
    }
  }
  for (const o of oldLinks.filter((o) => !parsed.links.some((l) => l.code === o.code))) {
    audit.push({ ...who, action: 'update', table: 'decision_programmes', rowId: `${decisionId}:${o.code}`, programmeId: Number(o.programme_id), field: 'linked amount', from: money(o.amount_pence) ?? 'linked, no amount', to: null, reason: 'Link removed' })
  }
  return audit
}

export function decisionAdminService(db: Knex) {
  return {
    load: (reference: string) => loadDecision(db, reference),
    programmes: async (): Promise<{ code: string; name: string }[]> => (await decisions.liveProgrammeChoices(db)).map((p) => ({ code: p.code, name: p.name })),

    async create(viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'record decisions')
      const taken = (ref: string, understood: Record<string, string> = {}) => new ValidationError([{ field: 'reference', message: `A decision with the reference ${ref} already exists` }], understood)
      return refusingDuplicates(() => db.transaction(async (trx) => {
        const parsed = await parse(trx, body)
        const ref = parsed.values.reference
        if (await decisions.referenceTaken(trx, ref)) throw taken(ref, parsed.understood)
        const { reference, title, summary, decision_text, classification, published_to_panel, originator } = parsed.values
        const values = { reference, title, summary, decision_text, classification, published_to_panel, originator }
        const id = await insertReturningId(trx, 'decisions', values)
        const audit = changes(who, { action: 'create', table: 'decisions', rowId: id }, null, values)
        audit.push(...(await saveChildren(trx, id, parsed, who)))
        await writeAudit(trx, audit)
        return outcome(ref, parsed)
      }), () => taken(text(body, 'reference').trim().toUpperCase()))
    },

    async update(viewer: Viewer, reference: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change decisions')
      const version = formVersion(body)
      return db.transaction(async (trx) => {
        const before = await loadDecision(trx, reference)
        const parsed = await parse(trx, { ...body, reference: before.values.reference })
        const { title, summary, decision_text, classification, published_to_panel, originator } = parsed.values
        const values = { title, summary, decision_text, classification, published_to_panel, originator }
        const retire = text(body, 'retire') === 'yes'
        const reason = text(body, 'reason').trim()
        if (retire && !reason) throw new ValidationError([{ field: 'reason', message: 'Enter the reason for withdrawing the decision' }], parsed.understood)
        await updateVersioned(trx, 'decisions', before.id, version, retire ? { ...values, retired_at: trx.fn.now() } : values, {
          what: `The decision ${before.values.reference}`,
          current: before.values,
        })
        if (retire) {
          await writeAudit(trx, [{ ...who, action: 'retire', table: 'decisions', rowId: before.id, field: 'retired_at', from: null, to: 'withdrawn', reason }])
          return { to: '/decisions', message: `Decision ${before.values.reference} withdrawn from the register.` }
        }
        const previous = { ...before.values, summary: before.values.summary || null, decision_text: before.values.decision_text || null, originator: before.values.originator || null, published_to_panel: before.values.published_to_panel === 'yes' }
        const audit = changes(who, { action: 'update', table: 'decisions', rowId: before.id }, previous, values)
        audit.push(...(await saveChildren(trx, before.id, parsed, who)))
        await writeAudit(trx, audit)
        return outcome(before.values.reference ?? reference, parsed)
      })
    },
  }
}
