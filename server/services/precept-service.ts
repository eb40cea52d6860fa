// The precept as users read it (issue #12): a year's council tax requirement from the plan and how it is built, the
// tax base (total and by billing authority), the Band D in force and the rise for every band A–H in £ a year, a month,
// a week and %, precept income and each billing authority's precept, the referendum test against the year's principle,
// the statutory process step by step against its timetable, and the CFO's section 25 statement. And the history of
// Band D since 2013/14. A fixed number of queries a page.
import type { Knex } from 'knex'
import type { Viewer } from '../domain/access'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, parseFy } from '../domain/financial-year'
import { Decimal, fromPence } from '../domain/money'
import {
  bandDFor,
  bandRises,
  billingShares,
  councilTaxRequirement,
  largestAllowedBandD,
  readProposal,
  referendumCheck,
  type BandRise,
  type ReferendumResult,
  type ReferendumRule,
} from '../domain/precept'
import * as repo from '../data/precept-repository'
import { planYearFor } from './mtfp-service'
import { preceptPence } from './precept-income'

export type Stage = 'proposed' | 'revised' | 'issued'
export const STAGE_WORDS: Record<Stage, string> = {
  proposed: 'Proposed',
  revised: 'Revised after the veto',
  issued: 'Issued to the billing authorities',
}

export interface StageView {
  stage: Stage
  bandD: Decimal
  check: ReferendumResult | null
  income: Decimal | null
}

export interface ProcessStep {
  key: 'notified' | 'panel_report' | 'revised' | 'second_report' | 'issued'
  /** The address of the step's form under /precept/:fy/. */
  form: string
  name: string
  /** The last day the law allows (an ISO date). */
  deadline: string
  deadlineWords: string
  done: string | null
  late: boolean
  /** Not needed this year (no veto: no revised precept and no second report). */
  notNeeded: boolean
}

export interface PreceptView {
  fyStart: number
  years: number[]
  record: repo.PreceptRow | null
  principle: (repo.PrincipleRow & { percentValue: Decimal | null; pounds: Decimal | null }) | null
  previousBandD: Decimal | null
  stages: StageView[]
  inForce: StageView | null
  proposalReading: string | null
  rises: BandRise[]
  largestAllowed: Decimal | null
  requirement: {
    planSlug: number
    planStatus: string
    netBudget: Decimal
    grants: Decimal
    collectionFund: Decimal
    useOfReserves: Decimal
    contributionsToReserves: Decimal
    requirement: Decimal
    bandDNeeded: Decimal | null
    /** Precept income in force less the requirement: positive raises more than the plan needs. */
    difference: Decimal | null
  } | null
  taxBase: Decimal | null
  authorities: (repo.DeclarationRow & {
    taxBase: Decimal | null
    collectionFund: Decimal | null
    precept: Decimal | null
  })[]
  collectionFundTotal: Decimal | null
  steps: ProcessStep[]
  panel: { members: number; vetoNeeds: number; source: string | null } | null
  section25: repo.Section25Row | null
  illustrative: boolean
}

/** Two-thirds of the members in office, rounded up: the votes a veto needs. */
export const vetoNeeds = (members: number): number => Math.ceil((members * 2) / 3)

const orNull = (pence: string | null | undefined) => (pence === null || pence === undefined ? null : fromPence(pence))

/** The statutory timetable of a year's precept (Police Reform and Social Responsibility Act 2011, Sch. 5). */
export function timetable(fy: number): Record<ProcessStep['key'], { date: string; words: string }> {
  return {
    notified: { date: `${fy}-02-01`, words: `by 1 February ${fy}` },
    panel_report: { date: `${fy}-02-08`, words: `by 8 February ${fy}` },
    revised: { date: `${fy}-02-15`, words: `by 15 February ${fy}` },
    second_report: { date: `${fy}-02-22`, words: `by 22 February ${fy}` },
    issued: { date: `${fy}-02-${fy % 4 === 0 ? '29' : '28'}`, words: `before 1 March ${fy}` },
  }
}

