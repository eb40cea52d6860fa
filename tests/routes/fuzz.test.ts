// A property over every form: whatever is posted to it (generated hostile values in any of its fields, extra
// fields named like object internals, repeated fields, a hostile record id in its address), the answer is never a
// 5xx; a 4xx leaves the database exactly as it was; a save has an audit row for every cell it changed (and none
// for a cell it did not); and after a save the page it leads to still opens. Runs on
// SQLite in `npm test` and on PostgreSQL in CI's second run. FUZZ_RUNS raises the number of runs.
import fc from 'fast-check'
import type { Knex } from 'knex'
import { readWritable, unaudited } from '../support/test-db'
import { structural } from '../support/audit-check'
import { useTestApp } from '../support/test-app'
import { postForms, type PageForm } from '../support/html'
import { signedIn, type Agent } from '../support/session'

jest.setTimeout(300_000)

const env = useTestApp()
let finance: Agent
let admin: Agent

interface Target {
  /** The page that shows the form. */
  page: string
  /** The start of the form's action, to pick it among the page's forms. */
  action: string
  role: 'finance' | 'admin'
}

async function targets(db: Knex): Promise<Target[]> {
  const first = async (table: string, where: Record<string, unknown> = {}) =>
    (await db(table).where(where).orderBy('id').first<{ id: number }>('id'))?.id ?? 0
  const [line = 0, retiring = 0] = (
    await db('budget_amounts')
      .where({ fy_start: 2020 })
      .orderBy('id')
      .limit(2)
      .select<{ budget_line_id: number }[]>('budget_line_id')
  ).map((r) => r.budget_line_id)
  // A draft year, so the publish form is on the page.
  await db('financial_years').insert({ fy_start: 2031, status: 'draft' }).onConflict('fy_start').ignore()
  const benefit = await first('benefits')
  const assumption = await first('time_saved_assumptions')
  const realisation = await first('benefit_realisations')
  const funding = (await db('funding_sources').orderBy('id').first<{ code: string }>('code'))?.code ?? ''
  const user = await first('users', { email: 'panel@demo.example.org' })
  const planLine = await first('mtfp_lines', { kind: 'grant' })
  const saving = await first('savings')
  const capitalLine =
    (await db('budget_lines').where({ name: 'Fleet replacement' }).first<{ id: number }>('id'))?.id ?? 0
  const f = (page: string, action = page): Target => ({ page, action, role: 'finance' })
  const all: Target[] = [
    f('/programmes/new'),
    f('/programmes/ESN/edit'),
    // Retiring forms get records of their own: a run that retires one leaves the other forms' records alive.
    f('/programmes/CSE-TEAM/edit', '/programmes/CSE-TEAM/retire'),
    f('/programmes/ESN/lines/new'),
    f(`/lines/${line}/edit`),
    f(`/lines/${retiring}/edit`, `/lines/${retiring}/retire`),
    f(`/lines/${line}/year?fy=2020-21`, `/lines/${line}/profile`),
    f(`/lines/${line}/year?fy=2020-21`, `/lines/${line}/forecast`),
    f('/programmes/ESN/benefits/new'),
    f(`/benefits/${benefit}/edit`),
    f('/decisions/new'),
    f('/decisions/OPCC.D.013.17/edit'),
    f('/funding-sources', '/funding-sources'),
    f(`/funding-sources/${funding}/edit`),
    f('/years', '/years'),
    f('/years', '/years/'),
    f('/programmes/ITP-ESSEX/appraisal/settings'),
    f('/programmes/MOBILE-FIRST/assumptions/new'),
    f(`/assumptions/${assumption}/edit`),
    f('/programmes/ITP-ESSEX/realisations/new'),
    f(`/realisations/${realisation}/edit`),
    f('/sign-in'),
    f('/mtfp/reserves/budget-smoothing/edit'),
    f('/mtfp/reserves/new'),
    f(`/mtfp/lines/${planLine}/edit`),
    f('/mtfp/lines/new?plan=2017-18', '/mtfp/lines/new'),
    f('/mtfp/workforce/officers/edit?plan=2017-18', '/mtfp/workforce/officers/edit'),
    f('/mtfp/savings/new'),
    f(`/mtfp/savings/${saving}/edit`),
    f('/mtfp/settings?plan=2017-18', '/mtfp/settings'),
    f(`/capital/lines/${capitalLine}/financing`),
    f('/capital/receipts/new'),
    f('/capital/loans/new'),
    f('/capital/treasury'),
    f('/capital/asset-classes/new'),
    f('/capital/asset-classes/vehicles/edit'),
    f('/capital/lines/new'),
    f('/precept/2022-23/proposal'),
    f('/precept/2017-18/panel-report'),
    f('/precept/2017-18/revised'),
    f('/precept/2017-18/second-report'),
    f('/precept/2017-18/issued'),
    f('/precept/2017-18/authorities'),
    f('/precept/2017-18/principle'),
    f('/precept/2017-18/section-25'),
    f('/precept/panel'),
    f('/changes/new'),
    f(`/capital/lines/${capitalLine}/reprofile`),
    f('/reports/2020-21/P8/commentary'),
    f('/transparency/grants/new'),
    f('/transparency/grants/1/edit'),
    f('/transparency/contracts/new'),
    f('/transparency/contracts/1/edit'),
    f('/years/2019-20/outturn', '/years/2019-20/outturn/transfer'),
    f('/years/2019-20/outturn', '/years/2019-20/outturn/slippage'),
    f('/years/2019-20/outturn', '/years/2019-20/outturn/close'),
    f('/mtfp', '/mtfp/roll-forward'),
    { page: '/accounts', action: '/accounts', role: 'admin' },
    { page: '/accounts', action: `/accounts/${user}/active`, role: 'admin' },
  ]
  return all.filter((t) => !/\/0\//.test(t.page))
}

// Values no form of ours would send, beside random text of every kind.
const hostile = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '0',
    '-1',
    '-0',
    '1e309',
    'NaN',
    'Infinity',
    '9'.repeat(40),
    '0.001',
    '1.005',
    '£1,000,000,000,000',
    '-£5',
    '5m',
    '31/02/2017',
    '17/13/17',
    '2017-18',
    '1899-00',
    'P14',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '"; drop table programmes; --',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\u202Eevil',
    '👮‍♀️💷',
    '%00',
    '../../etc/passwd',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
)

