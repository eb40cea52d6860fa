// Every table of figures as a spreadsheet (issue #9): the tables a page shows, built from the same service answer the
// page renders (so each role gets what it can see), as sheets for files/spreadsheet.ts to write as XLSX or CSV.
import { fyLabel, fySlug, periodLabel } from '../domain/financial-year'
import { RAG_WORDS } from '../domain/variance'
import type { PublishedSpendMonth } from './published-spend-service'
import type { ContractView, GrantYear } from './register-service'
import type { SheetCell, SheetColumn, SheetTable, TotalCell } from '../files/spreadsheet'
import type { Dashboard, LabelledFigures } from './dashboard-service'
import type { ProgrammeSummary, ProgrammeDetail } from './programme-service'
import type { Figures } from './figures'
import type { DecisionView } from './decision-service'
import type { ProgrammeAppraisal } from '../domain/programme-appraisal'
import { Decimal, decimalText, fromPence } from '../domain/money'
import type { LineYear } from './profile-service'
import type { YearRow } from './year-service'
import type { StagedTotal } from '../data/import-repository'

export interface Export {
  /** The file's name without its extension, e.g. dashboard-2020-21. */
  name: string
  tables: SheetTable[]
}

function figureColumns(label: string, closed: boolean): SheetColumn[] {
  return [
    { header: label, kind: 'text' },
    { header: 'Budget', kind: 'money' },
    { header: closed ? 'Profile' : 'Profile to date', kind: 'money' },
    { header: closed ? 'Actual' : 'Actual to date', kind: 'money' },
    { header: closed ? 'Outturn' : 'Forecast outturn', kind: 'money' },
    { header: 'Variance', kind: 'money' },
    { header: 'Variance %', kind: 'percent' },
    { header: 'Status', kind: 'text', width: 22 },
    { header: 'Figures', kind: 'text', width: 20 },
  ]
}

const figureCells = (f: Figures) => [
  f.budget,
  f.profileToDate,
  f.actualToDate,
  f.forecast,
  f.forecastVariance.amount,
  f.forecastVariance.fraction,
  RAG_WORDS[f.rag],
  f.illustrative === 'all' ? 'illustrative' : f.illustrative === 'some' ? 'partly illustrative' : '',
]

const SUM: TotalCell = { sum: true }
const figureTotal = (label: string, total: Figures) => ({
  label,
  cells: [null, SUM, SUM, SUM, SUM, SUM, { ratio: [5, 1] as [number, number] }, { text: RAG_WORDS[total.rag] }, null],
})

function figuresTable(
  d: { fyStart: number; closed: boolean },
  t: { name: string; title: string; label: string; unit: 'pounds' | 'k'; rows: LabelledFigures[]; total?: Figures },
): SheetTable {
  return {
    name: t.name,
    title: t.title,
    fyStart: d.fyStart,
    unit: t.unit,
    columns: figureColumns(t.label, d.closed),
    rows: t.rows.map((r) => [r.name, ...figureCells(r)]),
    total: t.total ? figureTotal('Net revenue budget', t.total) : undefined,
  }
}

/** The dashboard's three tables: the revenue budget by type of spend and by budget owner (£k), and the programmes. */
export function dashboardExport(d: Dashboard): Export {
  const fy = fyLabel(d.fyStart)
  const asAt = d.asAtPeriod ? `, actuals to ${periodLabel(d.asAtPeriod)}` : ''
  return {
    name: `dashboard-${fySlug(d.fyStart)}`,
    tables: [
      figuresTable(d, {
        name: 'By type of spend',
        title: `Revenue budget ${fy} by type of spend${asAt}`,
        label: 'Type of spend',
        unit: 'k',
        rows: d.bySpendType,
        total: d.bySpendTypeTotal,
      }),
      figuresTable(d, {
        name: 'By budget owner',
        title: `Revenue budget ${fy} by budget owner${asAt}`,
        label: 'Budget owner',
        unit: 'k',
        rows: d.byOwner,
        total: d.bySpendTypeTotal,
      }),
      {
        ...figuresTable(d, {
          name: 'Programmes',
          title: `Programme budgets ${fy}${asAt}`,
          label: 'Programme',
          unit: 'pounds',
          rows: d.programmes,
        }),
        total: { ...figureTotal('All programmes', d.programmeTotal) },
      },
    ],
  }
}

