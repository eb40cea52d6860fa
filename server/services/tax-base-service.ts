// The billing authorities' declarations for a year (issue #12): each one's tax base (Band D equivalents, to two
// places), its estimate of the collection fund (the police share of the surplus, a deficit negative) and the date it
// declared them. Typed into one form, or imported from a CSV file that fills the same form: either way one
// transaction, an audit row a changed field, each authority's row version-checked. A late declaration, or a change after
// the precept was issued, is shown back to be confirmed; a declared tax base is corrected, never blanked.
import type { Knex } from 'knex'
import { parse } from 'csv-parse/sync'
import type { Viewer } from '../domain/access'
import { ValidationError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { formatLongDate, formDate } from '../domain/uk-date'
import { fromPence, toPence } from '../domain/money'
import type { Warning } from '../domain/plausibility'
import * as repo from '../data/precept-repository'
import { createRecord, updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { editorOf } from './edit-context'
import {
  confirmed,
  decimal,
  optionalDate,
  optionalMoney,
  optionalText,
  optionalVersion,
  orBlank,
  parseForm,
  withConfirmation,
  type FormBody,
  type FormFields,
} from './forms'
import { load as loadPrecept, type PreceptForEdit } from './precept-admin-service'

export interface DeclarationsForEdit extends PreceptForEdit {
  authorities: repo.DeclarationRow[]
}

async function load(db: Knex | Knex.Transaction, fySlug: string): Promise<DeclarationsForEdit> {
  const c = await loadPrecept(db, fySlug)
  return { ...c, authorities: await repo.declarations(db, c.fy) }
}

export function declarationValues(d: DeclarationsForEdit): Record<string, string> {
  const values: Record<string, string> = {}
  for (const a of d.authorities) {
    values[`tax_base_${a.code}`] = a.tax_base_hundredths ? fromPence(a.tax_base_hundredths).toFixed(2) : ''
    values[`collection_fund_${a.code}`] = a.collection_fund_pence ? fromPence(a.collection_fund_pence).toFixed(2) : ''
    values[`declared_on_${a.code}`] = formDate(a.declared_on)
    values[`version_${a.code}`] = a.version === null ? '' : String(a.version)
  }
  return values
}

function fieldsFor(d: DeclarationsForEdit): FormFields {
  const fields: FormFields = { source: optionalText('the source', 500), reason: optionalText('the reason', 500) }
  for (const a of d.authorities) {
    fields[`tax_base_${a.code}`] = orBlank(
      decimal(`the tax base of ${a.name}`, { max: 10_000_000, places: 2, example: '45,123.45' }),
    )
    fields[`collection_fund_${a.code}`] = optionalMoney(`The collection fund of ${a.name}`, { allowNegative: true })
    fields[`declared_on_${a.code}`] = optionalDate(`The date ${a.name} declared`)
    fields[`version_${a.code}`] = optionalVersion
  }
  return fields
}

interface Declared {
  authority: repo.DeclarationRow
  hundredths: bigint | null
  fundPence: bigint | null
  declaredOn: string | null
  version: number | null
}

function readRows(d: DeclarationsForEdit, form: Record<string, unknown>): Declared[] {
  return d.authorities.map((a) => {
    const base = form[`tax_base_${a.code}`] as string | null
    const fund = form[`collection_fund_${a.code}`] as { pence: bigint } | null
    return {
      authority: a,
      hundredths: base === null ? null : toPence(base),
      fundPence: fund?.pence ?? null,
      declaredOn: (form[`declared_on_${a.code}`] as { iso: string } | null)?.iso ?? null,
      version: form[`version_${a.code}`] as number | null,
    }
  })
}

function rules(rows: Declared[]): FieldError[] {
  return rows.flatMap((r): FieldError[] => {
    const a = r.authority
    if (r.hundredths === null && a.tax_base_hundredths !== null)
      return [
        {
          field: `tax_base_${a.code}`,
          message: `${a.name} has declared a tax base: correct it rather than leave it blank`,
        },
      ]
    if (r.hundredths === null && (r.fundPence !== null || r.declaredOn !== null))
      return [{ field: `tax_base_${a.code}`, message: `Enter the tax base ${a.name} declared` }]
    if (r.hundredths !== null && r.hundredths <= 0n)
      return [{ field: `tax_base_${a.code}`, message: `The tax base of ${a.name} must be more than nothing` }]
    if (r.hundredths !== null && r.declaredOn === null)
      return [{ field: `declared_on_${a.code}`, message: `Enter the date ${a.name} declared its tax base` }]
    return []
  })
}

function warnings(d: DeclarationsForEdit, rows: Declared[]): Warning[] {
  const out: Warning[] = []
  const late = `${d.fy}-01-31`
  for (const r of rows.filter((x) => x.declaredOn !== null && x.declaredOn > late))
    out.push({
      field: `declared_on_${r.authority.code}`,
      message: `${r.authority.name} declared on ${formatLongDate(r.declaredOn ?? '')}: the tax base is set by 31 January ${d.fy} and the collection fund estimated by 15 January`,
    })
  const changed = rows.some((r) => changedRow(r))
  if (changed && d.record?.issued_on)
    out.push({
      field: 'source',
      message: `The ${fyLabel(d.fy)} precept was issued on ${formatLongDate(d.record.issued_on)}: a changed tax base changes what each billing authority pays`,
    })
  return out
}

const same = (a: string | null, b: bigint | string | null) => (a ?? null) === (b === null ? null : String(b))
const changedRow = (r: Declared) =>
  !same(r.authority.tax_base_hundredths, r.hundredths) ||
  !same(r.authority.collection_fund_pence, r.fundPence) ||
  !same(r.authority.declared_on, r.declaredOn)

async function save(db: Knex, viewer: Viewer, input: { fy: string; body: FormBody }) {
  const who = editorOf(viewer, 'record the tax base')
  return db.transaction(async (trx) => {
    const d = await load(trx, input.fy)
    const form = parseForm(fieldsFor(d), input.body) as Record<string, unknown> & {
      source: string | null
      reason: string | null
    }
    const rows = readRows(d, form)
    const problems = rules(rows)
    if (problems.length > 0) throw new ValidationError(problems)
    const reason = withConfirmation(form.reason, confirmed(input.body, warnings(d, rows)))
    let count = 0
    for (const r of rows.filter((x) => x.hundredths !== null && changedRow(x))) {
      const values = {
        tax_base_hundredths: String(r.hundredths),
        collection_fund_pence: r.fundPence === null ? null : String(r.fundPence),
        declared_on: r.declaredOn,
        source: form.source,
        illustrative: false,
      }
      count += 1
      if (r.authority.version === null) {
        await createRecord(trx, specs.taxBases, {
          who,
          values: { billing_authority_id: r.authority.authority_id, fy_start: d.fy, ...values },
          reason,
        })
        continue
      }
      const before = await repo.declarationRow(trx, { authorityId: r.authority.authority_id, fy: d.fy })
      if (!before) throw new ValidationError([{ field: `tax_base_${r.authority.code}`, message: 'Reload the form' }])
      await updateRecord(trx, specs.taxBases, {
        who,
        id: Number(before.id),
        version: r.version,
        before,
        values,
        reason,
      })
    }
    return {
      to: `/precept?fy=${input.fy}#authorities`,
      message:
        count === 0
          ? `${fyLabel(d.fy)} tax base unchanged: nothing to save.`
          : `${fyLabel(d.fy)} tax base saved for ${count} billing ${count === 1 ? 'authority' : 'authorities'}.`,
    }
  })
}

const HEADINGS: Record<'authority' | 'tax_base' | 'collection_fund' | 'declared_on', RegExp> = {
  authority: /^(billing )?authority|^code$|^council$/i,
  tax_base: /tax ?base|band d equivalents?/i,
  collection_fund: /collection fund|surplus|deficit/i,
  declared_on: /declared|^date/i,
}

/**
 * A CSV file of declarations read into the form's fields: a row an authority (named by its code or its name), with
 * columns headed like "Authority", "Tax base", "Collection fund" and "Declared on". What the file does not give keeps
 * its value; what it gives is checked by the form exactly as if typed. Problems with the file itself are named.
 */
export function csvToForm(d: DeclarationsForEdit, text: string, body: FormBody): FormBody {
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch {
    throw new ValidationError([{ field: 'file', message: 'The file is not a CSV file that can be read' }])
  }
  const [head, ...rows] = records
  const column = (k: keyof typeof HEADINGS) => (head ?? []).findIndex((h) => HEADINGS[k].test(h))
  const at = { authority: column('authority'), tax_base: column('tax_base') }
  if (at.authority < 0 || at.tax_base < 0)
    throw new ValidationError([
      { field: 'file', message: 'The file needs a heading row with an "Authority" column and a "Tax base" column' },
    ])
  const fund = column('collection_fund')
  const declared = column('declared_on')
  const values: FormBody = { ...declarationValues(d), ...body }
  const problems: FieldError[] = []
  rows.forEach((row, i) => {
    const name = (row[at.authority] ?? '').toLowerCase()
    const a = d.authorities.find((x) => x.code === name || x.name.toLowerCase() === name)
    if (!a) {
      problems.push({ field: 'file', message: `Row ${i + 2}: "${row[at.authority] ?? ''}" is not a billing authority` })
      return
    }
    values[`tax_base_${a.code}`] = row[at.tax_base] ?? ''
    if (fund >= 0) values[`collection_fund_${a.code}`] = row[fund] ?? ''
    if (declared >= 0) values[`declared_on_${a.code}`] = row[declared] ?? ''
  })
  if (problems.length > 0) throw new ValidationError(problems)
  return values
}

export function taxBaseService(db: Knex) {
  return {
    load: (fy: string) => load(db, fy),
    save: (viewer: Viewer, fy: string, body: FormBody) => save(db, viewer, { fy, body }),
  }
}
