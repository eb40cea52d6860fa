// Every record a form edits: its table, the columns a form may change with the words the audit trail uses for
// them, its children, and the record's name in words. The record module (`records.ts`) does the rest.
import { GRANT_KIND_WORDS } from '../domain/registers'
import { ROLE_NAMES } from '../domain/access'
import { SIGNOFF_ROLE_NAMES, type SignoffRole } from '../domain/decisions'
import { fyLabel } from '../domain/financial-year'
import {
  BASIS_WORDS,
  BENEFIT_KIND_WORDS,
  CLASSIFICATION_WORDS,
  FUNDING_KIND_WORDS,
  NATURE_WORDS,
  PROGRAMME_STATUS_WORDS,
  RECURRENCE_WORDS,
  YEAR_STATUS_WORDS,
} from '../domain/words'
import type { ChildSpec, RecordSpec, Row } from './records'

const str = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? v.toString() : ''
const num = (v: unknown) => Number(str(v))
const programmeOf = (row: Row) =>
  row.programme_id === null || row.programme_id === undefined ? null : num(row.programme_id)

export const programmes: RecordSpec = {
  table: 'programmes',
  columns: {
    code: { label: 'Code' },
    name: { label: 'Name' },
    description: { label: 'Description' },
    status: { label: 'Status', format: { names: PROGRAMME_STATUS_WORDS } },
    invest_to_save: { label: 'Invest to save', format: 'yesno' },
  },
  label: (row) => `Programme ${str(row.name)} (${str(row.code)})`,
  programme: (row) => (row.id === undefined ? null : num(row.id)),
}

/** The appraisal settings kept on a programme (issue #4). */
export const appraisalSettings: RecordSpec = {
  ...programmes,
  columns: {
    claimed_payback_years: { label: 'Claimed payback (years)' },
    claimed_payback_source: { label: 'Source of the claimed payback' },
    inflation_rate: { label: 'Inflation assumption', format: 'percent' },
    inflation_source: { label: 'Source of the inflation assumption' },
  },
}

export const budgetAmounts: ChildSpec = {
  table: 'budget_amounts',
  scope: ['budget_line_id'],
  key: ['fy_start'],
  columns: { amount_pence: { label: 'Budget', format: 'money' } },
  describe: (row) => `Budget ${fyLabel(num(row.fy_start))}`,
  bumpsVersion: true,
}

export const budgetLines: RecordSpec = {
  table: 'budget_lines',
  scope: ['programme_id'],
  columns: {
    name: { label: 'Name' },
    nature: { label: 'Capital or revenue', format: { names: NATURE_WORDS } },
    recurrence: { label: 'One-off or recurring', format: { names: RECURRENCE_WORDS } },
    budget_owner_id: { label: 'Budget owner', format: { ref: 'budget_owners', show: 'name' } },
    spend_type_id: { label: 'Type of spend', format: { ref: 'spend_types', show: 'name' } },
    funding_source_id: { label: 'Funding source', format: { ref: 'funding_sources', show: 'name' } },
    note: { label: 'Note' },
    source_reference: { label: 'Source reference' },
  },
  label: (row) => `Cost line “${str(row.name)}”`,
  programme: programmeOf,
}

/** A line's budget for one year is the record its monthly profile is saved against (its version guards it). */
export const budgetYear: RecordSpec = {
  table: 'budget_amounts',
  retires: false,
  columns: {},
  label: (row) => `${fyLabel(num(row.fy_start))} profile of cost line ${str(row.budget_line_id)}`,
}

export const budgetProfiles: ChildSpec = {
  table: 'budget_profiles',
  scope: ['budget_line_id', 'fy_start'],
  key: ['period'],
  columns: {
    amount_pence: { label: 'Amount', format: 'money' },
    illustrative: { label: 'Illustrative', format: 'yesno' },
  },
  describe: (row) => `Profile ${fyLabel(num(row.fy_start))} P${str(row.period)}`,
}

