// The command line on an embedded data folder: `audit verify` exits 4 naming deletions at the head, in
// the middle and at the tail; `backup` while the server runs, `restore` into a new folder, chain verifies.
// Each open of a folder costs seconds on a loaded machine: the cases open as few as they can.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/client.js';
import { readEnv } from '../env.js';
import { startServer } from '../main.js';
import { initCounty } from '../modules/setup/setup.service.js';
import { readCheckpoint } from '../platform/audit-checkpoint.js';
import { systemContext } from '../platform/context.js';
import { COUNTY } from '../test/harness.js';
import { main } from './main.js';

const SLOW = 240_000; // several PGlite folders opened in one case
let root: string;
const log = vi.spyOn(console, 'log');
const err = vi.spyOn(console, 'error');
const lastJson = () => JSON.parse(String(log.mock.calls.at(-1)?.[0]));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sg-cli-backup-'));
  log.mockImplementation(() => {});
  err.mockImplementation(() => {});
});
afterAll(() => {
  log.mockRestore();
  err.mockRestore();
  rmSync(root, { recursive: true, force: true });
});

describe('shenggui audit verify against the checkpoint', () => {
  it(
    'exits 4 and names deletions at the head, in the middle and at the tail (trigger bypassed)',
    async () => {
      const dir = join(root, 'verify');
      expect(await main(['init', '--county', COUNTY, '--data', dir, '--json'])).toBe(0);
      // Every command leaves a checkpoint beside the key, as the server does each minute and at shutdown.
      const cp = readCheckpoint(join(dir, 'audit.checkpoint'));
      expect(cp?.reason).toBe('command');

      const database = await openDatabase({ dataDir: dir });
      const ids = (
        (await database.db.execute(sql`select id from audit_log order by id`)) as unknown as {
          rows: { id: number }[];
        }
      ).rows.map((r) => Number(r.id));
      expect(ids.at(-1)).toBe(cp?.lastId);
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
      for (const [from, to] of [
        [ids[0], ids[2]],
        [ids[10], ids[12]],
        [ids.at(-3), ids.at(-1)],
      ])
        await database.db.execute(sql`delete from audit_log where id between ${from} and ${to}`);
      await database.db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
      await database.close();

      log.mockClear();
      expect(await main(['audit', 'verify', '--json', '--data', dir])).toBe(4);
      const r = lastJson();
      expect(r.missing).toEqual([
        { where: 'head', fromId: ids[0], toId: ids[3]! - 1 },
        { where: 'middle', fromId: ids[9]! + 1, toId: ids[13]! - 1 },
        { where: 'tail', fromId: ids.at(-4)! + 1, toId: ids.at(-1) },
      ]);
      expect(r.missingCount).toBe(9);
    },
    SLOW,
  );
});

describe('shenggui backup and restore', () => {
  it(
    'backs up while the server runs, restores into a new folder, and the audit chain verifies',
    async () => {
      const dir = join(root, 'live');
      const server = await startServer({
        env: readEnv({}),
        port: 0,
        host: '127.0.0.1',
        dataDir: dir,
        demo: false,
        log: () => {},
      });
      let records: number;
      try {
        await initCounty(server.database.db, systemContext(new Date()), { countyCode: COUNTY, demo: false });
        expect(readCheckpoint(join(dir, 'audit.checkpoint'))?.reason).toBe('start');
        // The folder is locked by the server: the command asks it over the local socket.
        log.mockClear();
        expect(await main(['backup', '--out', join(root, 'live.tgz'), '--data', dir, '--json'])).toBe(0);
        expect(lastJson().online).toBe(true);
        records = Number(
          (
            (await server.database.db.execute(sql`select count(*) as n from audit_log`)) as unknown as {
              rows: { n: number }[];
            }
          ).rows[0]!.n,
        );
      } finally {
        await server.close();
      }
      expect(readCheckpoint(join(dir, 'audit.checkpoint'))?.reason).toBe('shutdown');

      const target = join(root, 'restored');
      // Without the key the restored chain cannot be checked: refused before anything is written.
      expect(await main(['restore', join(root, 'live.tgz'), '--data', target])).toBe(2);
      expect(existsSync(join(target, 'pg'))).toBe(false);
      mkdirSync(target, { recursive: true });
      copyFileSync(join(dir, 'audit.key'), join(target, 'audit.key'));
      log.mockClear();
      expect(await main(['restore', join(root, 'live.tgz'), '--data', target, '--json'])).toBe(0);
      const restored = lastJson();
      expect(restored.audit.ok).toBe(true);
      expect(restored.audit.count).toBe(records);
      expect(restored.audit.broken).toBeNull();
      // A second restore onto the same folder is refused: nothing is overwritten.
      expect(await main(['restore', join(root, 'live.tgz'), '--data', target])).not.toBe(0);
    },
    SLOW,
  );
});
