// Budget changes by role (issue #13): finance asks; only an approver whose owners and limit cover the change approves,
// never the requester; an approval moves the revised budget with its audit rows, a rejection or withdrawal moves
// nothing; the Panel sees the register but cannot act; the rules refuse an unbalanced virement and capital to revenue.
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'
import { csrfOf, signedIn, type Agent } from '../support/session'
import { formFields } from '../support/forms'
import { snapshotWritable } from '../support/test-db'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

/** Two live revenue lines of the Force with a 2020/21 budget, and one capital line. */
async function lines() {
  const force = await env
    .db('budget_lines as l')
    .join('budget_owners as o', 'o.id', 'l.budget_owner_id')
    .join('budget_amounts as a', 'a.budget_line_id', 'l.id')
    .where({ 'o.code': 'force', 'l.nature': 'revenue', 'a.fy_start': 2020 })
    .where('a.amount_pence', '>', 100_000_000)
    .whereNull('l.retired_at')
    .orderBy('l.id')
    .select<{ id: number; name: string; amount_pence: string }[]>('l.id', 'l.name', 'a.amount_pence')
  const capital = await env.db('budget_lines').where({ name: 'Fleet replacement' }).first<{ id: number }>('id')
  return { from: force[0] as { id: number; name: string }, to: force[1] as { id: number; name: string }, capital }
}

const budgetOf = async (lineId: number, fy: number) =>
  String(
    (
      await env
        .db('budget_amounts')
        .where({ budget_line_id: lineId, fy_start: fy })
        .first<{ amount_pence: unknown }>('amount_pence')
    )?.amount_pence,
  )

async function ask(agent: Agent, fields: Record<string, string>, status = 303) {
  const form = await formFields(agent, '/changes/new')
  return agent
    .post('/changes/new')
    .type('form')
    .send({ ...form, fy: '2020-21', title: 'Test change', reason: 'Testing', action: 'submit', ...fields })
    .expect(status)
}

const idOf = (location: string | undefined) => Number(/\/changes\/(\d+)/.exec(location ?? '')?.[1])

async function act(agent: Agent, id: number, action: string, status: number, note = '') {
  const form = await formFields(agent, `/changes/${id}`, `/changes/${id}/${action === 'reject' ? 'approve' : action}`)
  return agent
    .post(`/changes/${id}/${action}`)
    .type('form')
    .send({ ...form, note })
    .expect(status)
}

it('moves the revised budget only when an approver within their owners and limit approves, with audit rows', async () => {
  const { from, to } = await lines()
  const [beforeFrom, beforeTo] = [await budgetOf(from.id, 2020), await budgetOf(to.id, 2020)]
  const asked = await ask(finance, {
    type: 'virement',
    line_0: String(from.id),
    amount_0: '-250,000',
    line_1: String(to.id),
    amount_1: '250,000',
  })
  const id = idOf(asked.headers.location)
  expect(await budgetOf(from.id, 2020)).toBe(beforeFrom)
  expect(pageText((await finance.get(`/changes/${id}`).expect(200)).text)).toContain(
    'It goes to: Force Director of Finance (demo), Police and Crime Commissioner (demo)',
  )
  // The register tells an approver which changes wait for them.
  const forceFd = await signedIn(env.app, 'approver', 'force-fd@demo.example.org')
  expect(rowText((await forceFd.get('/changes').expect(200)).text, 'Budget changes', `${id}: Test change`)).toContain(
    'Waits for your approval',
  )
  const cfoView = await signedIn(env.app, 'approver', 'cfo@demo.example.org')
  expect(
    rowText((await cfoView.get('/changes').expect(200)).text, 'Budget changes', `${id}: Test change`),
  ).not.toContain('Waits for your approval')
  // Finance cannot approve; the PCC's CFO does not cover the Force; the Force's Director of Finance may.
  expect(pageText((await act(finance, id, 'approve', 422)).text)).toContain(
    'Only an approver may approve a budget change',
  )
  const cfo = await signedIn(env.app, 'approver', 'cfo@demo.example.org')
  expect(pageText((await act(cfo, id, 'approve', 422)).text)).toContain('which your approval does not cover')
  const fd = await signedIn(env.app, 'approver', 'force-fd@demo.example.org')
  await act(fd, id, 'approve', 303, 'Within delegation')
  expect(await budgetOf(from.id, 2020)).toBe(String(BigInt(beforeFrom) - 25_000_000n))
  expect(await budgetOf(to.id, 2020)).toBe(String(BigInt(beforeTo) + 25_000_000n))
  const audit = await env.db('audit_events').where({ table_name: 'budget_amounts' }).orderBy('id')
  expect(audit).toHaveLength(2)
  expect(audit[0]).toMatchObject({ reason: `Budget change ${id} approved: Test change` })
  const page = await finance.get(`/changes/${id}`).expect(200)
  expect(pageText(page.text)).toContain('Approved by Force Director of Finance (demo)')
  // Approved once: never again.
  const fdPage = await fd.get(`/changes/${id}`).expect(200)
  const again = await fd
    .post(`/changes/${id}/approve`)
    .type('form')
    .send({ _csrf: csrfOf(fdPage.text), version: '2' })
    .expect(422)
  expect(pageText(again.text)).toContain(`Budget change ${id} is approved: it cannot be approved`)
})

