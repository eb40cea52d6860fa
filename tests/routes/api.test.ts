// The read-only JSON API (issue #14): its OpenAPI document validates; every documented route answers each role with
// the documented shape; the API honours the pages' visibility (published years and open decisions for the public and
// the Panel); and its errors are JSON in the documented shape.
import request from 'supertest'
import SwaggerParser from '@apidevtools/swagger-parser'
import Ajv2020 from 'ajv/dist/2020'
import { useTestApp } from '../support/test-app'
import { signedIn } from '../support/session'
import { OPENAPI_DOCUMENT } from '../../server/routes/openapi'

const env = useTestApp({ fresh: 'test' })

type Doc = {
  paths: Record<string, { get: { parameters: { name: string; required: boolean }[]; responses: Record<string, Json> } }>
  components: { schemas: Record<string, Json> }
}
type Json = Record<string, unknown>

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })

/** Each documented path's 200 schema and its error schema, with every $ref resolved. */
async function documented(): Promise<Doc> {
  return (await SwaggerParser.dereference(copy(OPENAPI_DOCUMENT) as never)) as unknown as Doc
}

const schemaOf = (doc: Doc, path: string, status: string) =>
  ((doc.paths[path]?.get.responses[status]?.content as Json)['application/json'] as Json).schema as Json

function expectShape(schema: Json, body: unknown, what: string): void {
  const validate = ajv.compile(schema)
  const ok = validate(body)
  expect([what, ok ? [] : validate.errors]).toEqual([what, []])
}

const agents = async () => ({
  public: request(env.app),
  panel: await signedIn(env.app, 'panel'),
  finance: await signedIn(env.app, 'finance'),
  admin: await signedIn(env.app, 'admin'),
})

it('serves an OpenAPI document that validates', async () => {
  const served = await request(env.app).get('/api/v1/openapi.json').expect(200)
  expect(served.body).toEqual(copy(OPENAPI_DOCUMENT))
  await expect(SwaggerParser.validate(copy(served.body) as never)).resolves.toBeTruthy()
})

it('answers every documented route, for every role, in the documented shape', async () => {
  const doc = await documented()
  const as = await agents()
  const paths = Object.keys(doc.paths)
  expect(paths.length).toBe(7)
  for (const path of paths) {
    const needsYear = doc.paths[path]?.get.parameters.some((p) => p.name === 'fy')
    const url = needsYear ? `${path}?fy=2017-18` : path
    for (const [role, agent] of Object.entries(as)) {
      const res = await agent.get(url)
      expect([role, url, res.status]).toEqual([role, url, 200])
      expect(res.headers['content-type']).toContain('application/json')
      expectShape(schemaOf(doc, path, '200'), res.body, `${role} ${url}`)
    }
  }
})

it('gives the money of a year exactly, to the penny, as the pages do', async () => {
  const precept = await request(env.app).get('/api/v1/precept?fy=2017-18').expect(200)
  expect(precept.body).toMatchObject({ bandD: '157.15', previousBandD: '152.15', increase: '5.00' })
  expect((precept.body as { bands: unknown[] }).bands).toContainEqual({
    band: 'A',
    amount: '104.77',
    previous: '101.43',
  })
  const lines = await request(env.app).get('/api/v1/budget-lines?fy=2017-18').expect(200)
  const sum = (lines.body as { lines: { budget: string }[] }).lines.reduce(
    (a, l) => a + BigInt(l.budget.replace('.', '')),
    0n,
  )
  const stored = await env.db('budget_amounts').where('fy_start', 2017).sum({ s: 'amount_pence' }).first()
  expect(sum.toString()).toBe(String(stored?.s))
})

it('honours the visibility rules: drafts for finance only; confidential decisions never for the public', async () => {
  const doc = await documented()
  await env.db('financial_years').where('fy_start', 2017).update({ status: 'draft' })
  await env.db('decisions').where('reference', 'OPCC.D.013.17').update({ classification: 'confidential' })
  const as = await agents()
  for (const path of ['/api/v1/budget-lines', '/api/v1/actuals', '/api/v1/forecasts']) {
    for (const role of ['public', 'panel'] as const) {
      const res = await as[role].get(`${path}?fy=2017-18`).expect(404)
      expectShape(schemaOf(doc, path, '404'), res.body, `${role} ${path}`)
    }
    await as.finance.get(`${path}?fy=2017-18`).expect(200)
  }
  const keys = async (agent: (typeof as)['public']) =>
    ((await agent.get('/api/v1/decisions').expect(200)).body as { decisions: { key: string }[] }).decisions.map(
      (d) => d.key,
    )
  expect(await keys(as.public)).not.toContain('OPCC.D.013.17')
  // The Panel sees a confidential decision the Commissioner published to it, as on the pages; not one kept from it.
  expect(await keys(as.panel)).toContain('OPCC.D.013.17')
  await env.db('decisions').where('reference', 'OPCC.D.013.17').update({ published_to_panel: false })
  expect(await keys(as.panel)).not.toContain('OPCC.D.013.17')
  expect(await keys(as.finance)).toContain('OPCC.D.013.17')
})

it('answers a malformed request with a JSON error in the documented shape', async () => {
  const doc = await documented()
  for (const url of ['/api/v1/budget-lines', '/api/v1/actuals?fy=twenty', '/api/v1/forecasts?fy=2017-18&fy=2018-19']) {
    const res = await request(env.app).get(url).expect(400)
    expectShape(schemaOf(doc, '/api/v1/actuals', '400'), res.body, url)
  }
  const missing = await request(env.app).get('/api/v1/nothing-here').expect(404)
  expect((missing.body as { error: { status: number } }).error.status).toBe(404)
})
