// Figures from the office's own documents (../shared/seeds, summarised in DOMAIN.md). Every line names its
// document and, where there is one, the decision; where a document is ambiguous the note gives the plain
// reading seeded. Amounts are in whole pounds, as strings, turned into pence when inserted.

export interface SourceDocument {
  code: string
  title: string
  publishedOn: string | null
  note?: string
}

export const SOURCE_DOCUMENTS: SourceDocument[] = [
  {
    code: '2015-09-commissioner-key-decisions',
    title: "Commissioner's key decisions, July to September 2015 (Panel item C1, 22 September 2015)",
    publishedOn: '2015-09-22',
  },
  {
    code: '2015-11-11-governance-board-notes',
    title: 'Governance board notes, 11 November 2015',
    publishedOn: '2015-11-11',
  },
  {
    code: 'panel-minutes-mobile-policing-and-esn',
    title: 'Panel minutes: Mobile Policing and the Emergency Services Network',
    publishedOn: null,
    note: 'The minutes do not carry their meeting date.',
  },
  {
    code: '2017-03-28-panel-agenda-pack',
    title: 'Police and Crime Panel agenda pack, 28 March 2017',
    publishedOn: '2017-03-28',
  },
  {
    code: '2023-panel-minutes-annual-report-and-decisions',
    title: 'Panel minutes 2023: annual report and decisions',
    publishedOn: null,
  },
  {
    code: 'published-kent-budgets',
    title: 'Kent Police budgets (public record)',
    publishedOn: null,
    note: 'Not in the seed documents; quoted in DOMAIN.md as public record.',
  },
]

export interface FundingSourceSeed {
  code: string
  name: string
  kind: string
  note?: string
}

export const FUNDING_SOURCES: FundingSourceSeed[] = [
  {
    code: 'approved-capital',
    name: 'Approved capital resources',
    kind: 'capital_resources',
    note: 'The 2015 key decisions say "approved capital resources" and "approved capital funds" without naming receipts, reserves or borrowing.',
  },
  {
    code: 'capital-receipt-ip',
    name: 'Capital receipt: sale of IP addresses',
    kind: 'capital_receipt',
    note: 'Decision OPCC.D.033.23; the amount is not given in the documents.',
  },
  { code: 'revenue-contribution', name: 'Revenue contribution to capital', kind: 'revenue_contribution' },
  { code: 'borrowing', name: 'Borrowing', kind: 'borrowing' },
  { code: 'earmarked-reserve', name: 'Earmarked reserve', kind: 'earmarked_reserve' },
  { code: 'force-revenue', name: 'Force revenue budget', kind: 'revenue_budget' },
  { code: 'opcc-grant', name: 'OPCC grant', kind: 'opcc_grant' },
  { code: 'national-vpc-grant', name: 'National VPC pump-prime grant', kind: 'national_grant' },
  { code: 'home-office-grant', name: 'Home Office / national grant', kind: 'national_grant' },
  { code: 'partner-essex', name: 'Partner contribution: Essex', kind: 'partner_contribution' },
  { code: 'general-funding', name: 'General revenue funding (grants and precept)', kind: 'revenue_budget' },
]

export interface LineSeed {
  name: string
  nature: 'capital' | 'revenue'
  recurrence: 'one_off' | 'recurring'
  owner: string
  spendType: string
  funding: string | null
  source: string
  sourceReference: string | null
  note: string
  /** Whole pounds by financial year start (2017 = 2017/18). */
  amounts: Record<number, string>
}

export interface ProgrammeSeed {
  code: string
  name: string
  description: string
  status: 'proposed' | 'approved' | 'in_progress' | 'complete' | 'closed'
  investToSave: boolean
  source: string
  sourceNote: string
  lines: LineSeed[]
}

const KD_2015 = 'Key decisions Jul–Sep 2015, Panel item C1 (22 Sep 2015): no decision number given'

