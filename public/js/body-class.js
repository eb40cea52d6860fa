// GOV.UK Frontend's body classes, kept in a file so the content security policy needs no inline script.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