export const forecasts: RecordSpec = {
  table: 'forecasts',
  retires: false,
  scope: ['budget_line_id', 'fy_start', 'made_in_period'],
  columns: {
    amount_pence: { label: 'Forecast outturn', format: 'money' },
    note: { label: 'Note' },
    illustrative: { label: 'Illustrative', format: 'yesno' },
  },
  label: (row) => `Forecast outturn ${fyLabel(num(row.fy_start))} made in P${str(row.made_in_period)}`,
}

export const decisions: RecordSpec = {
  table: 'decisions',
  columns: {
    reference: { label: 'Reference' },
    title: { label: 'Title' },
    summary: { label: 'Summary' },
    decision_text: { label: 'Decision' },
    decided_when: { label: 'When decided' },
    classification: { label: 'Open or confidential', format: { names: CLASSIFICATION_WORDS } },
    published_to_panel: { label: 'Published to the Panel', format: 'yesno' },
    originator: { label: 'Originator' },
  },
  label: (row) =>
    row.reference ? `Decision ${str(row.reference)}` : `Decision “${str(row.title)}” (no reference number)`,
}

export const decisionSignoffs: ChildSpec = {
  table: 'decision_signoffs',
  scope: ['decision_id'],
  key: ['role'],
  columns: {
    signed_as_written: { label: 'date as written' },
    signed_on: { label: 'date read as', format: 'date' },
    comments: { label: 'comments' },
  },
  describe: (row) => `${SIGNOFF_ROLE_NAMES[row.role as SignoffRole]} sign-off`,
}

export const decisionLinks: ChildSpec = {
  table: 'decision_programmes',
  scope: ['decision_id'],
  key: ['programme_id'],
  columns: { note: { label: 'note' } },
  describe: async (row, db) => {
    const p = await db('programmes')
      .where('id', num(row.programme_id))
      .first<{ code: string; name: string } | undefined>('code', 'name')
    return `Linked programme ${p ? `${p.name} (${p.code})` : str(row.programme_id)}`
  },
}

export const decisionCommitments: ChildSpec = {
  table: 'decision_commitments',
  scope: ['decision_id'],
  key: ['fy_start'],
  columns: { amount_pence: { label: 'amount', format: 'money' }, note: { label: 'note' } },
  describe: (row) =>
    `Commitment ${row.fy_start === null || row.fy_start === undefined ? '(no year given)' : fyLabel(num(row.fy_start))}`,
}

export const benefits: RecordSpec = {
  table: 'benefits',
  scope: ['programme_id'],
  columns: {
    kind: { label: 'Cashable or non-cashable', format: { names: BENEFIT_KIND_WORDS } },
    description: { label: 'Description' },
    fy_start: { label: 'Year', format: 'fy' },
    amount_pence: { label: 'Amount', format: 'money' },
    hours: { label: 'Hours saved' },
    note: { label: 'Note' },
    basis: { label: 'Where the figure comes from', format: { names: BASIS_WORDS } },
  },
  label: (row) => `Benefit “${str(row.description)}”`,
  programme: programmeOf,
}

export const fundingSources: RecordSpec = {
  table: 'funding_sources',
  columns: {
    code: { label: 'Code' },
    name: { label: 'Name' },
    kind: { label: 'Kind', format: { names: FUNDING_KIND_WORDS } },
    note: { label: 'Note' },
  },
  label: (row) => `Funding source “${str(row.name)}”`,
}

export const timeSavedAssumptions: RecordSpec = {
  table: 'time_saved_assumptions',
  scope: ['programme_id'],
  columns: {
    description: { label: 'Description' },
    hours_per_shift: { label: 'Hours saved per shift' },
    hours_per_shift_source: { label: 'Source of the hours per shift' },
    shifts_per_officer_per_year: { label: 'Shifts per officer per year' },
    shifts_source: { label: 'Source of the shifts' },
    officers: { label: 'Officers with the tool' },
    officers_source: { label: 'Source of the officers' },
    cost_per_hour_pence: { label: 'Cost per hour', format: 'money' },
    cost_per_hour_source: { label: 'Source of the cost per hour' },
    productive_hours_per_fte: { label: 'Productive hours per FTE' },
    productive_hours_source: { label: 'Source of the productive hours' },
    from_fy: { label: 'First year', format: 'fy' },
    to_fy: { label: 'Last year', format: 'fy' },
  },
  label: (row) => `Time-saved assumption “${str(row.description)}”`,
  programme: programmeOf,
}

