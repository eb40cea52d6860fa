// The published registers (issue #14): the Commissioner's grants by year, and the contracts over £10,000. Finance, who
// keeps them, also sees what is not published (grants of a draft year; contracts of £10,000 or less), labelled so.
import type { Knex } from 'knex'
import { canEditFigures, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, parseFy } from '../domain/financial-year'
import { fromPence, type Decimal } from '../domain/money'
import { CONTRACT_THRESHOLD_PENCE, GRANT_KIND_WORDS, type GrantKind } from '../domain/registers'
import { budgetYears } from '../data/figures-repository'
import { grantTotals, listContracts, listGrants, type ContractRow, type GrantRow } from '../data/register-repository'

export interface GrantView extends GrantRow {
  amount: Decimal
  kindWords: string
}

export interface GrantYear {
  fyStart: number
  years: number[]
  /** The year is a draft: its grants are not published (finance only sees them). */
  draft: boolean
  grants: GrantView[]
  byKind: { kind: string; kindName: string; total: Decimal; grantCount: number }[]
  total: Decimal
}

const grantView = (g: GrantRow): GrantView => ({
  ...g,
  amount: fromPence(g.amount_pence),
  kindWords: GRANT_KIND_WORDS[g.kind as GrantKind] ?? g.kind,
})

function chooseFy(asked: unknown, years: number[]): number {
  if (asked !== undefined && typeof asked !== 'string')
    throw new BadRequestError('The year was given more than once', 'give one, like ?fy=2022-23')
  if (asked === undefined || asked === '') {
    const latest = years[years.length - 1]
    if (latest === undefined) throw new NotFoundError('A year with grants')
    return latest
  }
  const fy = parseFy(asked)
  if (fy === null) throw new BadRequestError(`"${asked}" is not a financial year`, FY_FORMAT_HINT)
  return fy
}

async function grantYear(db: Knex, viewer: Viewer, asked: unknown): Promise<GrantYear> {
  const finance = canEditFigures(viewer)
  const [totals, withBudget] = await Promise.all([grantTotals(db, !finance), budgetYears(db, false)])
  const years = [...new Set(totals.map((t) => t.fy_start))]
  const fyStart = chooseFy(asked, years)
  const draft = withBudget.some((y) => y.fyStart === fyStart && y.draft)
  if (draft && !finance) throw new NotFoundError(`Published grants for ${fyLabel(fyStart)}`)
  const grants = (await listGrants(db, { fyStart, publishedOnly: !finance })).map(grantView)
  const ofYear = totals.filter((t) => t.fy_start === fyStart)
  return {
    fyStart,
    years,
    draft,
    grants,
    byKind: ofYear.map((t) => ({
      kind: t.kind,
      kindName: GRANT_KIND_WORDS[t.kind as GrantKind] ?? t.kind,
      total: fromPence(t.total_pence),
      grantCount: t.count,
    })),
    total: ofYear.reduce((a, t) => a.plus(fromPence(t.total_pence)), fromPence(0)),
  }
}

export interface ContractView extends ContractRow {
  value: Decimal
}

async function contractLists(db: Knex, viewer: Viewer) {
  const all = (await listContracts(db, canEditFigures(viewer) ? null : CONTRACT_THRESHOLD_PENCE)).map((c) => ({
    ...c,
    value: fromPence(c.value_pence),
  }))
  const over = (c: ContractView) => Number(c.value_pence) > CONTRACT_THRESHOLD_PENCE
  return { published: all.filter(over), unpublished: all.filter((c) => !over(c)) }
}

export function registerService(db: Knex) {
  return {
    grants: (viewer: Viewer, fy: unknown) => grantYear(db, viewer, fy),
    contracts: (viewer: Viewer) => contractLists(db, viewer),
  }
}
