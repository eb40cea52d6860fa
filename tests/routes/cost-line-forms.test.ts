// Cost lines and their budgets by year: money as typed, published years, retiring, conflicts.
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { csrfOf, signedIn, type Agent } from '../support/session'
import { post, countRows } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const count = (table: string) => countRows(env.db, table)

// 2015/16 to 2019/20 are closed (their ledgers are posted to P12): budgets go in 2020/21 (published, open) and in two
// draft years to come.
beforeEach(async () => {
  await env.db('financial_years').insert([
    { fy_start: 2021, status: 'draft' },
    { fy_start: 2022, status: 'draft' },
  ])
})

const line = {
  name: 'Cameras',
  nature: 'capital',
  recurrence: 'one_off',
  budget_owner: 'capital_programme',
  spend_type: 'capital_equipment',
  funding_source: 'approved-capital',
  note: 'Test line',
  source_reference: 'OPCC.D.999.26',
}

/** The Cameras line: £1.8m in 2020/21 (published) and 2021/22, £535k in 2022/23; more than BWV's decisions commit,
 * which the user confirms. */
const makeCameras = () =>
  post(
    finance,
    '/programmes/BWV/lines/new',
    '/programmes/BWV/lines/new',
    {
      ...line,
      amount_2020: '£1,800,000',
      amount_2021: '1.8m',
      amount_2022: '535k',
      reason: 'New phase',
      confirm_plausible: 'yes',
    },
    303,
  )

/** The reason kept for the Cameras line: the user's, then what they confirmed. */
const CONFIRMED =
  "New phase. Checked and confirmed by the user: The programme's budget would be £5,935,000.00, £4,135,000.00 more than the £1,800,000.00 its decisions commit: check the amounts, or record the decision that commits the rest"

