// The Panel pack (issue #14): the report as an HTML page, and the same page printed to an A4 PDF by Chromium.
import type { Request, Response, Router } from 'express'
import type { Services } from '../services'
import type { PanelPack } from '../services/pack-service'
import { PrinterBusyError, type PdfPrinter } from '../files/pdf'
import { fySlug } from '../domain/financial-year'

const asked = (req: Request) => ({ fy: req.query.fy, period: req.query.period })

const locals = (pack: PanelPack) => ({ nav: 'reports', chart: true, ...pack })

/** The page rendered to a string (with the layout and this response's locals), for the printer. */
function renderToString(res: Response, view: string, context: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) =>
    res.render(view, context, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? ''))),
  )
}

async function sendPdf(res: Response, pack: PanelPack, printer: PdfPrinter): Promise<void> {
  const name = `panel-pack-${fySlug(pack.fyStart)}-P${pack.packPeriod}.pdf`
  try {
    const printed = await printer.print({
      html: (pageNumbers) => renderToString(res, 'pages/panel-pack', { ...locals(pack), pageNumbers }),
      sections: pack.sections,
    })
    res.set('Content-Disposition', `inline; filename="${name}"`).type('application/pdf').send(printed.pdf)
  } catch (err) {
    const busy = err instanceof PrinterBusyError
    if (!busy) console.error(`The Panel pack PDF failed: ${err instanceof Error ? err.message : String(err)}`)
    res.set('Retry-After', busy ? '10' : '60')
    res.status(503).render('pages/pack-no-pdf', { title: 'The PDF could not be made', nav: 'reports', pack, busy })
  }
}

export function packPages(router: Router, services: Services, printer: PdfPrinter): void {
  router.get('/reports/panel-pack', async (req, res) => {
    const pack = await services.packs.get(res.locals.viewer, asked(req))
    res.render('pages/panel-pack', locals(pack))
  })

  router.get('/reports/panel-pack.pdf', async (req, res) => {
    const pack = await services.packs.get(res.locals.viewer, asked(req))
    if (!printer.available) {
      res
        .status(503)
        .render('pages/pack-no-pdf', { title: 'No PDF on this server', nav: 'reports', pack, missing: true })
      return
    }
    await sendPdf(res, pack, printer)
  })
}
