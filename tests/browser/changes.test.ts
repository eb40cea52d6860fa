// A capital slippage in Chromium from request to approval (issue #13): finance reprofiles a scheme into a new year,
// sees the effect on each year and on its financing, sends it; the requester cannot approve it; the Commissioner
// approves it and the revised budget moves. Axe on every page of the way, error states included.
import { checkAndShoot, signIn, startHarness, verifyOnPage, type Harness } from './support'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => {
  await h?.close()
})

it('drives a slippage from request to approval', async () => {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, h.baseUrl, { email: 'finance@demo.example.org', password: 'demo-finance-only' })
  await page.goto(h.baseUrl + '/years')
  await page.getByLabel('Financial year', { exact: true }).fill('2021-22')
  await page.getByRole('button', { name: 'Add year' }).click()
  await verifyOnPage(page, 'Financial years and publishing')

  await page.goto(h.baseUrl + '/capital')
  await page.getByRole('link', { name: 'Reprofile Fleet replacement' }).click()
  await verifyOnPage(page, 'Reprofile Fleet replacement')
  await checkAndShoot(page, 'form-reprofile')
  // First unbalanced: refused, with the reason, nothing sent.
  await page.getByLabel('Budget for 2020/21 after the reprofile (£)').fill('3,000,000')
  await page.getByLabel('Title').fill('Fleet: vehicles delivered late')
  await page.getByLabel('Reason').fill('The supplier cannot deliver 20 vehicles before April')
  await page.getByRole('button', { name: 'Show the effect' }).click()
  await page.getByText('There is a problem').waitFor()
  await checkAndShoot(page, 'form-reprofile-errors')
  await page.getByLabel('Budget for 2021/22 after the reprofile (£)').fill('500,000')
  await page.getByRole('button', { name: 'Show the effect' }).click()
  await page.getByRole('heading', { name: 'The effect, if approved' }).waitFor()
  const effect = await page.getByRole('row', { name: /^2021\/22 Capital grants/ }).textContent()
  expect(effect?.replace(/\s+/g, ' ')).toContain('£142,857.14')
  await checkAndShoot(page, 'form-reprofile-effect')
  await page.getByRole('button', { name: 'Send for approval' }).click()
  await verifyOnPage(page, 'Fleet: vehicles delivered late')
  await page.getByText('submitted for approval').first().waitFor()
  const changeUrl = page.url()
  await checkAndShoot(page, 'change-submitted')

  // The requester may not approve their own change.
  await page.getByRole('button', { name: 'Approve: move the budget' }).click()
  await page.getByText('Only an approver may approve a budget change').first().waitFor()
  await checkAndShoot(page, 'change-approve-refused')
  await page.getByRole('button', { name: 'Sign out' }).click()

  await signIn(page, h.baseUrl, { email: 'commissioner@demo.example.org', password: 'demo-commissioner' })
  await page.goto(changeUrl)
  await page.getByLabel('Note (optional)').fill('Agreed: the vehicles come next year')
  await page.getByRole('button', { name: 'Approve: move the budget' }).click()
  await page.getByText(/Budget change \d+ approved\./).waitFor()
  expect(await page.getByText('Approved by').count()).toBeGreaterThan(0)
  await checkAndShoot(page, 'change-approved')

  await page.goto(h.baseUrl + '/changes/movements?fy=2021-22')
  await verifyOnPage(page, 'Budget movements 2021/22')
  const fleet = await page.getByRole('row', { name: /^Fleet replacement/ }).textContent()
  expect(fleet?.replace(/\s+/g, ' ')).toMatch(/Fleet replacement 0 0 0 500 0 0 0 500/)
  await checkAndShoot(page, 'change-movements-2021-22')
  await context.close()
}, 120_000)
