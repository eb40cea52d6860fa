// The published record (issue #14): open to everyone without signing in, and always as the public sees it, whoever asks.
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { signedIn } from '../support/session'

const env = useTestApp({ fresh: 'test' })

it('publishes the open decisions with reference, title, date and amount, as a page and a CSV', async () => {
  const page = pageText((await request(env.app).get('/transparency/decisions').expect(200)).text)
  expect(page).toContain('OPCC.D.013.17 Mobile First - Integrated Software Procurement 6 March 2017 £1,915,000')
  expect(page).toContain('OPCC.D.014.17')
  const csv = await request(env.app).get('/transparency/decisions.csv').expect(200)
  expect(csv.headers['content-type']).toContain('text/csv')
  const lines = csv.text.split(/\r?\n/)
  expect(lines[0]).toContain('Reference,Title,Date decided,Decided (as written),Amount (£),Summary')
  expect(lines.find((l) => l.startsWith('OPCC.D.013.17'))).toContain(',2017-03-06,6/3/2017,1915000.00,')
  await request(env.app).get('/transparency/decisions.xlsx').expect(200)
  await request(env.app).get('/transparency/decisions.pdf').expect(400)
  await request(env.app).get('/transparency').expect(200)
})

it('never publishes a confidential decision, even to finance', async () => {
  await env.db('decisions').where('reference', 'OPCC.D.013.17').update({ classification: 'confidential' })
  const finance = await signedIn(env.app, 'finance')
  const page = pageText((await finance.get('/transparency/decisions').expect(200)).text)
  expect(page).not.toContain('OPCC.D.013.17')
  expect(page).toContain('OPCC.D.014.17')
  const csv = (await finance.get('/transparency/decisions.csv').expect(200)).text
  expect(csv).not.toContain('OPCC.D.013.17')
  // The register itself still shows it to finance.
  expect(pageText((await finance.get('/decisions').expect(200)).text)).toContain('OPCC.D.013.17')
})