it('refuses approval by the requester, and above the approver’s limit', async () => {
  const { from, to } = await lines()
  const fd = await signedIn(env.app, 'approver', 'force-fd@demo.example.org')
  const own = idOf(
    (
      await ask(fd, {
        type: 'virement',
        line_0: String(from.id),
        amount_0: '-1000',
        line_1: String(to.id),
        amount_1: '1000',
      })
    ).headers.location,
  )
  expect(pageText((await act(fd, own, 'approve', 422)).text)).toContain(
    'You asked for this change: someone else must approve it (segregation of duties)',
  )
  const big = idOf(
    (
      await ask(finance, {
        type: 'virement',
        line_0: String(from.id),
        amount_0: '-600,000',
        line_1: String(to.id),
        amount_1: '600,000',
      })
    ).headers.location,
  )
  expect(pageText((await act(fd, big, 'approve', 422)).text)).toContain(
    'It moves £600,000.00, above your approval limit of £500,000.00',
  )
  const commissioner = await signedIn(env.app, 'approver')
  await act(commissioner, big, 'approve', 303)
})

it('a rejected or withdrawn change moves nothing; the Panel sees the register but cannot act', async () => {
  const { from, to } = await lines()
  const movement = {
    type: 'virement',
    line_0: String(from.id),
    amount_0: '-5000',
    line_1: String(to.id),
    amount_1: '5000',
  }
  const rejected = idOf((await ask(finance, movement)).headers.location)
  const withdrawn = idOf((await ask(finance, { ...movement, action: 'draft' })).headers.location)
  const budgets = async () => JSON.stringify(await env.db('budget_amounts').orderBy('id'))
  const before = await budgets()
  const fd = await signedIn(env.app, 'approver', 'force-fd@demo.example.org')
  await act(fd, rejected, 'reject', 303, 'Not needed')
  await act(finance, withdrawn, 'withdraw', 303)
  expect(await budgets()).toBe(before)
  const panel = await signedIn(env.app, 'panel')
  const register = await panel.get('/changes').expect(200)
  expect(pageText(register.text)).toContain(`${rejected}: Test change`)
  expect(pageText(register.text)).not.toContain(`${withdrawn}: Test change`)
  await panel.get(`/changes/${withdrawn}`).expect(404)
  await panel.get('/changes/new').expect(403)
  await panel.post(`/changes/${rejected}/approve`).type('form').send({}).expect(403)
  const filtered = await finance.get('/changes?status=rejected').expect(200)
  expect(rowText(filtered.text, 'Budget changes', `${rejected}: Test change`)).toContain(
    'Virement 2020/21 Rejected £5,000.00 −£5,000.00',
  )
  await finance.get('/changes?status=nonsense').expect(400)
})

