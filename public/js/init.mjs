// Starts GOV.UK Frontend's components (service navigation toggle, skip link).
import { initAll } from '/vendor/govuk/govuk-frontend.min.js'
initAll()
