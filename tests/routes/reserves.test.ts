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
  // 3% of the £353.2m net revenue budget of 2019/20 is £10.596m.
  expect(rowText(page.text, 'Reserves at each year end', '2019/20')).toBe(
    '2019/20 11.0 15.7 26.7 10.8 353.2 10.6 3.1% Within the policy',
  )
  expect(rowText(page.text, 'Reserves at each year end', '2021/22')).toContain('409.3 (published) 12.3')
  expect(page.text).toContain('data-chart="reserves"')
})

it('flags a year whose general reserve falls below the minimum', async () => {
  const general = await env.db('reserves').where('code', 'general').first<{ id: number }>('id')
  await env.db('reserve_flows').where({ reserve_id: general.id, fy_start: 2019 }).update({ use_pence: '200000000' })
  const page = await request(env.app).get('/mtfp/reserves').expect(200)
  expect(pageText(page.text)).toContain('2019/20: the general reserve (£9.0m) is below the minimum of £10.6m.')
  expect(rowText(page.text, 'Reserves at each year end', '2019/20')).toContain('Below the minimum')
})
