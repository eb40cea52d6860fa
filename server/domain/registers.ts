// The published registers finance keeps (issue #14): the kinds of grant, the bodies that let contracts, and the
// value above which a contract is published.

export const GRANT_KINDS = ['crime_disorder', 'victims', 'commissioning'] as const
export type GrantKind = (typeof GRANT_KINDS)[number]

export const GRANT_KIND_WORDS: Record<GrantKind, string> = {
  crime_disorder: 'Crime and disorder reduction grant',
  victims: "Victims' services",
  commissioning: 'Other commissioning',
}

export const BODIES = ['OPCC', 'Force'] as const

/** Contracts over £10,000 are published (the Specified Information Order); £10,000.00 is not over. */
export const CONTRACT_THRESHOLD_PENCE = 1_000_000