it('refuses an unbalanced virement and capital to revenue, and writes nothing', async () => {
  const { from, to, capital } = await lines()
  const before = await snapshotWritable(env.db)
  const unbalanced = await ask(
    finance,
    { type: 'virement', line_0: String(from.id), amount_0: '-5000', line_1: String(to.id), amount_1: '4000' },
    422,
  )
  expect(pageText(unbalanced.text)).toContain(
    'A virement must balance: its movements add up to −£1,000.00, not nothing',
  )
  const toRevenue = await ask(
    finance,
    { type: 'virement', line_0: String(capital.id), amount_0: '-5000', line_1: String(to.id), amount_1: '5000' },
    422,
  )
  expect(pageText(toRevenue.text)).toContain('Capital resources cannot fund revenue spending')
  const below = await ask(finance, { type: 'reduction', line_0: String(capital.id), amount_0: '-99,000,000' }, 422)
  expect(pageText(below.text)).toContain('would go below nothing')
  const bwv = await env
    .db('budget_lines')
    .where({ name: 'Body worn cameras: wide-scale roll-out' })
    .first<{ id: number }>('id')
  const closed = await ask(finance, { type: 'reduction', fy: '2016-17', line_0: String(bwv.id), amount_0: '-100' }, 422)
  expect(pageText(closed.text)).toContain(
    '2016/17 is closed (its ledger is posted to P12): its budget is locked unless an administrator reopens the year',
  )
  const outturnClosed = await ask(
    finance,
    { type: 'reduction', fy: '2015-16', line_0: String(bwv.id), amount_0: '-100' },
    422,
  )
  expect(pageText(outturnClosed.text)).toContain(
    "2015/16's outturn is closed (by Finance officer (demo)): its budget is locked unless an administrator reopens the year",
  )
  expect(await snapshotWritable(env.db)).toBe(before)
})

describe('the original budget and the movement table', () => {
  it('freezes a year’s original budget: the line form then refuses its budget, and approved changes reconcile to the penny', async () => {
    const { from, to } = await lines()
    const years = await formFields(finance, '/years', '/years/2020-21/freeze')
    await finance
      .post('/years/2020-21/freeze')
      .type('form')
      .send({ ...years, decision: 'OPCC.D.013.17' })
      .expect(303)
    const year = await env.db('financial_years').where({ fy_start: 2020 }).first<Record<string, unknown>>()
    expect(year.original_frozen_at).not.toBeNull()
    const audit = await env.db('audit_events').where({ table_name: 'financial_years', row_id: '2020' })
    expect(audit.map((a: { field: string; to_value: string }) => [a.field, a.to_value])).toContainEqual([
      'Original budget frozen by decision',
      'OPCC.D.013.17',
    ])
    const again = await finance.post('/years/2020-21/freeze').type('form').send(years).expect(422)
    expect(pageText(again.text)).toContain("2020/21's original budget is already frozen")
    // The line form refuses a frozen year's budget.
    const lineForm = await formFields(finance, `/lines/${from.id}/edit`)
    const refused = await finance
      .post(`/lines/${from.id}/edit`)
      .type('form')
      .send({ ...lineForm, amount_2020: '1', reason: 'Try' })
      .expect(422)
    expect(pageText(refused.text)).toContain(
      "2020/21's original budget is frozen: its budget moves only by an approved budget change",
    )
    // An approved virement shows in the movement table, which reconciles.
    const id = idOf(
      (
        await ask(finance, {
          type: 'virement',
          line_0: String(from.id),
          amount_0: '-30,000',
          line_1: String(to.id),
          amount_1: '30,000',
        })
      ).headers.location,
    )
    await act(await signedIn(env.app, 'approver', 'force-fd@demo.example.org'), id, 'approve', 303)
    const table = await finance.get('/changes/movements?fy=2020-21').expect(200)
    expect(pageText(table.text)).toContain('Every line reconciles to the penny.')
    expect(rowText(table.text, 'By line, 2020/21', from.name)).toMatch(/ 0 −30 0 0 0 0 /)
    expect(rowText(table.text, 'By budget owner, 2020/21', 'Force')).toMatch(/ 30 −30 0 0 0 0 /)
    const panel = await signedIn(env.app, 'panel')
    await panel.get('/changes/movements?fy=2020-21').expect(200)
    // The dashboard shows the frozen original beside the revised budget.
    const dashboard = await finance.get('/?fy=2020-21').expect(200)
    expect(pageText(dashboard.text)).toContain('Budget owner Original budget Revised budget')
    expect(rowText(dashboard.text, 'Revenue budget 2020/21 by budget owner', 'Force')).not.toMatch(/—/)
    await finance.get('/changes/movements?fy=2040-41').expect(404)
  })
})

