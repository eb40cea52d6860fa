// Finance changes a plan's workforce group (issue #10): its average salary at the start, and by year its FTE, pay award
// from 1 September, employer's NI and pension rates and vacancy factor, with the source of each year's figures. On the
// record path; changing an adopted plan's workforce makes the plan a draft again.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { fromPence } from '../domain/money'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { workforce, type PlanRow, type WorkforceGroupRow, type WorkforceYearRow } from '../data/mtfp-repository'
import { editorOf } from './edit-context'
import { backToDraft, planBySlug, refuseSuperseded } from './mtfp-admin-service'
import { decimal, money, optionalText, parseForm, version, type FormBody, type FormFields } from './forms'

export interface GroupForEdit {
  plan: PlanRow
  group: WorkforceGroupRow
  years: WorkforceYearRow[]
}

async function load(db: Knex, slug: string, code: string): Promise<GroupForEdit> {
  const plan = await planBySlug(db, slug)
  const staff = await workforce(db, plan.id)
  const group = staff.groups.find((g) => g.code === code)
  if (!group) throw new NotFoundError(`A workforce group “${code}” in the plan from ${fyLabel(plan.first_fy)}`)
  return { plan, group, years: staff.years.filter((y) => y.group_id === group.id) }
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

function fieldsFor(g: GroupForEdit): FormFields {
  return {
    version,
    base_salary: money(`The average salary at 1 April ${fyLabel(g.years[0]?.fy_start ?? g.plan.first_fy - 1)}`),
    reason: optionalText('the reason', 500),
    ...Object.fromEntries<FormFields[string]>(
      g.years.flatMap((y) => {
        const fy = fyLabel(y.fy_start)
        return [
          [`fte_${y.fy_start}`, decimal(`the FTE in ${fy}`, { max: 100_000, places: 2, example: '3260' })],
          [`award_${y.fy_start}`, percent(`the pay award from 1 September ${y.fy_start}, in percent`)],
          [`ni_${y.fy_start}`, percent(`the employer's National Insurance rate in ${fy}, in percent`)],
          [`pension_${y.fy_start}`, percent(`the employer's pension rate in ${fy}, in percent`)],
          [`vacancy_${y.fy_start}`, percent(`the vacancy factor in ${fy}, in percent`)],
          [`source_${y.fy_start}`, optionalText(`the source of the ${fy} figures`, 500)],
        ]
      }),
    ),
  }
}

async function update(db: Knex, viewer: Viewer, input: { slug: string; code: string; body: FormBody }) {
  const who = editorOf(viewer, 'change the financial plan')
  return db.transaction(async (trx) => {
    const g = await load(trx, input.slug, input.code)
    refuseSuperseded(g.plan)
    const form = parseForm(fieldsFor(g), input.body) as Record<string, unknown> & {
      version: number
      base_salary: { pence: bigint }
      reason: string | null
    }
    const text = (key: string) => form[key] as string
    const { changed } = await updateRecord(trx, specs.workforceGroups, {
      who,
      id: g.group.id,
      version: form.version,
      before: { ...g.group },
      values: { base_salary_pence: form.base_salary.pence.toString() },
      children: [
        {
          spec: specs.workforceYears,
          scope: { group_id: g.group.id },
          rows: g.years.map((y) => {
            const row = {
              fy_start: y.fy_start,
              fte: text(`fte_${y.fy_start}`),
              award_percent: text(`award_${y.fy_start}`),
              ni_percent: text(`ni_${y.fy_start}`),
              pension_percent: text(`pension_${y.fy_start}`),
              vacancy_percent: text(`vacancy_${y.fy_start}`),
              source: (form[`source_${y.fy_start}`] as string | null) ?? null,
            }
            const same = (Object.keys(row) as (keyof typeof row)[]).every((k) => String(row[k]) === String(y[k]))
            // A year typed anew is no longer illustrative; one left as it was keeps its mark.
            return { ...row, illustrative: same ? y.illustrative : false }
          }),
        },
      ],
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
