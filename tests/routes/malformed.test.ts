// Requests no browser would send get a 4xx that says what was wrong, never a 500, and their bodies are never
// written to the log (they hold CSRF tokens and what people typed).
import request from 'supertest'
import { useTestApp } from '../support/test-app'
import { pageText } from '../support/html'
import { csrfOf, signedIn } from '../support/session'

const env = useTestApp()

/** Runs `fn` with console.error captured, and returns what was logged. */
async function logged(fn: () => Promise<unknown>): Promise<string> {
  const lines: string[] = []
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(
      args
        .map((a) =>
          a instanceof Error ? `${a.stack ?? ''} ${JSON.stringify(a)}` : typeof a === 'string' ? a : JSON.stringify(a),
        )
        .join(' '),
    )
  })
  try {
    await fn()
  } finally {
    spy.mockRestore()
  }
  return lines.join('\n')
}

const SECRET = 'csrf-token-that-must-not-be-logged'

describe('malformed requests', () => {
  it('answers a body over the limit with 413, and logs no body', async () => {
    const log = await logged(async () => {
      const res = await request(env.app)
        .post('/sign-in')
        .type('form')
        .send(`_csrf=${SECRET}&note=${'x'.repeat(300_000)}`)
        .expect(413)
      expect(pageText(res.text)).toContain('larger than this service accepts')
    })
    expect(log).not.toContain(SECRET)
  })

  it('answers more fields than allowed with 413, and logs no body', async () => {
    const fields = Array.from({ length: 600 }, (_, i) => `f${i}=1`).join('&')
    const log = await logged(async () => {
      const res = await request(env.app).post('/sign-in').type('form').send(`_csrf=${SECRET}&${fields}`).expect(413)
      expect(pageText(res.text)).toContain('more fields than this service accepts')
    })
    expect(log).not.toContain(SECRET)
  })

  it('answers an unknown character set with 415', async () => {
    const res = await request(env.app)
      .post('/sign-in')
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=koi9')
      .send('email=a')
      .expect(415)
    expect(pageText(res.text)).toContain('character set')
  })

  it('answers a malformed percent-encoding in a path with 400', async () => {
    const res = await request(env.app).get('/programmes/%E0%A4%A').expect(400)
    expect(pageText(res.text)).toContain('The address is not valid')
  })

  it('answers a NUL byte in a path with 404, and in a query or form field with 400 naming the field', async () => {
    await request(env.app).get('/programmes/MOBILE%00FIRST').expect(404)
    await request(env.app).get('/decisions/OPCC.D.013.17%00').expect(404)
    const query = await request(env.app).get('/?fy=2017-18%00').expect(400)
    expect(pageText(query.text)).toContain('The field “fy” contains a NUL character')
    const finance = await signedIn(env.app, 'finance')
    const form = await finance.get('/programmes/new').expect(200)
    const before = Number((await env.db('programmes').count({ n: '*' }).first())?.n)
    const res = await finance
      .post('/programmes/new')
      .type('form')
      .send({ _csrf: csrfOf(form.text), code: 'NUL-TEST', name: 'A\u0000B', status: 'proposed' })
      .expect(400)
    expect(pageText(res.text)).toContain('The field “name” contains a NUL character')
    expect(Number((await env.db('programmes').count({ n: '*' }).first())?.n)).toBe(before)
  })

  it('gives a signed-in form with malformed input a 4xx, never a 500', async () => {
    const finance = await signedIn(env.app, 'finance')
    const form = await finance.get('/programmes/new').expect(200)
    const res = await finance
      .post('/programmes/new')
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=utf-16')
      .send(`_csrf=${csrfOf(form.text)}`)
    expect(res.status).toBe(415)
  })
})
