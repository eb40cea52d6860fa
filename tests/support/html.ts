// Page text as a reader sees it: tags removed, entities decoded, whitespace collapsed.
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
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
