// Deletions the HMAC chain alone cannot see — at the head, in the middle and at the tail, with the
// append-only trigger bypassed as a table owner can — are found by comparing with the signed checkpoint.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { AuditCheckpointer, readCheckpoint } from '../../platform/audit-checkpoint.js';
import { systemContext } from '../../platform/context.js';
import { Client, createTestEnv, type TestEnv } from '../../test/harness.js';
import { describeVerify, purgeAudit, verifyAudit } from './audit.service.js';

let env: TestEnv;
let dir: string;
let file: string;
let checkpointer: AuditCheckpointer;

type Row = Record<string, unknown>;
const rows = async (query: ReturnType<typeof sql>) =>
  ((await env.database.db.execute(query)) as unknown as { rows: Row[] }).rows;
const ids = async () => (await rows(sql`select id from audit_log order by id`)).map((r) => Number(r.id));

/** Deletes records behind the application's back (trigger off) and returns them, to put back later. */
async function removeBehindBack(from: number, to: number): Promise<Row[]> {
  const gone = await rows(sql`select * from audit_log where id between ${from} and ${to} order by id`);
  await env.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
  await env.database.db.execute(sql`delete from audit_log where id between ${from} and ${to}`);
  await env.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
  return gone;
}

async function putBack(gone: Row[]): Promise<void> {
  await env.database.db.execute(sql`
    insert into audit_log select * from jsonb_populate_recordset(null::audit_log, ${JSON.stringify(gone)}::jsonb)`);
}

beforeAll(async () => {
  env = await createTestEnv();
  dir = mkdtempSync(join(tmpdir(), 'sg-checkpoint-'));
  file = join(dir, 'audit.checkpoint');
  checkpointer = new AuditCheckpointer(env.database.db, file, () => env.clock.now());
  await checkpointer.write('start');
});
afterAll(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit checkpoints', () => {
  it('agrees with an untouched trail, and the file is signed', async () => {
    const r = await verifyAudit(env.database.db, file);
    expect(r.ok, describeVerify(r)).toBe(true);
    expect(r.checkpoint?.count).toBe((await ids()).length);
    const cp = readCheckpoint(file)!;
    expect(cp.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(cp.lastId).toBe((await ids()).at(-1));
  });

  it('names a deletion at the head', async () => {
    const all = await ids();
    const gone = await removeBehindBack(all[0]!, all[2]!);
    try {
      const r = await verifyAudit(env.database.db, file);
      expect(r.ok).toBe(false);
      expect(r.missing).toEqual([{ where: 'head', fromId: all[0], toId: all[3]! - 1 }]);
      expect(r.missingCount).toBe(3);
      expect(describeVerify(r)).toContain('缺失最早的记录');
    } finally {
      await putBack(gone);
    }
    expect((await verifyAudit(env.database.db, file)).ok).toBe(true);
  });

  it('names a deletion in the middle', async () => {
    const all = await ids();
    const gone = await removeBehindBack(all[10]!, all[14]!);
    try {
      const r = await verifyAudit(env.database.db, file);
      expect(r.ok).toBe(false);
      expect(r.broken).toEqual({ id: all[15], reason: 'link' });
      expect(r.missing).toEqual([{ where: 'middle', fromId: all[9]! + 1, toId: all[15]! - 1 }]);
      expect(r.missingCount).toBe(5);
    } finally {
      await putBack(gone);
    }
  });

  it('names a deletion at the tail, even after new records chain onto what is left and a restart', async () => {
    // A copy of the checkpoint: this test leaves the trail as it found it, the copy does not matter.
    const copy = join(dir, 'tail.checkpoint');
    writeFileSync(copy, readFileSync(file));
    const all = await ids();
    const gone = await removeBehindBack(all.at(-4)!, all.at(-1)!);
    const r = await verifyAudit(env.database.db, copy);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([{ where: 'tail', fromId: all.at(-5)! + 1, toId: all.at(-1) }]);
    expect(r.missingCount).toBe(4);

    // The application goes on: a new record links to the last remaining one, and a new process writes
    // the next checkpoint from the file — the deletion is carried forward, not laundered.
    await recordAudit(env.database.db, systemContext(env.clock.now()), {
      action: 'test.after',
      entityType: 'test',
    });
    await new AuditCheckpointer(env.database.db, copy, () => env.clock.now()).write('start');
    const later = await verifyAudit(env.database.db, copy);
    expect(later.ok).toBe(false);
    expect(later.broken).toBeNull(); // the chain itself is whole again
    expect(later.missingCount).toBe(4);
    expect(later.missing).toEqual([
      { where: 'middle', fromId: all.at(-5)! + 1, toId: (await ids()).at(-1)! - 1 },
    ]);
    await removeBehindBack(all.at(-1)! + 1, all.at(-1)! + 1_000_000);
    await putBack(gone);
    expect((await verifyAudit(env.database.db, file)).ok).toBe(true);
  });

  it('refuses a checkpoint file that was edited', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'sg-checkpoint-edit-'));
    try {
      const copy = join(dir2, 'audit.checkpoint');
      const cp = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(copy, JSON.stringify({ ...cp, count: cp.count - 4 }));
      const r = await verifyAudit(env.database.db, copy);
      expect(r.ok).toBe(false);
      expect(r.checkpointInvalid).toBe(true);
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('gives the auditor a signed checkpoint to download, and keeps the file in step', async () => {
    const app = await buildApp({ db: env.database.db, clock: env.clock, checkpointer });
    try {
      const auditor = await Client.signIn(app, 'auditor');
      const res = await auditor.get('/api/v1/audit/checkpoint');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-checkpoint-/);
      const downloaded = res.json();
      expect(downloaded.reason).toBe('download');
      expect(readCheckpoint(file)).toEqual(downloaded);
      const verify = (await auditor.get('/api/v1/audit/verify')).json();
      expect(verify.checkpoint.lastId).toBe(downloaded.lastId);
      const secadmin = await Client.signIn(app, 'secadmin');
      expect((await secadmin.get('/api/v1/audit/checkpoint')).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('does not report a legitimate retention purge as a deletion', async () => {
    // The database decides what is old by its own clock: date the first records back 400 days
    // (their hashes no longer match, but they are the ones the purge removes).
    const first = (await ids()).slice(0, 20);
    await env.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
    await env.database.db.execute(
      sql`update audit_log set at = now() - interval '400 days' where id between ${first[0]} and ${first.at(-1)}`,
    );
    await env.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
    await checkpointer.write('interval');
    const now = new Date();
    const n = await purgeAudit(
      env.database.db,
      systemContext(now),
      new Date(now.getTime() - 190 * 86_400_000),
      file,
    );
    expect(n).toBe(20);
    const r = await verifyAudit(env.database.db, file);
    expect(r.ok, describeVerify(r)).toBe(true);
    expect(readCheckpoint(file)?.reason).toBe('purge');
    expect(r.count).toBe(readCheckpoint(file)?.count);
    expect(r.firstId).toBe(readCheckpoint(file)?.firstId);
  });
});