export const benefitRealisations: RecordSpec = {
  table: 'benefit_realisations',
  scope: ['programme_id'],
  columns: {
    fy_start: { label: 'Year realised', format: 'fy' },
    cashable_pence: { label: 'Cashable saving', format: 'money' },
    hours: { label: 'Hours saved' },
    banked_budget_line_id: { label: 'Banked from the cost line', format: { ref: 'budget_lines', show: 'name' } },
    banked_fy: { label: 'Banked in year', format: 'fy' },
    decision_id: { label: 'Decision', format: { ref: 'decisions', show: 'title' } },
    note: { label: 'Note' },
  },
  label: (row) => `Realised benefit ${row.fy_start === undefined ? '' : fyLabel(num(row.fy_start))}`.trim(),
  programme: programmeOf,
}

export const financialYears: RecordSpec = {
  table: 'financial_years',
  idColumn: 'fy_start',
  versioned: false,
  retires: false,
  columns: {
    status: { label: 'Status', format: { names: YEAR_STATUS_WORDS } },
    reopened: { label: 'Reopened for changes after closing', format: 'yesno' },
    original_frozen_at: { label: 'Original budget frozen on', format: 'date' },
    original_decision_id: {
      label: 'Original budget frozen by decision',
      format: { ref: 'decisions', show: 'reference' },
    },
    closed_at: { label: 'Outturn closed on', format: 'date' },
    closed_by_name: { label: 'Outturn closed by' },
  },
  label: (row) => `Financial year ${fyLabel(num(row.fy_start))}`,
}

export const users: RecordSpec = {
  table: 'users',
  retires: false,
  columns: {
    email: { label: 'Email' },
    name: { label: 'Name' },
    role: { label: 'Role', format: { names: ROLE_NAMES } },
    password_hash: { label: 'Password', format: 'secret' },
    approval_limit_pence: { label: 'Approval limit', format: 'money' },
    active: { label: 'Active', format: 'yesno' },
  },
  label: (row) => `Account ${str(row.email)}`,
}

export const userBudgetOwners: ChildSpec = {
  table: 'user_budget_owners',
  scope: ['user_id'],
  key: ['budget_owner_id'],
  columns: {},
  hasId: false,
  describe: async (row, db) => {
    const o = await db('budget_owners')
      .where('id', num(row.budget_owner_id))
      .first<{ name: string } | undefined>('name')
    return `May approve changes for ${o?.name ?? str(row.budget_owner_id)}`
  },
}

/** A manual journal (an accrual or a correction) entered against a cost line and period: a ledger transaction. */
export const manualJournals: RecordSpec = {
  table: 'spend_transactions',
  versioned: false,
  retires: false,
  scope: ['budget_line_id'],
  columns: {
    ledger_ref: { label: 'Ledger reference' },
    posted_on: { label: 'Posted on', format: 'date' },
    fy_start: { label: 'Year', format: 'fy' },
    period: { label: 'Period', format: 'period' },
    amount_pence: { label: 'Amount', format: 'money' },
    description: { label: 'Description' },
    supplier: { label: 'Supplier' },
  },
  label: (row) => `Manual journal ${str(row.ledger_ref)}`,
}

/** A ledger code: a cost centre and account (subjective) code of the finance ledger, mapped to a budget line. */
export const ledgerCodes: RecordSpec = {
  table: 'ledger_codes',
  columns: {
    cost_centre: { label: 'Cost centre' },
    account_code: { label: 'Account code' },
    budget_line_id: { label: 'Budget line', format: { ref: 'budget_lines', show: 'name' } },
    note: { label: 'Note' },
  },
  label: (row) => `Ledger code ${str(row.cost_centre)} / ${str(row.account_code)}`,
}