describe('capital slippage', () => {
  const financingOf = async (lineId: number) =>
    (
      await env
        .db('capital_financing')
        .where({ budget_line_id: lineId })
        .orderBy(['fy_start', 'source'])
        .select<{ fy_start: number; source: string; amount_pence: unknown }[]>('fy_start', 'source', 'amount_pence')
    ).map((f) => `${f.fy_start} ${f.source} ${String(f.amount_pence)}`)

  it('moves the scheme’s financing with its spend when approved, keeping each source’s whole-life total', async () => {
    const { capital } = await lines()
    const before = await financingOf(capital.id)
    const slip = {
      type: 'slippage',
      line_0: String(capital.id),
      fy_0: '2020-21',
      amount_0: '-700,000',
      line_1: String(capital.id),
      fy_1: '2021-22',
      amount_1: '700,000',
    }
    const refused = await ask(finance, slip, 422)
    expect(pageText(refused.text)).toContain(
      '2021/22 is not a year of the budget: add the year before moving budget into it',
    )
    const years = await formFields(finance, '/years', '/years')
    await finance
      .post('/years')
      .type('form')
      .send({ ...years, fy: '2021-22' })
      .expect(303)
    const asked = await ask(finance, slip)
    const id = idOf(asked.headers.location)
    const page = await finance.get(`/changes/${id}`).expect(200)
    expect(pageText(page.text)).toContain(
      '2020/21 Revenue contributions −£500,000.00 2021/22 Capital grants £200,000.00',
    )
    expect(await financingOf(capital.id)).toEqual(before)
    await act(await signedIn(env.app, 'approver', 'commissioner@demo.example.org'), id, 'approve', 303)
    expect(await budgetOf(capital.id, 2020)).toBe('280000000')
    expect(await budgetOf(capital.id, 2021)).toBe('70000000')
    const after = await financingOf(capital.id)
    expect(after).toContain('2020 capital_grants 80000000')
    expect(after).toContain('2020 revenue_contributions 200000000')
    expect(after).toContain('2021 capital_grants 20000000')
    expect(after).toContain('2021 revenue_contributions 50000000')
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'capital_financing' })
      .where('reason', 'like', `Budget change ${id} approved%`)
    expect(audit).toHaveLength(4)
  })

  it('reprofiles a scheme in one screen: shows the effect on each year and its financing, then sends a slippage', async () => {
    const { capital } = await lines()
    const years = await formFields(finance, '/years', '/years')
    await finance
      .post('/years')
      .type('form')
      .send({ ...years, fy: '2021-22' })
      .expect(303)
    const path = `/capital/lines/${capital.id}/reprofile`
    const form = await formFields(finance, path)
    expect(form.amount_2020).toBe('3500000.00')
    expect(form).not.toHaveProperty('amount_2019') // closed: shown, not offered
    const typed = { ...form, amount_2020: '2,800,000', amount_2021: '700,000', title: 'Fleet slips', reason: 'Late' }
    const changesBefore = await env.db('budget_changes').count<{ n: number }[]>({ n: '*' })
    const preview = await finance
      .post(path)
      .type('form')
      .send({ ...typed, action: 'preview' })
      .expect(200)
    const text = pageText(preview.text)
    expect(rowText(preview.text, 'Budget by year', '2021/22')).toContain('£0.00 £700,000.00 £700,000.00')
    expect(text).toContain('2021/22 Revenue contributions £0.00 £500,000.00 £500,000.00')
    expect(await env.db('budget_changes').count<{ n: number }[]>({ n: '*' })).toEqual(changesBefore)
    const unbalanced = await finance
      .post(path)
      .type('form')
      .send({ ...typed, amount_2021: '600,000', action: 'preview' })
      .expect(422)
    expect(pageText(unbalanced.text)).toContain("Slippage keeps the scheme's whole-life budget")
    const sent = await finance
      .post(path)
      .type('form')
      .send({ ...typed, action: 'submit' })
      .expect(303)
    const id = idOf(sent.headers.location)
    const change = await env.db('budget_changes').where({ id }).first<{ type: string; status: string }>()
    expect(change).toMatchObject({ type: 'slippage', status: 'submitted' })
    const panel = await signedIn(env.app, 'panel')
    await panel.get(path).expect(403)
  })
  it('refuses a reprofile that would draw on a reserve before it can pay', async () => {
    const years = await formFields(finance, '/years', '/years')
    await finance
      .post('/years')
      .type('form')
      .send({ ...years, fy: '2021-22' })
      .expect(303)
    const it = await env.db('budget_lines').where({ name: 'IT refresh' }).first<{ id: number }>('id')
    const path = `/capital/lines/${it.id}/reprofile`
    const reprofile = async (y2020: string, y2021: string, status: number) =>
      finance
        .post(path)
        .type('form')
        .send({
          ...(await formFields(finance, path)),
          amount_2020: y2020,
          amount_2021: y2021,
          title: 'IT',
          reason: 'Timing',
          action: 'submit',
        })
        .expect(status)
    // Half of the 2020/21 budget slips into 2021/22, and with it half its draw on the capital and estates reserve.
    const id = idOf((await reprofile('1,000,000', '1,000,000', 303)).headers.location)
    await act(await signedIn(env.app, 'approver', 'commissioner@demo.example.org'), id, 'approve', 303)
    // The reserve's room in 2020/21 is then used for something else, to be made good in 2021/22...
    const reserveForm = await formFields(finance, '/mtfp/reserves/capital/edit')
    await finance
      .post('/mtfp/reserves/capital/edit')
      .type('form')
      .send({ ...reserveForm, use_2020: '500,000', contribution_2021: '500,000', reason: 'Estates dilapidations' })
      .expect(303)
    // ...so bringing the draw back into 2020/21 is refused: the reserve cannot pay it then.
    const back = await reprofile('2,000,000', '0', 422)
    expect(pageText(back.text)).toContain(
      'Capital and estates reserve would close 2020/21 at −£500,000.00 with the draw moved: a reserve cannot be drawn before it can pay',
    )
  })
})