/** The programmes and their whole-life budgets. */
export function programmesExport(programmes: ProgrammeSummary[]): Export {
  return {
    name: 'programmes',
    tables: [
      {
        name: 'Programmes',
        title: 'Programmes and whole-life budgets',
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Code', kind: 'text', width: 18 },
          { header: 'Programme', kind: 'text' },
          { header: 'Status', kind: 'text', width: 14 },
          { header: 'Whole-life budget', kind: 'money' },
          { header: 'Capital', kind: 'money' },
          { header: 'Revenue', kind: 'money' },
          { header: 'Years', kind: 'text', width: 22 },
          { header: 'Source document', kind: 'text', width: 50 },
        ],
        rows: programmes.map((p) => [
          p.code,
          p.name,
          p.status,
          p.firstFy === null ? null : p.wholeLifeBudget,
          p.firstFy === null ? null : p.capitalBudget,
          p.firstFy === null ? null : p.revenueBudget,
          p.firstFy === null
            ? 'None budgeted'
            : p.firstFy === p.lastFy
              ? fyLabel(p.firstFy)
              : `${fyLabel(p.firstFy)} to ${fyLabel(p.lastFy ?? p.firstFy)}`,
          p.sourceTitle ?? 'Not given',
        ]),
        total: { label: 'All programmes', cells: [null, null, null, SUM, SUM, SUM, null, null] },
      },
    ],
  }
}

/** A programme's budget by cost line and financial year, with its totals (the page's second table). */
function costLines(d: ProgrammeDetail): SheetTable {
  const years = d.yearTotals.map((y) => y.fyStart)
  return {
    name: 'Cost lines',
    title: `${d.programme.name}: budget by cost line and financial year`,
    fyStart: null,
    unit: 'pounds',
    columns: [
      { header: 'Line', kind: 'text' },
      { header: 'Capital or revenue', kind: 'text', width: 18 },
      ...years.map((fy): SheetColumn => ({ header: fyLabel(fy), kind: 'money' })),
      { header: 'Total', kind: 'money' },
    ],
    rows: d.lines.map((l) => [
      l.name,
      l.nature,
      ...years.map((fy) => l.amounts.find((a) => a.fyStart === fy)?.amount ?? null),
      l.total,
    ]),
    total: { label: 'Total', cells: [null, null, ...years.map(() => SUM), SUM] },
  }
}

/** A programme's cost lines by year, its figures by financial year, and its months in the year shown. */
export function programmeExport(d: ProgrammeDetail): Export {
  const p = d.programme
  const byYear: SheetTable = {
    name: 'By year',
    title: `${p.name}: budget, actuals and forecast by year`,
    fyStart: null,
    unit: 'pounds',
    columns: figureColumns('Financial year', false),
    rows: d.byYear.map((y) => [fyLabel(y.fyStart), ...figureCells(y)]),
  }
  const tables = [costLines(d), byYear]
  if (d.fyStart !== null && d.months.length > 0) {
    tables.push({
      name: `Months ${fySlug(d.fyStart)}`,
      title: `${p.name}: profile against actual by month, ${fyLabel(d.fyStart)}`,
      fyStart: d.fyStart,
      unit: 'pounds',
      columns: [
        { header: 'Period', kind: 'text', width: 24 },
        { header: 'Profile', kind: 'money' },
        { header: 'Actual', kind: 'money' },
        { header: 'Variance', kind: 'money' },
      ],
      rows: d.months.map((m) => [periodLabel(m.period), m.profile, m.actual, m.variance?.amount ?? null]),
      total: { label: 'Year', cells: [null, SUM, SUM, SUM] },
    })
  }
  return { name: `programme-${p.code.toLowerCase()}${d.fyStart === null ? '' : `-${fySlug(d.fyStart)}`}`, tables }
}

/** The decision register: each decision, when it was taken, what it commits in all, its programmes. */
export function decisionsExport(decisions: DecisionView[]): Export {
  return {
    name: 'decisions',
    tables: [
      {
        name: 'Decisions',
        title: 'Decision register',
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Reference', kind: 'text', width: 18 },
          { header: 'Decision', kind: 'text', width: 60 },
          { header: 'Classification', kind: 'text', width: 14 },
          { header: 'Decided (as written)', kind: 'text', width: 22 },
          { header: 'Commits', kind: 'money' },
          { header: 'Programmes', kind: 'text', width: 40 },
        ],
        rows: decisions.map((d) => [
          d.reference ?? 'No reference given',
          d.title,
          d.classification,
          d.decided?.asWritten ?? 'Not given',
          d.commitment,
          d.programmes.map((p) => p.name).join('; ') || 'None',
        ]),
        total: { label: 'All decisions', cells: [null, null, null, null, SUM, null] },
      },
    ],
  }
}

