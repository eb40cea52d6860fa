// Finance changes a plan's workforce group (issue #10): its average salary at the start, and by year its FTE, pay award
// from 1 September, employer's NI and pension rates and vacancy factor, with the source of each year's figures. On the
// record path; changing an adopted plan's workforce makes the plan a draft again.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { fromPence } from '../domain/money'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import {
  planLines,
  workforce,
  type PlanRow,
  type WorkforceGroupRow,
  type WorkforceYearRow,
} from '../data/mtfp-repository'
import { editorOf } from './edit-context'
import { backToDraft, planBySlug, refuseSuperseded } from './mtfp-admin-service'
import { decimal, money, optionalText, orBlank, parseForm, version, type FormBody, type FormFields } from './forms'

export interface GroupForEdit {
  plan: PlanRow
  group: WorkforceGroupRow
  years: WorkforceYearRow[]
  /** Years the form offers to add: any plan year without figures, and the year after the last. */
  newYears: number[]
}

async function load(db: Knex, slug: string, code: string): Promise<GroupForEdit> {
  const plan = await planBySlug(db, slug)
  const staff = await workforce(db, plan.id)
  const group = staff.groups.find((g) => g.code === code)
  if (!group) throw new NotFoundError(`A workforce group “${code}” in the plan from ${fyLabel(plan.first_fy)}`)
  const years = staff.years.filter((y) => y.group_id === group.id)
  const { amounts } = await planLines(db, plan.id)
  const lastHeld = Math.max(plan.first_fy - 1, ...years.map((y) => y.fy_start))
  const lastPlanned = Math.max(plan.first_fy, ...amounts.map((a) => a.fy_start))
  const newYears = Array.from({ length: Math.max(lastPlanned, lastHeld + 1) - lastHeld }, (_, i) => lastHeld + 1 + i)
  return { plan, group, years, newYears }
}

export function groupFormValues(g: GroupForEdit): Record<string, string> {
  const values: Record<string, string> = {
    version: String(g.group.version),
    name: g.group.name,
    base_salary: fromPence(g.group.base_salary_pence).toFixed(2),
  }
  for (const y of g.years) {
    values[`fte_${y.fy_start}`] = y.fte
    values[`award_${y.fy_start}`] = y.award_percent
    values[`ni_${y.fy_start}`] = y.ni_percent
    values[`pension_${y.fy_start}`] = y.pension_percent
    values[`vacancy_${y.fy_start}`] = y.vacancy_percent
    values[`source_${y.fy_start}`] = y.source ?? ''
  }
  return values
}

const percent = (label: string) => decimal(label, { max: 100, places: 2, example: '2.5' })

/** A year to add: blank throughout is no year; an FTE given needs the rest. */
function newYearFields(fy: number): FormFields {
  const year = fyLabel(fy)
  return {
    [`fte_${fy}`]: orBlank(decimal(`the FTE in ${year}`, { max: 100_000, places: 2, example: '3260' })),
    [`award_${fy}`]: orBlank(percent(`the pay award from 1 September ${fy}, in percent`)),
    [`ni_${fy}`]: orBlank(percent(`the employer's National Insurance rate in ${year}, in percent`)),
    [`pension_${fy}`]: orBlank(percent(`the employer's pension rate in ${year}, in percent`)),
    [`vacancy_${fy}`]: orBlank(percent(`the vacancy factor in ${year}, in percent`)),
    [`source_${fy}`]: optionalText(`the source of the ${year} figures`, 500),
  }
}

const NEW_YEAR_PARTS = [
  ['award', 'the pay award'],
  ['ni', "the employer's NI rate"],
  ['pension', "the employer's pension rate"],
  ['vacancy', 'the vacancy factor'],
] as const

