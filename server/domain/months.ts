// The months of the calendar year, January first: dates are written with them, and the financial year's periods
// (P1 April … P12 March) are named after them.
export const CALENDAR_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
