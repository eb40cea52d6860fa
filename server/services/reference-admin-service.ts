// Finance keeps the funding sources and each programme's benefits (cashable £, non-cashable hours for the
// appraisal of issue #4). Create, edit, retire (never delete); one transaction each, audited, version-locked.
import type { Knex } from 'knex'
import { INPUT_BASES, type InputBasis } from '../domain/benefits'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel, parseFy } from '../domain/financial-year'
import { Decimal, formatMoney, fromPence } from '../domain/money'
import { parseMoney } from '../domain/parse-money'
import { codeTaken, findLiveByCode, findLiveWithProgramme } from '../data/versioned'
import { fundingSourcesInUse } from '../data/reference-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { FUNDING_KIND_WORDS } from '../domain/words'
import { editorOf, refusingDuplicates } from './edit-context'
import { choice, optionalText, requiredText, formVersion, text, version, type FormBody } from './forms'

type Db = Knex | Knex.Transaction

export const FUNDING_KINDS = Object.entries(FUNDING_KIND_WORDS)

const fundingKinds = FUNDING_KINDS.map(([k]) => k) as [string, ...string[]]

const fundingSchema = z.object({
  name: requiredText('the name of the funding source', 200),
  kind: choice('the kind of funding', fundingKinds),
  note: optionalText('the note', 2000),
})

const fundingCreateSchema = fundingSchema.extend({
  code: z
    .string({ error: 'Enter a code, like capital-receipt-ip' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, { error: 'The code must be 2 to 60 lower-case letters, digits or hyphens, like capital-receipt-ip' }),
})

export interface FundingRow {
  id: number
  code: string
  name: string
  kind: string
  note: string | null
  version: number
  lines: number
}

export interface BenefitRow {
  id: number
  programme_code: string
  programme_id: number
  kind: 'cashable' | 'non_cashable'
  description: string
  fy_start: number | null
  amount_pence: string | number | null
  hours: string | null
  note: string | null
  basis: InputBasis
  version: number
}

const benefitSchema = z.object({
  kind: choice('cashable or non-cashable', ['cashable', 'non_cashable'] as const),
  basis: choice('where the figure comes from: a document, derived from documents, or an assumption', INPUT_BASES),
  description: requiredText('what the benefit is', 300),
  note: optionalText('the note', 2000),
})

interface ParsedBenefit {
  values: z.output<typeof benefitSchema>
  fyStart: number | null
  pence: bigint | null
  hours: string | null
  understood: Record<string, string>
}

function parseBenefit(body: FormBody): ParsedBenefit {
  const errors: FieldError[] = []
  const understood: Record<string, string> = {}
  const result = benefitSchema.safeParse(body)
  if (!result.success) errors.push(...result.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })))
  const fyText = text(body, 'fy').trim()
  const fyStart = fyText ? parseFy(fyText) : null
  if (fyText && fyStart === null) errors.push({ field: 'fy', message: 'The year must be a financial year, like 2018-19' })
  let pence: bigint | null = null
  const amountText = text(body, 'amount').trim()
  if (amountText) {
    const reading = parseMoney(amountText)
    if (reading.ok) {
      pence = reading.pence
      understood.amount = reading.understood
    } else errors.push({ field: 'amount', message: `The amount ${reading.problem}` })
  }
  let hours: string | null = null
  const hoursText = text(body, 'hours').replace(/,/g, '').trim()
  if (hoursText) {
    if (!/^\d+(\.\d{1,2})?$/.test(hoursText) || new Decimal(hoursText).greaterThan(100_000_000)) {
      errors.push({ field: 'hours', message: 'The hours saved must be a number of hours, like 2200 or 1500.5' })
    } else hours = new Decimal(hoursText).toString()
  }
  const kind = text(body, 'kind')
  if (kind === 'cashable' && !amountText) errors.push({ field: 'amount', message: 'Enter the amount of a cashable benefit, like 1.4m' })
  if (kind === 'non_cashable' && !amountText && !hoursText) errors.push({ field: 'hours', message: 'Enter the hours saved or the value of a non-cashable benefit' })
  if (errors.length > 0 || !result.success) throw new ValidationError(errors, understood)
  return { values: result.data, fyStart, pence, hours, understood }
}

async function loadBenefit(db: Db, id: number): Promise<BenefitRow> {
  const row = await findLiveWithProgramme<BenefitRow>(db, 'benefits', id)
  if (!row) throw new NotFoundError(`A benefit numbered ${id}`)
  return { ...row, id: Number(row.id), programme_id: Number(row.programme_id), version: Number(row.version), fy_start: row.fy_start === null ? null : Number(row.fy_start) }
}

