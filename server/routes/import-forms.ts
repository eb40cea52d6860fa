// Ledger imports (issue #9): the list and the upload (multipart, streamed to disk), a batch's page (its column
// mapping, the progress of its check or commit, its preview, or what it imported), and the actions on it. A page
// whose job is running refreshes itself every few seconds without JavaScript (meta refresh).
import fs from 'node:fs'
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import { ValidationError } from '../domain/errors'
import { LEDGER_FIELDS, neutraliseCell } from '../domain/ledger'
import { fyLabel, fySlug } from '../domain/financial-year'
import { editors, formRoute, idParam, save } from './form-helpers'
import { readUpload } from './upload'
import { ForbiddenError } from './guards'

const RUNNING = new Set(['checking', 'committing'])

type Imports = Services['imports']

function listRoutes(router: Router, imports: Imports): void {
  const renderList = async (res: Response, status: number, locals: Record<string, unknown>) => {
    const page = await imports.list(res.locals.viewer)
    res.status(status).render('pages/imports', {
      title: 'Import ledger actuals',
      nav: 'imports',
      ...page,
      years: page.years.map((fy) => ({ code: fySlug(fy), name: fyLabel(fy) })),
      values: {},
      ...locals,
    })
  }

  router.get('/imports', editors, async (_req, res) => renderList(res, 200, {}))

  router.post('/imports', editors, async (req, res) => {
    const upload = await readUpload(req, imports.uploadDir())
    req.body = upload.fields
    const valid = (res.locals.csrfValid as () => boolean)()
    if (!valid || upload.tempFile === null) {
      if (upload.tempFile) await fs.promises.rm(upload.tempFile, { force: true })
      if (!valid) throw new ForbiddenError('upload a file from a page that has expired: reload it and try again')
    }
    await save(req, res, {
      render: (status, locals) => renderList(res, status, locals),
      action: async () => {
        if (upload.tempFile === null)
          throw new ValidationError([{ field: 'file', message: 'Choose the ledger file to upload (CSV or XLSX)' }])
        try {
          return `/imports/${await imports.upload(res.locals.viewer, upload)}`
        } finally {
          await fs.promises.rm(upload.tempFile, { force: true })
        }
      },
    })
  })
}

/** The mapping form's selects: each field with the file's headings, and the column chosen (typed or saved). */
function mappingFields(
  batch: { headers: string[]; mapping: Partial<Record<string, string>> },
  typed: Record<string, string> | undefined,
) {
  return LEDGER_FIELDS.map((f) => ({
    ...f,
    label: f.required
      ? f.label
      : ['amount', 'debit', 'credit'].includes(f.field)
        ? `${f.label} (an amount, or a debit and a credit)`
        : `${f.label} (optional)`,
    id: `map_${f.field}`,
    options: batch.headers.map((h) => ({ code: h, name: h })),
    value: typed?.[`map_${f.field}`] ?? batch.mapping[f.field] ?? '',
  }))
}

function batchRoutes(router: Router, imports: Imports): void {
  const renderBatch = async (
    req: Request,
    res: Response,
    page: { status: number; locals: Record<string, unknown> },
  ) => {
    const { status, locals } = page
    const id = idParam(req, 'Import')
    const batch = await imports.page(res.locals.viewer, id)
    const running = RUNNING.has(batch.batch.status)
    res.status(status).render('pages/import', {
      title: `Import #${id}: ${batch.batch.file_name}`,
      nav: 'imports',
      refresh: running ? 3 : undefined,
      ...batch,
      running,
      fields: mappingFields(batch, locals.values as Record<string, string> | undefined),
      values: { mapping_name: batch.mappingName || batch.batch.file_name.replace(/\.[^.]+$/, '') },
      ...locals,
    })
  }
  router.get('/imports/:id', editors, (req, res) => renderBatch(req, res, { status: 200, locals: {} }))

  const action = (name: string, run: (req: Request, res: Response, id: number) => Promise<void>) =>
    router.post(`/imports/:id/${name}`, editors, async (req, res) => {
      const id = idParam(req, 'Import')
      await save(req, res, {
        render: (status, locals) => renderBatch(req, res, { status, locals }),
        action: async () => {
          await run(req, res, id)
          await imports.settle(id, 2000)
          return `/imports/${id}`
        },
      })
    })
  const body = (req: Request) => req.body as Record<string, unknown>
  action('check', (req, res, id) => imports.map(res.locals.viewer, id, body(req)))
  action('commit', (req, res, id) => imports.commit(res.locals.viewer, id, body(req)))
  action('reverse', (req, res, id) => imports.reverse(res.locals.viewer, id, body(req)))
  action('discard', (_req, res, id) => imports.discard(res.locals.viewer, id))
}

const csvCell = (v: string | number | null) => {
  const t = neutraliseCell(String(v ?? ''))
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
}

function reportRoute(router: Router, imports: Imports): void {
  router.get('/imports/:id/report.csv', editors, async (req, res) => {
    const id = idParam(req, 'Import')
    const rows = imports.report(res.locals.viewer, id)
    const first = await rows.next()
    res.set('Content-Type', 'text/csv; charset=utf-8')
    res.attachment(`import-${id}-report.csv`)
    res.write('\uFEFFRow,Ledger reference,Outcome,Field,Reason\r\n')
    const outcome = { rejected: 'Rejected', held: 'Already imported', conflict: 'Conflict' }
    for (let r = first; !r.done; r = await rows.next()) {
      const p = r.value
      const field = LEDGER_FIELDS.find((f) => f.field === p.field)?.label ?? p.field
      res.write([p.row_number, p.ledger_ref, outcome[p.kind], field, p.reason].map(csvCell).join(',') + '\r\n')
    }
    res.end()
  })
}

function ledgerCodeRoutes(router: Router, services: Services): void {
  const render = async (res: Response, page: { status: number; locals: Record<string, unknown> }) => {
    const { codes, lines } = await services.ledgerCodes.page()
    res.status(page.status).render('pages/ledger-codes', {
      title: 'Ledger codes',
      nav: 'imports',
      codes,
      lines: lines.map((l) => ({
        code: String(l.id),
        name: l.programme_code ? `${l.name} (${l.programme_code})` : l.name,
      })),
      values: {},
      ...page.locals,
    })
  }
  formRoute(router, {
    path: '/ledger-codes',
    load: () => null,
    render: (res, { status, locals }) => render(res, { status, locals }),
    values: () => ({}),
    save: ({ viewer, body }) => services.ledgerCodes.create(viewer, body),
  })
  formRoute(router, {
    path: '/ledger-codes',
    postPath: '/ledger-codes/:id/retire',
    load: (req) => idParam(req, 'Ledger code'),
    render: (res, { status, locals }) => render(res, { status, locals }),
    save: ({ viewer, context: id, body }) => services.ledgerCodes.retire(viewer, id, body),
  })
}

export function importForms(router: Router, services: Services): void {
  ledgerCodeRoutes(router, services)
  listRoutes(router, services.imports)
  batchRoutes(router, services.imports)
  reportRoute(router, services.imports)
}