function steps(fy: number, r: repo.PreceptRow | null): ProcessStep[] {
  const t = timetable(fy)
  const vetoed = r?.panel_decision === 'vetoed_too_high' || r?.panel_decision === 'vetoed_too_low'
  const decided = r?.panel_decision !== null && r?.panel_decision !== undefined
  const forms = {
    notified: 'proposal',
    panel_report: 'panel-report',
    revised: 'revised',
    second_report: 'second-report',
    issued: 'issued',
  }
  const step = (key: ProcessStep['key'], name: string, done: string | null | undefined) => ({
    key,
    form: forms[key],
    name,
    deadline: t[key].date,
    deadlineWords: t[key].words,
    done: done ?? null,
    late: done !== null && done !== undefined && done > t[key].date,
    // The revised precept and the second report follow a veto only.
    notNeeded: (key === 'revised' || key === 'second_report') && decided && !vetoed,
  })
  return [
    step('notified', 'The Commissioner notifies the Panel of the proposed precept', r?.notified_on),
    step('panel_report', 'The Panel reports, with any recommendation or veto', r?.panel_report_on),
    step('revised', 'After a veto, the Commissioner issues a revised precept to the Panel', r?.revised_on),
    step('second_report', 'The Panel reports on the revised precept (no second veto)', r?.second_report_on),
    step('issued', 'The precept is issued to the billing authorities', r?.issued_on),
  ]
}

function principleOf(p: repo.PrincipleRow | null): PreceptView['principle'] {
  if (!p) return null
  return { ...p, percentValue: p.percent === null ? null : new Decimal(p.percent), pounds: orNull(p.pounds_pence) }
}

const ruleOf = (p: PreceptView['principle']): ReferendumRule => ({ percent: p?.percentValue, pounds: p?.pounds })

function stageViews(
  r: repo.PreceptRow | null,
  at: { previous: Decimal | null; rule: ReferendumRule; hundredths: bigint | null },
): StageView[] {
  const figures: [Stage, string | null | undefined][] = [
    ['proposed', r?.proposed_band_d_pence],
    ['revised', r?.revised_band_d_pence],
    ['issued', r?.issued_band_d_pence],
  ]
  return figures
    .filter((f): f is [Stage, string] => f[1] !== null && f[1] !== undefined)
    .map(([stage, pence]) => ({
      stage,
      bandD: fromPence(pence),
      check: at.previous ? referendumCheck(at.previous, fromPence(pence), at.rule) : null,
      income: at.hundredths === null ? null : fromPence(preceptPence(at.hundredths, BigInt(pence))),
    }))
}

async function chosenYear(db: Knex, asked: string | undefined): Promise<{ fy: number; years: number[] }> {
  const years = await repo.preceptYears(db)
  if (asked === undefined || asked === '') {
    const withProposal = (await repo.preceptHistory(db)).filter((p) => p.proposed_band_d_pence !== null)
    const fy = withProposal[withProposal.length - 1]?.fy_start ?? years[years.length - 1]
    if (fy === undefined) throw new NotFoundError('A precept')
    return { fy, years }
  }
  const fy = parseFy(asked)
  if (fy === null) throw new BadRequestError(`"${asked}" is not a financial year`, FY_FORMAT_HINT)
  if (!years.includes(fy)) throw new NotFoundError(`A precept or a tax base for ${fyLabel(fy)}`)
  return { fy, years }
}

async function requirementOf(
  db: Knex,
  viewer: Viewer,
  at: { fy: number; taxBase: Decimal | null; inForce: StageView | null },
): Promise<PreceptView['requirement']> {
  const found = await planYearFor(db, viewer, at.fy)
  if (!found) return null
  const y = found.year
  const requirement = councilTaxRequirement({
    netBudget: y.netSpending,
    grants: y.grants,
    collectionFund: y.collectionFund,
    useOfReserves: y.useOfReserves,
    contributionsToReserves: y.contributionsToReserves,
  })
  return {
    planSlug: found.plan.first_fy,
    planStatus: found.plan.status,
    netBudget: y.netSpending,
    grants: y.grants,
    collectionFund: y.collectionFund,
    useOfReserves: y.useOfReserves,
    contributionsToReserves: y.contributionsToReserves,
    requirement,
    bandDNeeded: at.taxBase && !at.taxBase.isZero() ? bandDFor(requirement, at.taxBase) : null,
    difference: at.inForce?.income ? at.inForce.income.minus(requirement) : null,
  }
}

