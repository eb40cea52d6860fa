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
  constructor(
    public readonly errors: FieldError[],
    /** What was understood of the fields that were read correctly, by field id ("Read as £45,000.00"). */
    public readonly understood: Record<string, string> = {},
    /** True when the problems are only warnings: the form offers "I have checked these figures" and saves then. */
    public readonly confirmable = false,
  ) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
    this.name = 'ValidationError'
  }
}

/** Someone else saved the record since this form was opened: the save is refused, never merged silently. */
export class ConflictError extends Error {
  constructor(
    public readonly what: string,
    /** The record's fields as they are now, for the page to show beside what the user typed. */
    public readonly current: Record<string, string>,
    public readonly changedBy: { actor: string; at: string } | null,
  ) {
    super(`${what} was changed by someone else`)
    this.name = 'ConflictError'
  }
}

/** Said when a form's version (its optimistic lock) is missing or not a whole number from 1. */
export const VERSION_PROBLEM =
  'This form does not say which version of the record it was opened at: reload the page and make your change again. Nothing has been saved.'
