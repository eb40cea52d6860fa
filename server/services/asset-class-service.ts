// Finance keeps the asset classes and their MRP policy (issue #11): a life in whole years, straight line or the annuity
// method at a rate. On the record path; a class that lines use cannot be retired.
import type { Knex } from 'knex'
import { z } from 'zod'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { createRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { assetClasses, assetClassUse, type AssetClassRow } from '../data/capital-repository'
import { editorOf, refusingDuplicates, saveEditForm } from './edit-context'
import {
  choice,
  decimal,
  optionalText,
  orBlank,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  type FormBody,
  type FormFields,
} from './forms'

const code = z
  .string({ error: 'Enter a code, like vehicles' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Enter a code, like vehicles' })
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    error: 'The code is 1 to 40 lower-case letters, digits or hyphens, like vehicles',
  })

async function load(db: Knex, codeAsked: string | null): Promise<(AssetClassRow & { lines: number }) | null> {
  if (codeAsked === null) return null
  const [classes, use] = await Promise.all([assetClasses(db), assetClassUse(db)])
  const c = classes.find((x) => x.code === codeAsked)
  if (!c) throw new NotFoundError(`An asset class “${codeAsked}”`)
  return { ...c, lines: use.get(c.id) ?? 0 }
}

export type AssetClassForEdit = Awaited<ReturnType<typeof load>>

export function assetClassFormValues(c: AssetClassForEdit): Record<string, string> {
  return {
    version: c ? String(c.version) : '',
    code: c?.code ?? '',
    name: c?.name ?? '',
    life: c ? String(c.life_years) : '',
    method: c?.mrp_method ?? 'straight_line',
    rate: c?.annuity_rate_percent ?? '',
    source: c?.source ?? '',
  }
}

/** The form read: a rate for the annuity method, a life of a year or more, a reason to retire. */
function readForm(c: AssetClassForEdit, body: FormBody) {
  const fields: FormFields = {
    name: requiredText('the name of the asset class', 200),
    life: decimal('the asset life in years', { max: 100, places: 0, example: '5' }),
    method: choice('straight line or the annuity method', ['straight_line', 'annuity']),
    rate: orBlank(decimal('the annuity rate, in percent', { max: 25, places: 4, example: '3.5' })),
    source: optionalText('the source', 500),
    ...retiring('retiring the asset class'),
    ...(c ? { version } : { code }),
  }
  const form = parseForm(fields, body, (v) => {
    const problems: FieldError[] = retireRule('retiring the asset class')(v)
    if (v.method === 'annuity' && (v.rate === null || v.rate === undefined))
      problems.push({ field: 'rate', message: 'Enter the annuity rate, like 3.5' })
    if (v.life === '0') problems.push({ field: 'life', message: 'The asset life is 1 year or more' })
    return problems
  }) as {
    code?: string
    name: string
    life: string
    method: string
    rate: string | null
    source: string | null
    retire: boolean
    reason: string | null
    version?: number
  }
  return form
}

async function save(db: Knex, viewer: Viewer, input: { code: string | null; body: FormBody }) {
  const who = editorOf(viewer, 'change asset classes')
  return db.transaction(async (trx) => {
    const c = await load(trx, input.code)
    const form = readForm(c, input.body)
    if (form.retire && c && c.lines > 0)
      throw new ValidationError([
        {
          field: 'retire',
          message: `${c.lines} capital line${c.lines === 1 ? ' uses' : 's use'} this asset class: move them first`,
        },
      ])
    const values = {
      name: form.name,
      life_years: Number(form.life),
      mrp_method: form.method,
      annuity_rate_percent: form.method === 'annuity' ? form.rate : null,
      source: form.source,
    }
    if (!c) {
      await refusingDuplicates(
        () =>
          createRecord(trx, specs.assetClasses, { who, values: { code: form.code, ...values }, reason: form.reason }),
        () =>
          new ValidationError([
            { field: 'code', message: `An asset class with the code "${form.code ?? ''}" already exists` },
          ]),
      )
      return { to: '/capital/financing', message: `${form.name} added.` }
    }
    const outcome = await saveEditForm(trx, specs.assetClasses, {
      who,
      id: c.id,
      values,
      before: { ...c },
      form: { version: form.version ?? 0, retire: form.retire, reason: form.reason },
      reasonForChange: true,
    })
    return { to: '/capital/financing', message: `${form.name} ${outcome}.` }
  })
}

export function assetClassService(db: Knex) {
  return {
    load: (c: string | null) => load(db, c),
    save: (viewer: Viewer, c: string | null, body: FormBody) => save(db, viewer, { code: c, body }),
  }
}
