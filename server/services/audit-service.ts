// The audit trail for finance and administrators: filters (who, programme, date range) and pages.
import type { Knex } from 'knex'
import { canReadAudit, type Viewer } from '../domain/access'
import { parseDateInput } from '../domain/uk-date'
import { listAudit, type AuditRow } from '../data/audit-repository'
import { programmeChoices } from '../data/reference-repository'
import { NotAllowedError } from './edit-context'
import type { FieldError } from '../domain/errors'

export const AUDIT_PAGE_SIZE = 50

export interface AuditQuery {
  actor?: string
  programme?: string
  from?: string
  to?: string
  page?: string
}

export interface AuditPage {
  rows: AuditRow[]
  total: number
  page: number
  pages: number
  filters: AuditQuery
  errors: FieldError[]
  programmes: { code: string; name: string }[]
}

export function auditService(db: Knex) {
  return {
    async list(viewer: Viewer, q: AuditQuery): Promise<AuditPage> {
      if (!canReadAudit(viewer)) throw new NotAllowedError('read the audit trail')
      const errors: FieldError[] = []
      const dateOf = (field: 'from' | 'to', label: string) => {
        const value = q[field]?.trim()
        if (!value) return undefined
        const r = parseDateInput(value)
        if (r.ok) return r.iso
        errors.push({ field, message: `${label} ${r.problem}` })
        return undefined
      }
      const from = dateOf('from', 'The from date')
      const to = dateOf('to', 'The to date')
      const programmes = await programmeChoices(db)
      const programme = q.programme
        ? programmes.find((p) => p.code.toUpperCase() === q.programme?.toUpperCase())
        : undefined
      if (q.programme && !programme)
        errors.push({ field: 'programme', message: `There is no programme with the code ${q.programme}` })
      const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1)
      const { rows, total } = await listAudit(db, {
        actor: q.actor?.trim() || undefined,
        programmeId: programme ? Number(programme.id) : undefined,
        from,
        to,
        page,
        pageSize: AUDIT_PAGE_SIZE,
      })
      return {
        rows,
        total,
        page,
        pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
        filters: q,
        errors,
        programmes: programmes.map((p) => ({ code: p.code, name: p.name })),
      }
    },
  }
}
