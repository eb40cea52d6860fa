// The words of a budget report, as the Panel pack's glossary prints them (DOMAIN.md "Words").
export const GLOSSARY: readonly { term: string; meaning: string }[] = [
  {
    term: 'Financial year',
    meaning:
      '1 April to 31 March, written 2017/18. Its months are periods P1 (April) to P12 (March); P13 holds the year-end adjustments.',
  },
  {
    term: 'Programme',
    meaning:
      'A body of work with its own budget, such as Mobile First, Body Worn Video or the Emergency Services Network.',
  },
  {
    term: 'Capital',
    meaning: 'Spending on assets that last beyond a year: devices, cameras, buildings, software licences capitalised.',
  },
  { term: 'Revenue', meaning: 'Day-to-day running costs: pay, licences, support, subscriptions.' },
  { term: 'Original budget', meaning: 'The budget the Commissioner set in February, frozen when the year began.' },
  {
    term: 'Revised budget',
    meaning:
      'The original budget with the budget changes approved since: virements, slippage, reserve draws and transfers.',
  },
  { term: 'Profile', meaning: "A year's budget spread over its months: what should have been spent by now." },
  { term: 'Actual', meaning: 'Money spent, from the ledger.' },
  {
    term: 'Forecast outturn',
    meaning: "What the year's spending is now expected to be. Where no forecast has been made the budget is used.",
  },
  { term: 'Outturn', meaning: 'What was spent in a year once it has closed.' },
  {
    term: 'Variance',
    meaning:
      'Forecast (or actual) minus budget: an overspend is positive, an underspend negative; shown in pounds and as a percentage.',
  },
  {
    term: 'RAG status',
    meaning:
      'Red, amber or green from variance thresholds, always written in words: green within 2% of budget, amber from 2% to 5% over or an underspend beyond 10%, red more than 5% over (the office can set other thresholds).',
  },
  {
    term: 'Virement',
    meaning: 'Moving budget from one line to another within the year, within the limits the scheme of delegation sets.',
  },
  {
    term: 'Slippage',
    meaning: 'Capital budget not spent in the year it was planned, moved into a later year with its financing.',
  },
  {
    term: 'Invest to save',
    meaning: 'Spending now to save later, judged by its payback period and net present value (NPV).',
  },
  {
    term: 'Cashable benefit',
    meaning:
      'Money actually saved. A non-cashable benefit is time or quality freed up, such as an hour per officer per shift.',
  },
  {
    term: 'Net present value (NPV)',
    meaning: 'Benefits less costs over the years, each discounted to today at the Treasury Green Book rate.',
  },
  {
    term: 'Precept',
    meaning:
      'The police part of council tax, set by the Commissioner each February after the Panel has scrutinised it; the Panel can veto the proposal once, by two-thirds of its members.',
  },
  { term: 'Band D', meaning: 'The reference council-tax band; other bands pay a fixed ratio of it.' },
  { term: 'Tax base', meaning: 'The number of Band D equivalent properties, from the billing authorities.' },
  {
    term: 'Referendum limit',
    meaning: 'The largest Band D increase allowed without a local referendum, set by government each year.',
  },
  {
    term: 'MTFP',
    meaning: 'The medium-term financial plan: four or five years of funding, spending, savings and reserves.',
  },
  {
    term: 'Reserves',
    meaning: 'The general reserve (a prudent minimum kept for risk) and earmarked reserves (set aside for a purpose).',
  },
  {
    term: 'Capital financing requirement (CFR)',
    meaning: 'Capital spending not yet paid for from grants, receipts, reserves or revenue: what borrowing finances.',
  },
  {
    term: 'Minimum revenue provision (MRP)',
    meaning: 'What the revenue budget sets aside each year to repay the borrowing behind the CFR.',
  },
  {
    term: 'Section 25 statement',
    meaning:
      "The Chief Finance Officer's report on the robustness of the budget estimates and the adequacy of reserves (Local Government Act 2003, section 25).",
  },
  {
    term: 'Decision',
    meaning:
      "A formal, numbered record of the Commissioner's decision (such as OPCC.D.013.17), signed off by the Chief Finance Officer, the Chief of Staff and the Commissioner.",
  },
]
