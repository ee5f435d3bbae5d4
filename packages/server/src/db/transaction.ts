// The one way a service opens a transaction that has work to do once it is committed (docs/ARCHITECTURE.md):
// the transaction-scoped core `fooIn(tx, …, afterCommit)` queues the work, the wrapper `foo(db, …)` opens the
// transaction through `withTransaction`. Queued work runs after COMMIT, in order, never after a rollback; a
// failure in it is logged and never undoes (or turns into an error) the change that committed.
import type { Db, Tx } from './client.js';

/** Work for after the commit; it gets the database (the transaction is over). */
export type AfterCommitWork = (db: Db) => Promise<unknown> | unknown;
/** Queues work to run once the transaction has committed. */
export type AfterCommit = (work: AfterCommitWork) => void;

export interface TransactionOptions {
  /** Where a failure of after-commit work is reported (default: the process log). */
  onAfterCommitError?: (err: unknown) => void;
}

const logAfterCommitError = (err: unknown) => {
  console.error('work after a committed transaction failed', err);
};

export async function withTransaction<T>(
  db: Db,
  body: (tx: Tx, afterCommit: AfterCommit) => Promise<T>,
  opts: TransactionOptions = {},
): Promise<T> {
  const queued: AfterCommitWork[] = [];
  const result = await db.transaction((tx) => body(tx, (work) => void queued.push(work)));
  // Reached only when the transaction committed: a rollback threw out of db.transaction above.
  for (const work of queued) {
    try {
      await work(db);
    } catch (err) {
      (opts.onAfterCommitError ?? logAfterCommitError)(err);
    }
  }
  return result;
}
