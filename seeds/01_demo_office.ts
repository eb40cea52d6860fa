// Knex seed: the demo office. Sourced figures from the office's documents (demo/sourced.ts), an illustrative
// whole revenue budget around them, and illustrative profiles, actuals and forecasts (demo/illustrative.ts).
// It replaces whatever is in the database, in one transaction. `npm start` runs it only on an empty database.
import type { Knex } from 'knex'
import { readUkDate } from '../server/domain/uk-date'
import { toPence } from '../server/domain/money'
import { spreadByWeights } from '../server/domain/profile'
import { Random } from '../server/domain/random'
import { fyLabel } from '../server/domain/financial-year'
import { DECISIONS, FUNDING_SOURCES, PROGRAMMES, SOURCE_DOCUMENTS } from './demo/sourced'
import * as ill from './demo/illustrative'
import * as plan from './demo/mtfp'
import * as capital from './demo/capital'
import * as pc from './demo/precept'
import { billingShares } from '../server/domain/precept'
import { Decimal } from '../server/domain/money'
import { payBudget, payCostByYear } from '../server/domain/workforce'
import { planInputs, type PlanLineData } from '../server/domain/mtfp'
import { capitalCosts } from '../server/services/capital-costs'
import argon2 from 'argon2'
import { DEMO_ACCOUNTS } from './demo/accounts'
import { seedBudgetChanges } from './demo/changes'
import { seedPanelPacks } from './demo/packs'
import { seedPublishedSpend } from './demo/published-spend'
import { seedRegisters } from './demo/registers'
import { BENEFITS, CLAIMED_PAYBACKS, TIME_SAVED } from './demo/appraisal'
import { insertUser } from '../server/data/user-repository'
import { rebuildSummaries } from '../server/data/spend-summaries'

const TABLES_IN_DELETE_ORDER = [
  'grants',
  'contracts',
  'programme_commentaries',
  'pack_commentaries',
  'budget_change_financing',
  'budget_change_movements',
  'budget_changes',
  'section25_statements',
  'precepts',
  'panel_settings',
  'referendum_principles',
  'tax_bases',
  'billing_authorities',
  'capital_settings',
  'treasury_years',
  'loans',
  'capital_financing',
  'capital_receipts',
  'savings',
  'workforce_years',
  'workforce_groups',
  'mtfp_amounts',
  'mtfp_lines',
  'mtfp_plans',
  'reserve_flows',
  'reserves',
  'import_problems',
  'import_rows',
  'import_batches',
  'ledger_mappings',
  'ledger_codes',
  'published_budgets',
  'sessions',
  'sign_in_failures',
  'benefit_realisations',
  'time_saved_assumptions',
  'user_budget_owners',
  'users',
  'audit_events',
  'rag_policies',
  'financial_years',
  'benefits',
  'decision_commitments',
  'decision_programmes',
  'decision_signoffs',
  'decisions',
  'forecasts',
  'spend_summaries',
  'spend_transactions',
  'budget_profiles',
  'budget_amounts',
  'budget_lines',
  'asset_classes',
  'programmes',
  'funding_sources',
  'spend_types',
  'budget_owners',
  'source_documents',
]

type Ids = Record<string, number>

async function insertId(trx: Knex.Transaction, table: string, row: Record<string, unknown>): Promise<number> {
  const [result] = await trx(table).insert(row).returning<({ id: number } | number)[]>('id')
  return Number(typeof result === 'object' ? result.id : result)
}

async function insertChunked(trx: Knex.Transaction, table: string, rows: Record<string, unknown>[]): Promise<void> {
  // SQLite refuses a multi-row insert of more than 500 rows (STACK-NOTES.md).
  for (let i = 0; i < rows.length; i += 400) await trx(table).insert(rows.slice(i, i + 400))
}

async function reference(trx: Knex.Transaction): Promise<{ docs: Ids; owners: Ids; types: Ids; funding: Ids }> {
  const docs: Ids = {}
  for (const d of SOURCE_DOCUMENTS) {
    docs[d.code] = await insertId(trx, 'source_documents', {
      code: d.code,
      title: d.title,
      published_on: d.publishedOn,
      note: d.note ?? null,
    })
  }
  const owners: Ids = {}
  for (const o of ill.BUDGET_OWNERS)
    owners[o.code] = await insertId(trx, 'budget_owners', { code: o.code, name: o.name, sort_order: o.sort })
  const types: Ids = {}
  for (const [i, t] of ill.SPEND_TYPES.entries()) {
    types[t.code] = await insertId(trx, 'spend_types', {
      code: t.code,
      name: t.name,
      applies_to: t.appliesTo,
      sort_order: i + 1,
    })
  }
  const funding: Ids = {}
  for (const f of FUNDING_SOURCES)
    funding[f.code] = await insertId(trx, 'funding_sources', {
      code: f.code,
      name: f.name,
      kind: f.kind,
      note: f.note ?? null,
    })
  await trx('rag_policies').insert({
    name: 'Default (DOMAIN.md)',
    green_over_limit: '0.02',
    red_over_limit: '0.05',
    amber_under_limit: '0.10',
    red_under_limit: null,
    is_default: true,
  })
  await trx('financial_years').insert(
    ill.DEMO_YEARS.map((fy) => ({ fy_start: fy, status: 'published', published_at: trx.fn.now() })),
  )
  return { docs, owners, types, funding }
}

