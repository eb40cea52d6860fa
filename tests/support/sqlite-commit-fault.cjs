// Test-only fault injection, loaded with `node --require` into a server the outage tests start: while the file
// named by COMMIT_FAULT_FLAG exists, the next COMMIT fails as a disk I/O error would (SQLITE_IOERR), leaving the
// transaction open (SQLite may or may not roll back after one), and the flag file is removed.
'use strict'
const fs = require('node:fs')
const sqlite3 = require('sqlite3')

const flag = process.env.COMMIT_FAULT_FLAG
const all = sqlite3.Database.prototype.all
sqlite3.Database.prototype.all = function (sql, ...rest) {
  const callback = rest[rest.length - 1]
  if (
    flag &&
    typeof sql === 'string' &&
    /^\s*COMMIT/i.test(sql) &&
    fs.existsSync(flag) &&
    typeof callback === 'function'
  ) {
    fs.rmSync(flag, { force: true })
    const err = Object.assign(new Error('SQLITE_IOERR: disk I/O error'), { errno: 10, code: 'SQLITE_IOERR' })
    setImmediate(() => callback.call(this, err))
    return this
  }
  return all.call(this, sql, ...rest)
}
