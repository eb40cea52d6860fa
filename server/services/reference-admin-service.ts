// Finance keeps the funding sources and each programme's benefits (cashable £, non-cashable hours for the
// appraisal of issue #4). Create, edit, retire (never delete); one transaction each, audited, version-locked.
import type { Knex } from 'knex'
import { INPUT_BASES, type InputBasis } from '../domain/benefits'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { codeTaken, findLiveByCode, findLiveWithProgramme } from '../data/versioned'
import { fundingSourcesInUse } from '../data/reference-repository'
import { createRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { codesOf, FUNDING_KIND_WORDS } from '../domain/words'
import { editorOf, refusingDuplicates, saveEditForm } from './edit-context'
import {
  choice,
  optionalFinancialYear,
  optionalHours,
  optionalMoney,
  optionalText,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  type FormBody,
  type Parsed,
} from './forms'

type Db = Knex | Knex.Transaction

export const FUNDING_KINDS = Object.entries(FUNDING_KIND_WORDS)

const fundingFields = {
  name: requiredText('the name of the funding source', 200),
  kind: choice('the kind of funding', codesOf(FUNDING_KIND_WORDS)),
  note: optionalText('the note', 2000),
}

const fundingCreateFields = {
  code: z
    .string({ error: 'Enter a code, like capital-receipt-ip' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, {
      error: 'The code must be 2 to 60 lower-case letters, digits or hyphens, like capital-receipt-ip',
    }),
  ...fundingFields,
}

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

const benefitFields = {
  kind: choice('cashable or non-cashable', ['cashable', 'non_cashable'] as const),
  basis: choice('where the figure comes from: a document, derived from documents, or an assumption', INPUT_BASES),
  description: requiredText('what the benefit is', 300),
  note: optionalText('the note', 2000),
  fy: optionalFinancialYear('The year must be a financial year, like 2018-19'),
  amount: optionalMoney('The amount'),
  hours: optionalHours('The hours saved must be a number of hours, like 2200 or 1500.5'),
}

type ParsedBenefit = Parsed<typeof benefitFields>

function benefitRules(v: Partial<ParsedBenefit>): FieldError[] {
  if (v.kind === 'cashable' && v.amount === null)
    return [{ field: 'amount', message: 'Enter the amount of a cashable benefit, like 1.4m' }]
  if (v.kind === 'non_cashable' && v.amount === null && v.hours === null)
    return [{ field: 'hours', message: 'Enter the hours saved or the value of a non-cashable benefit' }]
  return []
}

function benefitValues(v: ParsedBenefit) {
  return {
    kind: v.kind,
    description: v.description,
    fy_start: v.fy,
    amount_pence: v.amount === null ? null : v.amount.pence.toString(),
    hours: v.hours,
    note: v.note,
    basis: v.basis,
  }
}

async function loadBenefit(db: Db, id: number): Promise<BenefitRow> {
  const row = await findLiveWithProgramme<BenefitRow>(db, specs.benefits, id)
  if (!row) throw new NotFoundError(`A benefit numbered ${id}`)
  return {
    ...row,
    id: Number(row.id),
    programme_id: Number(row.programme_id),
    version: Number(row.version),
    fy_start: row.fy_start === null ? null : Number(row.fy_start),
  }
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

/** Changes (or retires) a funding source. */
async function updateFunding(
  db: Knex,
  viewer: Viewer,
  form: { code: string; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { code, body } = form
  const who = editorOf(viewer, 'change funding sources')
  const input = parseForm(
    { ...fundingFields, version, ...retiring('retiring the funding source') },
    body,
    retireRule('retiring the funding source'),
  )
  return db.transaction(async (trx) => {
    const before = await findLiveByCode<FundingRow>(trx, specs.fundingSources, code)
    if (!before) throw new NotFoundError(`A funding source with the code "${code}"`)
    const values = { name: input.name, kind: input.kind, note: input.note }
    const outcome = await saveEditForm(trx, specs.fundingSources, {
      who,
      id: before.id,
      values,
      before: { ...before },
      form: input,
    })
    return {
      to: '/funding-sources',
      message: `Funding source “${values.name}” ${outcome}.`,
    }
  })
}

/** Records a programme's benefit. */
async function createBenefit(
  db: Knex,
  viewer: Viewer,
  form: { programmeCode: string; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { programmeCode, body } = form
  const who = editorOf(viewer, 'record benefits')
  const input = parseForm(benefitFields, body, benefitRules)
  return db.transaction(async (trx) => {
    const programme = await findLiveByCode<{ id: number; code: string }>(trx, specs.programmes, programmeCode)
    if (!programme) throw new NotFoundError(`A programme with the code "${programmeCode}"`)
    const values = { programme_id: Number(programme.id), ...benefitValues(input) }
    await createRecord(trx, specs.benefits, { who, values })
    return {
      to: `/programmes/${programme.code}#benefits`,
      message: `Benefit “${values.description}” recorded${input.amount ? `: ${input.amount.understood}` : ''}.`,
    }
  })
}

/** Changes (or retires) a benefit. */
async function updateBenefit(
  db: Knex,
  viewer: Viewer,
  form: { id: number; body: FormBody },
): Promise<{ to: string; message: string }> {
  const { id, body } = form
  const who = editorOf(viewer, 'change benefits')
  const input = parseForm({ ...benefitFields, version, ...retiring('retiring the benefit') }, body, (v) => [
    ...benefitRules(v),
    ...retireRule('retiring the benefit')(v),
  ])
  return db.transaction(async (trx) => {
    const before = await loadBenefit(trx, id)
    const values = benefitValues(input)
    const outcome = await saveEditForm(trx, specs.benefits, { who, id: id, values, before: { ...before }, form: input })
    return {
      to: `/programmes/${before.programme_code}#benefits`,
      message: `Benefit “${values.description}” ${outcome}.`,
    }
  })
}

export function referenceAdminService(db: Knex) {
  return {
    async fundingSources(): Promise<FundingRow[]> {
      const rows = await fundingSourcesInUse(db)
      return rows.map((r) => ({ ...r, lines: Number(r.lines ?? 0) }))
    },

    async fundingSource(code: string): Promise<FundingRow> {
      const row = await findLiveByCode<FundingRow>(db, specs.fundingSources, code)
      if (!row) throw new NotFoundError(`A funding source with the code "${code}"`)
      return { ...row, version: Number(row.version) }
    },

    async createFunding(viewer: Viewer, body: FormBody): Promise<{ to: string; message: string }> {
      const who = editorOf(viewer, 'add funding sources')
      const input = parseForm(fundingCreateFields, body)
      const taken = () =>
        new ValidationError([{ field: 'code', message: `A funding source with the code ${input.code} already exists` }])
      return refusingDuplicates(
        () =>
          db.transaction(async (trx) => {
            if (await codeTaken(trx, specs.fundingSources, input.code)) throw taken()
            await createRecord(trx, specs.fundingSources, { who, values: input })
            return { to: '/funding-sources', message: `Funding source “${input.name}” added.` }
          }),
        taken,
      )
    },

    updateFunding: (viewer: Viewer, code: string, body: FormBody): Promise<{ to: string; message: string }> =>
      updateFunding(db, viewer, { code, body }),

    loadBenefit: (id: number) => loadBenefit(db, id),

    createBenefit: (viewer: Viewer, programmeCode: string, body: FormBody): Promise<{ to: string; message: string }> =>
      createBenefit(db, viewer, { programmeCode, body }),

    updateBenefit: (viewer: Viewer, id: number, body: FormBody): Promise<{ to: string; message: string }> =>
      updateBenefit(db, viewer, { id, body }),
  }
}
