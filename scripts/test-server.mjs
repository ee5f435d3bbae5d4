// Runs the server suite on embedded PGlite, then again on PostgreSQL when one is reachable
// (TEST_DATABASE_URL, else DATABASE_URL). The role needs CREATEDB: each test file gets its own database.
// In CI (CI=true) a PostgreSQL run that cannot happen fails the run instead of being skipped.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const env = { ...process.env, TZ: 'Asia/Shanghai' };
delete env.SHENGGUI_TEST_PG;

function run(label, extraEnv) {
  console.log(`\n=== server tests on ${label} ===`);
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'server'], {
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  return r.status ?? 1;
}

const ci = process.env.CI === 'true';
let status = run('PGlite (embedded)', {});
const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const skipped = (why) => {
  console.log(`${why}: the PostgreSQL run is skipped.`);
  if (ci) {
    console.error('CI=true: the server tests must also run on PostgreSQL; failing.');
    status = status || 1;
  }
};
if (url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let reachable = false;
  try {
    await client.connect();
    await client.query('select 1');
    reachable = true;
  } catch (e) {
    skipped(`PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable (${e.message})`);
  } finally {
    await client.end().catch(() => {});
  }
  if (reachable) status = run('PostgreSQL', { SHENGGUI_TEST_PG: url }) || status;
} else {
  skipped('No TEST_DATABASE_URL or DATABASE_URL');
}
process.exit(status);
