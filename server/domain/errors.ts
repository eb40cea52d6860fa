// Errors a user can act on. Routes turn NotFoundError into a 404 page and BadRequestError into a 400 page
// that says what was wrong; anything else is a 500 with no detail shown (STYLE.md "Errors").

export class NotFoundError extends Error {
  constructor(public readonly what: string) {
    super(`${what} was not found`)
    this.name = 'NotFoundError'
  }
}

export class BadRequestError extends Error {
  constructor(
    message: string,
    public readonly hint: string,
  ) {
    super(message)
    this.name = 'BadRequestError'
  }
}

export interface FieldError {
  field: string
  message: string
}

/** All the problems with one submitted form, collected and thrown once. */
export class ValidationError extends Error {
  constructor(public readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
    this.name = 'ValidationError'
  }
}
