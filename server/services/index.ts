// The services the routes use, built over one knex instance.
import os from 'node:os'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { Knex } from 'knex'
import { importService } from './import-service'
import { ledgerCodeService } from './ledger-code-service'
import { reserveService } from './reserve-service'
import { reserveAdminService } from './reserve-admin-service'
import { mtfpService } from './mtfp-service'
import { capitalService } from './capital-service'
import { preceptService } from './precept-service'
import { preceptAdminService } from './precept-admin-service'
import { taxBaseService } from './tax-base-service'
import { preceptSettingsService } from './precept-settings-service'
import { changeService } from './change-service'
import { capitalAdminService } from './capital-admin-service'
import { reprofileService } from './reprofile-service'
import { outturnService } from './outturn-service'
import { commentaryService } from './commentary-service'
import { packService } from './pack-service'
import { publishedSpendService } from './published-spend-service'
import { registerService } from './register-service'
import { registerAdminService } from './register-admin-service'
import { apiService } from './api-service'
import { capitalLedgerService } from './capital-ledger-service'
import { assetClassService } from './asset-class-service'
import { mtfpAdminService } from './mtfp-admin-service'
import { workforceAdminService } from './workforce-admin-service'
import { savingsAdminService } from './savings-admin-service'
import { savingsService } from './savings-service'
import { clientOf } from '../data/db'
import { ping } from '../data/reference-repository'
import { dashboardService } from './dashboard-service'
import { decisionService } from './decision-service'
import { programmeService } from './programme-service'
import { authService } from './auth-service'
import { auditService } from './audit-service'
import { lineAdminService } from './line-admin-service'
import { programmeAdminService } from './programme-admin-service'
import { yearService } from './year-service'
import { yearLockService } from './year-lock-service'
import { journalService } from './journal-service'
import { profileService } from './profile-service'
import { decisionAdminService } from './decision-admin-service'
import { referenceAdminService } from './reference-admin-service'
import { appraisalService } from './appraisal-service'
import { assumptionService } from './assumption-service'
import { realisationService } from './realisation-service'

export interface ServiceOptions {
  /** Where uploaded ledger files wait (default: a new folder in the system's temporary directory). */
  importDir?: string
  /** The connection import jobs write through (default: db). */
  jobDb?: Knex
}

/** The Panel pack and the published record (issue #14). */
function publishedRecordServices(db: Knex) {
  return {
    packs: packService(db),
    publishedSpend: publishedSpendService(db),
    registers: registerService(db),
    registerAdmin: registerAdminService(db),
    api: apiService(db),
  }
}

export function createServices(db: Knex, options: ServiceOptions = {}) {
  const importDir = options.importDir ?? path.join(os.tmpdir(), `pcc-imports-${randomBytes(6).toString('hex')}`)
  return {
    imports: importService(db, { importDir, jobDb: options.jobDb }),
    ledgerCodes: ledgerCodeService(db),
    reserves: reserveService(db),
    reserveAdmin: reserveAdminService(db),
    mtfp: mtfpService(db),
    capital: capitalService(db),
    precept: preceptService(db),
    preceptAdmin: preceptAdminService(db),
    taxBases: taxBaseService(db),
    preceptSettings: preceptSettingsService(db),
    changes: changeService(db),
    capitalAdmin: capitalAdminService(db),
    reprofile: reprofileService(db),
    outturn: outturnService(db),
    commentary: commentaryService(db),
    ...publishedRecordServices(db),
    capitalLedger: capitalLedgerService(db),
    assetClasses: assetClassService(db),
    mtfpAdmin: mtfpAdminService(db),
    workforceAdmin: workforceAdminService(db),
    savingsAdmin: savingsAdminService(db),
    savings: savingsService(db),
    auth: authService(db),
    audit: auditService(db),
    programmeAdmin: programmeAdminService(db),
    lineAdmin: lineAdminService(db),
    years: yearService(db),
    yearLocks: yearLockService(db),
    journals: journalService(db),
    profiles: profileService(db),
    decisionAdmin: decisionAdminService(db),
    referenceAdmin: referenceAdminService(db),
    appraisal: appraisalService(db),
    assumptions: assumptionService(db),
    realisations: realisationService(db),
    dashboard: dashboardService(db),
    programmes: programmeService(db),
    decisions: decisionService(db),
    health: {
      client: clientOf(db),
      async check(): Promise<void> {
        await ping(db)
      },
    },
  }
}

export type Services = ReturnType<typeof createServices>
