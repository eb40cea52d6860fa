// Inputs to the appraisal, summed in SQL by programme and financial year: costs from the budget lines,
// benefits recorded by year, and time-saved assumptions. Each function is one query.
import type { Db } from './db'
import type {
  CostYearRow,
  BenefitYearRow,
  BenefitBasisRow,
  TimeSavedRow,
  RealisationRow,
} from '../domain/programme-appraisal'

export type { CostYearRow, BenefitYearRow, BenefitBasisRow, TimeSavedRow, RealisationRow }
import { publishedYears } from './figures-repository'

/** Costs by programme and year (one programme, or every programme when `programmeId` is absent). */
export async function costsByYear(
  db: Db,
  programmeId: number | undefined,
  publishedOnly: boolean,
): Promise<CostYearRow[]> {
  const q = db('budget_amounts as ba')
    .join('budget_lines as l', 'l.id', 'ba.budget_line_id')
    .whereNotNull('l.programme_id')
    .whereNull('l.retired_at')
  if (programmeId !== undefined) q.where('l.programme_id', programmeId)
  if (publishedOnly) q.whereIn('ba.fy_start', publishedYears(db))
  const rows = (await q
    .select(
      'l.programme_id',
      'ba.fy_start',
      db.raw("coalesce(sum(case when l.nature = 'capital' then ba.amount_pence else 0 end), 0) as capital"),
      db.raw("coalesce(sum(case when l.nature = 'revenue' then ba.amount_pence else 0 end), 0) as revenue"),
    )
    .groupBy('l.programme_id', 'ba.fy_start')
    .orderBy(['l.programme_id', 'ba.fy_start'])) as CostYearRow[]
  return rows.map((r) => ({ ...r, programme_id: Number(r.programme_id), fy_start: Number(r.fy_start) }))
}

/** Benefit amounts by programme and year; benefits with no year come back with fy_start null. */
export async function benefitsByYear(
  db: Db,
  programmeId: number | undefined,
  publishedOnly: boolean,
): Promise<BenefitYearRow[]> {
  const q = db('benefits as b').whereNull('b.retired_at')
  if (programmeId !== undefined) q.where('b.programme_id', programmeId)
  if (publishedOnly) q.where((w) => w.whereNull('b.fy_start').orWhereIn('b.fy_start', publishedYears(db)))
  const rows = (await q
    .select(
      'b.programme_id',
      'b.fy_start',
      db.raw("coalesce(sum(case when b.kind = 'cashable' then b.amount_pence else 0 end), 0) as cashable"),
      db.raw("coalesce(sum(case when b.kind = 'non_cashable' then b.amount_pence else 0 end), 0) as non_cashable"),
      db.raw('count(*) as count'),
    )
    .groupBy('b.programme_id', 'b.fy_start')
    .orderBy(['b.programme_id', 'b.fy_start'])) as BenefitYearRow[]
  return rows.map((r) => ({
    ...r,
    programme_id: Number(r.programme_id),
    fy_start: r.fy_start === null ? null : Number(r.fy_start),
  }))
}

/** Each benefit (one row for a benefit recorded year by year) with where its figure comes from. */
export async function benefitBases(db: Db, programmeId: number | undefined): Promise<BenefitBasisRow[]> {
  const q = db('benefits as b').whereNull('b.retired_at')
  if (programmeId !== undefined) q.where('b.programme_id', programmeId)
  const rows = (await q
    .distinct('b.programme_id', 'b.description', 'b.kind', 'b.basis', 'b.note')
    .orderBy(['b.programme_id', 'b.description'])) as BenefitBasisRow[]
  return rows.map((r) => ({ ...r, programme_id: Number(r.programme_id) }))
}

export async function timeSavedAssumptions(db: Db, programmeId: number | undefined): Promise<TimeSavedRow[]> {
  const q = db('time_saved_assumptions').whereNull('retired_at')
  if (programmeId !== undefined) q.where('programme_id', programmeId)
  const rows = (await q.orderBy(['programme_id', 'id']).select('*')) as TimeSavedRow[]
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    programme_id: Number(r.programme_id),
    from_fy: Number(r.from_fy),
    to_fy: Number(r.to_fy),
  }))
}

/** Realised benefits with where each cashable saving was banked (one programme, or all). */
export async function realisations(db: Db, programmeId: number | undefined): Promise<RealisationRow[]> {
  const q = db('benefit_realisations as r')
    .leftJoin('budget_lines as l', 'l.id', 'r.banked_budget_line_id')
    .leftJoin('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .leftJoin('decisions as d', 'd.id', 'r.decision_id')
    .whereNull('r.retired_at')
  if (programmeId !== undefined) q.where('r.programme_id', programmeId)
  const rows: RealisationRow[] = await q
    .orderBy(['r.programme_id', 'r.fy_start', 'r.id'])
    .select<RealisationRow[]>(
      'r.id',
      'r.programme_id',
      'r.fy_start',
      'r.cashable_pence',
      'r.hours',
      'l.name as banked_line',
      'o.name as banked_owner',
      'r.banked_fy',
      'd.reference as decision_reference',
      'r.note',
    )
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    programme_id: Number(r.programme_id),
    fy_start: Number(r.fy_start),
    banked_fy: r.banked_fy === null ? null : Number(r.banked_fy),
  }))
}

export interface AppraisalProgrammeRow {
  id: number
  code: string
  name: string
  invest_to_save: boolean | number
  claimed_payback_years: string | null
  claimed_payback_source: string | null
  inflation_rate: string | null
  inflation_source: string | null
}

/** Programmes with their appraisal settings: one, or every one the viewer may see. */
export async function appraisalProgrammes(db: Db, drafts: boolean, id?: number): Promise<AppraisalProgrammeRow[]> {
  const q = db('programmes').whereNull('retired_at')
  if (!drafts) q.whereNot('status', 'proposed')
  if (id !== undefined) q.where('id', id)
  return q
    .select<AppraisalProgrammeRow[]>(
      'id',
      'code',
      'name',
      'invest_to_save',
      'claimed_payback_years',
      'claimed_payback_source',
      'inflation_rate',
      'inflation_source',
    )
    .orderBy('name')
}
