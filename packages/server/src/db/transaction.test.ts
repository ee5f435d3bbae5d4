// withTransaction: queued work runs after COMMIT (it sees the committed rows from outside the transaction),
// never after a rollback, and its failure neither undoes the commit nor reaches the caller.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness.js';
import type { Database, Db } from './client.js';
import { withTransaction } from './transaction.js';

let database: Database;
let db: Db;

const count = async (d: Db) => {
  const r = (await d.execute(sql`select count(*)::int as n from after_commit_probe`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(r.rows[0]?.n);
};

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  await db.execute(sql`create table after_commit_probe (id serial primary key, note text not null)`);
});

afterAll(async () => {
  await database.close();
});

describe('withTransaction', () => {
  it('runs queued work after the commit, in order, with the committed rows visible', async () => {
    await db.execute(sql`delete from after_commit_probe`);
    const seen: string[] = [];
    const result = await withTransaction(db, async (tx, afterCommit) => {
      await tx.execute(sql`insert into after_commit_probe (note) values ('a')`);
      afterCommit(async (d) => seen.push(`first:${await count(d)}`));
      afterCommit(async (d) => seen.push(`second:${await count(d)}`));
      seen.push('body done');
      return 42;
    });
    expect(result).toBe(42);
    // The work ran after the body, on the database, where the insert is already committed.
    expect(seen).toEqual(['body done', 'first:1', 'second:1']);
  });

  it('never runs queued work when the transaction rolls back', async () => {
    await db.execute(sql`delete from after_commit_probe`);
    let ran = false;
    await expect(
      withTransaction(db, async (tx, afterCommit) => {
        await tx.execute(sql`insert into after_commit_probe (note) values ('b')`);
        afterCommit(() => {
          ran = true;
        });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(ran).toBe(false);
    expect(await count(db)).toBe(0);
  });

  it('logs a failure of after-commit work and keeps the committed change and the result', async () => {
    await db.execute(sql`delete from after_commit_probe`);
    const errors: unknown[] = [];
    let later = false;
    const result = await withTransaction(
      db,
      async (tx, afterCommit) => {
        await tx.execute(sql`insert into after_commit_probe (note) values ('c')`);
        afterCommit(() => {
          throw new Error('recompute failed');
        });
        afterCommit(() => {
          later = true;
        });
        return 'ok';
      },
      { onAfterCommitError: (err) => errors.push(err) },
    );
    expect(result).toBe('ok');
    expect(await count(db)).toBe(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('recompute failed');
    // One failing piece of work does not stop the next.
    expect(later).toBe(true);
  });
});
