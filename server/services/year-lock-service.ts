// A closed year (its ledger posted to P12) is locked: its budget, profiles and forecasts cannot change. An
// administrator may reopen it for changes, giving the reason, and close it again: both are audited.
import type { Knex } from 'knex'
import { canManageAccounts, type Viewer } from '../domain/access'
import { BadRequestError, NotFoundError, ValidationError } from '../domain/errors'
import { FY_FORMAT_HINT, fyLabel, isClosedYear, parseFy } from '../domain/financial-year'
import * as years from '../data/year-repository'
import { updateRecord } from '../data/records'
import * as specs from '../data/record-specs'
import { NotAllowedError, type Actor } from './edit-context'
import { parseForm, requiredText, type FormBody } from './forms'

export interface YearLock {
  fyStart: number
  /** The latest period its ledger is posted to. */
  posted: number
  closed: boolean
  reopened: boolean
}

function administratorOf(viewer: Viewer, what: string): Actor {
  if (!canManageAccounts(viewer) || viewer.userId === null) throw new NotAllowedError(what)
  return { actor: `${viewer.name ?? ''} <${viewer.email ?? ''}>`, userId: viewer.userId }
}

async function lockOf(db: Knex, fySlug: string): Promise<YearLock> {
  const fy = parseFy(fySlug)
  if (fy === null) throw new BadRequestError(`"${fySlug}" is not a financial year`, FY_FORMAT_HINT)
  if ((await years.yearStatus(db, fy)) === null) throw new NotFoundError(`The financial year ${fyLabel(fy)}`)
  const { posted, reopened } = await years.yearLock(db, fy)
  return { fyStart: fy, posted, closed: isClosedYear(posted), reopened }
}

/** Reopens a closed year for changes, or closes a reopened one again; the reason goes in the audit trail. */
async function setReopened(
  db: Knex,
  viewer: Viewer,
  change: { fySlug: string; body: FormBody },
): Promise<{ to: string; message: string }> {
  const who = administratorOf(viewer, 'reopen closed years')
  const { reason } = parseForm({ reason: requiredText('the reason', 500) }, change.body)
  return db.transaction(async (trx) => {
    const lock = await lockOf(trx, change.fySlug)
    const label = fyLabel(lock.fyStart)
    if (!lock.closed)
      throw new ValidationError([
        {
          field: 'reason',
          message: `${label} is not closed (its ledger is posted to P${lock.posted}): there is nothing to reopen`,
        },
      ])
    const reopened = !lock.reopened
    await updateRecord(trx, specs.financialYears, {
      who,
      id: lock.fyStart,
      version: null,
      // Reopening a year also reopens its outturn, if finance had closed it: it is closed again from the outturn page.
      values: reopened ? { reopened, closed_at: null, closed_by_name: null } : { reopened },
      reason,
    })
    return {
      to: '/accounts',
      message: reopened ? `${label} reopened for changes.` : `${label} closed again: its figures are locked.`,
    }
  })
}

export function yearLockService(db: Knex) {
  return {
    /** A year's lock, for the page that reopens or closes it (the route admits administrators only). */
    load: (fySlug: string) => lockOf(db, fySlug),
    /** The closed years, each reopened or locked: for the administrators' page. */
    closedYears: async (): Promise<YearLock[]> =>
      (await years.yearLocks(db)).map((y) => ({ ...y, closed: isClosedYear(y.posted) })).filter((y) => y.closed),
    setReopened: (viewer: Viewer, fySlug: string, body: FormBody) => setReopened(db, viewer, { fySlug, body }),
  }
}