/** A new year with its FTE needs every rate (0 is an answer); one with rates but no FTE needs the FTE. */
function newYearRule(g: GroupForEdit) {
  return (v: Record<string, unknown>): FieldError[] =>
    g.newYears.flatMap((fy) => {
      const given = (k: string) => v[`${k}_${fy}`] !== null && v[`${k}_${fy}`] !== undefined
      const anyRate = NEW_YEAR_PARTS.some(([k]) => given(k))
      if (!given('fte'))
        return anyRate
          ? [{ field: `fte_${fy}`, message: `Enter the FTE in ${fyLabel(fy)}, or clear that year's rates` }]
          : []
      return NEW_YEAR_PARTS.filter(([k]) => !given(k)).map(([k, words]) => ({
        field: `${k}_${fy}`,
        message: `Enter ${words} in ${fyLabel(fy)} (0 if none)`,
      }))
    })
}

/** A held year's fields: every figure required. */
function yearFields(fy: number): FormFields {
  const year = fyLabel(fy)
  return {
    [`fte_${fy}`]: decimal(`the FTE in ${year}`, { max: 100_000, places: 2, example: '3260' }),
    [`award_${fy}`]: percent(`the pay award from 1 September ${fy}, in percent`),
    [`ni_${fy}`]: percent(`the employer's National Insurance rate in ${year}, in percent`),
    [`pension_${fy}`]: percent(`the employer's pension rate in ${year}, in percent`),
    [`vacancy_${fy}`]: percent(`the vacancy factor in ${year}, in percent`),
    [`source_${fy}`]: optionalText(`the source of the ${year} figures`, 500),
  }
}

function fieldsFor(g: GroupForEdit): FormFields {
  const fields: FormFields = {
    version,
    base_salary: money(`The average salary at 1 April ${fyLabel(g.years[0]?.fy_start ?? g.plan.first_fy - 1)}`),
    reason: optionalText('the reason', 500),
  }
  for (const y of g.years) Object.assign(fields, yearFields(y.fy_start))
  for (const fy of g.newYears) Object.assign(fields, newYearFields(fy))
  return fields
}

/** The group's years as the form has them: held years (an unchanged one keeps its illustrative mark), then any
 * year added. */
function yearRows(g: GroupForEdit, form: Record<string, unknown>) {
  const rowOf = (fy: number) => ({
    fy_start: fy,
    fte: form[`fte_${fy}`] as string,
    award_percent: form[`award_${fy}`] as string,
    ni_percent: form[`ni_${fy}`] as string,
    pension_percent: form[`pension_${fy}`] as string,
    vacancy_percent: form[`vacancy_${fy}`] as string,
    source: (form[`source_${fy}`] as string | null) ?? null,
  })
  return [
    ...g.years.map((y) => {
      const row = rowOf(y.fy_start)
      const same = (Object.keys(row) as (keyof typeof row)[]).every((k) => String(row[k]) === String(y[k]))
      return { ...row, illustrative: same ? y.illustrative : false }
    }),
    ...g.newYears.filter((fy) => form[`fte_${fy}`] !== null).map(rowOf),
  ]
}

async function update(db: Knex, viewer: Viewer, input: { slug: string; code: string; body: FormBody }) {
  const who = editorOf(viewer, 'change the financial plan')
  return db.transaction(async (trx) => {
    const g = await load(trx, input.slug, input.code)
    refuseSuperseded(g.plan)
    const form = parseForm(fieldsFor(g), input.body, newYearRule(g)) as Record<string, unknown> & {
      version: number
      base_salary: { pence: bigint }
      reason: string | null
    }
    const { changed } = await updateRecord(trx, specs.workforceGroups, {
      who,
      id: g.group.id,
      version: form.version,
      before: { ...g.group },
      values: { base_salary_pence: form.base_salary.pence.toString() },
      children: [{ spec: specs.workforceYears, scope: { group_id: g.group.id }, rows: yearRows(g, form) }],
      reason: form.reason,
    })
    if (changed) await backToDraft(trx, who, g.plan)
    return {
      to: `/mtfp/workforce?plan=${input.slug}`,
      message: changed ? `${g.group.name} saved.` : `${g.group.name} unchanged: nothing to save.`,
    }
  })
}

export function workforceAdminService(db: Knex) {
  return {
    load: (slug: string, code: string) => load(db, slug, code),
    update: (viewer: Viewer, at: { slug: string; code: string }, body: FormBody) => update(db, viewer, { ...at, body }),
  }
}
