// The reserves forecast (issue #10): the office's published figures (£65m at the start of 2017/18, £5.1m used in
// 2017/18, £3.6m in 2019/20, about £20m by 2021/22), the minimum general reserve at 3% of each year's net budget,
// and a year below it flagged.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText, rowText } from '../support/html'

const env = useTestApp({ fresh: 'test' })

it('shows the reserves from £65m to about £20m with the published uses, each year against the 3% minimum', async () => {
  const page = await request(env.app).get('/mtfp/reserves').expect(200)
  const text = pageText(page.text)
  expect(text).toContain('Reserves at the start of 2017/18 £65.0m')
  expect(text).toContain('At the end of 2021/22 £19.5m, of which the general reserve £12.5m')
  expect(rowText(page.text, 'Budget smoothing reserve', '2017/18')).toContain(
    '14.0 0.0 5.1 8.9 Sourced: 2017-03-28 Panel agenda pack',
  )
  expect(rowText(page.text, 'Budget smoothing reserve', '2019/20')).toContain(
    '4.9 0.0 3.6 1.3 Sourced: Kent Police budget 2019/20',
  )
  // 3% of the £332.6m net revenue budget of 2019/20 (the published £353.2m less £20.6m of local income) is £9.978m.
  expect(rowText(page.text, 'Reserves at each year end', '2019/20')).toBe(
    '2019/20 10.5 15.7 26.2 11.3 332.6 10.0 3.2% Within the policy',
  )
  // The tracker has no budget for 2021/22: the plan's net spending (the published funding, £374.7m) stands in.
  expect(rowText(page.text, 'Reserves at each year end', '2021/22')).toContain('374.7 (plan) 11.2')
  expect(page.text).toContain('data-chart="reserves"')
})

it('flags a year whose general reserve falls below the minimum', async () => {
  const general = await env.db('reserves').where('code', 'general').first<{ id: number }>('id')
  await env.db('reserve_flows').where({ reserve_id: general.id, fy_start: 2019 }).update({ use_pence: '200000000' })
  const page = await request(env.app).get('/mtfp/reserves').expect(200)
  expect(pageText(page.text)).toContain('2019/20: the general reserve (£8.5m) is below the minimum of £10.0m.')
  expect(rowText(page.text, 'Reserves at each year end', '2019/20')).toContain('Below the minimum')
})