export const PROGRAMMES: ProgrammeSeed[] = [
  {
    code: 'BWV',
    name: 'Body Worn Video',
    description:
      'Wide-scale roll-out of body worn cameras to frontline officers: 400 pilot cameras, a further 1,600 bought.',
    status: 'complete',
    investToSave: false,
    source: '2015-09-commissioner-key-decisions',
    sourceNote: 'Governance board notes (11 Nov 2015): no money had been paid to the supplier by then.',
    lines: [
      {
        name: 'Body worn cameras: wide-scale roll-out',
        nature: 'capital',
        recurrence: 'one_off',
        owner: 'capital_programme',
        spendType: 'capital_equipment',
        funding: 'approved-capital',
        source: '2015-09-commissioner-key-decisions',
        sourceReference: KD_2015,
        note: 'Plain reading: the £1.8m falls in 2015/16, the year of the September 2015 endorsement; the decision gives no years.',
        amounts: { 2015: '1800000' },
      },
    ],
  },
  {
    code: 'ITP-ESSEX',
    name: 'IT platform with Essex',
    description:
      'A modern IT platform in collaboration with Essex: an invest-to-save programme with an anticipated payback of three years.',
    status: 'complete',
    investToSave: true,
    source: '2015-09-commissioner-key-decisions',
    sourceNote:
      '"The total investment for Kent is £4.2m as part of approved capital funds, with an anticipated pay back of three years."',
    lines: [
      {
        name: "IT platform: Kent's investment",
        nature: 'capital',
        recurrence: 'one_off',
        owner: 'capital_programme',
        spendType: 'capital_it',
        funding: 'approved-capital',
        source: '2015-09-commissioner-key-decisions',
        sourceReference: KD_2015,
        note: 'Assumption: the whole £4.2m falls in 2015/16; the decision gives the total, not the years.',
        amounts: { 2015: '4200000' },
      },
    ],
  },
  {
    code: 'MOBILE-FIRST',
    name: 'Mobile First',
    description:
      'Mobile policing: 100 pilot devices (2015), 2,200 devices issued by 2017, then integrated software. Early estimate: 1 hour per officer per shift saved. Kent roll-out 2018/19.',
    status: 'in_progress',
    investToSave: true,
    source: 'panel-minutes-mobile-policing-and-esn',
    sourceNote:
      '"The budget for mobile policing was £5.9million over the next 4 years" (CFO, Panel minutes). Read as 2017/18 to 2020/21.',
    lines: [
      {
        name: 'Devices and infrastructure (balance of the £5.9m)',
        nature: 'capital',
        recurrence: 'one_off',
        owner: 'capital_programme',
        spendType: 'capital_it',
        funding: null,
        source: 'panel-minutes-mobile-policing-and-esn',
        sourceReference: 'Panel minutes, item 11',
        note: 'Plain reading: the integrated software (OPCC.D.013.17) is part of the £5.9m, not on top of it. The balance, £3,985,000 (£5.9m less £1,915,000 of software), is spread evenly over 2017/18 to 2020/21 as an assumption; the documents give neither the years nor the split, nor the funding.',
        amounts: { 2017: '996250', 2018: '996250', 2019: '996250', 2020: '996250' },
      },
      {
        name: 'Integrated software: deployment and integration',
        nature: 'revenue',
        recurrence: 'one_off',
        owner: 'force',
        spendType: 'supplies',
        funding: 'force-revenue',
        source: '2017-03-28-panel-agenda-pack',
        sourceReference: 'OPCC.D.013.17',
        note: '"A one-off deployment and integration charge of £75k". The decision does not say capital or revenue; seeded as revenue, since the decision adds it to the revenue cost to make £535k in 2017/18.',
        amounts: { 2017: '75000' },
      },
      {
        name: 'Integrated software: annual revenue cost',
        nature: 'revenue',
        recurrence: 'recurring',
        owner: 'force',
        spendType: 'supplies',
        funding: 'force-revenue',
        source: '2017-03-28-panel-agenda-pack',
        sourceReference: 'OPCC.D.013.17',
        note: '"Revenue costs of approximately £460k per annum to 2020/21"; with the £75k, the decision\'s "approximately £535k in 2017/18".',
        amounts: { 2017: '460000', 2018: '460000', 2019: '460000', 2020: '460000' },
      },
    ],
  },
  {
    code: 'ESN',
    name: 'Emergency Services Network',
    description: 'The national Emergency Services Network, to be operational by 2020.',
    status: 'in_progress',
    investToSave: false,
    source: 'panel-minutes-mobile-policing-and-esn',
    sourceNote:
      '"The budget for the Emergency Services Network project was £9.5 million, this was a huge national project."',
    lines: [
      {
        name: "ESN: Kent's share of the national programme",
        nature: 'capital',
        recurrence: 'one_off',
        owner: 'capital_programme',
        spendType: 'capital_it',
        funding: null,
        source: 'panel-minutes-mobile-policing-and-esn',
        sourceReference: 'Panel minutes, item 11',
        note: "Plain reading: the £9.5m is Kent's share of the national programme. The minutes give only the total: spreading it evenly over 2017/18 to 2020/21 (operational by 2020) and treating it as capital are assumptions.",
        amounts: { 2017: '2375000', 2018: '2375000', 2019: '2375000', 2020: '2375000' },
      },
    ],
  },
  {
    code: 'CSE-TEAM',
    name: 'Child sexual exploitation team',
    description: 'A joint CSE team of 9 police officers and 6 police staff, funded by the Commissioner and the Force.',
    status: 'complete',
    investToSave: false,
    source: '2015-11-11-governance-board-notes',
    sourceNote:
      '"Funding from the Commissioner of £200,000 as well as £400,000 from the Force in each of the next three years (£600,000 per year)". Read as 2015/16 to 2017/18.',
    lines: [
      {
        name: "CSE team: Commissioner's contribution",
        nature: 'revenue',
        recurrence: 'recurring',
        owner: 'commissioning',
        spendType: 'third_party',
        funding: 'opcc-grant',
        source: '2015-11-11-governance-board-notes',
        sourceReference: 'Governance board notes, CSE item',
        note: 'Plain reading: the three years are 2015/16 to 2017/18.',
        amounts: { 2015: '200000', 2016: '200000', 2017: '200000' },
      },
      {
        name: "CSE team: Force's contribution",
        nature: 'revenue',
        recurrence: 'recurring',
        owner: 'force',
        spendType: 'officer_pay',
        funding: 'force-revenue',
        source: '2015-11-11-governance-board-notes',
        sourceReference: 'Governance board notes, CSE item',
        note: 'Plain reading: the three years are 2015/16 to 2017/18. Type of spend taken as officer pay (the team is 9 officers and 6 staff).',
        amounts: { 2015: '400000', 2016: '400000', 2017: '400000' },
      },
    ],
  },
  {
    code: 'VPC',
    name: 'Volunteer Police Cadets',
    description:
      'Kent Volunteer Police Cadets. Each unit: £2,000 National VPC pump-prime grant and £1,000 OPCC start-up grant; a typical 40-cadet unit costs £6,900 a year; cadets pay £10 a month.',
    status: 'in_progress',
    investToSave: false,
    source: '2017-03-28-panel-agenda-pack',
    sourceNote:
      '"£72,000 over the two year period 2016/17 to 2017/18 from the Office of the Police and Crime Commissioner".',
    lines: [
      {
        name: 'Cadet scheme: project manager and administration',
        nature: 'revenue',
        recurrence: 'recurring',
        owner: 'commissioning',
        spendType: 'staff_pay',
        funding: 'opcc-grant',
        source: '2017-03-28-panel-agenda-pack',
        sourceReference: 'Panel item on the Volunteer Police Cadets, para 23',
        note: 'Plain reading: the £72,000 over two years is £36,000 a year. The unit grants are not seeded: the number of units funded in each year is not given.',
        amounts: { 2016: '36000', 2017: '36000' },
      },
    ],
  },
  {
    code: 'OPCC-WEB',
    name: 'OPCC website',
    description: 'The new OPCC website, built under the Kent Police website contract; launched 1 March 2017.',
    status: 'complete',
    investToSave: false,
    source: '2017-03-28-panel-agenda-pack',
    sourceNote: 'Decision OPCC.D.014.17: "There would be no cost to the OPCC for creating the website".',
    lines: [
      {
        name: 'Website build and hosting',
        nature: 'revenue',
        recurrence: 'one_off',
        owner: 'opcc_office',
        spendType: 'supplies',
        funding: null,
        source: '2017-03-28-panel-agenda-pack',
        sourceReference: 'OPCC.D.014.17',
        note: 'No cost: part of the Kent Police website contract. Launched 1 March 2017, so 2016/17.',
        amounts: { 2016: '0' },
      },
    ],
  },
  {
    code: 'IP-SALE',
    name: 'Sale of IP addresses',
    description: 'A capital receipt from selling IP addresses, used for capital funding.',
    status: 'complete',
    investToSave: false,
    source: '2023-panel-minutes-annual-report-and-decisions',
    sourceNote:
      'Decision OPCC.D.033.23: "money had been generated from the sale for capital funding". The amount is not given, so no figure is seeded.',
    lines: [],
  },
]