/** A reserve's planned contribution and use in a year. */
export const reserveFlows: ChildSpec = {
  table: 'reserve_flows',
  scope: ['reserve_id'],
  key: ['fy_start'],
  columns: {
    contribution_pence: { label: 'contribution', format: 'money' },
    use_pence: { label: 'use', format: 'money' },
  },
  describe: (row) => `Reserve ${fyLabel(num(row.fy_start))}`,
}

/** A reserve: general or earmarked, with its purpose, opening balance and (general) minimum policy. */
export const reserves: RecordSpec = {
  table: 'reserves',
  scope: ['code'],
  columns: {
    name: { label: 'Name' },
    purpose: { label: 'Purpose' },
    opening_pence: { label: 'Opening balance', format: 'money' },
    minimum_percent: { label: 'Minimum, % of the net revenue budget' },
    minimum_basis: { label: 'Justification of the minimum' },
    in_budget: { label: 'Funds the revenue budget', format: 'yesno' },
    kind: { label: 'General or earmarked' },
    opening_fy: { label: 'Opening year', format: 'fy' },
  },
  label: (row) => `Reserve “${str(row.name)}”`,
}

const PLAN_STATUS_WORDS = { draft: 'Draft', adopted: 'Adopted', superseded: 'Superseded' } as const
const GRANT_STATUS_WORDS = { provisional: 'Provisional', final: 'Final' } as const
const FIGURE_BASIS_WORDS = { published: 'Published', assumption: 'Assumption' } as const
const CONFIDENCE_WORDS = { green: 'Green: on track', amber: 'Amber: at risk', red: 'Red: unlikely' } as const

/** A medium-term financial plan: its status and base (issue #10). */
export const mtfpPlans: RecordSpec = {
  table: 'mtfp_plans',
  retires: false,
  scope: ['rolled_from'],
  columns: {
    first_fy: { label: 'First year', format: 'fy' },
    status: { label: 'Status', format: { names: PLAN_STATUS_WORDS } },
    base_pence: { label: 'Base (net revenue budget of the year before)', format: 'money' },
    base_local_income_pence: { label: 'Local income of the year before', format: 'money' },
    base_source: { label: 'Source of the base' },
    note: { label: 'Note' },
    adopted_by: { label: 'Adopted by' },
    illustrative: { label: 'Illustrative', format: 'yesno' },
  },
  label: (row) => `Medium-term financial plan from ${fyLabel(num(row.first_fy))}`,
}

/** A plan line's amount in one year: the amount, whether published, its source and (a grant) its status. */
export const mtfpAmounts: ChildSpec = {
  table: 'mtfp_amounts',
  scope: ['line_id'],
  key: ['fy_start'],
  columns: {
    amount_pence: { label: 'amount', format: 'money' },
    basis: { label: 'published or assumption', format: { names: FIGURE_BASIS_WORDS } },
    source: { label: 'source' },
    status: { label: 'provisional or final', format: { names: GRANT_STATUS_WORDS } },
    illustrative: { label: 'illustrative', format: 'yesno' },
  },
  describe: (row) => `Plan ${fyLabel(num(row.fy_start))}`,
}

/** A line of a plan: a grant, the precept, the collection fund, local income, or a change to spending. */
export const mtfpLines: RecordSpec = {
  table: 'mtfp_lines',
  scope: ['plan_id', 'kind', 'sort'],
  columns: {
    name: { label: 'Name' },
    one_off: { label: 'One-off', format: 'yesno' },
    note: { label: 'Note' },
  },
  label: (row) => `Plan line “${str(row.name)}”`,
}