interface SeededLine {
  id: number
  kind: 'pay' | 'capital' | 'other' | 'income'
  amounts: Map<number, bigint>
  /** Actuals start in this period (Body Worn Video: nothing paid to the supplier by November 2015). */
  actualsFrom?: Record<number, number>
}

const PAY_TYPES = new Set(['officer_pay', 'pcso_pay', 'staff_pay', 'overtime'])

function kindOf(nature: string, spendType: string): SeededLine['kind'] {
  if (nature === 'capital') return 'capital'
  if (spendType === 'income') return 'income'
  return PAY_TYPES.has(spendType) ? 'pay' : 'other'
}

async function programmes(trx: Knex.Transaction, ids: Awaited<ReturnType<typeof reference>>) {
  const lines: SeededLine[] = []
  const programmeIds: Ids = {}
  for (const p of PROGRAMMES) {
    programmeIds[p.code] = await insertId(trx, 'programmes', {
      code: p.code,
      name: p.name,
      description: p.description,
      status: p.status,
      invest_to_save: p.investToSave,
      source_document_id: ids.docs[p.source],
      source_note: p.sourceNote,
    })
    for (const l of p.lines) {
      const id = await insertId(trx, 'budget_lines', {
        name: l.name,
        programme_id: programmeIds[p.code],
        budget_owner_id: ids.owners[l.owner],
        spend_type_id: ids.types[l.spendType],
        nature: l.nature,
        recurrence: l.recurrence,
        funding_source_id: l.funding ? ids.funding[l.funding] : null,
        note: l.note,
        source_document_id: ids.docs[l.source],
        source_reference: l.sourceReference,
        illustrative: false,
      })
      const amounts = new Map(Object.entries(l.amounts).map(([fy, pounds]) => [Number(fy), toPence(pounds)]))
      await trx('budget_amounts').insert(
        [...amounts].map(([fy, pence]) => ({ budget_line_id: id, fy_start: fy, amount_pence: pence.toString() })),
      )
      lines.push({
        id,
        kind: kindOf(l.nature, l.spendType),
        amounts,
        actualsFrom: p.code === 'BWV' ? { 2015: 9 } : undefined,
      })
    }
  }
  return { lines, programmeIds }
}

/** Whole revenue budget lines sized so gross spending (programme revenue lines included) meets each year's total. */
async function wholeBudget(
  trx: Knex.Transaction,
  ids: Awaited<ReturnType<typeof reference>>,
  programmeRevenue: Map<number, bigint>,
) {
  const note = (fy: number) =>
    `Illustrative: sized so spending before local income is £${ill.SPENDING_BEFORE_INCOME[fy]} in ${fyLabel(fy)}${ill.PUBLISHED_BUDGETS.some((p) => p.fy === fy) ? ' (the published Kent budget)' : ''}.`
  const amountsByLine: bigint[][] = ill.BASE_LINES.map(() => [])
  for (const fy of ill.DEMO_YEARS) {
    // Spending before local income; the income line (negative) takes the lines to the net revenue budget.
    const gross = toPence(ill.SPENDING_BEFORE_INCOME[fy] ?? '0')
    const fixed = ill.BASE_LINES.reduce((acc, l) => acc + (l.fixed ? toPence(l.fixed) : 0n), 0n)
    const forcePart = gross - fixed - (programmeRevenue.get(fy) ?? 0n)
    // Shares are rounded to whole £1,000 each; the spread keeps the total exact to the penny.
    const shares = ill.BASE_LINES.map((l) => l.shareBp ?? 0)
    const spread = spreadByWeights(forcePart / 100_000n, shares).map((k) => k * 100_000n)
    const remainder = forcePart - spread.reduce((a, b) => a + b, 0n)
    spread[0] = (spread[0] ?? 0n) + remainder
    ill.BASE_LINES.forEach((l, i) => amountsByLine[i]?.push(l.fixed ? toPence(l.fixed) : (spread[i] ?? 0n)))
  }
  for (const p of ill.PUBLISHED_BUDGETS) {
    await trx('published_budgets').insert({
      fy_start: p.fy,
      amount_pence: toPence(p.amount).toString(),
      source_document_id: ids.docs['published-kent-budgets'],
      note: p.note,
    })
  }
  const lines: SeededLine[] = []
  const all = [
    ...ill.BASE_LINES.map((l, i) => ({ ...l, amounts: amountsByLine[i] ?? [] })),
    { ...ill.INCOME_LINE, amounts: ill.DEMO_YEARS.map((fy) => -toPence(ill.LOCAL_INCOME[fy] ?? '0')) },
  ]
  for (const l of all) {
    const id = await insertId(trx, 'budget_lines', {
      name: l.name,
      programme_id: null,
      budget_owner_id: ids.owners[l.owner],
      spend_type_id: ids.types[l.spendType],
      nature: 'revenue',
      recurrence: 'recurring',
      funding_source_id: ids.funding[l.funding],
      note: "Illustrative whole-budget line for the demo office, not from the office's documents.",
      source_document_id: ids.docs['published-kent-budgets'],
      source_reference: 'Illustrative',
      illustrative: true,
    })
    const amounts = new Map(ill.DEMO_YEARS.map((fy, i) => [fy, l.amounts[i] ?? 0n]))
    await trx('budget_amounts').insert(
      [...amounts].map(([fy, pence]) => ({
        budget_line_id: id,
        fy_start: fy,
        amount_pence: pence.toString(),
        note: note(fy),
      })),
    )
    lines.push({ id, kind: kindOf('revenue', l.spendType), amounts })
  }
  return lines
}