/** The published record's decisions (the Specified Information Order): every open decision, when it was taken (as a
 * date where the sign-off gives one, and as written), what it commits, and its summary. */
export function openDecisionsExport(decisions: DecisionView[]): Export {
  return {
    name: 'opcc-decisions',
    tables: [
      {
        name: 'Decisions',
        title: "The Commissioner's decisions",
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Reference', kind: 'text', width: 18 },
          { header: 'Title', kind: 'text', width: 60 },
          { header: 'Date decided', kind: 'text', width: 12 },
          { header: 'Decided (as written)', kind: 'text', width: 22 },
          { header: 'Amount', kind: 'money' },
          { header: 'Summary', kind: 'text', width: 80 },
        ],
        rows: decisions.map((d) => [
          d.reference ?? 'No reference given',
          d.title,
          d.decided?.iso ?? '',
          d.decided?.asWritten ?? 'Not given',
          d.commitment,
          d.summary ?? '',
        ]),
        total: { label: 'All decisions', cells: [null, null, null, null, SUM, null] },
      },
    ],
  }
}

/** The month's spending over £500 as published: an item a row; withheld items show their reason, and what they come
 * to is a row of its own, so the total is the month's. */
const PUBLISHED_SPEND_COLUMNS: SheetColumn[] = [
  { header: 'Date', kind: 'text', width: 12 },
  { header: 'Body', kind: 'text', width: 8 },
  { header: 'Department', kind: 'text', width: 20 },
  { header: 'Supplier', kind: 'text', width: 36 },
  { header: 'Purpose', kind: 'text', width: 40 },
  { header: 'Amount net of recoverable VAT', kind: 'money' },
  { header: 'Irrecoverable VAT', kind: 'money' },
  { header: 'Merchant category', kind: 'text', width: 20 },
  { header: 'Transaction number', kind: 'text', width: 20 },
  { header: 'Invoice', kind: 'text', width: 16 },
  { header: 'Value for money (procurement route)', kind: 'text', width: 30 },
]

export function publishedSpendExport(m: PublishedSpendMonth): Export {
  const rows: SheetCell[][] = m.items.map((i) => [
    i.date,
    i.body,
    i.department ?? '',
    i.withheld ?? i.supplier ?? '',
    i.purpose ?? '',
    i.amount,
    i.irrecoverableVat,
    i.merchantCategory ?? '',
    i.transaction ?? '',
    i.invoice ?? '',
    i.procurementRoute ?? '',
  ])
  if (m.withheld.count > 0)
    rows.push([
      '',
      '',
      '',
      `Withheld items (${m.withheld.count}), in total`,
      '',
      m.withheld.amount,
      null,
      '',
      '',
      '',
      '',
    ])
  return {
    name: `spend-over-500-${m.month.slug}`,
    tables: [
      {
        name: 'Spend',
        title: `Spending over £500, ${m.month.label}`,
        fyStart: m.month.fyStart,
        unit: 'pounds',
        columns: PUBLISHED_SPEND_COLUMNS,
        rows,
        total: {
          label: 'Total for the month',
          cells: [null, null, null, null, null, SUM, SUM, null, null, null, null],
        },
      },
    ],
  }
}

/** A year's grants as published: recipient, kind, purpose, amount, conditions, when awarded and the decision. */
export function grantsExport(y: GrantYear): Export {
  return {
    name: `grants-${fySlug(y.fyStart)}`,
    tables: [
      {
        name: 'Grants',
        title: `Grants ${fyLabel(y.fyStart)}`,
        fyStart: y.fyStart,
        unit: 'pounds',
        columns: [
          { header: 'Recipient', kind: 'text', width: 36 },
          { header: 'Kind', kind: 'text', width: 28 },
          { header: 'Purpose', kind: 'text', width: 50 },
          { header: 'Amount', kind: 'money' },
          { header: 'Conditions', kind: 'text', width: 60 },
          { header: 'Awarded on', kind: 'text', width: 12 },
          { header: 'Decision', kind: 'text', width: 18 },
        ],
        rows: y.grants.map((g) => [
          g.recipient,
          g.kindWords,
          g.purpose,
          g.amount,
          g.conditions ?? '',
          g.awarded_on ?? '',
          g.decision_reference ?? '',
        ]),
        total: { label: 'All grants', cells: [null, null, null, SUM, null, null, null] },
      },
    ],
  }
}

