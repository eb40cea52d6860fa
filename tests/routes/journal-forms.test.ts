// A manual journal against a line and period: counted in the actuals, audited with its reason; refused in a closed
// year, outside its year, or in a period the ledger has not reached.
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn, type Agent } from '../support/session'
import { post } from '../support/forms'

const env = useTestApp({ fresh: 'test' })
let finance: Agent

beforeEach(async () => {
  finance = await signedIn(env.app, 'finance')
})

const devices = async () =>
  Number(
    (
      await env
        .db('budget_lines')
        .where({ name: 'Devices and infrastructure (balance of the £5.9m)' })
        .first<{ id: number }>('id')
    ).id,
  )

const journal = {
  journal_date: '30/11/2020',
  journal_period: '8',
  journal_amount: '12,500',
  journal_description: 'Accrued handsets',
  journal_reason: 'Delivered, not yet invoiced',
}

describe('a manual journal', () => {
  it('is posted to the line and period, counts in the actuals, and is audited with its reason', async () => {
    const id = await devices()
    const page = `/lines/${id}/year?fy=2020-21`
    const sum = async () =>
      BigInt(
        String(
          (
            await env
              .db('spend_transactions')
              .where({ budget_line_id: id, fy_start: 2020 })
              .sum({ s: 'amount_pence' })
              .first<{ s: string | number }>()
          )?.s ?? 0,
        ),
      )
    const before = await sum()
    const res = await post(finance, page, `/lines/${id}/journal?fy=2020-21`, journal, 303)
    expect(await sum()).toBe(before + 1_250_000n)
    const next = pageText((await finance.get(res.headers.location ?? '/').expect(200)).text)
    expect(next).toMatch(
      /Manual journal MJ-2020-[0-9A-F]{10} posted to “Devices and infrastructure \(balance of the £5\.9m\)”, 2020\/21 P8: £12,500\.00\./,
    )
    const audit = await env
      .db('audit_events')
      .where({ table_name: 'spend_transactions', column_name: 'amount_pence' })
      .first<{ to_value: string; reason: string; record_label: string }>()
    expect(audit).toMatchObject({ to_value: '£12,500.00', reason: 'Delivered, not yet invoiced' })
    expect(audit.record_label).toMatch(/^Manual journal MJ-2020-/)
  })

  it('is refused outside its year, beyond the ledger, in a closed year, and without a reason', async () => {
    const id = await devices()
    const wrong = await post(
      finance,
      `/lines/${id}/year?fy=2020-21`,
      `/lines/${id}/journal?fy=2020-21`,
      { ...journal, journal_date: '30/11/2021', journal_period: '12', journal_reason: '' },
      422,
    )
    const text = pageText(wrong.text)
    expect(text).toContain('The posting date, 30 November 2021, is not in 2020/21')
    expect(text).toContain('The ledger is posted to P8: a journal goes in P9 at the latest')
    expect(text).toContain('Enter the reason for the journal')
    const closed = await post(
      finance,
      `/lines/${id}/year?fy=2019-20`,
      `/lines/${id}/journal?fy=2019-20`,
      { ...journal, journal_date: '30/11/2019' },
      422,
    )
    expect(pageText(closed.text)).toContain('2019/20 is closed: its ledger is locked')
  })
})
