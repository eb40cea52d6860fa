// The static files this server serves, and where each comes from: the app's own (public/), GOV.UK Frontend's CSS and
// fonts, and chart.js. The app mounts them; the PDF printer (files/pdf.ts) reads the same files for the page it prints.
import path from 'node:path'
import { paths } from './config'

export interface StaticMount {
  /** The URL path prefix ('' for the site root). */
  prefix: string
  dir: string
}

export function staticMounts(): StaticMount[] {
  const govuk = path.dirname(require.resolve('govuk-frontend/package.json'))
  const chartjs = path.dirname(require.resolve('chart.js'))
  return [
    { prefix: '/assets', dir: path.join(govuk, 'dist', 'govuk', 'assets') },
    { prefix: '/vendor/govuk', dir: path.join(govuk, 'dist', 'govuk') },
    { prefix: '/vendor/chart.js', dir: chartjs },
    { prefix: '', dir: paths.public },
  ]
}

/** The file a URL path names under the mounts, or null (never a path outside them). */
export function staticFile(pathname: string, mounts: StaticMount[] = staticMounts()): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  for (const m of mounts) {
    if (m.prefix !== '' && !decoded.startsWith(`${m.prefix}/`)) continue
    const file = path.resolve(m.dir, `.${decoded.slice(m.prefix.length)}`)
    if (file.startsWith(m.dir + path.sep)) return file
  }
  return null
}
