// The words for the codes records hold, in one place: forms' choices, pages and the audit trail all read them here.
export const PROGRAMME_STATUS_WORDS = {
  proposed: 'Proposed',
  approved: 'Approved',
  in_progress: 'In progress',
  complete: 'Complete',
  closed: 'Closed',
} as const

export const NATURE_WORDS = { capital: 'Capital', revenue: 'Revenue' } as const
export const RECURRENCE_WORDS = { one_off: 'One-off', recurring: 'Recurring' } as const
export const BENEFIT_KIND_WORDS = { cashable: 'Cashable', non_cashable: 'Non-cashable' } as const
export const BASIS_WORDS = {
  document: 'A document gives it',
  derived: 'Worked out from documents’ figures',
  assumption: 'An assumption',
} as const
export const CLASSIFICATION_WORDS = { open: 'Open', confidential: 'Confidential' } as const
export const YEAR_STATUS_WORDS = { draft: 'Draft', published: 'Published' } as const

export const FUNDING_KIND_WORDS = {
  capital_receipt: 'Capital receipt',
  revenue_contribution: 'Revenue contribution to capital',
  borrowing: 'Borrowing',
  earmarked_reserve: 'Earmarked reserve',
  national_grant: 'Home Office / national grant',
  partner_contribution: 'Partner contribution',
  opcc_grant: 'OPCC grant',
  revenue_budget: 'Revenue budget',
  capital_resources: 'Capital resources (unspecified)',
} as const

/** The codes of a word map, as zod's enum wants them. */
export function codesOf<T extends Record<string, string>>(words: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(words) as [keyof T & string, ...(keyof T & string)[]]
}
