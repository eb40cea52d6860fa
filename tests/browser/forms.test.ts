// Finance's forms in Chromium: a programme built through the forms and published, seen by the public after
// signing out; the Panel finds no way to change anything; axe on every form, error states included.
import { checkAndShoot, signIn, startHarness, verifyOnPage, type Harness } from './support'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(async () => {
  await h?.close()
})

describe('finance builds and publishes a programme', () => {
  it('creates a programme with a capital and a revenue line over three years, publishes the new year, and the public sees it', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, h.baseUrl, { email: 'finance@demo.example.org', password: 'demo-finance-only' })
    await checkAndShoot(page, 'dashboard-finance')

    // Two new draft years: the programme runs from 2020/21 (the open year; earlier years are closed and locked).
    for (const fy of ['2021-22', '2022-23']) {
      await page.goto(h.baseUrl + '/years')
      await page.getByLabel('Financial year', { exact: true }).fill(fy)
      await page.getByRole('button', { name: 'Add year' }).click()
      await verifyOnPage(page, 'Financial years and publishing')
    }

    // The programme, first with mistakes.
    await page.goto(h.baseUrl + '/programmes/new')
    await checkAndShoot(page, 'form-programme')
    await page.getByLabel('Code').fill('no good!')
    await page.getByRole('button', { name: 'Save programme' }).click()
    await page.getByText('There is a problem').waitFor()
    expect(await page.title()).toMatch(/^Error: /)
    await checkAndShoot(page, 'form-programme-errors')
    await page.getByLabel('Code').fill('CADET-VAN')
    await page.getByLabel('Name').fill('Cadet minibus')
    await page.getByLabel('Approved').check()
    await page.getByRole('button', { name: 'Save programme' }).click()
    await verifyOnPage(page, 'Cadet minibus')

    // A capital line over three years, first with a bad amount.
    await page.getByRole('link', { name: 'Add a cost line' }).click()
    await checkAndShoot(page, 'form-line')
    await page.getByLabel('Name of the cost line').fill('Minibus purchase')
    await page.getByLabel('Capital', { exact: true }).check()
    await page.getByLabel('Budget owner').selectOption('capital_programme')
    await page.getByLabel('Type of spend').selectOption('capital_vehicles')
    await page.getByLabel('2020/21 (published)').fill('45k')
    await page.getByLabel('2021/22 (draft)').fill('12.345')
    await page.getByLabel('2022/23 (draft)').fill('£5,000')
    await page.getByRole('button', { name: 'Save cost line' }).click()
    await page.getByText('The 2021/22 budget has more than two decimal places').first().waitFor()
    await checkAndShoot(page, 'form-line-errors')
    await page.getByLabel('2021/22 (draft)').fill('12k')
    await page.getByLabel('Reason for the change').fill('New programme approved by the Commissioner')
    await page.getByRole('button', { name: 'Save cost line' }).click()
    await verifyOnPage(page, 'Cadet minibus')

    // A revenue line over the same three years.
    await page.getByRole('link', { name: 'Add a cost line' }).click()
    await page.getByLabel('Name of the cost line').fill('Insurance and fuel')
    await page.getByLabel('Revenue', { exact: true }).check()
    await page.getByLabel('Recurring').check()
    await page.getByLabel('Budget owner').selectOption('commissioning')
    await page.getByLabel('Type of spend').selectOption('transport')
    await page.getByLabel('2020/21 (published)').fill('3,000')
    await page.getByLabel('2021/22 (draft)').fill('3000')
    await page.getByLabel('2022/23 (draft)').fill('3.1k')
    await page.getByLabel('Reason for the change').fill('New programme approved by the Commissioner')
    await page.getByRole('button', { name: 'Save cost line' }).click()
    await verifyOnPage(page, 'Cadet minibus')
    const total = page.getByRole('row', { name: /^Total/ }).last()
    await expect(total.textContent()).resolves.toContain('£71,100')
    await checkAndShoot(page, 'programme-created')

    // Profile 2022/23 of the revenue line evenly, then enter a forecast for it.
    await page.getByRole('link', { name: /profile and forecast of Insurance and fuel for 2022\/23/ }).click()
    await verifyOnPage(page, 'Insurance and fuel')
    await checkAndShoot(page, 'form-line-year')
    await page.getByLabel('P1 (April)').fill('1k')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page
      .getByText(/The periods add up to £1,000.00, £2,100.00 less than the 2022\/23 budget/)
      .first()
      .waitFor()
    await checkAndShoot(page, 'form-line-year-errors')
    await page.getByLabel('Spread the budget: evenly over the twelve months').check()
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByText(/profile of “Insurance and fuel” saved \(evenly over the twelve months\)/).waitFor()
    await page.getByRole('link', { name: /profile and forecast of Insurance and fuel for 2022\/23/ }).click()
    // Nothing is posted for 2022/23 yet: a forecast now is made in P1.
    await page.getByLabel('Period the forecast is made in').selectOption('1')
    await page.getByLabel('Forecast outturn for the whole year').fill('3.3k')
    await page.getByRole('button', { name: 'Save forecast' }).click()
    await page.getByText('Forecast outturn for “Insurance and fuel”, 2022/23, made in P1: £3,300.00.').waitFor()
    await expect(
      page
        .getByRole('row', { name: /^2022\/23/ })
        .first()
        .textContent(),
    ).resolves.toContain('£8,300')

    // A decision with a late CFO sign-off, first with an impossible date.
    await page.goto(h.baseUrl + '/decisions/new')
    await page.getByLabel('Reference').fill('OPCC.D.200.21')
    await page.getByLabel('Title').fill('Cadet minibus')
    await page.getByLabel('Chief Finance Officer: date signed').fill('17/13/21')
    await page.getByLabel('Police and Crime Commissioner: date signed').fill('1/6/2021')
    await page.getByRole('button', { name: 'Save decision' }).click()
    await page.getByText('There is a problem').waitFor()
    await checkAndShoot(page, 'form-decision-errors')
    await page.getByLabel('Chief Finance Officer: date signed').fill('3/6/21')
    await page.getByLabel('Programme 1', { exact: true }).selectOption('CADET-VAN')
    await page.getByRole('button', { name: 'Save decision' }).click()
    await verifyOnPage(page, 'Cadet minibus')
    await page
      .getByText(/Governance flag: Chief Finance Officer signed after the Commissioner/)
      .first()
      .waitFor()
    await checkAndShoot(page, 'decision-created')

    // Publish 2021/22 and 2022/23, and look at the trail.
    for (const fy of ['2021/22', '2022/23']) {
      await page.goto(h.baseUrl + '/years')
      await page.getByRole('button', { name: `Publish ${fy}` }).click()
    }
    await page.goto(h.baseUrl + '/audit?programme=CADET-VAN')
    await checkAndShoot(page, 'audit-trail')
    await expect(page.getByRole('table').textContent()).resolves.toContain('£45,000.00')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.goto(h.baseUrl + '/programmes/CADET-VAN?fy=2021-22')
    await verifyOnPage(page, 'Cadet minibus')
    await expect(
      page
        .getByRole('row', { name: /^Total/ })
        .last()
        .textContent(),
    ).resolves.toContain('£71,100')
    expect(await page.getByRole('link', { name: 'Add a cost line' }).count()).toBe(0)
    await context.close()
  }, 120_000)
})