/** A workforce group's figures in one year. */
export const workforceYears: ChildSpec = {
  table: 'workforce_years',
  scope: ['group_id'],
  key: ['fy_start'],
  columns: {
    fte: { label: 'FTE' },
    award_percent: { label: 'pay award %' },
    ni_percent: { label: 'NI %' },
    pension_percent: { label: 'pension %' },
    vacancy_percent: { label: 'vacancy factor %' },
    source: { label: 'source' },
    illustrative: { label: 'illustrative', format: 'yesno' },
  },
  describe: (row) => `Workforce ${fyLabel(num(row.fy_start))}`,
}

/** A workforce group of a plan (officers, PCSOs, staff). */
export const workforceGroups: RecordSpec = {
  table: 'workforce_groups',
  retires: false,
  scope: ['plan_id', 'code', 'sort'],
  columns: {
    name: { label: 'Name' },
    base_salary_pence: { label: 'Average salary at the start', format: 'money' },
    source: { label: 'Source' },
    illustrative: { label: 'Illustrative', format: 'yesno' },
  },
  label: (row) => `Workforce group “${str(row.name)}”`,
}

/** A scheme of the savings register. */
export const savings: RecordSpec = {
  table: 'savings',
  scope: ['code'],
  columns: {
    name: { label: 'Name' },
    owner: { label: 'Owner' },
    fy_start: { label: 'From', format: 'fy' },
    amount_pence: { label: 'Saving a year', format: 'money' },
    recurring: { label: 'Recurring', format: 'yesno' },
    confidence: { label: 'Delivery confidence', format: { names: CONFIDENCE_WORDS } },
    delivered: { label: 'Delivered', format: 'yesno' },
    delivered_line_id: { label: 'Came off budget line', format: { ref: 'budget_lines', show: 'name' } },
    delivered_fy: { label: 'Came off in', format: 'fy' },
    source: { label: 'Source' },
    note: { label: 'Note' },
  },
  label: (row) => `Saving “${str(row.name)}”`,
}

const FINANCING_SOURCE_WORDS: Record<string, string> = {
  capital_receipts: 'capital receipts',
  capital_grants: 'capital grants',
  revenue_contributions: 'revenue contributions',
  reserves: 'reserves',
  borrowing: 'borrowing',
}

/** A capital line's financing in a year from one source (issue #11). */
export const capitalFinancing: ChildSpec = {
  table: 'capital_financing',
  scope: ['budget_line_id'],
  key: ['fy_start', 'source'],
  columns: {
    amount_pence: { label: 'amount', format: 'money' },
    capital_receipt_id: { label: 'receipt', format: { ref: 'capital_receipts', show: 'description' } },
    reserve_id: { label: 'reserve', format: { ref: 'reserves', show: 'name' } },
  },
  describe: (row) =>
    `Financing ${fyLabel(num(row.fy_start))}, ${FINANCING_SOURCE_WORDS[str(row.source)] ?? str(row.source)}`,
}

/** A capital line's asset class (its MRP policy), changed with its financing. */
export const capitalLines: RecordSpec = {
  ...budgetLines,
  columns: { asset_class_id: { label: 'Asset class', format: { ref: 'asset_classes', show: 'name' } } },
}

/** A capital receipt (issue #11): received once, in a year; its amount may be not yet given. */
export const capitalReceipts: RecordSpec = {
  table: 'capital_receipts',
  columns: {
    description: { label: 'Description' },
    fy_received: { label: 'Received in', format: 'fy' },
    amount_pence: { label: 'Amount', format: 'money' },
    decision_id: { label: 'Decision', format: { ref: 'decisions', show: 'reference' } },
    source: { label: 'Source' },
  },
  label: (row) => `Capital receipt “${str(row.description)}”`,
}

/** A loan taken (external debt). */
export const loans: RecordSpec = {
  table: 'loans',
  columns: {
    name: { label: 'Name' },
    lender: { label: 'Lender' },
    principal_pence: { label: 'Principal', format: 'money' },
    rate_percent: { label: 'Rate %' },
    taken_fy: { label: 'Taken in', format: 'fy' },
    repaid_fy: { label: 'Repaid in', format: 'fy' },
    source: { label: 'Source' },
  },
  label: (row) => `Loan “${str(row.name)}”`,
}