function scale(pence: bigint, basisPoints: number): bigint {
  const scaled = pence * BigInt(10_000 + basisPoints)
  const half = scaled >= 0n ? 5_000n : -5_000n // round half away from zero
  return (scaled + half) / 10_000n
}

function isoInPeriod(fy: number, period: number, day: number): string {
  const month = ((period + 2) % 12) + 1
  const year = period <= 9 ? fy : fy + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Illustrative profile, actuals and forecasts for one line and year. */
function illustrate(line: SeededLine, fy: number, budget: bigint, rng: Random) {
  const weights = ill.PROFILE_WEIGHTS[line.kind === 'pay' ? 'pay' : line.kind === 'capital' ? 'capital' : 'even'] ?? []
  const profile = spreadByWeights(budget, weights)
  const profiles = profile.map((amount, i) => ({
    budget_line_id: line.id,
    fy_start: fy,
    period: i + 1,
    amount_pence: amount.toString(),
    illustrative: true,
  }))
  const closed = fy < ill.CURRENT_FY
  const lastPeriod = closed ? 12 : ill.CURRENT_PERIOD
  const drift =
    line.kind === 'capital' ? rng.int(-2500, 400) : line.kind === 'income' ? rng.int(-800, 600) : rng.int(-700, 550)
  const from = line.actualsFrom?.[fy] ?? 1
  const phased =
    from > 1
      ? spreadByWeights(
          budget,
          weights.map((w, i) => (i + 1 >= from ? w : 0)),
        )
      : profile
  const transactions: Record<string, unknown>[] = []
  let actualTotal = 0n
  const post = (period: number, amount: bigint) => {
    if (amount === 0n) return
    const parts = spreadByWeights(
      amount,
      Array.from({ length: rng.int(1, 3) }, () => rng.int(1, 9)),
    )
    parts.forEach((part, k) => {
      transactions.push({
        ledger_ref: `ILL-${fy}-L${String(line.id).padStart(3, '0')}-P${String(period).padStart(2, '0')}-${k + 1}`,
        posted_on: isoInPeriod(fy, Math.min(period, 12), rng.int(1, 28)),
        fy_start: fy,
        period,
        budget_line_id: line.id,
        supplier: rng.pick(ill.SUPPLIERS[line.kind] ?? ['Illustrative supplier']),
        description: 'Illustrative transaction (demo data)',
        amount_pence: part.toString(),
        // Pay is payroll: never published as spending over £500.
        kind: line.kind === 'pay' ? 'payroll' : null,
        illustrative: true,
      })
      actualTotal += part
    })
  }
  for (let period = 1; period <= lastPeriod; period++)
    post(period, scale(phased[period - 1] ?? 0n, drift + rng.int(-300, 300)))
  if (closed && rng.int(1, 3) === 1) post(13, scale(budget, rng.int(-40, 40)) - budget)
  const forecasts: Record<string, unknown>[] = []
  if (closed) {
    forecasts.push({
      budget_line_id: line.id,
      fy_start: fy,
      made_in_period: 12,
      amount_pence: actualTotal.toString(),
      note: 'Outturn (illustrative)',
      illustrative: true,
    })
  } else {
    const remaining = phased.slice(lastPeriod).reduce((a, b) => a + b, 0n)
    const early = scale(budget, Math.trunc(drift / 2))
    forecasts.push({
      budget_line_id: line.id,
      fy_start: fy,
      made_in_period: 4,
      amount_pence: early.toString(),
      note: 'Illustrative',
      illustrative: true,
    })
    forecasts.push({
      budget_line_id: line.id,
      fy_start: fy,
      made_in_period: lastPeriod,
      amount_pence: (actualTotal + scale(remaining, drift)).toString(),
      note: 'Illustrative',
      illustrative: true,
    })
  }
  return { profiles, transactions, forecasts }
}

async function illustrativeFigures(trx: Knex.Transaction, lines: SeededLine[]): Promise<number> {
  const rng = new Random(20170328)
  const profiles: Record<string, unknown>[] = []
  const transactions: Record<string, unknown>[] = []
  const forecasts: Record<string, unknown>[] = []
  for (const line of lines) {
    for (const [fy, budget] of line.amounts) {
      if (budget === 0n || fy > ill.CURRENT_FY) continue
      const f = illustrate(line, fy, budget, rng)
      profiles.push(...f.profiles)
      transactions.push(...f.transactions)
      forecasts.push(...f.forecasts)
    }
  }
  await insertChunked(trx, 'budget_profiles', profiles)
  await insertChunked(trx, 'spend_transactions', transactions)
  await seedPublishedSpend(trx)
  await rebuildSummaries(trx)
  await insertChunked(trx, 'forecasts', forecasts)
  return transactions.length
}

async function decisions(trx: Knex.Transaction, docs: Ids, programmeIds: Ids): Promise<void> {
  for (const d of DECISIONS) {
    const id = await insertId(trx, 'decisions', {
      reference: d.reference,
      title: d.title,
      summary: d.summary,
      decision_text: d.decisionText,
      decided_when: d.decidedWhen ?? null,
      classification: d.classification,
      published_to_panel: true,
      originator: d.originator,
      source_document_id: docs[d.source],
      note: d.note,
    })
    for (const s of d.signoffs) {
      const reading = s.written ? readUkDate(s.written) : null
      await trx('decision_signoffs').insert({
        decision_id: id,
        role: s.role,
        signed_on: reading?.ok ? reading.iso : null,
        signed_as_written: s.written,
        comments: s.comments,
      })
    }
    for (const link of d.programmes) {
      await trx('decision_programmes').insert({
        decision_id: id,
        programme_id: programmeIds[link.code],
        note: link.note,
      })
    }
    for (const c of d.commitments) {
      await trx('decision_commitments').insert({
        decision_id: id,
        fy_start: c.fy,
        amount_pence: toPence(c.amount).toString(),
        note: c.note,
      })
    }
  }
}

async function appraisalInputs(trx: Knex.Transaction, programmeIds: Ids): Promise<void> {
  for (const [code, claim] of Object.entries(CLAIMED_PAYBACKS)) {
    await trx('programmes')
      .where({ id: programmeIds[code] })
      .update({ claimed_payback_years: claim.years, claimed_payback_source: claim.source })
  }
  for (const b of BENEFITS) {
    await trx('benefits').insert(
      b.years.map((fy) => ({
        programme_id: programmeIds[b.programme],
        kind: b.kind,
        description: b.description,
        fy_start: fy,
        amount_pence: b.pounds === null ? null : toPence(b.pounds).toString(),
        hours: b.hours,
        note: b.note,
        basis: b.basis,
        illustrative: false,
      })),
    )
  }
  for (const a of TIME_SAVED) {
    await trx('time_saved_assumptions').insert({
      programme_id: programmeIds[a.programme],
      description: a.description,
      hours_per_shift: a.hoursPerShift[0],
      hours_per_shift_source: a.hoursPerShift[1],
      shifts_per_officer_per_year: a.shifts[0],
      shifts_source: a.shifts[1],
      officers: a.officers[0],
      officers_source: a.officers[1],
      cost_per_hour_pence: toPence(a.costPerHour[0]).toString(),
      cost_per_hour_source: a.costPerHour[1],
      productive_hours_per_fte: a.productiveHours[0],
      productive_hours_source: a.productiveHours[1],
      from_fy: a.fromFy,
      to_fy: a.toFy,
    })
  }
}

async function accounts(trx: Knex.Transaction): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => argon2.hash(a.password)))
  for (const [i, a] of DEMO_ACCOUNTS.entries()) {
    await insertUser(trx, {
      email: a.email,
      name: a.name,
      role: a.role,
      passwordHash: hashes[i] ?? '',
      approvalLimitPence: a.approvalLimit === null ? null : toPence(a.approvalLimit),
      budgetOwnerCodes: a.owners,
    })
  }
  if (process.env.JEST_WORKER_ID === undefined) {
    console.log('Demo accounts (demo only; the passwords are in the README):')
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(32)} ${a.password}`)
  }
}

const COST_CENTRE_PREFIX: Record<string, string> = {
  opcc_office: 'P1',
  commissioning: 'C1',
  force: 'F1',
  capital_programme: 'K1',
}
const ACCOUNT_CODES: Record<string, string> = {
  officer_pay: 'S0101',
  pcso_pay: 'S0102',
  staff_pay: 'S0103',
  overtime: 'S0110',
  premises: 'S0200',
  transport: 'S0300',
  supplies: 'S0400',
  third_party: 'S0500',
  capital_financing: 'S0800',
  income: 'S0900',
  capital_it: 'C1100',
  capital_equipment: 'C1200',
  capital_estates: 'C1300',
  capital_vehicles: 'C1400',
}

/** The ledger codes of the demo office (illustrative): a cost centre per line within its owner, an account code per
 * type of spend, and the saved column mapping of the demo ledger extract (seeds/demo/ledger-2020-21-P9.csv). */
async function ledgerCodes(trx: Knex.Transaction): Promise<void> {
  const lines = (await trx('budget_lines as l')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('spend_types as st', 'st.id', 'l.spend_type_id')
    .select('l.id', 'o.code as owner', 'st.code as spend_type')
    .orderBy('l.id')) as { id: number; owner: string; spend_type: string }[]
  const next = new Map<string, number>()
  const codes = lines.map((l) => {
    const n = (next.get(l.owner) ?? 0) + 1
    next.set(l.owner, n)
    return {
      cost_centre: `${COST_CENTRE_PREFIX[l.owner] ?? 'X1'}${String(n).padStart(3, '0')}`,
      account_code: ACCOUNT_CODES[l.spend_type] ?? 'S0999',
      budget_line_id: l.id,
      note: 'Illustrative demo code',
    }
  })
  await insertChunked(trx, 'ledger_codes', codes)
  await trx('ledger_mappings').insert({
    name: 'Demo force ledger (monthly extract)',
    columns: JSON.stringify(ill.DEMO_LEDGER_MAPPING),
  })
}

/** The demo reserves (DEMO_RESERVES): sourced where the documents give a figure, the rest illustrative. */
async function reserves(trx: Knex.Transaction): Promise<void> {
  for (const r of ill.DEMO_RESERVES) {
    const id = await insertId(trx, 'reserves', {
      code: r.code,
      name: r.name,
      kind: r.kind,
      purpose: r.purpose,
      opening_fy: ill.RESERVE_YEARS[0],
      opening_pence: toPence(r.opening).toString(),
      minimum_percent: r.minimumPercent ?? null,
      minimum_basis: r.minimumBasis ?? null,
      in_budget: r.inBudget ?? false,
      source:
        '2017-03-28 Panel agenda pack: reserves of £65m at the start of 2017/18, falling to about £20m by 2021/22; the split between reserves is illustrative',
      illustrative: true,
    })
    for (const fy of ill.RESERVE_YEARS) {
      const f = r.flows[fy]
      const rounding = r.code === 'general' && fy === plan.PLAN_FIRST_FY ? preceptRounding() : new Decimal(0)
      await trx('reserve_flows').insert({
        reserve_id: id,
        fy_start: fy,
        note: rounding.isZero()
          ? null
          : `Band D rounding: the precept raises ${rounding.toFixed(2)} pounds more than the plan's precept line`,
        contribution_pence: toPence(rounding.plus(f?.contribution ?? '0')).toString(),
        use_pence: toPence(f?.use ?? '0').toString(),
        source: f?.source ?? null,
        illustrative: !f?.source,
      })
    }
  }
}