/** Each billing authority's declaration with its share of the precept in force (to the penny). */
function authorityViews(declared: repo.DeclarationRow[], inForce: StageView | null): PreceptView['authorities'] {
  const withBase = declared.filter((d) => d.tax_base_hundredths !== null)
  const shares =
    inForce?.income && withBase.length > 0
      ? billingShares(
          inForce.income,
          withBase.map((d) => ({ code: d.code, taxBase: fromPence(d.tax_base_hundredths) })),
        )
      : new Map<string, Decimal>()
  return declared.map((d) => ({
    ...d,
    taxBase: orNull(d.tax_base_hundredths),
    collectionFund: orNull(d.collection_fund_pence),
    precept: shares.get(d.code) ?? null,
  }))
}

async function yearView(db: Knex, viewer: Viewer, asked: string | undefined): Promise<PreceptView> {
  const { fy, years } = await chosenYear(db, asked)
  const [records, principleRow, declared, panel, s25] = await Promise.all([
    repo.preceptsFor(db, fy),
    repo.referendumPrinciple(db, fy),
    repo.declarations(db, fy),
    repo.panelMembers(db),
    repo.section25(db, fy),
  ])
  const record = records.now ?? null
  const before = records.before
  const previousPence = before?.issued_band_d_pence ?? before?.revised_band_d_pence ?? before?.proposed_band_d_pence
  const previousBandD = orNull(previousPence)
  const principle = principleOf(principleRow)
  const withBase = declared.filter((d) => d.tax_base_hundredths !== null)
  const hundredths =
    withBase.length === 0 ? null : withBase.reduce((a, d) => a + BigInt(d.tax_base_hundredths ?? 0), 0n)
  const taxBase = hundredths === null ? null : fromPence(hundredths)
  const stages = stageViews(record, { previous: previousBandD, rule: ruleOf(principle), hundredths })
  const inForce = stages[stages.length - 1] ?? null
  const declaredFunds = declared.filter((d) => d.collection_fund_pence !== null)
  return {
    fyStart: fy,
    years,
    record,
    principle,
    previousBandD,
    stages,
    inForce,
    proposalReading:
      record?.proposed_as_typed && previousBandD
        ? (readProposal(record.proposed_as_typed, previousBandD)?.understood ?? null)
        : null,
    rises: inForce && previousBandD ? bandRises(previousBandD, inForce.bandD) : [],
    largestAllowed: previousBandD && principle ? largestAllowedBandD(previousBandD, ruleOf(principle)) : null,
    requirement: await requirementOf(db, viewer, { fy, taxBase, inForce }),
    taxBase,
    authorities: authorityViews(declared, inForce),
    collectionFundTotal:
      declaredFunds.length === 0
        ? null
        : declaredFunds.reduce((a, d) => a.plus(fromPence(d.collection_fund_pence)), new Decimal(0)),
    steps: steps(fy, record),
    panel: panel ? { members: panel.members, vetoNeeds: vetoNeeds(panel.members), source: panel.source } : null,
    section25: s25,
    illustrative: Boolean(record?.illustrative) || declared.some((d) => d.illustrative) || Boolean(s25?.illustrative),
  }
}

export interface HistoryYear {
  fyStart: number
  bandD: Decimal
  increase: Decimal | null
  check: ReferendumResult | null
  principle: PreceptView['principle']
  largestAllowed: Decimal | null
  source: string | null
}

/** Band D year by year, with its rise and the year's referendum limit. */
async function history(db: Knex): Promise<HistoryYear[]> {
  const rows = await repo.preceptHistory(db)
  const bandOf = (r: repo.PreceptRow) =>
    orNull(r.issued_band_d_pence ?? r.revised_band_d_pence ?? r.proposed_band_d_pence)
  return rows.flatMap((r) => {
    const bandD = bandOf(r)
    if (!bandD) return []
    const prior = rows.find((x) => x.fy_start === r.fy_start - 1)
    const previous = prior ? bandOf(prior) : null
    const principle = principleOf(r.principle)
    return [
      {
        fyStart: r.fy_start,
        bandD,
        increase: previous ? bandD.minus(previous) : null,
        check: previous ? referendumCheck(previous, bandD, ruleOf(principle)) : null,
        principle,
        largestAllowed: previous && principle ? largestAllowedBandD(previous, ruleOf(principle)) : null,
        source: r.source,
      },
    ]
  })
}

export function preceptService(db: Knex) {
  return {
    year: (viewer: Viewer, asked: string | undefined) => yearView(db, viewer, asked),
    history: () => history(db),
  }
}
