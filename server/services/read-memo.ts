// Within one page request (GET or HEAD), a computation several parts of the page need is done once: the Panel pack
// builds the plan for its own section and again for the capital financing section's net revenue stream, and the
// capital financing base for both. `memoOnRead` shares the first result for the rest of the request. Only reads
// outside a transaction are shared (a save always computes afresh), and only within the request (the next request
// sees any change). A shared result is never changed by those that use it: they map it into views of their own.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Knex } from 'knex'

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>()

/** Runs `fn` (the rest of a GET request) with a memo of its own. */
export function withReadMemo<T>(fn: () => T): T {
  return scope.run(new Map(), fn)
}

/** `compute()`, or the promise of the same `key` computed earlier in this request. */
export function memoOnRead<T>(db: Knex, key: string, compute: () => Promise<T>): Promise<T> {
  const memo = scope.getStore()
  if (!memo || db.isTransaction) return compute()
  const known = memo.get(key) as Promise<T> | undefined
  if (known) return known
  const fresh = compute()
  memo.set(key, fresh)
  return fresh
}
