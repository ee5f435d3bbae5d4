// PostgreSQL in production: migrations run as the owner (DATABASE_OWNER_URL), the server as a role that
// owns nothing and holds only SELECT and INSERT on the audit table — so even with SQL in hand it cannot
// switch the append-only trigger off or delete a record. Runs where .ci/run made the second role.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_PG } from '../test/harness.js';
import { openDatabase } from './client.js';

const APP_URL = process.env.TEST_DATABASE_APP_URL;

describe.skipIf(!TEST_PG || !APP_URL)('the application role on PostgreSQL', () => {
  it('can write and read the trail but not delete from it or disable its trigger', async () => {
    const owned = await openTestDatabase(); // created and migrated as the owner
    const dbName = (
      (await owned.db.execute(sql`select current_database() as d`)) as unknown as { rows: { d: string }[] }
    ).rows[0]!.d;
    const at = (base: string) => {
      const u = new URL(base);
      u.pathname = `/${dbName}`;
      return u.toString();
    };
    const app = await openDatabase({ databaseUrl: at(APP_URL!), ownerUrl: at(TEST_PG!) });
    try {
      expect(app.warnings).toEqual([]);
      await app.db.execute(sql`select count(*) from audit_log`);
      const refused = async (q: ReturnType<typeof sql>) =>
        app.db.execute(q).then(
          () => 'allowed',
          (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
        );
      expect(await refused(sql`delete from audit_log`)).toBe('42501');
      expect(await refused(sql`alter table audit_log disable trigger audit_log_no_change`)).toBe('42501');
      expect(await refused(sql`truncate audit_log`)).toBe('42501');
      // Other tables are the application's to use.
      expect(await refused(sql`select count(*) from enterprises`)).toBe('allowed');
    } finally {
      await app.close();
      await owned.close();
    }
  });

  it('warns when the application connects as the owner', async () => {
    const owned = await openTestDatabase();
    try {
      const dbName = (
        (await owned.db.execute(sql`select current_database() as d`)) as unknown as { rows: { d: string }[] }
      ).rows[0]!.d;
      const u = new URL(TEST_PG!);
      u.pathname = `/${dbName}`;
      const same = await openDatabase({ databaseUrl: u.toString() });
      expect(same.warnings.join()).toMatch(/审计表所有者/);
      await same.close();
    } finally {
      await owned.close();
    }
  });
});