/** Investment income in a year. */
export const treasuryYears: ChildSpec = {
  table: 'treasury_years',
  scope: [],
  key: ['fy_start'],
  hasId: false,
  columns: { investment_income_pence: { label: 'investment income', format: 'money' } },
  describe: (row) => `Treasury ${fyLabel(num(row.fy_start))}`,
}

/** The opening CFR and its MRP life (one row). */
export const capitalSettings: RecordSpec = {
  table: 'capital_settings',
  retires: false,
  columns: {
    opening_fy: { label: 'Opening year', format: 'fy' },
    opening_cfr_pence: { label: 'Opening CFR', format: 'money' },
    opening_cfr_life_years: { label: 'Years its MRP is charged over' },
    source: { label: 'Source' },
  },
  label: () => 'Capital financing settings',
}

const MRP_METHOD_WORDS = { straight_line: 'Straight line', annuity: 'Annuity' } as const

/** An asset class and its MRP policy. */
export const assetClasses: RecordSpec = {
  table: 'asset_classes',
  scope: ['code'],
  columns: {
    name: { label: 'Name' },
    life_years: { label: 'Life (years)' },
    mrp_method: { label: 'MRP method', format: { names: MRP_METHOD_WORDS } },
    annuity_rate_percent: { label: 'Annuity rate %' },
    source: { label: 'Source' },
  },
  label: (row) => `Asset class “${str(row.name)}”`,
}

/** A billing authority that declares a tax base and collection fund each year (issue #12). */
export const billingAuthorities: RecordSpec = {
  table: 'billing_authorities',
  scope: ['code'],
  columns: { name: { label: 'Name' }, sort: { label: 'Order' } },
  label: (row) => `Billing authority ${str(row.name)}`,
}

/** A billing authority's declaration for a year: its tax base and its collection fund surplus or deficit. */
export const taxBases: RecordSpec = {
  table: 'tax_bases',
  retires: false,
  scope: ['billing_authority_id', 'fy_start'],
  columns: {
    tax_base_hundredths: { label: 'Tax base (Band D equivalents)', format: 'hundredths' },
    collection_fund_pence: { label: 'Collection fund surplus (deficit)', format: 'money' },
    declared_on: { label: 'Declared on', format: 'date' },
    source: { label: 'Source' },
  },
  label: (row) => `Tax base ${fyLabel(num(row.fy_start))} of billing authority ${str(row.billing_authority_id)}`,
}

/** The year's council tax referendum principle for the office. */
export const referendumPrinciples: RecordSpec = {
  table: 'referendum_principles',
  idColumn: 'fy_start',
  retires: false,
  columns: {
    percent: { label: 'Percent limit' },
    pounds_pence: { label: 'Pound limit on Band D', format: 'money' },
    source: { label: 'Source' },
    note: { label: 'Note' },
  },
  label: (row) => `Referendum principle ${fyLabel(num(row.fy_start))}`,
}

/** How many members of the Police and Crime Panel are in office. */
export const panelSettings: RecordSpec = {
  table: 'panel_settings',
  retires: false,
  columns: { members_in_office: { label: 'Members in office' }, source: { label: 'Source' } },
  label: () => 'The Police and Crime Panel',
}

const PANEL_DECISION_WORDS = {
  supported: 'Supported the proposal',
  recommended: 'Recommended another figure',
  vetoed_too_high: 'Vetoed as too high',
  vetoed_too_low: 'Vetoed as too low',
} as const

