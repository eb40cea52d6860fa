// Finance's and administrators' forms, one module per subject. Every form works without JavaScript; a refused
// save re-renders the form (422) with what was typed and an error summary, or (409) with the other person's
// change. Nothing is written unless all of it is.
import { Router } from 'express'
import type { Services } from '../services'
import { programmeForms } from './programme-forms'
import { lineForms } from './line-forms'
import { decisionForms } from './decision-forms'
import { referenceForms } from './reference-forms'
import { accountForms } from './account-forms'
import { appraisalForms } from './appraisal-forms'
import { yearForms } from './year-forms'
import { importForms } from './import-forms'
import { mtfpForms } from './mtfp-routes'
import { capitalForms } from './capital-routes'
import { preceptForms } from './precept-routes'
import { changeForms } from './change-routes'
import { reportForms } from './report-forms'
import { registerForms } from './register-forms'

export function editRoutes(services: Services): Router {
  const router = Router()
  programmeForms(router, services)
  lineForms(router, services)
  decisionForms(router, services)
  referenceForms(router, services)
  accountForms(router, services)
  appraisalForms(router, services)
  yearForms(router, services)
  importForms(router, services)
  mtfpForms(router, services)
  capitalForms(router, services)
  preceptForms(router, services)
  changeForms(router, services)
  reportForms(router, services)
  registerForms(router, services)
  return router
}