describe('the Panel', () => {
  it('finds no way to change anything', async () => {
    const context = await h.browser.newContext()
    const page = await context.newPage()
    await signIn(page, h.baseUrl, { email: 'panel@demo.example.org', password: 'demo-panel-member' })
    for (const url of ['/', '/programmes', '/programmes/MOBILE-FIRST', '/decisions']) {
      await page.goto(h.baseUrl + url)
      const forms = await page
        .locator('form[method="post"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('action')))
      expect(forms).toEqual(['/sign-out'])
      for (const name of ['Edit programme', 'Add a cost line', 'New programme', 'Publishing']) {
        expect(await page.getByRole('link', { name }).count()).toBe(0)
      }
    }
    await page.goto(h.baseUrl + '/programmes/new')
    await verifyOnPage(page, 'You cannot do this')
    await context.close()
  }, 60_000)
})

describe('other forms pass axe', () => {
  // Each form submitted as it opens: an empty "new" form is refused with its first problem named in the error
  // summary; an edit form with nothing changed is saved as "unchanged", writing nothing.
  it.each([
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/funding-sources',
      'funding-sources',
      'Enter the name of the funding source',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/programmes/ITP-ESSEX/benefits/new',
      'form-benefit',
      'Enter what the benefit is',
    ],
    ['finance@demo.example.org', 'demo-finance-only', '/years', 'years', 'Enter the financial year'],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/decisions/OPCC.D.013.17/edit',
      'form-decision',
      'Decision OPCC.D.013.17 unchanged: nothing to save.',
    ],
    [
      'admin@demo.example.org',
      'demo-administrator',
      '/accounts',
      'accounts',
      'Enter an email address, like name@example.org',
    ],
    ['admin@demo.example.org', 'demo-administrator', '/years/2018-19/reopen', 'year-reopen', 'Enter the reason'],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/programmes/ITP-ESSEX/appraisal/settings',
      'form-appraisal-settings',
      'Appraisal settings unchanged: nothing to save.',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/programmes/MOBILE-FIRST/assumptions/new',
      'form-assumption',
      'Enter what time is saved',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/programmes/ITP-ESSEX/realisations/new',
      'form-realisation',
      'Choose the financial year the benefit was realised in',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/mtfp/reserves/budget-smoothing/edit',
      'form-reserve',
      'Budget smoothing reserve unchanged: nothing to save.',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/mtfp/lines/1/edit',
      'form-plan-line',
      'Police grant (Home Office) unchanged: nothing to save.',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/mtfp/lines/new?plan=2017-18',
      'form-plan-line-new',
      'Enter the name of the line',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/mtfp/workforce/officers/edit?plan=2017-18',
      'form-workforce',
      'Police officers unchanged: nothing to save.',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/mtfp/savings/new',
      'form-saving',
      'Enter the name of the scheme',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/capital/lines/new',
      'form-capital-scheme',
      'Enter the name of the cost line',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/precept/2026-27/proposal',
      'form-precept-proposal',
      'Enter the proposed Band D, or the rise',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/precept/2017-18/authorities',
      'form-precept-authorities',
      '2017/18 tax base unchanged: nothing to save.',
    ],
    [
      'finance@demo.example.org',
      'demo-finance-only',
      '/changes/new',
      'form-budget-change',
      'Choose the year the change is made in',
    ],
    ['finance@demo.example.org', 'demo-finance-only', '/ledger-codes', 'ledger-codes', 'Enter the cost centre'],
    ['finance@demo.example.org', 'demo-finance-only', '/imports', 'imports', 'Choose the ledger file to upload'],
  ])(
    '%s: %s',
    async (email, password, url, name, said) => {
      const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      await signIn(page, h.baseUrl, { email, password })
      await page.goto(h.baseUrl + url)
      await checkAndShoot(page, name)
      const submit = page.locator('main form[method="post"] button[type="submit"]').last()
      await submit.click()
      await page.waitForLoadState('load')
      await expect(page.locator('main').innerText()).resolves.toContain(said)
      if (said.endsWith('nothing to save.')) expect(await page.title()).not.toMatch(/^Error:/)
      else expect(await page.locator('.govuk-error-summary').innerText()).toContain(said)
      await checkAndShoot(page, `${name}-submitted`)
      await context.close()
    },
    60_000,
  )
})

describe('sign-in form', () => {
  it('passes axe, error state included', async () => {
    const context = await h.browser.newContext()
    const page = await context.newPage()
    await page.goto(h.baseUrl + '/sign-in')
    await checkAndShoot(page, 'sign-in')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('There is a problem').waitFor()
    await checkAndShoot(page, 'sign-in-errors')
    await context.close()
  }, 60_000)
})
