// Page text as a reader sees it: tags removed, entities decoded, whitespace collapsed.
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The text of the table row whose header cell starts with `label`, within the table captioned `caption`. */
export function rowText(html: string, caption: string, label: string): string {
  const tables = html.split('<table').slice(1)
  const table = tables.find((t) => pageText(t.slice(0, t.indexOf('</caption>') + 10)).includes(caption))
  if (!table) throw new Error(`No table captioned "${caption}"`)
  const rows = table
    .slice(0, table.indexOf('</table>'))
    .split('<tr')
    .slice(1)
    .map((r) => pageText('<tr' + r.slice(0, r.indexOf('</tr>'))))
  const row = rows.find((r) => r.startsWith(label))
  if (!row) throw new Error(`No row "${label}" in "${caption}": ${rows.join(' | ')}`)
  return row
}

const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m?.[1] === undefined ? undefined : decode(m[1])
}

export interface PageForm {
  action: string
  /** What a browser would send as the form stands: text and hidden inputs, checked boxes, selected options. */
  fields: Record<string, string | string[]>
}

/** Every POST form on a page, with the fields a browser would send if nothing were changed. */
export function postForms(html: string): PageForm[] {
  const forms: PageForm[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open = '', body = ''] = match
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue
    const fields: Record<string, string | string[]> = {}
    const add = (name: string, value: string) => {
      const existing = fields[name]
      fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
    }
    for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(tag, 'name')
      const type = (attr(tag, 'type') ?? 'text').toLowerCase()
      if (!name) continue
      if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag)) continue
      add(name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''))
    }
    for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(m[1] ?? '', 'name')
      if (name) add(name, decode(m[2] ?? ''))
    }
    for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(m[1] ?? '', 'name')
      if (!name) continue
      const options = [...(m[2] ?? '').matchAll(/<option\b([^>]*)>/g)].map((o) => o[1] ?? '')
      const chosen = options.find((o) => /\sselected\b/.test(o)) ?? options[0]
      if (chosen !== undefined) add(name, attr(chosen, 'value') ?? '')
    }
    forms.push({ action: decode(attr(open, 'action') ?? ''), fields })
  }
  return forms
}
