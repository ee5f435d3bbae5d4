// Runs the server suite on embedded PGlite and, when one is reachable (TEST_DATABASE_URL, else DATABASE_URL),
// on PostgreSQL. The role needs CREATEDB: each test file gets its own database. The two runs go side by side:
// each is one test process at a time, the PGlite one busy in WebAssembly and the PostgreSQL one half waiting
// on the server, so together they use the machine's two cores; their lines are prefixed [pglite] and
// [postgres]. In CI (CI=true) a PostgreSQL run that cannot happen fails the run, before anything else runs.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';

const env = { ...process.env, TZ: 'Asia/Shanghai' };
delete env.SHENGGUI_TEST_PG;
const ci = process.env.CI === 'true';

function run(label, prefix, extraEnv) {
  console.log(`\n=== server tests on ${label} ===`);
  const child = spawn('npx', ['vitest', 'run', '--project', 'server'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...extraEnv },
  });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => console.log(`[${prefix}] ${line}`));
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)));
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
const runs = [run('PGlite (embedded)', 'pglite', {})];
if (why) console.log(`${why}: the PostgreSQL run is skipped.`);
else runs.push(run('PostgreSQL', 'postgres', { SHENGGUI_TEST_PG: url }));
const codes = await Promise.all(runs);
process.exit(codes.find((c) => c !== 0) ?? 0);