/** The workforce's pay cost by year (pounds), from the base year. */
function demoPayCost(): Map<number, Decimal> {
  const years = [plan.PLAN_BASE_FY, ...plan.PLAN_YEARS]
  const total = new Map<number, Decimal>()
  for (const g of plan.WORKFORCE) {
    const costs = payCostByYear(
      g.baseSalary,
      years.map((fy) => {
        const y = g.years[fy]
        if (!y) throw new Error(`No ${g.name} figures for ${fy}`)
        const pct = (v: string) => new Decimal(v).dividedBy(100)
        return {
          fte: y.fte,
          award: pct(y.award),
          niRate: pct(y.ni),
          pensionRate: pct(y.pension),
          vacancyFactor: pct(y.vacancy),
        }
      }),
    )
    years.forEach((fy, i) => total.set(fy, (total.get(fy) ?? new Decimal(0)).plus(payBudget(costs[i]?.cost ?? 0))))
  }
  return total
}

/** The demo plan: its lines, workforce and savings; "other pressures" sized so net spending meets each year's budget. */
async function mtfp(trx: Knex.Transaction): Promise<void> {
  const baseFy = plan.PLAN_BASE_FY
  const base = toPence(ill.SPENDING_BEFORE_INCOME[baseFy] ?? '0') - toPence(ill.LOCAL_INCOME[baseFy] ?? '0')
  const planId = await insertId(trx, 'mtfp_plans', {
    first_fy: plan.PLAN_FIRST_FY,
    status: 'adopted',
    base_pence: base.toString(),
    base_local_income_pence: toPence(ill.LOCAL_INCOME[baseFy] ?? '0').toString(),
    base_source: `The net revenue budget of ${fyLabel(baseFy)} (illustrative)`,
    note: 'Demo plan: the published figures are Kent’s; every other figure is an illustrative assumption. The published budget is spending before local income, so the net revenue budget is that less local income; the 2021/22 £409.3m is spending before local income and before its £6.5m of savings; the published figures are rounded to £0.1m.',
    adopted_at: '2017-02-06T12:00:00.000Z',
    adopted_by: 'Chief Finance Officer (demo)',
    illustrative: true,
  })
  const savings = new Map<number, { recurring: Decimal; oneOff: Decimal }>()
  for (const sv of plan.SAVINGS) {
    const at = savings.get(sv.fy) ?? { recurring: new Decimal(0), oneOff: new Decimal(0) }
    if (sv.recurring) at.recurring = at.recurring.plus(sv.amount)
    else at.oneOff = at.oneOff.plus(sv.amount)
    savings.set(sv.fy, at)
  }
  const reserves = new Map<number, { use: Decimal; contribution: Decimal }>()
  for (const r of ill.DEMO_RESERVES.filter((x) => x.inBudget)) {
    for (const [fy, f] of Object.entries(r.flows)) {
      const at = reserves.get(Number(fy)) ?? { use: new Decimal(0), contribution: new Decimal(0) }
      reserves.set(Number(fy), {
        use: at.use.plus(f.use ?? 0),
        contribution: at.contribution.plus(f.contribution ?? 0),
      })
    }
  }
  const first = reserves.get(plan.PLAN_FIRST_FY) ?? { use: new Decimal(0), contribution: new Decimal(0) }
  reserves.set(plan.PLAN_FIRST_FY, { ...first, contribution: first.contribution.plus(preceptRounding()) })
  const lines: PlanLineData[] = plan.PLAN_LINES.map((l) => ({
    kind: l.kind,
    name: l.name,
    oneOff: l.oneOff ?? false,
    amounts: new Map(Object.entries(l.amounts).map(([fy, a]) => [Number(fy), a.amount])),
  }))
  const { inputs } = planInputs({
    years: plan.PLAN_YEARS,
    base: new Decimal(base.toString()).dividedBy(100),
    baseLocalIncome: ill.LOCAL_INCOME[baseFy] ?? '0',
    lines,
    payCost: demoPayCost(),
    savings,
    reserves,
    // The capital programme's cost to the revenue budget (seeded before the plan), as the plan will read it.
    capitalCosts: await capitalCosts(trx, plan.PLAN_YEARS[plan.PLAN_YEARS.length - 1] ?? plan.PLAN_FIRST_FY),
    // The precept set for each year, and the billing authorities' collection fund, as the plan will read them.
    precept: new Map(plan.PLAN_YEARS.flatMap((fy) => (pc.demoPrecept(fy) ? [[fy, pc.demoPrecept(fy) ?? '0']] : []))),
    collectionFund: new Map(
      plan.PLAN_YEARS.flatMap((fy) => (pc.TAX_BASE[fy] ? [[fy, pc.TAX_BASE[fy].collectionFund]] : [])),
    ),
  })
  // Other pressures: each year's target less the year before's, less every other change.
  const balancing: Record<number, plan.DemoAmount> = {}
  let previous = new Decimal(base.toString()).dividedBy(100)
  for (const y of inputs) {
    const target = new Decimal(plan.PLAN_NET_SPENDING[y.fyStart] ?? 0)
    const others = new Decimal(y.payInflation).plus(y.nonPayInflation).plus(y.growth).minus(y.savings)
    balancing[y.fyStart] = { amount: target.minus(previous).minus(others).toString() }
    previous = target
  }
  const all = [
    ...plan.PLAN_LINES,
    { kind: 'growth' as const, name: plan.BALANCING_LINE.name, note: plan.BALANCING_LINE.note, amounts: balancing },
  ]
  for (const [i, l] of all.entries()) {
    const lineId = await insertId(trx, 'mtfp_lines', {
      plan_id: planId,
      kind: l.kind,
      name: l.name,
      one_off: 'oneOff' in l ? (l.oneOff ?? false) : false,
      sort: i,
      note: l.note ?? null,
    })
    const amounts: [string, plan.DemoAmount][] = Object.entries(l.amounts)
    for (const [fy, a] of amounts) {
      await trx('mtfp_amounts').insert({
        line_id: lineId,
        fy_start: Number(fy),
        amount_pence: toPence(a.amount).toString(),
        status: l.kind === 'grant' ? (a.status ?? 'provisional') : null,
        basis: a.source ? 'published' : 'assumption',
        source: a.source ?? null,
        illustrative: !a.source || (a.splitOfPublished ?? false),
      })
    }
  }
  for (const [i, g] of plan.WORKFORCE.entries()) {
    const groupId = await insertId(trx, 'workforce_groups', {
      plan_id: planId,
      code: g.code,
      name: g.name,
      base_salary_pence: toPence(g.baseSalary).toString(),
      sort: i,
      source: 'Average salaries, rates and vacancy factors are illustrative',
      illustrative: true,
    })
    for (const [fy, y] of Object.entries(g.years)) {
      await trx('workforce_years').insert({
        group_id: groupId,
        fy_start: Number(fy),
        fte: y.fte,
        award_percent: y.award,
        ni_percent: y.ni,
        pension_percent: y.pension,
        vacancy_percent: y.vacancy,
        source: y.source ?? null,
        illustrative: !y.source,
      })
    }
  }
  const baseLines: { id: number; name: string }[] = await trx('budget_lines')
    .whereNull('programme_id')
    .select('id', 'name')
  const lineIds = new Map(baseLines.map((r) => [r.name, Number(r.id)]))
  for (const sv of plan.SAVINGS) {
    await trx('savings').insert({
      code: sv.code,
      name: sv.name,
      owner: sv.owner,
      fy_start: sv.fy,
      amount_pence: toPence(sv.amount).toString(),
      recurring: sv.recurring,
      confidence: sv.confidence,
      delivered: Boolean(sv.delivered),
      delivered_line_id: sv.delivered ? (lineIds.get(sv.delivered.line) ?? null) : null,
      delivered_fy: sv.delivered?.fy ?? null,
      source: sv.source ?? null,
      illustrative: true,
    })
  }
}

