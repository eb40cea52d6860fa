// What a CFO typed that used to be saved without a word: the impossible is refused with the field named; the
// implausible is shown back with "Check these figures" and saved only when the user ticks that they have checked it,
// which the audit trail keeps. Each test on a database of its own.
import { useTestApp } from '../support/test-app'
import { pageText, postForms } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { countRows, post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

/** A form on a page as a browser would send it, with `changes` typed in. */
async function submit(page: string, action: string, changes: Record<string, string>) {
  const html = (await finance.get(page).expect(200)).text
  const form = postForms(html).find((f) => f.action.startsWith(action))
  if (!form) throw new Error(`No form posting to ${action} on ${page}`)
  return finance
    .post(form.action)
    .type('form')
    .send({ ...form.fields, ...changes })
}

const lineNamed = async (name: string) =>
  Number((await env.db('budget_lines').where({ name }).first<{ id: number }>('id')).id)

describe('a cost line', () => {
  it('refuses a positive budget on an income line, naming the year', async () => {
    const income = {
      name: 'Fees',
      nature: 'revenue',
      recurrence: 'recurring',
      budget_owner: 'force',
      spend_type: 'income',
    }
    const res = await post(
      finance,
      '/programmes/ESN/lines/new',
      '/programmes/ESN/lines/new',
      { ...income, amount_2020: '10k' },
      422,
    )
    expect(pageText(res.text)).toContain(
      'The 2020/21 budget of an income line is entered as a negative amount (income reduces spending): enter −£10,000.00 for £10,000.00 of income',
    )
    expect(res.text).toContain('href="#amount_2020"')
    await post(
      finance,
      '/programmes/ESN/lines/new',
      '/programmes/ESN/lines/new',
      { ...income, amount_2020: '-10k', reason: 'New fees' },
      303,
    )
  })

  it('asks the user to check £9.9bn where the line had thousands, saves once they confirm, and audits that', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    const before = await countRows(env.db, 'audit_events')
    const res = await submit(`/lines/${id}/edit`, `/lines/${id}/edit`, { amount_2020: '9.9bn', reason: 'Typing test' })
    expect(res.status).toBe(422)
    const text = pageText(res.text)
    expect(text).toContain('Check these figures before saving')
    expect(text).toContain(
      'The 2020/21 budget of £9,900,000,000.00 is more than £100m on one line in one year: check the amount',
    )
    expect(res.text).toContain('name="confirm_plausible"')
    expect(await countRows(env.db, 'audit_events')).toBe(before)
    const confirmed = await submit(`/lines/${id}/edit`, `/lines/${id}/edit`, {
      amount_2020: '9.9bn',
      reason: 'Typing test',
      confirm_plausible: 'yes',
    })
    expect(confirmed.status).toBe(303)
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'budget_amounts', column_name: 'amount_pence' })
      .orderBy('id', 'desc')
      .first<{ reason: string }>('reason')
    expect(audit.reason).toMatch(
      /^Typing test\. Checked and confirmed by the user: The 2020\/21 budget of £9,900,000,000\.00 is more than £100m/,
    )
  })

  it('asks about an amount more than twenty times the line’s other years', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    await env.db('financial_years').insert({ fy_start: 2021, status: 'draft' })
    const res = await submit(`/lines/${id}/edit`, `/lines/${id}/edit`, { amount_2021: '50m' })
    expect(res.status).toBe(422)
    expect(pageText(res.text)).toMatch(
      /The 2021\/22 budget of £50,000,000\.00 is more than 20 times the line's largest other year \(£[\d,.]+\): check the amount/,
    )
  })

  it('lets only an administrator reopen a closed year, with a reason in the audit trail, and close it again', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    await finance.get('/years/2018-19/reopen').expect(403)
    const admin = await signedIn(env.app, 'admin')
    expect(pageText((await admin.get('/accounts').expect(200)).text)).toContain(
      '2018/19 (posted to P13): locked. Reopen 2018/19',
    )
    await post(admin, '/years/2018-19/reopen', '/years/2018-19/reopen', { reason: '' }, 422)
    await post(
      admin,
      '/years/2018-19/reopen',
      '/years/2018-19/reopen',
      { reason: 'Correct before the accounts are signed' },
      303,
    )
    expect(
      await env
        .db('audit_events')
        .where({ table_name: 'financial_years', row_id: '2018', column_name: 'reopened' })
        .first(),
    ).toMatchObject({
      from_value: 'No',
      to_value: 'Yes',
      reason: 'Correct before the accounts are signed',
    })
    const changed = await submit(`/lines/${id}/edit`, `/lines/${id}/edit`, {
      amount_2018: '1',
      reason: 'Correction',
      confirm_plausible: 'yes',
    })
    expect(changed.status).toBe(303)
    await post(admin, '/years/2018-19/reopen', '/years/2018-19/reopen', { reason: 'Corrected' }, 303)
    const locked = await submit(`/lines/${id}/edit`, `/lines/${id}/edit`, { amount_2018: '2', reason: 'Again' })
    expect(locked.status).toBe(422)
  })

  it('locks the budget of a closed year (its ledger posted to P12)', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    const res = await submit(`/lines/${id}/edit`, `/lines/${id}/edit`, { amount_2018: '1', reason: 'Only a reason' })
    expect(res.status).toBe(422)
    expect(pageText(res.text)).toContain('2018/19 is closed (its ledger is posted to P12): its budget is locked')
  })
})

