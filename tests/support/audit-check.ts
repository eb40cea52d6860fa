// Which columns of a new row are its structure rather than a value someone typed: its id, its place under its
// parent (the scope and key its record spec declares, which the audit row's words say), timestamps, and flags left
// at their defaults. Everything else a save writes must have its audit row (see `unaudited` in test-db.ts).
import * as specs from '../../server/data/record-specs'
import type { ChildSpec, RecordSpec } from '../../server/data/records'

const placed = new Map<string, Set<string>>()
const all: (RecordSpec | ChildSpec)[] = Object.values(specs)
for (const spec of all) {
  const columns = placed.get(spec.table) ?? new Set<string>(['id'])
  for (const c of spec.scope ?? []) columns.add(c)
  if ('key' in spec) for (const c of spec.key) columns.add(c)
  if ('idColumn' in spec && spec.idColumn) columns.add(spec.idColumn)
  placed.set(spec.table, columns)
}

export function structural(table: string, column: string, value: unknown): boolean {
  if (placed.get(table)?.has(column) ?? column === 'id') return true
  if (column.endsWith('_at')) return true
  // Flags left at their defaults are not values anyone typed: an entered figure is not illustrative, a new year is
  // not reopened.
  return (column === 'illustrative' || column === 'reopened') && (value === false || value === 0)
}
