// The OpenAPI 3.1 document of the read-only JSON API (/api/v1/openapi.json). Every route in api-routes.ts is here with
// the shape it answers; a route test checks each answer against it, for every role.

const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: 'Pounds, exactly, to the penny' }
const nullableMoney = { type: ['string', 'null'], pattern: '^-?\\d+\\.\\d{2}$' }
const fy = { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2017-18'] }
const nullableFy = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}$' }
const period = {
  type: 'integer',
  minimum: 1,
  maximum: 13,
  description: '1 is April, 12 March, 13 the year-end adjustments',
}

const object = (properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
})
const list = (items: unknown) => ({ type: 'array', items })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

const schemas = {
  Error: object({
    error: object({
      status: { type: 'integer' },
      title: { type: 'string' },
      message: { type: 'string' },
      hint: { type: ['string', 'null'] },
    }),
  }),
  Programmes: object({
    programmes: list(
      object({
        code: { type: 'string' },
        name: { type: 'string' },
        status: { type: 'string' },
        investToSave: { type: 'boolean' },
        wholeLifeBudget: money,
        capitalBudget: money,
        revenueBudget: money,
        firstYear: nullableFy,
        lastYear: nullableFy,
      }),
    ),
  }),
  BudgetLines: object({
    fy,
    lines: list(
      object({
        id: { type: 'integer' },
        name: { type: 'string' },
        nature: { enum: ['capital', 'revenue'] },
        programme: { type: ['string', 'null'] },
        owner: { type: 'string' },
        spendType: { type: 'string' },
        budget: money,
        originalBudget: nullableMoney,
      }),
    ),
  }),
  Actuals: object({
    fy,
    actuals: list(object({ lineId: { type: 'integer' }, period, amount: money })),
  }),
  Forecasts: object({
    fy,
    forecasts: list(object({ lineId: { type: 'integer' }, madeInPeriod: period, amount: money })),
  }),
  Decisions: object({
    decisions: list(
      object({
        key: { type: 'string' },
        reference: { type: ['string', 'null'] },
        title: { type: 'string' },
        classification: { enum: ['open', 'confidential'] },
        decided: { type: ['string', 'null'], format: 'date' },
        decidedAsWritten: { type: ['string', 'null'] },
        commitment: nullableMoney,
        programmes: list({ type: 'string' }),
      }),
    ),
  }),
  Plan: object({
    firstYear: fy,
    status: { enum: ['draft', 'adopted', 'superseded'] },
    years: list(
      object({
        fy,
        netSpending: money,
        savings: money,
        funding: money,
        useOfReserves: money,
        contributionsToReserves: money,
        gap: money,
      }),
    ),
  }),
  Precept: object({
    fy,
    stage: { enum: ['proposed', 'revised', 'issued', null] },
    bandD: nullableMoney,
    previousBandD: nullableMoney,
    increase: nullableMoney,
    increasePercent: { type: ['string', 'null'], pattern: '^-?\\d+\\.\\d{4}$' },
    exceedsReferendumLimit: { type: ['boolean', 'null'] },
    bands: list(object({ band: { enum: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] }, amount: money, previous: money })),
  }),
}

const errors = {
  '400': { description: 'A malformed year', content: { 'application/json': { schema: ref('Error') } } },
  '404': {
    description: 'No such year, or one the caller may not see',
    content: { 'application/json': { schema: ref('Error') } },
  },
  '503': { description: 'The database is not available', content: { 'application/json': { schema: ref('Error') } } },
}

const fyParameter = (required: boolean) => ({
  name: 'fy',
  in: 'query',
  required,
  description: required ? 'The financial year' : 'The financial year (default: the latest with a precept)',
  schema: fy,
})

const get = (summary: string, schema: string, parameters: unknown[] = []) => ({
  get: {
    summary,
    operationId: schema.charAt(0).toLowerCase() + schema.slice(1),
    parameters,
    responses: {
      '200': { description: summary, content: { 'application/json': { schema: ref(schema) } } },
      ...errors,
    },
  },
})

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Budget and capital programme tracker: read-only API',
    version: '1.0.0',
    description:
      'What the pages show, as JSON, with the same visibility: without signing in (or as a Panel member) only ' +
      'published years and open decisions; finance also sees draft years and confidential decisions. Money is a ' +
      'string of pounds to the penny.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/api/v1/programmes': get('Every programme with its whole-life budget', 'Programmes'),
    '/api/v1/budget-lines': get("A year's budget lines and their budgets", 'BudgetLines', [fyParameter(true)]),
    '/api/v1/actuals': get("A year's actuals by budget line and period", 'Actuals', [fyParameter(true)]),
    '/api/v1/forecasts': get("A year's forecasts of outturn, each with the period it was made in", 'Forecasts', [
      fyParameter(true),
    ]),
    '/api/v1/decisions': get("The Commissioner's decisions", 'Decisions'),
    '/api/v1/plan': get('The medium-term financial plan, year by year', 'Plan'),
    '/api/v1/precept': get("A year's precept: Band D, every band and the referendum test", 'Precept', [
      fyParameter(false),
    ]),
  },
  components: { schemas },
}
