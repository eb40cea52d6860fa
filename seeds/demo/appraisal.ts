// Appraisal inputs for the demo office (issue #4). What the documents say is marked with its source; what they
// do not say (shifts a year, cost per hour, productive hours, how long savings last) is marked as an assumption.

export const CLAIMED_PAYBACKS: Record<string, { years: string; source: string }> = {
  'ITP-ESSEX': {
    years: '3',
    source:
      '"an anticipated pay back of three years": Commissioner\'s key decisions, July to September 2015 (Panel item C1)',
  },
}

export interface BenefitSeed {
  programme: string
  kind: 'cashable' | 'non_cashable'
  basis: 'document' | 'derived' | 'assumption'
  description: string
  years: number[]
  pounds: string | null
  hours: string | null
  note: string
}

export const BENEFITS: BenefitSeed[] = [
  {
    programme: 'ITP-ESSEX',
    kind: 'cashable',
    basis: 'derived',
    description: 'Annual saving implied by the three-year payback claim (derived)',
    years: [2016, 2017, 2018, 2019, 2020],
    pounds: '1400000',
    hours: null,
    note: 'Derived, not in the documents: £4.2m paid back in three years is £1.4m a year. That the saving runs for five years (2016/17 to 2020/21) is an assumption.',
  },
]

export interface TimeSavedSeed {
  programme: string
  description: string
  hoursPerShift: [string, string]
  shifts: [string, string]
  officers: [string, string]
  costPerHour: [string, string]
  productiveHours: [string, string]
  fromFy: number
  toFy: number
}

export const TIME_SAVED: TimeSavedSeed[] = [
  {
    programme: 'MOBILE-FIRST',
    description: 'Officer time saved by mobile devices (1 hour per officer per shift)',
    hoursPerShift: [
      '1',
      '"1 hour per officer per shift", an early estimate from pilots: Panel minutes, Mobile Policing and ESN',
    ],
    shifts: ['200', 'Assumption: about 200 shifts a year per officer (not in the documents)'],
    officers: ['2200', '2,200 devices issued to officers: decision OPCC.D.013.17 (only device holders count)'],
    costPerHour: ['30', 'Assumption: £30 an hour, an illustrative officer cost (not in the documents)'],
    productiveHours: ['1650', 'Assumption: 1,650 productive hours a year per FTE (not in the documents)'],
    fromFy: 2018,
    toFy: 2020,
  },
]
