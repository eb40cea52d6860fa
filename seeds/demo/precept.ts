// The demo office's precept (issue #12). Sourced: Kent's published Band D from 2013/14 to 2025/26, the referendum
// principles by year for PCCs in England (DOMAIN.md), the 2017/18 rise of £5.00 (3.29%) within that year's £5 route,
// and the Panel's 20 members (a veto needs 14). Illustrative, and marked so: the billing authorities' split of the tax
// base and of the collection fund, the tax base itself (sized so that Band D × tax base meets the plan's precept
// income), the dates of the 2017/18 process and the section 25 statement.

/** Kent and Medway's 13 billing authorities, each with an illustrative weight in the tax base. */
export const BILLING_AUTHORITIES: { code: string; name: string; share: string }[] = [
  { code: 'ashford', name: 'Ashford Borough Council', share: '0.083' },
  { code: 'canterbury', name: 'Canterbury City Council', share: '0.087' },
  { code: 'dartford', name: 'Dartford Borough Council', share: '0.063' },
  { code: 'dover', name: 'Dover District Council', share: '0.064' },
  { code: 'folkestone-hythe', name: 'Folkestone and Hythe District Council', share: '0.068' },
  { code: 'gravesham', name: 'Gravesham Borough Council', share: '0.057' },
  { code: 'maidstone', name: 'Maidstone Borough Council', share: '0.107' },
  { code: 'medway', name: 'Medway Council', share: '0.146' },
  { code: 'sevenoaks', name: 'Sevenoaks District Council', share: '0.077' },
  { code: 'swale', name: 'Swale Borough Council', share: '0.079' },
  { code: 'thanet', name: 'Thanet District Council', share: '0.074' },
  { code: 'tonbridge-malling', name: 'Tonbridge and Malling Borough Council', share: '0.082' },
  { code: 'tunbridge-wells', name: 'Tunbridge Wells Borough Council', share: '0.078' },
]

/** The whole tax base by year (Band D equivalents, illustrative): Band D × this is the plan's precept income, to within
 * a Band D penny's worth. The collection fund totals are the plan's (demo/mtfp.ts). */
export const TAX_BASE: Record<number, { total: string; collectionFund: string; declaredOn: string }> = {
  2017: { total: '610244.99', collectionFund: '800000', declaredOn: '2017-01-13' },
  2018: { total: '620159.63', collectionFund: '500000', declaredOn: '2018-01-12' },
  2019: { total: '631115.72', collectionFund: '1200000', declaredOn: '2019-01-15' },
  2020: { total: '639921.25', collectionFund: '-900000', declaredOn: '2020-01-15' },
  2021: { total: '640385.06', collectionFund: '-1500000', declaredOn: '2021-01-15' },
}

const PRINCIPLES_SOURCE = 'DOMAIN.md, "Referendum principles": limits by year for PCCs in England'

/** The referendum principle for each year as it applied to Kent (percent and pound limits on Band D). */
export const REFERENDUM_PRINCIPLES: Record<number, { percent?: string; pounds?: string; note?: string }> = {
  2013: { percent: '2', note: 'A £5 route for some historically low-precept PCCs is unverified; not applied.' },
  2014: { percent: '2' },
  2015: { percent: '2' },
  2016: { percent: '2', pounds: '5', note: 'The lowest-quartile PCCs, Kent among them, could rise by 2% or £5.' },
  2017: { percent: '2', pounds: '5', note: 'The lowest-quartile PCCs, Kent among them, could rise by 2% or £5.' },
  2018: { pounds: '12' },
  2019: { pounds: '24' },
  2020: { pounds: '10' },
  2021: { pounds: '15' },
  2022: { pounds: '10' },
  2023: { pounds: '15' },
  2024: { pounds: '13' },
  2025: { pounds: '14' },
}

export const PRINCIPLE_SOURCE = PRINCIPLES_SOURCE

/** Kent PCC's Band D precept as published (DOMAIN.md, public record). */
export const BAND_D: Record<number, string> = {
  2013: '141.47',
  2014: '144.28',
  2015: '147.15',
  2016: '152.15',
  2017: '157.15',
  2018: '169.15',
  2019: '193.15',
  2020: '203.15',
  2021: '218.15',
  2022: '228.15',
  2023: '243.15',
  2024: '256.15',
  2025: '270.15',
}

export const BAND_D_SOURCE = 'Kent PCC Band D precept, published (public record; DOMAIN.md)'

/** The 2017/18 process as the tracker records it: the published figure, illustrative dates. */
export const PROCESS_2017 = {
  fy: 2017,
  proposedAsTyped: '£5 a year',
  notifiedOn: '2017-01-27',
  panelReportOn: '2017-02-07',
  membersInOffice: 20,
  issuedOn: '2017-02-20',
  responseOn: '2017-02-10',
  response:
    'I thank the Panel for its scrutiny and its support for a rise of £5.00 a year on Band D. I have set the precept as proposed; it pays for the 80 additional officers in the plan. (Illustrative: written for the demo.)',
  note: 'The Panel supported a £5.00 rise on Band D (3.29%). The minutes say "£5 per week": a slip for £5 a year. The dates are illustrative.',
}

export const PANEL = {
  membersInOffice: 20,
  source: 'DOMAIN.md: a veto needs two-thirds of the members in office (14 of Kent’s 20)',
}

export const SECTION_25_2017 = {
  robustness:
    'The estimates have been prepared on the basis of the medium-term financial plan, with pay awards, inflation and the officer establishment of 3,260 (+80) provided for. The savings of the year are identified and on track. In my view the estimates are robust.',
  reservesAdequacy:
    'The general reserve is held at 3% of the net revenue budget (about £10m), in line with the risk assessment below; earmarked reserves of £65m at the start of the year fall to about £20m by 2021/22 as they are used for their purposes. In my view the reserves are adequate.',
  reservesRisks:
    'A major operation or emergency beyond the Home Office special grant threshold; savings not delivered in time; pay awards above the plan; the Emergency Services Network slipping.',
  signedBy: 'Chief Finance Officer (demo)',
  signedOn: '2017-01-27',
}

/** What the billing authorities pay in a year (tax base × Band D, to the penny), where the demo has a tax base. */
export function demoPrecept(fy: number): string | null {
  const base = TAX_BASE[fy]
  const bandD = BAND_D[fy]
  if (!base || !bandD) return null
  const pence = (BigInt(base.total.replace('.', '')) * BigInt(bandD.replace('.', '')) + 50n) / 100n
  return `${pence / 100n}.${(pence % 100n).toString().padStart(2, '0')}`
}
