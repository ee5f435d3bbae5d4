// One demo county for the whole e2e run: set up once on the tests' clock, then copied into a fresh data
// folder for each spec file (startServer), instead of every file building the same demo again. The copy is
// the same as a first start (the set-up is deterministic for a day); identity.spec.ts still starts one server
// on an empty folder, so `serve --demo`'s first start stays covered.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { e2eNow } from './lib/clock.js';

const ROOT = resolve(import.meta.dirname, '..');

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sg-e2e-template-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    TZ: 'Asia/Shanghai',
    SHENGGUI_FAKE_NOW: e2eNow().toISOString(),
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'packages/server/bin/shenggui.js'), 'init', '--county', '140322', '--demo', '--data', dir],
    { env, encoding: 'utf8', timeout: 600_000 },
  );
  if (r.status !== 0)
    throw new Error(`demo set-up for the e2e run failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  process.env.SHENGGUI_E2E_TEMPLATE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
