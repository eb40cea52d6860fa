// Reading a file upload (multipart/form-data) with busboy: the file is streamed to disk and hashed (SHA-256) as it
// arrives, never held in memory; the form's other fields are kept as text. One file, of at most MAX_UPLOAD_BYTES.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import busboy from 'busboy'
import type { Request } from 'express'
import { BadRequestError } from '../domain/errors'

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024

export interface Upload {
  fileName: string
  tempFile: string
  sha256: string
  bytes: number
  fields: Record<string, string>
}

/** A transform that hashes and counts what passes through it, refusing more than `limit` bytes. */
function hashing(limit: number) {
  const hash = crypto.createHash('sha256')
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      if (bytes > limit)
        return done(
          new BadRequestError(
            'The file is too large',
            `A ledger file can be at most ${limit / 1048576} MB: split it by period.`,
          ),
        )
      hash.update(chunk)
      done(null, chunk)
    },
  })
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) }
}

/** Streams the request's one file to `dir` and reads its fields. A request with no file answers `null` file. */
export async function readUpload(
  req: Request,
  dir: string,
): Promise<Upload | { fields: Record<string, string>; tempFile: null }> {
  await fs.promises.mkdir(dir, { recursive: true })
  const fields: Record<string, string> = {}
  let saved: Promise<Upload> | null = null
  const tempFile = path.join(dir, `upload-${crypto.randomBytes(8).toString('hex')}`)
  const parser = busboy({
    headers: req.headers,
    limits: { files: 1, fields: 20, fieldSize: 10_000, fileSize: MAX_UPLOAD_BYTES + 1 },
  })
  parser.on('field', (name, value) => {
    fields[name] = value
  })
  parser.on('file', (_name, file, info) => {
    const fileName = path.basename(info.filename || '')
    if (saved || fileName === '') {
      file.resume()
      return
    }
    const h = hashing(MAX_UPLOAD_BYTES)
    saved = pipeline(file, h.stream, fs.createWriteStream(tempFile)).then(() => ({
      fileName,
      tempFile,
      fields,
      ...h.result(),
    }))
    saved.catch(() => undefined)
  })
  try {
    await pipeline(req, parser)
    const upload = saved ? await (saved as Promise<Upload>) : null
    return upload ?? { fields, tempFile: null }
  } catch (err) {
    await fs.promises.rm(tempFile, { force: true })
    if (err instanceof BadRequestError) throw err
    throw new BadRequestError(
      'The upload could not be read',
      'Choose the file again and upload it. Nothing has been imported.',
    )
  }
}
