// The county's day does not depend on the zone the server runs in (china-calendar.ts in the domain): the
// same instant just after China's midnight on New Year's Eve, on a server clock started by SHENGGUI_FAKE_NOW,
// gives the same dates under TZ=UTC (a container's default) and TZ=Asia/Shanghai. Each zone runs in its own
// process (test/china-day-probe.ts), since a process reads TZ once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// 16:00:30 UTC on 31 December is 00:00:30 on 1 January 2027 in China.
const JUST_AFTER_CHINA_MIDNIGHT = '2026-12-31T16:00:30Z';
const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const probe = fileURLToPath(new URL('../test/china-day-probe.ts', import.meta.url));
const domainSrc = fileURLToPath(new URL('../../../domain/src/index.ts', import.meta.url));

// The probe runs on the domain's sources, as the tests do, not on a build that may be missing or stale.
const dir = mkdtempSync(join(tmpdir(), 'sg-china-day-'));
const tsconfig = join(dir, 'tsconfig.json');
writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { paths: { '@shenggui/domain': [domainSrc] } } }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runProbe(tz: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', probe], {
      cwd: serverDir,
      env: {
        ...process.env,
        TZ: tz,
        NODE_ENV: 'test',
        SHENGGUI_FAKE_NOW: JUST_AFTER_CHINA_MIDNIGHT,
        TSX_TSCONFIG_PATH: tsconfig,
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b;
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`probe under TZ=${tz} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
    });
  });
}

// The probes open their own embedded database, so the PostgreSQL pass of the suite would only repeat them.
describe.skipIf(Boolean(process.env.SHENGGUI_TEST_PG))('the China day under any server zone', () => {
  it('TZ=UTC and TZ=Asia/Shanghai give the same dates just after China midnight', async () => {
    const [utc, shanghai] = await Promise.all([runProbe('UTC'), runProbe('Asia/Shanghai')]);
    // The zones really differ: the UTC process's own calendar is still on 31 December.
    expect(utc.localDate).toBe('2026-12-31');
    expect(shanghai.localDate).toBe('2027-01-01');
    const expected = {
      firstScalePeriod: '2027-01',
      boardAsOf: '2027-01-01',
      planYear: 2027,
      defaultRevenueYear: 2026,
      lastCompletePeriod: '2026-12',
      lastPeriod: '2028-12',
    };
    const { localDate: _u, ...utcDates } = utc;
    const { localDate: _s, ...shanghaiDates } = shanghai;
    expect(utcDates).toEqual(expected);
    expect(shanghaiDates).toEqual(expected);
  }, 180_000);
});