describe('cost lines and their budgets', () => {
  it('accepts money as people type it and stores it exactly, with an audit row per year', async () => {
    await makeCameras()
    const next = pageText((await finance.get('/programmes/BWV').expect(200)).text)
    expect(next).toContain(
      'Cost line “Cameras” saved: 2020/21 £1,800,000.00; 2021/22 £1,800,000.00; 2022/23 £535,000.00.',
    )
    expect(pageText((await finance.get('/programmes/BWV').expect(200)).text)).not.toContain('saved:')
    const row = (await env.db('budget_lines').where({ name: 'Cameras' }).first()) as { id: number }
    const amounts = await env
      .db('budget_amounts')
      .where({ budget_line_id: row.id })
      .orderBy('fy_start')
      .select('fy_start', 'amount_pence')
    expect(
      amounts.map((a: { fy_start: number; amount_pence: string | number }) => [
        Number(a.fy_start),
        String(a.amount_pence),
      ]),
    ).toEqual([
      [2020, '180000000'],
      [2021, '180000000'],
      [2022, '53500000'],
    ])
    const audit = await env.db('audit_events').where({ table_name: 'budget_amounts' }).orderBy('id')
    expect(
      audit.map((a: { field: string; to_value: string; reason: string }) => [a.field, a.to_value, a.reason]),
    ).toEqual([
      ['Budget 2020/21', '£1,800,000.00', CONFIRMED],
      ['Budget 2021/22', '£1,800,000.00', CONFIRMED],
      ['Budget 2022/23', '£535,000.00', CONFIRMED],
    ])
  })

  it('refuses each kind of bad input and writes nothing', async () => {
    const [lines, amounts] = [await count('budget_lines'), await count('budget_amounts')]
    const res = await post(
      finance,
      '/programmes/BWV/lines/new',
      '/programmes/BWV/lines/new',
      {
        ...line,
        name: '',
        spend_type: 'officer_pay',
        amount_2017: '2.5m',
        amount_2018: '12.345',
        amount_2019: 'lots',
        amount_2020: '-5',
      },
      422,
    )
    const text = pageText(res.text)
    expect(text).toContain('Enter the name of the cost line')
    expect(text).toContain('Police officer pay is a type of revenue spend: choose a capital type')
    expect(text).toContain('The 2018/19 budget has more than two decimal places')
    expect(text).toContain('The 2019/20 budget must be an amount of money in numbers')
    expect(text).toContain('The 2020/21 budget must not be negative here')
    expect(text).toContain('Read as £2,500,000.00')
    expect(res.text).toContain('href="#amount_2018"')
    expect(res.text).toContain('value="12.345"')
    expect([await count('budget_lines'), await count('budget_amounts')]).toEqual([lines, amounts])
  })

  it('needs a reason to change a published year, then records it', async () => {
    await makeCameras()
    const row = (await env.db('budget_lines').where({ name: 'Cameras' }).first()) as { id: number }
    const form = await finance.get(`/lines/${row.id}/edit`).expect(200)
    expect(form.text).toContain('value="£1,800,000.00"')
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const fields = {
      _csrf: csrfOf(form.text),
      version,
      ...line,
      amount_2020: '1.9m',
      amount_2021: '1.8m',
      amount_2022: '535k',
    }
    const refused = await finance.post(`/lines/${row.id}/edit`).type('form').send(fields).expect(422)
    expect(pageText(refused.text)).toContain('Give a reason for changing the budget of 2020/21: it is published')
    expect(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: row.id, fy_start: 2020 })
            .first<{ amount_pence: string | number }>()
        )?.amount_pence,
      ),
    ).toBe('180000000')
    await finance
      .post(`/lines/${row.id}/edit`)
      .type('form')
      .send({ ...fields, reason: 'Extra cameras approved', confirm_plausible: 'yes' })
      .expect(303)
    expect(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: row.id, fy_start: 2020 })
            .first<{ amount_pence: string | number }>()
        )?.amount_pence,
      ),
    ).toBe('190000000')
    const audit = await env.db('audit_events').where({ table_name: 'budget_amounts', action: 'update' }).first()
    expect(audit).toMatchObject({
      field: 'Budget 2020/21',
      from_value: '£1,800,000.00',
      to_value: '£1,900,000.00',
      reason: expect.stringMatching(
        /^Extra cameras approved\. Checked and confirmed by the user: The programme's budget would be/,
      ) as string,
    })
  })
})
describe('retiring a cost line', () => {
  it('needs a reason, refuses a line with actual spend, and retires one without', async () => {
    await makeCameras()
    const spent = Number(
      (await env.db('budget_lines').where({ name: "IT platform: Kent's investment" }).first<{ id: number }>('id')).id,
    )
    const form = await finance.get(`/lines/${spent}/edit`).expect(200)
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? ''
    const refused = await finance
      .post(`/lines/${spent}/retire`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), version, retire_reason: 'Done' })
      .expect(422)
    expect(pageText(refused.text)).toContain('has actual spend posted to it, so it cannot be retired')
    const cameras = Number((await env.db('budget_lines').where({ name: 'Cameras' }).first<{ id: number }>('id')).id)
    const form2 = await finance.get(`/lines/${cameras}/edit`).expect(200)
    const v2 = /name="version" value="(\d+)"/.exec(form2.text)?.[1] ?? ''
    const noReason = await finance
      .post(`/lines/${cameras}/retire`)
      .type('form')
      .send({ _csrf: csrfOf(form2.text), version: v2, retire_reason: '' })
      .expect(422)
    expect(pageText(noReason.text)).toContain('Enter the reason for retiring the cost line')
    await finance
      .post(`/lines/${cameras}/retire`)
      .type('form')
      .send({ _csrf: csrfOf(form2.text), version: v2, retire_reason: 'Duplicate of another line' })
      .expect(303)
    expect(pageText((await finance.get('/programmes/BWV').expect(200)).text)).toContain('Cost line “Cameras” retired.')
    expect(await env.db('budget_lines').where({ id: cameras }).first()).toBeTruthy()
    expect(await env.db('audit_events').where({ table_name: 'budget_lines', action: 'retire' }).first()).toMatchObject({
      reason: 'Duplicate of another line',
    })
  })
})
describe('conflicts on cost lines and profiles', () => {
  it('refuses a stale cost line save and a stale profile save, changing nothing', async () => {
    const id = Number(
      (
        await env
          .db('budget_lines')
          .where({ name: 'Integrated software: annual revenue cost' })
          .first<{ id: number }>('id')
      ).id,
    )
    const mine = await finance.get(`/lines/${id}/edit`).expect(200)
    const myVersion = /name="version" value="(\d+)"/.exec(mine.text)?.[1] ?? ''
    const fields = {
      version: myVersion,
      name: 'Integrated software: annual revenue cost',
      nature: 'revenue',
      recurrence: 'recurring',
      budget_owner: 'force',
      spend_type: 'supplies',
      funding_source: 'force-revenue',
      amount_2017: '460k',
      amount_2018: '460k',
      amount_2019: '460k',
      amount_2020: '460k',
      reason: 'Licence price change',
      confirm_plausible: 'yes',
    }
    const other = await signedIn(env.app, 'approver')
    const theirs = await other.get(`/lines/${id}/edit`).expect(200)
    await other
      .post(`/lines/${id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(theirs.text), ...fields, amount_2020: '470k' })
      .expect(303)
    const res = await finance
      .post(`/lines/${id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(mine.text), ...fields, amount_2020: '450k' })
      .expect(409)
    expect(pageText(res.text)).toMatch(/Police and Crime Commissioner \(demo\) <[^>]+> saved first/)
    expect(pageText(res.text)).toContain('Budget 2020/21 £470,000.00')
    expect(
      String(
        (
          await env
            .db('budget_amounts')
            .where({ budget_line_id: id, fy_start: 2020 })
            .first<{ amount_pence: string | number }>()
        )?.amount_pence,
      ),
    ).toBe('47000000')

    const year = await finance.get(`/lines/${id}/year?fy=2020-21`).expect(200)
    expect(pageText(year.text)).toContain('The saved profile adds up to £460,000.00, not the budget of £470,000.00')
    const profileVersion = /name="version" value="(\d+)"/.exec(year.text)?.[1] ?? ''
    const before = await env
      .db('budget_profiles')
      .where({ budget_line_id: id, fy_start: 2020 })
      .orderBy('period')
      .select('amount_pence')
    const theirYear = await other.get(`/lines/${id}/year?fy=2020-21`).expect(200)
    await other
      .post(`/lines/${id}/profile?fy=2020-21`)
      .type('form')
      .send({ _csrf: csrfOf(theirYear.text), version: profileVersion, method: 'even' })
      .expect(303)
    const after = await env
      .db('budget_profiles')
      .where({ budget_line_id: id, fy_start: 2020 })
      .orderBy('period')
      .select('amount_pence')
    expect(after).not.toEqual(before)
    await finance
      .post(`/lines/${id}/profile?fy=2020-21`)
      .type('form')
      .send({ _csrf: csrfOf(year.text), version: profileVersion, method: 'capital' })
      .expect(409)
    expect(
      await env
        .db('budget_profiles')
        .where({ budget_line_id: id, fy_start: 2020 })
        .orderBy('period')
        .select('amount_pence'),
    ).toEqual(after)
  })
})