/** A year's precept through the statutory process: each step an audited change of the record. */
export const precepts: RecordSpec = {
  table: 'precepts',
  idColumn: 'fy_start',
  retires: false,
  columns: {
    proposed_band_d_pence: { label: 'Proposed Band D', format: 'money' },
    proposed_as_typed: { label: 'Proposal as typed' },
    notified_on: { label: 'Notified to the Panel on', format: 'date' },
    panel_report_on: { label: 'Panel reported on', format: 'date' },
    panel_decision: { label: 'Panel decision', format: { names: PANEL_DECISION_WORDS } },
    panel_recommended_band_d_pence: { label: 'Band D the Panel recommended', format: 'money' },
    veto_votes: { label: 'Members voting to veto' },
    members_in_office: { label: 'Members in office' },
    revised_band_d_pence: { label: 'Revised Band D', format: 'money' },
    revised_on: { label: 'Revised precept issued to the Panel on', format: 'date' },
    second_report_on: { label: 'Panel’s second report on', format: 'date' },
    second_report_decision: {
      label: 'Panel’s second report',
      format: { names: { accepted: 'Accepted the revised precept', recommended: 'Made recommendations' } },
    },
    second_report_note: { label: 'Panel’s second report' },
    issued_band_d_pence: { label: 'Band D issued', format: 'money' },
    issued_on: { label: 'Issued to the billing authorities on', format: 'date' },
    response: { label: "Commissioner's response to the Panel's report" },
    response_on: { label: 'Response given on', format: 'date' },
    note: { label: 'Note' },
  },
  label: (row) => `Precept ${fyLabel(num(row.fy_start))}`,
}

/** The CFO's section 25 statement for a year. */
export const section25Statements: RecordSpec = {
  table: 'section25_statements',
  idColumn: 'fy_start',
  retires: false,
  columns: {
    robustness: { label: 'Robustness of the estimates' },
    reserves_adequacy: { label: 'Adequacy of reserves' },
    reserves_risks: { label: 'Reserves risk assessment' },
    signed_by: { label: 'Signed by' },
    signed_on: { label: 'Signed on', format: 'date' },
  },
  label: (row) => `Section 25 statement ${fyLabel(num(row.fy_start))}`,
}

const CHANGE_TYPE_NAMES = {
  virement: 'Virement',
  slippage: 'Capital slippage or reprofiling',
  new_funding: 'New funding',
  reduction: 'Reduction',
  reserve_draw: 'Draw on an earmarked reserve',
  reserve_transfer: 'Transfer to an earmarked reserve',
} as const
const CHANGE_STATUS_NAMES = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
} as const

/** A line-year a budget change moves (signed: + adds budget). */
export const budgetChangeMovements: ChildSpec = {
  table: 'budget_change_movements',
  scope: ['change_id'],
  key: ['budget_line_id', 'fy_start'],
  columns: { amount_pence: { label: 'amount', format: 'money' } },
  describe: async (row, db) => {
    const line = await db('budget_lines')
      .where('id', num(row.budget_line_id))
      .first<{ name: string } | undefined>('name')
    return `Movement ${line?.name ?? str(row.budget_line_id)} ${fyLabel(num(row.fy_start))}`
  },
}

/** The financing a capital slippage moves with its spend (signed, by line, year and source). */
export const budgetChangeFinancing: ChildSpec = {
  table: 'budget_change_financing',
  scope: ['change_id'],
  key: ['budget_line_id', 'fy_start', 'source'],
  columns: {
    amount_pence: { label: 'amount', format: 'money' },
    capital_receipt_id: { label: 'receipt', format: { ref: 'capital_receipts', show: 'description' } },
    reserve_id: { label: 'reserve', format: { ref: 'reserves', show: 'name' } },
  },
  describe: (row) =>
    `Financing moved ${fyLabel(num(row.fy_start))}, ${FINANCING_SOURCE_WORDS[str(row.source)] ?? str(row.source)}`,
}