/** The contracts over £10,000 as published. */
export function contractsExport(contracts: ContractView[]): Export {
  return {
    name: 'contracts-over-10000',
    tables: [
      {
        name: 'Contracts',
        title: 'Contracts over £10,000',
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Reference', kind: 'text', width: 16 },
          { header: 'Title', kind: 'text', width: 50 },
          { header: 'Supplier', kind: 'text', width: 36 },
          { header: 'Let by', kind: 'text', width: 8 },
          { header: 'Department', kind: 'text', width: 20 },
          { header: 'Value', kind: 'money' },
          { header: 'Starts', kind: 'text', width: 12 },
          { header: 'Ends', kind: 'text', width: 12 },
          { header: 'Procurement route', kind: 'text', width: 36 },
        ],
        rows: contracts.map((c) => [
          c.reference,
          c.title,
          c.supplier,
          c.body,
          c.department ?? '',
          c.value,
          c.start_on,
          c.end_on ?? '',
          c.procurement_route ?? '',
        ]),
        total: { label: 'All contracts', cells: [null, null, null, null, null, SUM, null, null, null] },
      },
    ],
  }
}

const paybackWords = (value: Decimal | null, within: number) =>
  value === null ? `does not pay back within ${within} years` : `${decimalText(value, 2)} years`

/** The appraisal portfolio: each programme with benefits, as ranked on the page. */
export function appraisalExport(programmes: ProgrammeAppraisal[], options: { investToSaveOnly: boolean }): Export {
  return {
    name: options.investToSaveOnly ? 'appraisal-invest-to-save' : 'appraisal',
    tables: [
      {
        name: 'Appraisal',
        title: `Programmes with benefits${options.investToSaveOnly ? ' (invest to save)' : ''}: net present value and payback`,
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Programme', kind: 'text' },
          { header: 'NPV, cashable', kind: 'money' },
          { header: 'NPV, full economic', kind: 'money' },
          { header: 'BCR, cashable', kind: 'ratio' },
          { header: 'Simple payback, cashable', kind: 'text', width: 30 },
          { header: 'Discounted payback, cashable', kind: 'text', width: 30 },
          { header: 'Claimed payback', kind: 'text', width: 24 },
        ],
        rows: programmes.map((p) => [
          p.name,
          p.cashable.npv,
          p.full.npv,
          p.cashable.benefitCostRatio,
          paybackWords(p.cashable.simplePayback, p.years.length),
          paybackWords(p.cashable.discountedPayback, p.years.length),
          p.claimed ? `${p.claimed.years.toString()} years${p.claimed.differs ? ' (differs)' : ''}` : '',
        ]),
      },
    ],
  }
}

function cashFlows(a: ProgrammeAppraisal): SheetTable {
  return {
    name: 'Cash flows',
    title: `${a.name}: cash flows by year${a.prices.kind === 'cash' ? ' (cash prices)' : ''}`,
    fyStart: null,
    unit: 'pounds',
    columns: [
      { header: 'Year', kind: 'text', width: 16 },
      { header: 'Capital cost', kind: 'money' },
      { header: 'Revenue cost', kind: 'money' },
      { header: 'Cashable benefit', kind: 'money' },
      { header: 'Non-cashable (valued)', kind: 'money' },
      { header: 'Discount factor', kind: 'factor' },
      { header: 'PV net, cashable', kind: 'money' },
      { header: 'Cumulative, cashable', kind: 'money' },
      { header: 'Cumulative, full', kind: 'money' },
    ],
    rows: a.years.map((y, i) => [
      `${y.t}: ${fyLabel(y.fyStart)}`,
      y.capital,
      y.revenue,
      y.cashable,
      y.nonCashable,
      a.cashable.years[i]?.discountFactor ?? null,
      a.cashable.years[i]?.presentValue ?? null,
      a.cashable.years[i]?.cumulative ?? null,
      a.full.years[i]?.cumulative ?? null,
    ]),
    total: { label: 'Total', cells: [null, SUM, SUM, SUM, SUM, null, SUM, null, null] },
  }
}