/** Financing rows for one line's year: one row a source (a receipt use names its receipt). */
function financingRows(
  lineId: number,
  fy: number,
  at: { financing: capital.Financing; receiptFor: (fy: number) => number | null; reserveId: number | null },
) {
  return Object.entries(at.financing).map(([source, pounds]) => ({
    budget_line_id: lineId,
    fy_start: fy,
    source,
    amount_pence: toPence(pounds).toString(),
    capital_receipt_id: source === 'capital_receipts' ? at.receiptFor(fy) : null,
    reserve_id: source === 'reserves' ? at.reserveId : null,
    illustrative: true,
  }))
}

/** The capital programme's financing (demo/capital.ts): asset classes, untagged schemes, receipts, the loan,
 * investment income and the opening CFR. After the ledger codes and actuals: the untagged schemes have neither. */
async function capitalFinancing(trx: Knex.Transaction, ids: Awaited<ReturnType<typeof reference>>): Promise<void> {
  const classes: Ids = {}
  for (const c of capital.ASSET_CLASSES)
    classes[c.code] = await insertId(trx, 'asset_classes', {
      code: c.code,
      name: c.name,
      life_years: c.life,
      mrp_method: c.method,
      annuity_rate_percent: 'rate' in c ? c.rate : null,
      source: 'Illustrative asset life and MRP policy',
      illustrative: true,
    })
  const decision = await trx('decisions').where('reference', 'OPCC.D.033.23').first<{ id: number } | undefined>('id')
  const receipts: { id: number; fy: number }[] = []
  for (const r of capital.RECEIPTS) {
    const id = await insertId(trx, 'capital_receipts', {
      description: r.description,
      fy_received: r.fy,
      amount_pence: r.amount === null ? null : toPence(r.amount).toString(),
      decision_id: r.decision ? (decision?.id ?? null) : null,
      source: r.source ?? null,
      illustrative: !r.source,
    })
    if (r.amount !== null) receipts.push({ id, fy: r.fy })
  }
  const receiptFor = (fy: number) => receipts.filter((r) => r.fy <= fy).at(-1)?.id ?? null
  const reserve = await trx('reserves').where('code', 'capital').first<{ id: number } | undefined>('id')
  const at = (financing: capital.Financing) => ({ financing, receiptFor, reserveId: reserve?.id ?? null })
  for (const t of capital.TAGGED_FINANCING) {
    const line = await trx('budget_lines').where('name', t.line).first<{ id: number }>('id')
    await trx('budget_lines').where('id', line.id).update({ asset_class_id: classes[t.assetClass] })
    for (const [fy, f] of Object.entries(t.years))
      await trx('capital_financing').insert(financingRows(Number(line.id), Number(fy), at(f)))
  }
  for (const u of capital.UNTAGGED_SCHEMES) {
    const id = await insertId(trx, 'budget_lines', {
      name: u.name,
      programme_id: null,
      budget_owner_id: ids.owners.capital_programme,
      spend_type_id: ids.types[u.spendType],
      nature: 'capital',
      recurrence: 'one_off',
      funding_source_id: null,
      asset_class_id: classes[u.assetClass],
      note: 'Illustrative scheme of the capital programme, not tagged to a programme.',
      source_document_id: ids.docs['published-kent-budgets'],
      source_reference: 'Illustrative',
      illustrative: true,
    })
    for (const [fy, y] of Object.entries(u.years)) {
      const { budget, ...financing } = y
      await trx('budget_amounts').insert({
        budget_line_id: id,
        fy_start: Number(fy),
        amount_pence: toPence(budget).toString(),
      })
      await trx('capital_financing').insert(financingRows(id, Number(fy), at(financing)))
    }
  }
  for (const l of capital.LOANS)
    await trx('loans').insert({
      name: l.name,
      lender: l.lender,
      principal_pence: toPence(l.principal).toString(),
      rate_percent: l.rate,
      taken_fy: l.taken,
      repaid_fy: l.repaid,
      source: 'Illustrative',
      illustrative: true,
    })
  for (const [fy, pounds] of Object.entries(capital.INVESTMENT_INCOME))
    await trx('treasury_years').insert({
      fy_start: Number(fy),
      investment_income_pence: toPence(pounds).toString(),
      source: 'Illustrative',
      illustrative: true,
    })
  await trx('capital_settings').insert({
    id: 1,
    opening_fy: capital.OPENING_CFR.fy,
    opening_cfr_pence: toPence(capital.OPENING_CFR.amount).toString(),
    opening_cfr_life_years: capital.OPENING_CFR.life,
    source: 'Illustrative: the CFR from capital spend before 2015/16, charged straight line over 25 years',
    illustrative: true,
  })
}

