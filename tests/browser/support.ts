// Browser test support: the app on a free port over a fresh seeded database, and Debian's Chromium.
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { chromium, type Browser, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { createTestDb, type TestDb } from '../support/test-db'
import { testApp } from '../support/test-app'

export const SCREENSHOTS = path.join(__dirname, 'screenshots')
export const OUTPUT = path.join(__dirname, 'output')

export interface Harness {
  baseUrl: string
  browser: Browser
  close(): Promise<void>
}

export async function startHarness(): Promise<Harness> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  fs.mkdirSync(OUTPUT, { recursive: true })
  const t: TestDb = await createTestDb()
  const app = testApp(t.db)
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
      await t.destroy()
    },
  }
}

/** WCAG 2.2 A and AA violations on the page (axe-core). */
export async function wcagViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze()
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

/** A page object check: the page has loaded when its h1 reads as expected. */
export async function verifyOnPage(page: Page, heading: string | RegExp): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 })
  const text = (await h1.textContent())?.trim() ?? ''
  if (typeof heading === 'string' ? text !== heading : !heading.test(text)) {
    throw new Error(`Expected the page heading "${String(heading)}", found "${text}"`)
  }
}

/** Signs in through the sign-in form, as a person would, and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(baseUrl + '/sign-in')
  await page.getByLabel('Email address').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(baseUrl + '/')
}

/** Axe finds nothing on the page; then a full-page screenshot of it for a person to look at. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  expect(await wcagViolations(page)).toEqual([])
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