/** A budget change: what it is, why, and where it stands in its approval. */
export const budgetChanges: RecordSpec = {
  table: 'budget_changes',
  retires: false,
  scope: ['fy_start'],
  columns: {
    type: { label: 'Type', format: { names: CHANGE_TYPE_NAMES } },
    title: { label: 'Title' },
    reason: { label: 'Reason' },
    status: { label: 'Status', format: { names: CHANGE_STATUS_NAMES } },
    requested_by: { label: 'Asked for by (account)', format: { ref: 'users', show: 'name' } },
    requested_by_name: { label: 'Asked for by' },
    decided_by_name: { label: 'Decided by' },
    decision_note: { label: 'Decision note' },
    decision_id: { label: 'Decision', format: { ref: 'decisions', show: 'reference' } },
    saving_id: { label: 'Saving banked', format: { ref: 'savings', show: 'name' } },
    reserve_id: { label: 'Reserve drawn on', format: { ref: 'reserves', show: 'name' } },
    revenue_contribution_pence: { label: 'Revenue contribution to capital', format: 'money' },
    year_end: { label: 'Year-end change', format: 'yesno' },
  },
  label: (row) => `Budget change ${str(row.id)}: ${str(row.title)}`,
}

/** A year's budget kept as its original when the year is frozen: one line-year each. */
export const originalBudgets: ChildSpec = {
  table: 'budget_amounts',
  scope: ['fy_start'],
  key: ['budget_line_id'],
  columns: { original_pence: { label: 'Original budget', format: 'money' } },
  describe: async (row, db) => {
    const line = await db('budget_lines')
      .where('id', num(row.budget_line_id))
      .first<{ name: string } | undefined>('name')
    return `Original budget ${fyLabel(num(row.fy_start))}, ${line?.name ?? str(row.budget_line_id)}`
  },
}

/** A programme's commentary in the Panel pack as at a period (issue #14). */
export const programmeCommentaries: ChildSpec = {
  table: 'programme_commentaries',
  scope: ['pack_commentary_id'],
  key: ['programme_id'],
  columns: { body: { label: 'commentary' } },
  describe: async (row, db) => {
    const p = await db('programmes').where('id', num(row.programme_id)).first<{ name: string } | undefined>('name')
    return `Commentary on ${p?.name ?? str(row.programme_id)}`
  },
}

/** The Panel pack's commentary as at a period of a year, with each programme's (issue #14). */
export const packCommentaries: RecordSpec = {
  table: 'pack_commentaries',
  retires: false,
  // The year and period are written once, with the record, and audited then: a commentary may start with no words
  // on the budget as a whole, only on its programmes.
  columns: {
    fy_start: { label: 'Year', format: 'fy' },
    period: { label: 'As at period' },
    meeting_date: { label: 'Panel meeting on', format: 'date' },
    body: { label: 'Commentary on the budget' },
  },
  label: (row) => `Panel pack commentary ${fyLabel(num(row.fy_start))} P${num(row.period)}`,
}

/** A grant the Commissioner makes (issue #14): published with its recipient, purpose and conditions. */
export const grants: RecordSpec = {
  table: 'grants',
  columns: {
    fy_start: { label: 'Year', format: 'fy' },
    kind: { label: 'Kind of grant', format: { names: GRANT_KIND_WORDS } },
    recipient: { label: 'Recipient' },
    purpose: { label: 'Purpose' },
    amount_pence: { label: 'Amount', format: 'money' },
    conditions: { label: 'Conditions' },
    awarded_on: { label: 'Awarded on', format: 'date' },
    decision_reference: { label: 'Decision' },
  },
  label: (row) => `Grant to ${str(row.recipient)} (${fyLabel(num(row.fy_start))})`,
}

/** A contract let by the OPCC or the Force (issue #14): those over £10,000 are published. */
export const contracts: RecordSpec = {
  table: 'contracts',
  columns: {
    reference: { label: 'Reference' },
    title: { label: 'Title' },
    supplier: { label: 'Supplier' },
    body: { label: 'Body' },
    department: { label: 'Department' },
    value_pence: { label: 'Value', format: 'money' },
    start_on: { label: 'Starts', format: 'date' },
    end_on: { label: 'Ends', format: 'date' },
    procurement_route: { label: 'Procurement route' },
  },
  label: (row) => `Contract ${str(row.reference)}`,
}