/** The budget year's precept raises a little more than the plan's precept line (Band D is rounded to the penny): the
 * surplus goes to the general reserve, so the budget year balances to the penny. */
function preceptRounding(): Decimal {
  const fy = plan.PLAN_FIRST_FY
  const line = plan.PLAN_LINES.find((l) => l.kind === 'precept')?.amounts[fy]?.amount ?? '0'
  return new Decimal(pc.demoPrecept(fy) ?? line).minus(line)
}

/** The precept (demo/precept.ts): the billing authorities with their tax base and collection fund by year, the
 * referendum principles, the Panel, each year's Band D (the 2017/18 process in full), and the section 25 statement. */
async function precepts(trx: Knex.Transaction): Promise<void> {
  const authorities: { id: number; code: string; share: string }[] = []
  for (const [i, a] of pc.BILLING_AUTHORITIES.entries())
    authorities.push({
      id: await insertId(trx, 'billing_authorities', { code: a.code, name: a.name, sort: i, illustrative: true }),
      code: a.code,
      share: a.share,
    })
  const weights = authorities.map((a) => ({ code: a.code, taxBase: a.share }))
  for (const [fy, t] of Object.entries(pc.TAX_BASE)) {
    const bases = billingShares(t.total, weights)
    const funds = billingShares(t.collectionFund, weights)
    for (const a of authorities)
      await trx('tax_bases').insert({
        billing_authority_id: a.id,
        fy_start: Number(fy),
        tax_base_hundredths: toPence(bases.get(a.code) ?? 0).toString(),
        collection_fund_pence: toPence(funds.get(a.code) ?? 0).toString(),
        declared_on: t.declaredOn,
        source: 'Illustrative: the demo tax base split between the billing authorities',
        illustrative: true,
      })
  }
  for (const [fy, r] of Object.entries(pc.REFERENDUM_PRINCIPLES))
    await trx('referendum_principles').insert({
      fy_start: Number(fy),
      percent: r.percent ?? null,
      pounds_pence: r.pounds ? toPence(r.pounds).toString() : null,
      source: pc.PRINCIPLE_SOURCE,
      note: r.note ?? null,
    })
  await trx('panel_settings').insert({ id: 1, members_in_office: pc.PANEL.membersInOffice, source: pc.PANEL.source })
  for (const [fy, bandD] of Object.entries(pc.BAND_D)) {
    const p = pc.PROCESS_2017
    const full = Number(fy) === p.fy
    await trx('precepts').insert({
      fy_start: Number(fy),
      issued_band_d_pence: toPence(bandD).toString(),
      source: pc.BAND_D_SOURCE,
      ...(full
        ? {
            proposed_band_d_pence: toPence(bandD).toString(),
            proposed_as_typed: p.proposedAsTyped,
            notified_on: p.notifiedOn,
            panel_report_on: p.panelReportOn,
            panel_decision: 'supported',
            members_in_office: p.membersInOffice,
            issued_on: p.issuedOn,
            response: p.response,
            response_on: p.responseOn,
            note: p.note,
            illustrative: true,
          }
        : {}),
    })
  }
  const s25 = pc.SECTION_25_2017
  await trx('section25_statements').insert({
    fy_start: pc.PROCESS_2017.fy,
    robustness: s25.robustness,
    reserves_adequacy: s25.reservesAdequacy,
    reserves_risks: s25.reservesRisks,
    signed_by: s25.signedBy,
    signed_on: s25.signedOn,
    illustrative: true,
  })
}