function sensitivityTable(a: ProgrammeAppraisal): SheetTable {
  const horizon = a.years.length
  return {
    name: 'Sensitivity',
    title: `${a.name}: sensitivity`,
    fyStart: null,
    unit: 'pounds',
    columns: [
      { header: 'Case', kind: 'text' },
      { header: 'NPV, cashable', kind: 'money' },
      { header: 'Paybacks, cashable (simple; discounted)', kind: 'text', width: 44 },
      { header: 'NPV, full economic', kind: 'money' },
      { header: 'Paybacks, full (simple; discounted)', kind: 'text', width: 44 },
    ],
    rows: a.sensitivity.map((r) => [
      r.label,
      r.cashable.npv,
      `${paybackWords(r.cashable.simplePayback, horizon)}; ${paybackWords(r.cashable.discountedPayback, horizon)}`,
      r.full.npv,
      `${paybackWords(r.full.simplePayback, horizon)}; ${paybackWords(r.full.discountedPayback, horizon)}`,
    ]),
  }
}

/** One programme's appraisal: its cash flows by year, the sensitivity cases, and planned against realised benefits. */
export function programmeAppraisalExport(a: ProgrammeAppraisal): Export {
  const flows = cashFlows(a)
  const sensitivity = sensitivityTable(a)
  const realised: SheetTable = {
    name: 'Realised',
    title: `${a.name}: planned against realised benefits by year`,
    fyStart: null,
    unit: 'pounds',
    columns: [
      { header: 'Year', kind: 'text', width: 12 },
      { header: 'Cashable planned', kind: 'money' },
      { header: 'Cashable realised', kind: 'money' },
      { header: 'Hours planned', kind: 'count' },
      { header: 'Hours realised', kind: 'count' },
    ],
    rows: a.realisation.years.map((y) => [
      fyLabel(y.fyStart),
      y.plannedCashable,
      y.realisedCashable,
      y.plannedHours,
      y.realisedHours,
    ]),
  }
  const tables = a.realisation.records.length > 0 ? [flows, sensitivity, realised, banked(a)] : [flows, sensitivity]
  if (a.assumptions.length > 0) tables.push(timeSaved(a))
  return { name: `appraisal-${a.code.toLowerCase()}`, tables }
}

/** Where each realised saving was banked (removed from a budget line), and by which decision. */
function banked(a: ProgrammeAppraisal): SheetTable {
  return {
    name: 'Banked',
    title: `${a.name}: where each realised saving was banked`,
    fyStart: null,
    unit: 'pounds',
    columns: [
      { header: 'Year realised', kind: 'text', width: 14 },
      { header: 'Cashable', kind: 'money' },
      { header: 'Banked: removed from the budget', kind: 'text', width: 50 },
      { header: 'Decision', kind: 'text', width: 20 },
    ],
    rows: a.realisation.records.map((r) => [
      fyLabel(r.fy_start),
      r.cashable,
      r.banked_line
        ? `${r.banked_owner ?? ''}: ${r.banked_line}${r.banked_fy ? `, ${fyLabel(r.banked_fy)}` : ''}`
        : r.cashable
          ? 'Not banked: the saving has not left the budget'
          : 'not applicable (time saved)',
      r.decision_reference ?? 'none recorded',
    ]),
    total: { label: 'Total', cells: [null, SUM, null, null] },
  }
}

const number = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? null : new Decimal(String(v))

/** The time-saved assumptions behind the non-cashable benefits, a row each, with what they add up to. */
function timeSaved(a: ProgrammeAppraisal): SheetTable {
  return {
    name: 'Time saved',
    title: `${a.name}: time saved (non-cashable), the assumptions and their sources`,
    fyStart: null,
    unit: 'pounds',
    columns: [
      { header: 'Assumption', kind: 'text' },
      { header: 'Years', kind: 'text', width: 20 },
      { header: 'Hours saved per shift', kind: 'ratio' },
      { header: 'Shifts per officer per year', kind: 'ratio' },
      { header: 'Officers with the tool', kind: 'count' },
      { header: 'Cost per hour', kind: 'money' },
      { header: 'Productive hours per FTE', kind: 'count' },
      { header: 'Hours saved a year', kind: 'count' },
      { header: 'Worth a year', kind: 'money' },
      { header: 'FTE', kind: 'ratio' },
      { header: 'Sources', kind: 'text', width: 60 },
    ],
    rows: a.assumptions.map((x) => [
      x.description,
      `${fyLabel(x.from_fy)} to ${fyLabel(x.to_fy)}`,
      number(x.hours_per_shift),
      number(x.shifts_per_officer_per_year),
      number(x.officers),
      x.costPerHour,
      number(x.productive_hours_per_fte),
      x.hours,
      x.value,
      x.fte,
      [x.hours_per_shift_source, x.shifts_source, x.officers_source, x.cost_per_hour_source, x.productive_hours_source]
        .filter(Boolean)
        .join('; '),
    ]),
  }
}