export interface SignoffSeed {
  role: 'cfo' | 'chief_of_staff' | 'commissioner'
  written: string | null
  comments: string | null
}

export interface DecisionSeed {
  /** null: the source gives no reference number (never invent one). */
  reference: string | null
  title: string
  summary: string
  decisionText: string | null
  /** When it was taken, as the source says, where no sign-off record gives the date. */
  decidedWhen?: string
  classification: 'open' | 'confidential'
  originator: string | null
  source: string
  note: string
  signoffs: SignoffSeed[]
  programmes: { code: string; note: string | null }[]
  /** What it commits, whole pounds by financial year (fy null: the decision gives no year). */
  commitments: { fy: number | null; amount: string; note: string | null }[]
}

const FORM_NOTE =
  'The record form prints "OPEN CONFIDENTIAL" with one struck through; it was published in the public agenda pack, so it is seeded as open.'

export const DECISIONS: DecisionSeed[] = [
  {
    reference: 'OPCC.D.013.17',
    title: 'Mobile First - Integrated Software Procurement',
    summary:
      'Since the pilot, 2,200 Samsung Galaxy Note devices have been issued to officers in Kent. An integrated solution offers single search and data entry across policing systems. The cost to Kent is a one-off deployment and integration charge of £75k, and revenue costs of approximately £460k per annum to 2020/21.',
    decisionText:
      'To purchase an integrated software solution at a cost of approximately £535k in 2017/18 and thereafter £460k per annum to 2020/21.',
    classification: 'open',
    originator: 'Chief of Staff',
    source: '2017-03-28-panel-agenda-pack',
    note: `${FORM_NOTE} The CFO's date is kept as written (6/5/17).`,
    signoffs: [
      {
        role: 'cfo',
        written: '6/5/17',
        comments:
          'This is a development of an initial investment into mobile technology and working. In order to maximise the efficiency and effectiveness of the technology this further investment is required. Approved.',
      },
      {
        role: 'chief_of_staff',
        written: '6/3/2017',
        comments:
          'This solution further develops the mobility and efficiency of officers on the front line to better exploit previous investment in mobile technology. I fully support the purchase.',
      },
      {
        role: 'commissioner',
        written: '6/3/2017',
        comments:
          'Will help us equip officers with the tools they need, improve effectiveness & efficiency, and enable more visible policing.',
      },
    ],
    programmes: [{ code: 'MOBILE-FIRST', note: '£535k in 2017/18, then £460k a year to 2020/21' }],
    commitments: [
      {
        fy: 2017,
        amount: '535000',
        note: '"approximately £535k in 2017/18": the £75k one-off deployment and integration charge and £460k revenue',
      },
      { fy: 2018, amount: '460000', note: '"thereafter £460k per annum to 2020/21"' },
      { fy: 2019, amount: '460000', note: '"thereafter £460k per annum to 2020/21"' },
      { fy: 2020, amount: '460000', note: '"thereafter £460k per annum to 2020/21"' },
    ],
  },
  {
    reference: 'OPCC.D.014.17',
    title: 'Launch of new Office of the Kent Police & Crime Commissioner website',
    summary:
      'Under the contract for the new Kent Police website, the OPCC could develop and re-launch its own website at no cost to the OPCC, with 24/7 support from the same company.',
    decisionText: 'To launch the new website on 1 March 2017.',
    classification: 'open',
    originator: 'Communications Manager',
    source: '2017-03-28-panel-agenda-pack',
    note: `${FORM_NOTE} The CFO's date "17/13/17" is kept as written: there is no thirteenth month.`,
    signoffs: [
      {
        role: 'cfo',
        written: '17/13/17',
        comments:
          'This is a sensible solution to ensure that the OPEC website is accessible and meets the demands of the public. As it forms part of the Kent Police contract it avoids the OPEC spending unnecessary funds to develop a separate solution. Approved.',
      },
      {
        role: 'chief_of_staff',
        written: '17/3/2017',
        comments:
          'This makes the office fully accessible to the public in a modern up to date site. There is minimal cost due to being part of the Kent Police contract. I fully support.',
      },
      { role: 'commissioner', written: '17/3/2017', comments: 'Saves money, improves governance & accessibility.' },
    ],
    programmes: [{ code: 'OPCC-WEB', note: 'No cost to the OPCC' }],
    commitments: [
      {
        fy: 2016,
        amount: '0',
        note: 'No cost to the OPCC: part of the Kent Police website contract (launched 1 March 2017, in 2016/17)',
      },
    ],
  },
  {
    reference: 'OPCC.D.033.23',
    title: 'Sale of IP Addresses',
    summary:
      'The Commissioner thanked the OPCC for their work on this project: proper process had been followed and money had been generated from the sale for capital funding.',
    decisionText: null,
    classification: 'open',
    originator: null,
    source: '2023-panel-minutes-annual-report-and-decisions',
    decidedWhen: 'Not given: noted by the Panel in 2023',
    note: 'Known from the Panel minutes, which note the decision; the record itself (sign-off dates, amount) is not in the seed documents.',
    signoffs: [],
    programmes: [{ code: 'IP-SALE', note: 'A capital receipt: the amount is not given' }],
    commitments: [],
  },
  {
    reference: 'OPCC.D.034.23',
    title: 'PFI North Kent Police Station',
    summary:
      'Independent legal advice and counsel were sought before the decision; a report will come to the Panel once the matter has concluded.',
    decisionText: null,
    classification: 'open',
    originator: null,
    source: '2023-panel-minutes-annual-report-and-decisions',
    decidedWhen: 'Not given: noted by the Panel in 2023',
    note: 'Known from the Panel minutes, which note the decision; the record itself is not in the seed documents.',
    signoffs: [],
    programmes: [],
    commitments: [],
  },
  {
    reference: null,
    title: 'Wide-scale roll-out of body worn cameras for frontline police officers',
    summary:
      'Following a successful trial of body worn cameras, the Chief Constable submitted a business case to justify a broader roll out which the Commissioner has endorsed. This is at a cost of £1.8m from approved capital resources.',
    decisionText:
      'The Commissioner has endorsed the wide scale roll out of body worn cameras for frontline police officers.',
    decidedWhen: 'July to September 2015 (reported to the Panel on 22 September 2015, item C1)',
    classification: 'open',
    originator: null,
    source: '2015-09-commissioner-key-decisions',
    note: 'The key decisions report gives no decision reference number and no sign-off dates: none is made up here.',
    signoffs: [],
    programmes: [{ code: 'BWV', note: '£1.8m from approved capital resources' }],
    commitments: [
      {
        fy: 2015,
        amount: '1800000',
        note: 'Capital. Plain reading: 2015/16, the year of the September 2015 endorsement; the report gives no year',
      },
    ],
  },
  {
    reference: null,
    title: 'Invest to save: a modern IT platform in collaboration with Essex',
    summary:
      'A major invest to save programme to provide a fit for purpose modern IT platform in collaboration with Essex. The total investment for Kent is £4.2m as part of approved capital funds, with an anticipated pay back of three years.',
    decisionText:
      'The Commissioner has approved a major invest to save programme to provide a fit for purpose modern IT platform in collaboration with Essex.',
    decidedWhen: 'July to September 2015 (reported to the Panel on 22 September 2015, item C1)',
    classification: 'open',
    originator: null,
    source: '2015-09-commissioner-key-decisions',
    note: 'The key decisions report gives no decision reference number and no sign-off dates: none is made up here.',
    signoffs: [],
    programmes: [{ code: 'ITP-ESSEX', note: "Kent's investment £4.2m, anticipated payback three years" }],
    commitments: [
      {
        fy: 2015,
        amount: '4200000',
        note: 'Capital. Assumption: all in 2015/16; the report gives the total, not the years',
      },
    ],
  },
]