describe("a line's year", () => {
  it('asks about a negative month on a capital line and most of the year in P13, and says P1–P13 once saved', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    const budget = BigInt(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: id, fy_start: 2020 })
            .first<{ amount_pence: string | number }>('amount_pence')
        ).amount_pence,
      ),
    )
    const pounds = (p: bigint) => `${p / 100n}.${String(p % 100n).padStart(2, '0')}`
    const typed: Record<string, string> = { method: 'typed' }
    for (let p = 1; p <= 12; p++) typed[`p${p}`] = ''
    typed.p2 = '-5000'
    typed.p13 = pounds(budget + 500000n)
    const page = `/lines/${id}/year?fy=2020-21`
    const res = await submit(page, `/lines/${id}/profile`, typed)
    expect(res.status).toBe(422)
    const text = pageText(res.text)
    expect(text).toContain(
      'P2 (May) is negative (−£5,000.00) on a capital line: capital spend is rarely refunded; check the amount',
    )
    expect(text).toContain('which holds year-end adjustments, not spending: check the month')
    const saved = await submit(page, `/lines/${id}/profile`, { ...typed, confirm_plausible: 'yes' })
    expect(saved.status).toBe(303)
    expect(pageText((await finance.get(saved.headers.location ?? '/').expect(200)).text)).toContain('over P1–P13')
  })

  it('refuses a forecast made in a period the ledger has not reached', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    const res = await submit(`/lines/${id}/year?fy=2020-21`, `/lines/${id}/forecast`, {
      made_in_period: '12',
      amount: '1m',
      version: '',
    })
    expect(res.status).toBe(422)
    expect(pageText(res.text)).toContain(
      'The ledger is posted to P8: a forecast made now is made in P9 at the latest, not P12',
    )
  })

  it('refuses a profile or forecast for a closed year', async () => {
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    const res = await submit(`/lines/${id}/year?fy=2019-20`, `/lines/${id}/profile`, { method: 'even' })
    expect(res.status).toBe(422)
    expect(pageText(res.text)).toContain(
      '2019/20 is closed (its ledger is posted to P13): its profile and forecasts are locked',
    )
  })
})

describe('years and dates', () => {
  it('refuses a financial year far beyond the plan', async () => {
    const res = await post(finance, '/years', '/years', { fy: '2099/00' }, 422)
    expect(pageText(res.text)).toMatch(
      /2099\/00 is more than 10 years ahead of this year \(\d{4}\/\d\d\): the plan runs to \d{4}\/\d\d/,
    )
  })

  it('refuses a sign-off dated in the future, and reads "99" as 1999', async () => {
    const base = { title: 'Future test', classification: 'open', published_to_panel: 'yes' }
    const res = await post(finance, '/decisions/new', '/decisions/new', { ...base, cfo_date: '1/1/2099' }, 422)
    expect(pageText(res.text)).toContain(
      "The Chief Finance Officer's sign-off date, 1 January 2099, is in the future: enter the day it was signed",
    )
    const old = await post(finance, '/decisions/new', '/decisions/new', { ...base, cfo_date: '1/1/99' }, 303)
    expect(pageText((await finance.get(old.headers.location ?? '/').expect(200)).text)).toContain(
      'Chief Finance Officer: 1/1/99 was read as 1 January 1999 (the year "99" was read as 1999)',
    )
  })

  it('never shows a new draft year on the dashboard by default, and labels it a draft when chosen', async () => {
    await env.db('financial_years').insert({ fy_start: 2021, status: 'draft' })
    const id = await lineNamed('Devices and infrastructure (balance of the £5.9m)')
    await env.db('budget_amounts').insert({ budget_line_id: id, fy_start: 2021, amount_pence: '100000000' })
    const dashboard = pageText((await finance.get('/').expect(200)).text)
    expect(dashboard).toContain('Office dashboard 2020/21')
    expect(dashboard).toContain('2021/22 (draft)')
    const draft = pageText((await finance.get('/?fy=2021-22').expect(200)).text)
    expect(draft).toContain('2021/22 is a draft. Its figures are not published')
  })
})