/** What a decision commits, by financial year. */
export function decisionExport(d: DecisionView): Export {
  return {
    name: `decision-${d.key.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`,
    tables: [
      {
        name: 'Commitments',
        title: `${d.reference ?? 'Decision (no reference number)'}: ${d.title}: what it commits, by financial year`,
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Financial year', kind: 'text', width: 16 },
          { header: 'Amount', kind: 'money' },
          { header: 'Note', kind: 'text', width: 60 },
        ],
        rows: d.commitments.map((c) => [c.fyStart === null ? 'No year given' : fyLabel(c.fyStart), c.amount, c.note]),
        total: { label: 'Total', cells: [null, SUM, null] },
      },
    ],
  }
}

/** A cost line's year: its monthly profile and the forecasts made for it (the finance team's page). */
export function lineYearExport(ly: LineYear): Export {
  const periods = [...ly.profile.keys()].sort((a, b) => a - b)
  return {
    name: `line-${ly.lineId}-${fySlug(ly.fyStart)}`,
    tables: [
      {
        name: 'Profile',
        title: `${ly.lineName} (${ly.programmeCode}): monthly profile, ${fyLabel(ly.fyStart)}`,
        fyStart: ly.fyStart,
        unit: 'pounds',
        columns: [
          { header: 'Period', kind: 'text', width: 24 },
          { header: 'Profile', kind: 'money' },
        ],
        rows: periods.map((p) => [periodLabel(p), fromPence(ly.profile.get(p) ?? 0n)]),
        total: { label: 'Year', cells: [null, SUM] },
      },
      {
        name: 'Forecasts',
        title: `${ly.lineName} (${ly.programmeCode}): forecasts made for ${fyLabel(ly.fyStart)}`,
        fyStart: ly.fyStart,
        unit: 'pounds',
        columns: [
          { header: 'Made in', kind: 'text', width: 24 },
          { header: 'Forecast outturn', kind: 'money' },
          { header: 'Note', kind: 'text', width: 60 },
        ],
        rows: ly.forecasts.map((f) => [periodLabel(f.period), fromPence(f.pence), f.note]),
      },
    ],
  }
}

/** The financial years (finance's publishing page): status, budget lines and their total. */
export function yearsExport(years: YearRow[]): Export {
  return {
    name: 'financial-years',
    tables: [
      {
        name: 'Financial years',
        title: 'Financial years: draft or published, with their budget lines',
        fyStart: null,
        unit: 'pounds',
        columns: [
          { header: 'Year', kind: 'text', width: 12 },
          { header: 'Status', kind: 'text', width: 14 },
          { header: 'Published on', kind: 'text', width: 16 },
          { header: 'Budget lines', kind: 'count' },
          { header: 'Total of budget lines', kind: 'money' },
        ],
        rows: years.map((y) => [fyLabel(y.fyStart), y.status, y.publishedAt?.slice(0, 10) ?? null, y.lines, y.budget]),
      },
    ],
  }
}

/** What a checked ledger file would add, by budget line and period (the import's preview). */
export function importPreviewExport(
  batch: { id: number; fy_start: number; file_name: string },
  totals: StagedTotal[],
): Export {
  return {
    name: `import-${batch.id}-preview`,
    tables: [
      {
        name: 'Preview',
        title: `Import #${batch.id} (${batch.file_name}): what it adds, by budget line and period`,
        fyStart: batch.fy_start,
        unit: 'pounds',
        columns: [
          { header: 'Budget line', kind: 'text' },
          { header: 'Programme', kind: 'text', width: 16 },
          { header: 'Period', kind: 'text', width: 10 },
          { header: 'Rows', kind: 'count' },
          { header: 'Amount', kind: 'money' },
        ],
        rows: totals.map((t) => [t.line_name, t.programme_code, `P${t.period}`, t.rows, fromPence(t.amount_pence)]),
        total: { label: 'Total', cells: [null, null, null, SUM, SUM] },
      },
    ],
  }
}
