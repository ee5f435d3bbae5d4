// The HMAC covers twelve fields of every record (platform/audit.ts chainHash). For each one, an edit made
// behind the application's back (the append-only trigger switched off, as a table owner can) must make
// the chain check fail and name that record; so must another key, and a record re-signed onto a link
// that is not its predecessor's hash.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, configureAuditKey, recordAudit, verifyAuditChain } from '../../platform/audit.js';
import { systemContext } from '../../platform/context.js';
import { COUNTY, createTestEnv, TEST_AUDIT_KEY, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
/** The record every case tampers with: the last in the chain, every field non-null. */
let target: number;
/** A record in the middle of the chain, for the link case. */
let middle: number;

const exec = (q: ReturnType<typeof sql>) => env.database.db.execute(q);
const rows = async (q: ReturnType<typeof sql>) =>
  ((await exec(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** Runs `q` with the append-only trigger off, as someone with the table owner's rights could. */
async function behindItsBack(...queries: ReturnType<typeof sql>[]): Promise<void> {
  await exec(sql`alter table audit_log disable trigger audit_log_no_change`);
  try {
    for (const q of queries) await exec(q);
  } finally {
    await exec(sql`alter table audit_log enable trigger audit_log_no_change`);
  }
}

beforeAll(async () => {
  env = await createTestEnv({ users: false });
  const unitId = await env.unitId(`${COUNTY}100000`);
  const ctx = { ...systemContext(env.clock.now()), requestId: 'req-hmac-1', ip: '192.0.2.10' };
  await recordAudit(env.database.db, ctx, {
    action: 'enterprise.update',
    entityType: 'enterprise',
    entityId: 4242,
    enterpriseId: 4242,
    before: { name: '盂县改前有限公司', revenue: '1000.00' },
    after: { name: '盂县改后有限公司', revenue: '2000.00' },
    actor: { userId: 7, unitId },
  });
  const [last] = await rows(sql`select max(id) as id from audit_log`);
  target = Number(last!.id);
  const [mid] = await rows(
    sql`select id from audit_log where id < ${target} order by id desc offset 2 limit 1`,
  );
  middle = Number(mid!.id);
  // A pristine copy to put back after each case.
  await exec(sql`create table audit_keep_hmac as select * from audit_log`);
  expect((await verifyAuditChain(env.database.db)).ok).toBe(true);
});
afterAll(() => env.close());

// Each case leaves the chain as it found it: the whole table is put back from the pristine copy.
afterEach(async () => {
  configureAuditKey(TEST_AUDIT_KEY);
  await behindItsBack(sql`delete from audit_log`, sql`insert into audit_log select * from audit_keep_hmac`);
});

/** One SQL edit per chained field; `moves` gives the id the record has after the edit. */
const FIELDS: { field: string; set: ReturnType<typeof sql>; moves?: (id: number) => number }[] = [
  { field: 'id', set: sql`id = id + 1000`, moves: (id) => id + 1000 },
  { field: 'at', set: sql`at = at + interval '1 second'` },
  { field: 'actorUserId', set: sql`actor_user_id = actor_user_id + 1` },
  { field: 'actorUnitId', set: sql`actor_unit_id = actor_unit_id + 1` },
  { field: 'action', set: sql`action = 'enterprise.create'` },
  { field: 'entityType', set: sql`entity_type = 'user'` },
  { field: 'entityId', set: sql`entity_id = '4243'` },
  { field: 'enterpriseId', set: sql`enterprise_id = 4243` },
  { field: 'before', set: sql`before = jsonb_set(before, '{revenue}', '"1000.01"')` },
  { field: 'after', set: sql`after = jsonb_set(after, '{name}', '"盂县另一有限公司"')` },
  { field: 'requestId', set: sql`request_id = 'req-hmac-2'` },
  { field: 'ip', set: sql`ip = '192.0.2.11'` },
];

describe('audit HMAC', () => {
  it('covers twelve fields, each listed once here', () => {
    expect(new Set(FIELDS.map((f) => f.field)).size).toBe(12);
  });

  it.each(FIELDS)('an edit of $field alone breaks the chain at that record', async ({ set, moves }) => {
    await behindItsBack(sql`update audit_log set ${set} where id = ${target}`);
    const r = await verifyAuditChain(env.database.db);
    expect(r.ok).toBe(false);
    expect(r.broken).toEqual({ id: moves ? moves(target) : target, reason: 'hash' });
  });

  it('a chain signed with the key verifies with it and fails with any other', async () => {
    expect((await verifyAuditChain(env.database.db)).ok).toBe(true);
    configureAuditKey(Buffer.from('another-audit-key-0123456789abcdef01234'));
    const r = await verifyAuditChain(env.database.db);
    const [first] = await rows(sql`select min(id) as id from audit_log`);
    expect(r.ok).toBe(false);
    expect(r.broken).toEqual({ id: Number(first!.id), reason: 'hash' });
  });

  it('an edited link is found by the hash, and a link re-signed with the key by the chain check', async () => {
    const [row] = await rows(sql`select prev_hash from audit_log where id = ${middle}`);
    const forged = `f${String(row!.prev_hash).slice(1)}`;
    await behindItsBack(sql`update audit_log set prev_hash = ${forged} where id = ${middle}`);
    expect((await verifyAuditChain(env.database.db)).broken).toEqual({ id: middle, reason: 'hash' });

    // Whoever holds the key can make the record's own hash match again; the link to its predecessor cannot.
    const [r] = await rows(sql`select * from audit_log where id = ${middle}`);
    const rec = r as Record<string, unknown>;
    const resigned = chainHash(forged, {
      id: Number(rec.id),
      at: new Date(rec.at as string | Date),
      actorUserId: rec.actor_user_id as number | null,
      actorUnitId: rec.actor_unit_id as number | null,
      action: rec.action as string,
      entityType: rec.entity_type as string,
      entityId: rec.entity_id as string | null,
      enterpriseId: rec.enterprise_id as number | null,
      before: rec.before,
      after: rec.after,
      requestId: rec.request_id as string | null,
      ip: rec.ip as string | null,
    });
    await behindItsBack(sql`update audit_log set hash = ${resigned} where id = ${middle}`);
    const v = await verifyAuditChain(env.database.db);
    expect(v.ok).toBe(false);
    // The record's own hash checks out again; its link to the record before it does not.
    expect(v.broken).toEqual({ id: middle, reason: 'link' });
  });
});