export function benefitFormValues(b: BenefitRow): Record<string, string> {
  return {
    kind: b.kind,
    description: b.description,
    fy: b.fy_start === null ? '' : fyLabel(b.fy_start),
    amount: b.amount_pence === null ? '' : formatMoney(fromPence(b.amount_pence), 'pence'),
    hours: b.hours ?? '',
    note: b.note ?? '',
    basis: b.basis,
    version: String(b.version),
  }
}

export function referenceAdminService(db: Knex) {
  return {
    async fundingSources(): Promise<FundingRow[]> {
      const rows = await fundingSourcesInUse(db)
      return rows.map((r) => ({ ...r, lines: Number(r.lines ?? 0) }))
    },

    async fundingSource(code: string): Promise<FundingRow> {
      const row = await findLiveByCode<FundingRow>(db, 'funding_sources', code)
      if (!row) throw new NotFoundError(`A funding source with the code "${code}"`)
      return { ...row, version: Number(row.version) }
    },

    async createFunding(viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'add funding sources')
      const result = fundingCreateSchema.safeParse(body)
      if (!result.success) throw new ValidationError(result.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })))
      const taken = () => new ValidationError([{ field: 'code', message: `A funding source with the code ${result.data.code} already exists` }])
      return refusingDuplicates(() => db.transaction(async (trx) => {
        if (await codeTaken(trx, 'funding_sources', result.data.code)) throw taken()
        await createRecord(trx, specs.fundingSources, who, { values: result.data })
        return { to: '/funding-sources', message: `Funding source “${result.data.name}” added.` }
      }), taken)
    },

    async updateFunding(viewer: Viewer, code: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change funding sources')
      const result = fundingSchema.extend({ version }).safeParse(body)
      if (!result.success) throw new ValidationError(result.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })))
      return db.transaction(async (trx) => {
        const before = await findLiveByCode<FundingRow>(trx, 'funding_sources', code)
        if (!before) throw new NotFoundError(`A funding source with the code "${code}"`)
        const values = { name: result.data.name, kind: result.data.kind, note: result.data.note }
        const retire = text(body, 'retire') === 'yes'
        if (retire && !text(body, 'reason').trim()) throw new ValidationError([{ field: 'reason', message: 'Enter the reason for retiring the funding source' }])
        const { changed } = await updateRecord(trx, specs.fundingSources, who, { id: before.id, version: result.data.version, values, before: { ...before }, retire: retire ? text(body, 'reason').trim() : undefined })
        return { to: '/funding-sources', message: `Funding source “${values.name}” ${retire ? 'retired' : changed ? 'saved' : 'unchanged: nothing to save'}.` }
      })
    },

    loadBenefit: (id: number) => loadBenefit(db, id),

    async createBenefit(viewer: Viewer, programmeCode: string, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'record benefits')
      const parsed = parseBenefit(body)
      return db.transaction(async (trx) => {
        const programme = await findLiveByCode<{ id: number; code: string }>(trx, 'programmes', programmeCode, ['id', 'code'])
        if (!programme) throw new NotFoundError(`A programme with the code "${programmeCode}"`)
        const values = {
          programme_id: Number(programme.id),
          kind: parsed.values.kind,
          description: parsed.values.description,
          fy_start: parsed.fyStart,
          amount_pence: parsed.pence === null ? null : parsed.pence.toString(),
          hours: parsed.hours,
          note: parsed.values.note,
          basis: parsed.values.basis,
          illustrative: false,
        }
        await createRecord(trx, specs.benefits, who, { values })
        return { to: `/programmes/${programme.code}#benefits`, message: `Benefit “${values.description}” recorded${parsed.understood.amount ? `: ${parsed.understood.amount}` : ''}.` }
      })
    },

    async updateBenefit(viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'change benefits')
      const parsed = parseBenefit(body)
      const versionOpened = formVersion(body)
      return db.transaction(async (trx) => {
        const before = await loadBenefit(trx, id)
        const retire = text(body, 'retire') === 'yes'
        if (retire && !text(body, 'reason').trim()) throw new ValidationError([{ field: 'reason', message: 'Enter the reason for retiring the benefit' }])
        const values = {
          kind: parsed.values.kind,
          description: parsed.values.description,
          fy_start: parsed.fyStart,
          amount_pence: parsed.pence === null ? null : parsed.pence.toString(),
          hours: parsed.hours,
          note: parsed.values.note,
          basis: parsed.values.basis,
        }
        const { changed } = await updateRecord(trx, specs.benefits, who, { id, version: versionOpened, values, before: { ...before }, retire: retire ? text(body, 'reason').trim() : undefined })
        return { to: `/programmes/${before.programme_code}#benefits`, message: `Benefit “${values.description}” ${retire ? 'retired' : changed ? 'saved' : 'unchanged: nothing to save'}.` }
      })
    },
  }
}
