// Reading the values a query returns, the same on both databases: PostgreSQL gives a bigint sum as a string and a
// timestamp as a Date, SQLite numbers and text.

/** A column as text (a number's digits, a timestamp in ISO form), or null when it is null. */
export const text = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'bigint'
        ? v.toString()
        : v instanceof Date
          ? v.toISOString()
          : null

/** An id column, or null. */
export const idOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** A date column (YYYY-MM-DD on both databases: db.ts keeps PostgreSQL's dates as text), or null. */
export const isoDate = (v: unknown): string | null => {
  const t = text(v)
  return t === null ? null : t.slice(0, 10)
}
