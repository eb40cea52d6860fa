// Requests no page can use are answered before they reach a service. A NUL character cannot be stored in a
// PostgreSQL text column (it answers "invalid byte sequence"), no address or form of this service has one, and a
// browser never sends one: a path with it is not a page (404), a query or form field with it is refused (400),
// naming the field, before anything is read or written.
import type { RequestHandler } from 'express'
import { BadRequestError } from '../domain/errors'

/** One query value (`?fy=`): given twice is a bad request, naming it. */
export function queryValue(value: unknown, name: string, example = '2017-18'): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  throw new BadRequestError(`The ${name} was given more than once`, `give one ${name}, like ?${name}=${example}`)
}

const NUL = '\u0000'

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL)
  if (Array.isArray(value)) return value.some(hasNul)
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes(NUL) || hasNul(v))
  return false
}

function fieldWithNul(fields: unknown): string | null {
  if (typeof fields !== 'object' || fields === null) return null
  for (const [name, value] of Object.entries(fields)) {
    if (name.includes(NUL) || hasNul(value)) return name.replaceAll(NUL, '')
  }
  return null
}

export const refuseNulCharacters: RequestHandler = (req, res, next) => {
  const path = req.originalUrl.split('?')[0] ?? ''
  if (/%00/i.test(path) || path.includes(NUL)) {
    return res.status(404).render('pages/error', {
      title: 'Page not found',
      heading: 'Page not found',
      message: 'There is no page at this address.',
      hint: 'Check the address, or start from the dashboard.',
    })
  }
  const field = fieldWithNul(req.query) ?? fieldWithNul(req.body)
  if (field === null) return next()
  res.status(400).render('pages/error', {
    title: 'Bad request',
    heading: 'There is a problem with what was sent',
    message: `The field “${field}” contains a NUL character (a zero byte), which cannot be saved. Nothing has been changed.`,
    hint: 'Go back, retype the field without it, and send the form again.',
  })
}