export async function seed(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    for (const table of TABLES_IN_DELETE_ORDER) await trx(table).del()
    const ids = await reference(trx)
    const { lines, programmeIds } = await programmes(trx, ids)
    const programmeRevenue = new Map<number, bigint>()
    const revenueLines = PROGRAMMES.flatMap((p) => p.lines).filter((l) => l.nature === 'revenue')
    for (const l of revenueLines) {
      for (const [fy, pounds] of Object.entries(l.amounts))
        programmeRevenue.set(Number(fy), (programmeRevenue.get(Number(fy)) ?? 0n) + toPence(pounds))
    }
    const base = await wholeBudget(trx, ids, programmeRevenue)
    await decisions(trx, ids.docs, programmeIds)
    await appraisalInputs(trx, programmeIds)
    const count = await illustrativeFigures(trx, [...lines, ...base])
    await accounts(trx)
    await ledgerCodes(trx)
    await reserves(trx)
    await capitalFinancing(trx, ids)
    await precepts(trx)
    await mtfp(trx)
    await seedBudgetChanges(trx)
    await seedPanelPacks(trx)
    await seedRegisters(trx)
    await trx('audit_events').insert({
      actor: 'seed: demo office',
      action: 'seed',
      table_name: '*',
      row_id: '*',
      field: null,
      from_value: null,
      to_value: `Demo office loaded: ${lines.length + base.length} budget lines, ${count} illustrative transactions`,
      reason: 'Demo data (seeds/01_demo_office.ts)',
    })
  })
}
