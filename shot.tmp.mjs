// usage: node shot.mjs BASE user pass "/path=/tmp/out.png" ... ; a path may carry a POST: "/path|field=v&field2=v2=/tmp/out.png"
import { chromium } from 'playwright-core'
const [base, user, pass, ...shots] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
if (user) {
  await page.goto(base + '/sign-in')
  await page.fill('#email', user)
  await page.fill('#password', pass)
  await page.click('button[type=submit]')
}
for (const s of shots) {
  const i = s.lastIndexOf('=')
  const [spec, out] = [s.slice(0, i), s.slice(i + 1)]
  const [path, fill] = spec.split('|')
  await page.goto(base + path)
  if (fill) {
    for (const pair of fill.split('&')) {
      const [k, v] = pair.split(':')
      if (k === 'click') await page.click(v)
      else await page.fill('#' + k, v)
    }
    await page.waitForLoadState('load')
  }
  await page.screenshot({ path: out, fullPage: true })
  console.log('shot', out, page.url())
}
await browser.close()
