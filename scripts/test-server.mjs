// Runs the server suite on embedded PGlite, then again on PostgreSQL when one is reachable
// (TEST_DATABASE_URL, else DATABASE_URL). The role needs CREATEDB: each test file gets its own database.
// In CI (CI=true) a PostgreSQL run that cannot happen fails the run, before anything else runs.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const env = { ...process.env, TZ: 'Asia/Shanghai' };
delete env.SHENGGUI_TEST_PG;
const ci = process.env.CI === 'true';

function run(label, extraEnv) {
  console.log(`\n=== server tests on ${label} ===`);
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'server'], {
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  return r.status ?? 1;
}

/** Null when PostgreSQL at the URL answers, else why not. */
async function unreachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return `PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable (${e.message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const why = url ? await unreachable(url) : 'No TEST_DATABASE_URL or DATABASE_URL';
if (why && ci) {
  console.error(`${why}. CI=true: the server tests must also run on PostgreSQL; failing.`);
  process.exit(1);
}
let status = run('PGlite (embedded)', {});
if (why) console.log(`${why}: the PostgreSQL run is skipped.`);
else status = run('PostgreSQL', { SHENGGUI_TEST_PG: url }) || status;
process.exit(status);
