// Will it pay back? A programme's appraisal twice: cashable only (what the budget sees) and full economic (with
// non-cashable time valued); the payback its decision claimed beside the computed one; sensitivity; and the
// portfolio of every programme with benefits. Figures come from SQL sums; the arithmetic is the domain's.
import type { Knex } from 'knex'
import * as data from '../data/appraisal-repository'
import { listProgrammes } from '../data/programme-repository'
import { canSeeDrafts, type Viewer } from '../domain/access'
import { buildAppraisal, type ProgrammeAppraisal, type ProgrammeInputs } from '../domain/programme-appraisal'
import { NotFoundError } from '../domain/errors'

function inputsOf(row: {
  code: string
  name: string
  invest_to_save: boolean | number
  claimed_payback_years?: string | null
  claimed_payback_source?: string | null
  inflation_rate?: string | null
  inflation_source?: string | null
}): ProgrammeInputs {
  return {
    code: row.code,
    name: row.name,
    investToSave: Boolean(row.invest_to_save),
    claimedPayback: row.claimed_payback_years ?? null,
    claimedSource: row.claimed_payback_source ?? null,
    inflation: row.inflation_rate ?? null,
    inflationSource: row.inflation_source ?? null,
  }
}

export function appraisalService(db: Knex) {
  return {
    async programme(viewer: Viewer, code: string): Promise<ProgrammeAppraisal> {
      const drafts = canSeeDrafts(viewer)
      const [found] = await listProgrammes(db, drafts, code)
      if (!found) throw new NotFoundError(`A programme with the code "${code}"`)
      const id = Number(found.id)
      const [[row], costs, benefits, assumptions, realised, bases] = await Promise.all([
        data.appraisalProgrammes(db, drafts, id),
        data.costsByYear(db, id, !drafts),
        data.benefitsByYear(db, id, !drafts),
        data.timeSavedAssumptions(db, id),
        data.realisations(db, id),
        data.benefitBases(db, id),
      ])
      if (!row) throw new NotFoundError(`A programme with the code "${code}"`)
      return buildAppraisal(inputsOf(row), { costs, benefits, assumptions, realised, bases })
    },

    /** Every programme with benefits, ranked by cashable NPV (what the budget sees) unless `rankBy` is 'full':
     * six queries whatever the number of programmes. */
    async portfolio(
      viewer: Viewer,
      options: { investToSaveOnly: boolean; rankBy: 'cashable' | 'full' },
    ): Promise<ProgrammeAppraisal[]> {
      const drafts = canSeeDrafts(viewer)
      const [rows, costs, benefits, assumptions, realised, bases] = await Promise.all([
        data.appraisalProgrammes(db, drafts),
        data.costsByYear(db, undefined, !drafts),
        data.benefitsByYear(db, undefined, !drafts),
        data.timeSavedAssumptions(db, undefined),
        data.realisations(db, undefined),
        data.benefitBases(db, undefined),
      ])
      return rows
        .map((r) => {
          const id = Number(r.id)
          return buildAppraisal(inputsOf(r), {
            costs: costs.filter((c) => c.programme_id === id),
            benefits: benefits.filter((b) => b.programme_id === id),
            assumptions: assumptions.filter((a) => a.programme_id === id),
            realised: realised.filter((r) => r.programme_id === id),
            bases: bases.filter((b) => b.programme_id === id),
          })
        })
        .filter((a) => a.hasBenefits && (!options.investToSaveOnly || a.investToSave))
        .sort((a, b) => b[options.rankBy].npv.comparedTo(a[options.rankBy].npv))
    },
  }
}
