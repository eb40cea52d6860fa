// Finance keeps the published registers (issue #14): the Commissioner's grants and the contracts let. Each on the record
// path (one transaction, an audit row a changed cell, the version checked); a record may be withdrawn with a reason.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors'
import { fyLabel } from '../domain/financial-year'
import { formatMoney, fromPence } from '../domain/money'
import { formDate } from '../domain/uk-date'
import { BODIES, GRANT_KINDS } from '../domain/registers'
import { createRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { findContract, findGrant, type ContractRow, type GrantRow } from '../data/register-repository'

export type { ContractRow, GrantRow }
import { editorOf, refusingDuplicates, saveEditForm } from './edit-context'
import {
  choice,
  financialYear,
  money,
  optionalDate,
  optionalText,
  parseForm,
  requiredText,
  retireRule,
  retiring,
  version,
  type FormBody,
  type FormFields,
} from './forms'

const penceText = (pence: string) => fromPence(pence).toFixed(2)

async function loadGrant(db: Knex | Knex.Transaction, id: number | null): Promise<GrantRow | null> {
  if (id === null) return null
  const g = await findGrant(db, id)
  if (!g) throw new NotFoundError(`A grant with the number ${id}`)
  return g
}

export function grantFormValues(g: GrantRow | null): Record<string, string> {
  return {
    version: g ? String(g.version) : '',
    fy: g ? fyLabel(g.fy_start) : '',
    kind: g?.kind ?? 'victims',
    recipient: g?.recipient ?? '',
    purpose: g?.purpose ?? '',
    amount: g ? penceText(g.amount_pence) : '',
    conditions: g?.conditions ?? '',
    awarded_on: formDate(g?.awarded_on),
    decision_reference: g?.decision_reference ?? '',
  }
}

function readGrant(g: GrantRow | null, body: FormBody) {
  const fields: FormFields = {
    fy: financialYear('Enter the financial year of the grant, like 2022-23', 'The year must be like 2022-23'),
    kind: choice('the kind of grant', GRANT_KINDS),
    recipient: requiredText('the recipient', 200),
    purpose: requiredText('the purpose of the grant', 500),
    amount: money('The amount of the grant', { maxPounds: '1000000000' }),
    conditions: optionalText('the conditions', 2000),
    awarded_on: optionalDate('The date the grant was awarded'),
    decision_reference: optionalText('the decision reference', 40),
    ...retiring('withdrawing the grant'),
    ...(g ? { version } : {}),
  }
  return parseForm(fields, body, (v) => [
    ...retireRule('withdrawing the grant')(v),
    ...((v.amount as { pence: bigint } | undefined)?.pence === 0n
      ? [{ field: 'amount', message: 'The amount of the grant must be more than £0' }]
      : []),
  ]) as {
    fy: number
    kind: string
    recipient: string
    purpose: string
    amount: { pence: bigint }
    conditions: string | null
    awarded_on: { iso: string } | null
    decision_reference: string | null
    retire: boolean
    reason: string | null
    version?: number
  }
}

async function saveGrant(db: Knex, viewer: Viewer, input: { id: number | null; body: FormBody }) {
  const who = editorOf(viewer, 'keep the register of grants')
  return db.transaction(async (trx) => {
    const g = await loadGrant(trx, input.id)
    const form = readGrant(g, input.body)
    const values = {
      fy_start: form.fy,
      kind: form.kind,
      recipient: form.recipient,
      purpose: form.purpose,
      amount_pence: form.amount.pence.toString(),
      conditions: form.conditions,
      awarded_on: form.awarded_on?.iso ?? null,
      decision_reference: form.decision_reference,
    }
    const to = `/transparency/grants?fy=${fyLabel(form.fy).replace('/', '-')}`
    const what = `The grant to ${form.recipient} of ${formatMoney(fromPence(form.amount.pence.toString()), 'pence')}`
    if (!g) {
      await createRecord(trx, specs.grants, { who, values })
      return { to, message: `${what} added.` }
    }
    const outcome = await saveEditForm(trx, specs.grants, {
      who,
      id: g.id,
      values,
      before: { ...g },
      form: { version: form.version ?? 0, retire: form.retire, reason: form.reason },
    })
    return { to, message: `${what} ${outcome === 'retired' ? 'withdrawn' : outcome}.` }
  })
}

async function loadContract(db: Knex | Knex.Transaction, id: number | null): Promise<ContractRow | null> {
  if (id === null) return null
  const c = await findContract(db, id)
  if (!c) throw new NotFoundError(`A contract with the number ${id}`)
  return c
}

export function contractFormValues(c: ContractRow | null): Record<string, string> {
  return {
    version: c ? String(c.version) : '',
    reference: c?.reference ?? '',
    title: c?.title ?? '',
    supplier: c?.supplier ?? '',
    body: c?.body ?? 'Force',
    department: c?.department ?? '',
    value: c ? penceText(c.value_pence) : '',
    start_on: formDate(c?.start_on),
    end_on: formDate(c?.end_on),
    procurement_route: c?.procurement_route ?? '',
  }
}

function readContract(c: ContractRow | null, body: FormBody) {
  const fields: FormFields = {
    reference: requiredText('the contract reference', 60),
    title: requiredText('the title of the contract', 300),
    supplier: requiredText('the supplier', 200),
    body: choice('the body that let the contract: OPCC or Force', BODIES),
    department: optionalText('the department', 100),
    value: money('The value of the contract', { maxPounds: '10000000000' }),
    start_on: optionalDate('The start date'),
    end_on: optionalDate('The end date'),
    procurement_route: optionalText('the procurement route', 200),
    ...retiring('withdrawing the contract'),
    ...(c ? { version } : {}),
  }
  return parseForm(fields, body, (v) => {
    const problems: FieldError[] = retireRule('withdrawing the contract')(v)
    const start = v.start_on as { iso: string } | null
    const end = v.end_on as { iso: string } | null
    if (!start) problems.push({ field: 'start_on', message: 'Enter the start date, like 1/4/2017' })
    if ((v.value as { pence: bigint } | undefined)?.pence === 0n)
      problems.push({ field: 'value', message: 'The value of the contract must be more than £0' })
    if (start && end && end.iso < start.iso)
      problems.push({ field: 'end_on', message: 'The end date is before the start date' })
    return problems
  }) as {
    reference: string
    title: string
    supplier: string
    body: string
    department: string | null
    value: { pence: bigint }
    start_on: { iso: string }
    end_on: { iso: string } | null
    procurement_route: string | null
    retire: boolean
    reason: string | null
    version?: number
  }
}

async function saveContract(db: Knex, viewer: Viewer, input: { id: number | null; body: FormBody }) {
  const who = editorOf(viewer, 'keep the register of contracts')
  return db.transaction(async (trx) => {
    const c = await loadContract(trx, input.id)
    const form = readContract(c, input.body)
    const values = {
      reference: form.reference,
      title: form.title,
      supplier: form.supplier,
      body: form.body,
      department: form.department,
      value_pence: form.value.pence.toString(),
      start_on: form.start_on.iso,
      end_on: form.end_on?.iso ?? null,
      procurement_route: form.procurement_route,
    }
    const duplicate = () =>
      new ValidationError([{ field: 'reference', message: `A contract ${form.reference} is already in the register` }])
    if (!c) {
      await refusingDuplicates(() => createRecord(trx, specs.contracts, { who, values }), duplicate)
      return { to: '/transparency/contracts', message: `Contract ${form.reference} added.` }
    }
    const outcome = await refusingDuplicates(
      () =>
        saveEditForm(trx, specs.contracts, {
          who,
          id: c.id,
          values,
          before: { ...c },
          form: { version: form.version ?? 0, retire: form.retire, reason: form.reason },
        }),
      duplicate,
    )
    return {
      to: '/transparency/contracts',
      message: `Contract ${form.reference} ${outcome === 'retired' ? 'withdrawn' : outcome}.`,
    }
  })
}

export function registerAdminService(db: Knex) {
  return {
    loadGrant: (id: number | null) => loadGrant(db, id),
    saveGrant: (viewer: Viewer, id: number | null, body: FormBody) => saveGrant(db, viewer, { id, body }),
    loadContract: (id: number | null) => loadContract(db, id),
    saveContract: (viewer: Viewer, id: number | null, body: FormBody) => saveContract(db, viewer, { id, body }),
  }
}