const fieldValue = fc.oneof(
  { weight: 5, arbitrary: hostile },
  { weight: 1, arbitrary: fc.array(hostile, { minLength: 2, maxLength: 3 }) },
)

interface Case {
  target: number
  /** Field name (of the form's own, by index, or an extra name) → value. */
  changes: { field: number | string; value: string | string[] }[]
  /** Replace a record id or code in the form's address with this. */
  pathValue: string | null
}

const caseOf = (count: number) =>
  fc.record<Case>({
    target: fc.nat({ max: count - 1 }),
    changes: fc.array(
      fc.record({
        field: fc.oneof(
          { weight: 6, arbitrary: fc.nat({ max: 40 }) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              '__proto__',
              'constructor',
              'prototype',
              'version',
              'method',
              '_csrf',
              'x'.repeat(300),
            ),
          },
        ),
        value: fieldValue,
      }),
      { minLength: 1, maxLength: 6 },
    ),
    pathValue: fc.option(fc.oneof(hostile, fc.constantFrom('0', '-1', '99999999999999999999', 'ESN%2F..')), {
      freq: 8,
    }),
  })

function withChanges(form: PageForm, c: Case): Record<string, string | string[]> {
  const fields = { ...form.fields }
  const names = Object.keys(fields).filter((n) => n !== '_csrf')
  for (const change of c.changes) {
    const name = typeof change.field === 'number' ? names[change.field % Math.max(1, names.length)] : change.field
    if (name) fields[name] = change.value
  }
  return fields
}

/** The form's action with its record id or code (the second path segment) replaced. */
function actionFor(action: string, pathValue: string | null): string {
  if (pathValue === null) return action
  const [path = '', query] = action.split('?')
  const parts = path.split('/')
  if (parts.length < 4) return action
  // A lone surrogate cannot be percent-encoded as UTF-8: send the bytes a broken client would (invalid UTF-8).
  parts[2] = pathValue
    .split(/([\uD800-\uDFFF])/)
    .map((piece) => (/^[\uD800-\uDFFF]$/.test(piece) ? '%ED%A0%80' : encodeURIComponent(piece)))
    .join('')
  return parts.join('/') + (query ? `?${query}` : '')
}

beforeAll(async () => {
  finance = await signedIn(env.app, 'finance')
  admin = await signedIn(env.app, 'admin')
})

it('answers every hostile form post with no 5xx, and changes nothing when it refuses', async () => {
  const list = await targets(env.db)
  const runs = Number(process.env.FUZZ_RUNS ?? 150)
  const seen = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(caseOf(list.length), async (c) => {
      const target = list[c.target] as Target
      const agent = target.role === 'admin' ? admin : finance
      const page = await agent.get(target.page)
      expect([target.page, page.status < 500]).toEqual([target.page, true])
      if (page.status !== 200) return // the record was retired by an earlier run: nothing to post
      const form = postForms(page.text).find((f) => f.action.startsWith(target.action))
      if (!form) return
      const before = await readWritable(env.db)
      // Another account's id in the deactivation form's address would sign the fuzzing accounts out.
      const action = actionFor(form.action, form.action.endsWith('/active') ? null : c.pathValue)
      // A request that is never answered fails the property instead of hanging it.
      const res = await agent.post(action).type('form').send(withChanges(form, c)).timeout(20_000)
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1)
      expect([action, res.status < 500]).toEqual([action, true])
      if (res.status >= 400) expect(JSON.stringify(await readWritable(env.db))).toBe(JSON.stringify(before))
      // A save leaves an audit row for every cell it changed, and none for a cell it did not.
      if (res.status === 303)
        expect([action, unaudited(before, await readWritable(env.db), structural)]).toEqual([
          action,
          { missing: [], phantom: [] },
        ])
      if (res.status === 303 && res.headers.location?.startsWith('/')) {
        const next = await agent.get(res.headers.location)
        expect([res.headers.location, next.status < 500]).toEqual([res.headers.location, true])
      }
    }),
    { numRuns: runs, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
  )
  // The property is only worth something if the forms were reached: most runs answer, some are refused.
  expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(runs / 2)
  expect([...seen.keys()].some((s) => s === 422 || s === 400)).toBe(true)
})