describe('reserves and savings', () => {
  it('a draw on an earmarked reserve names the reserve, is refused beyond its balance, and once approved is a use of it in the plan', async () => {
    const { from } = await lines()
    const reserve = await env.db('reserves').where({ code: 'insurance' }).first<{ id: number }>('id')
    const draw = { type: 'reserve_draw', line_0: String(from.id), amount_0: '500,000' }
    const unnamed = await ask(finance, draw, 422)
    expect(pageText(unnamed.text)).toContain('Choose the earmarked reserve the change draws on')
    const named = { ...draw, reserve: String(reserve.id) }
    const tooMuch = await ask(finance, { ...named, amount_0: '100,000,000' }, 422)
    expect(pageText(tooMuch.text)).toMatch(
      /Insurance and legal claims reserve would close 2020\/21 at −£[\d,.]+: a reserve cannot be drawn/,
    )
    const virement = await ask(finance, { ...named, type: 'virement' }, 422)
    expect(pageText(virement.text)).toContain('Only a draw on or a transfer to an earmarked reserve names a reserve')
    const before = rowText((await finance.get('/mtfp/reserves').expect(200)).text, 'Reserves', '2020/21')
    const id = idOf((await ask(finance, named)).headers.location)
    await act(await signedIn(env.app, 'approver', 'force-fd@demo.example.org'), id, 'approve', 303)
    const page = await finance.get('/mtfp/reserves').expect(200)
    expect(pageText(page.text)).toMatch(/of which 0.5 by budget changes/)
    expect(rowText(page.text, 'Reserves', '2020/21')).not.toEqual(before)
    expect(pageText((await finance.get(`/changes/${id}`).expect(200)).text)).toContain(
      'Reserve drawn on Insurance and legal claims reserve',
    )
  })

  it('a transfer to an earmarked reserve takes budget off its lines and, approved, adds to the reserve in the plan', async () => {
    const { from } = await lines()
    const reserve = await env.db('reserves').where({ code: 'insurance' }).first<{ id: number }>('id')
    const transfer = {
      type: 'reserve_transfer',
      line_0: String(from.id),
      reserve: String(reserve.id),
      decision: 'OPCC.D.013.17',
    }
    const undecided = await ask(finance, { ...transfer, amount_0: '-300,000', decision: '' }, 422)
    expect(pageText(undecided.text)).toContain("A transfer to a reserve is made by the Commissioner's decision")
    const positive = await ask(finance, { ...transfer, amount_0: '300,000' }, 422)
    expect(pageText(positive.text)).toContain('A transfer to a reserve takes the budget it moves off its lines')
    const before = rowText((await finance.get('/mtfp/reserves').expect(200)).text, 'Reserves', '2020/21')
    const id = idOf((await ask(finance, { ...transfer, amount_0: '-300,000' })).headers.location)
    await act(await signedIn(env.app, 'approver', 'force-fd@demo.example.org'), id, 'approve', 303)
    const page = await finance.get('/mtfp/reserves').expect(200)
    expect(pageText(page.text)).toMatch(/of which 0.3 transferred by budget changes/)
    expect(rowText(page.text, 'Reserves', '2020/21')).not.toEqual(before)
    const table = await finance.get('/changes/movements?fy=2020-21').expect(200)
    expect(pageText(table.text)).toContain('Every line reconciles to the penny.')
  })

  it('a reduction banks a saving of the register: approved, the saving is delivered off that line and year', async () => {
    const { from } = await lines()
    const saving = await env.db('savings').where({ code: 'estates-20' }).first<{ id: number }>('id')
    const virement = await ask(
      finance,
      { type: 'virement', line_0: String(from.id), amount_0: '-4,000,000', saving: String(saving.id) },
      422,
    )
    expect(pageText(virement.text)).toContain('Only a reduction banks a saving')
    const id = idOf(
      (
        await ask(finance, {
          type: 'reduction',
          line_0: String(from.id),
          amount_0: '-4,000,000',
          saving: String(saving.id),
        })
      ).headers.location,
    )
    expect(await env.db('savings').where({ id: saving.id }).first()).toMatchObject({ delivered: expect.anything() })
    expect(Boolean((await env.db('savings').where({ id: saving.id }).first<{ delivered: unknown }>()).delivered)).toBe(
      false,
    )
    await act(await signedIn(env.app, 'approver', 'commissioner@demo.example.org'), id, 'approve', 303)
    const banked = await env.db('savings').where({ id: saving.id }).first<Record<string, unknown>>()
    expect(Boolean(banked.delivered)).toBe(true)
    expect(Number(banked.delivered_line_id)).toBe(from.id)
    expect(Number(banked.delivered_fy)).toBe(2020)
    const audit = await env.db('audit_events').where({ table_name: 'savings', row_id: String(saving.id) })
    expect(audit.map((a: { reason: string | null }) => a.reason)).toContain(`Banked by budget change ${id}`)
    const register = await finance.get('/mtfp/savings').expect(200)
    expect(rowText(register.text, 'Savings by year (£m)', '2020/21')).toMatch(
      /^2020\/21 [\d.]+ [\d.]+ [\d.]+ [\d.]+ 4\.0 /,
    )
    expect(rowText(register.text, 'Each scheme', 'Estates: second phase')).toContain(`budget change ${id}`)
  })

  it('shows a programme its original and revised budget by year and the history of changes that moved it', async () => {
    const line = await env.db('budget_lines').where({ id: 3 }).first<{ id: number }>('id')
    const years = await formFields(finance, '/years', '/years/2020-21/freeze')
    await finance.post('/years/2020-21/freeze').type('form').send(years).expect(303)
    const { from } = await lines()
    const id = idOf(
      (
        await ask(finance, {
          type: 'virement',
          line_0: String(from.id),
          amount_0: '-10,000',
          line_1: String(line.id),
          amount_1: '10,000',
        })
      ).headers.location,
    )
    await act(await signedIn(env.app, 'approver', 'commissioner@demo.example.org'), id, 'approve', 303)
    const page = await finance.get('/programmes/MOBILE-FIRST').expect(200)
    expect(rowText(page.text, 'budget against actual and forecast outturn by financial year', '2020/21')).toMatch(
      /^2020\/21 £1,456,250 £1,466,250 /,
    )
    expect(rowText(page.text, 'Budget changes that move Mobile First', `${id}: Test change`)).toContain(
      'Virement 2020/21 Approved',
    )
    const panel = await signedIn(env.app, 'panel')
    expect(pageText((await panel.get('/programmes/MOBILE-FIRST').expect(200)).text)).toContain(`${id}: Test change`)
  })
})
