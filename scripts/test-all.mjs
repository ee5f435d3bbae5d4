// `npm test`: provides what the tests need on a Debian machine, then runs every test, stopping at the
// first failure.
// 1. Node.js of the .nvmrc line (node24.mjs): when this process runs another, it runs itself again under it.
// 2. System packages: Chromium and CJK fonts (end-to-end tests and their screenshots), LibreOffice Writer
//    (the progress notice as PDF), poppler (a test renders the PDF's first page), PostgreSQL (the server
//    suite's second run). As root they are installed with apt-get; otherwise the missing ones are named
//    and the run stops (PostgreSQL is optional outside CI).
// 3. PostgreSQL installed but stopped is started, with the role and database `shenggui` (as root).
// 4. lint, typecheck, migration drift, unit, server (PGlite, then PostgreSQL), end-to-end; or only the steps
//    named on the command line (`npm test -- lint test:unit`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_MAJOR, nodeBinDir } from './node24.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '..');
const say = (line) => console.log(`[npm test] ${line}`);

// 1. The Node.js line of .nvmrc, first on PATH for everything this starts.
if (Number(process.versions.node.split('.')[0]) !== NODE_MAJOR) {
  let bin;
  try {
    bin = nodeBinDir({ log: say });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  say(`running the tests on Node.js from ${bin}`);
  const r = spawnSync(resolve(bin, 'node'), [SELF, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  process.exit(r.status ?? 1);
}

const env = { ...process.env, TZ: 'Asia/Shanghai' };
const ci = env.CI === 'true';
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const quiet = (cmd, args, input) =>
  spawnSync(cmd, args, { encoding: 'utf8', input, env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });

// 2. System packages.
const cjkFonts = () => has('fc-list') && /Noto (Sans|Serif) CJK/i.test(quiet('fc-list', []).stdout ?? '');
const wanted = [
  {
    pkg: 'chromium',
    ok: () => existsSync(env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    why: '端到端测试的浏览器',
  },
  { pkg: 'fonts-noto-cjk', ok: cjkFonts, why: '中文字体（截图与PDF）' },
  { pkg: 'libreoffice-writer-nogui', ok: () => has('soffice'), why: '通报转PDF' },
  { pkg: 'poppler-utils', ok: () => has('pdftoppm'), why: '测试渲染PDF首页' },
  {
    pkg: 'postgresql',
    ok: () => has('pg_ctlcluster') || has('pg_isready'),
    why: 'PostgreSQL 上的服务端测试',
    optional: !ci,
  },
];
let missing = wanted.filter((w) => !w.ok());
if (missing.length > 0 && root && has('apt-get')) {
  const pkgs = missing.map((w) => w.pkg);
  say(`installing ${pkgs.join(' ')} (apt-get)`);
  let r = quiet('apt-get', ['update', '-qq']);
  if (r.status === 0) r = quiet('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
  if (r.status !== 0) {
    console.error(r.stderr);
    console.error(`[npm test] apt-get could not install: ${pkgs.join(' ')}`);
    process.exit(1);
  }
  missing = wanted.filter((w) => !w.ok());
}
for (const w of missing.filter((x) => x.optional)) say(`${w.pkg} not installed (${w.why}): skipped`);
const required = missing.filter((w) => !w.optional);
if (required.length > 0) {
  console.error('[npm test] 缺少测试所需的系统软件包 / missing system packages:');
  for (const w of required) console.error(`  ${w.pkg}  — ${w.why}`);
  console.error(
    `请以 root 运行 npm test（自动安装），或先安装：sudo apt-get install --no-install-recommends ${required.map((w) => w.pkg).join(' ')}`,
  );
  process.exit(1);
}

// 3. PostgreSQL: start the newest installed cluster, with a role and a database for the tests.
const DEFAULT_PG = 'postgres://shenggui:shenggui@127.0.0.1:5432/shenggui';
if (!env.TEST_DATABASE_URL && !env.DATABASE_URL && has('pg_ctlcluster') && existsSync('/etc/postgresql')) {
  const version = readdirSync('/etc/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  const ready = () => quiet('pg_isready', ['-h', '127.0.0.1', '-q']).status === 0;
  if (version && !ready() && root) {
    say(`starting PostgreSQL ${version}`);
    quiet('pg_ctlcluster', [version, 'main', 'start']);
    for (let i = 0; i < 30 && !ready(); i++) spawnSync('sleep', ['1']);
  }
  if (ready() && root) {
    const psql = (sql) => quiet('su', ['postgres', '-c', 'psql -q -tA -v ON_ERROR_STOP=1'], sql);
    psql(`do $$ begin
  if not exists (select from pg_roles where rolname = 'shenggui') then
    create role shenggui login createdb password 'shenggui';
  end if;
  -- The application's role for the production-like tests (README, Security): it owns nothing, so it
  -- cannot bypass the audit table's append-only trigger; migrations run as the owner above.
  if not exists (select from pg_roles where rolname = 'shenggui_app') then
    create role shenggui_app login password 'shenggui_app';
  end if;
end $$;
-- Each server test file drops its own database WITH (FORCE); ending an autovacuum worker busy on it needs this.
grant pg_signal_backend to shenggui;`);
    if (!/1/.test(psql("select 1 from pg_database where datname = 'shenggui'").stdout ?? ''))
      quiet('su', ['postgres', '-c', 'createdb -O shenggui shenggui']);
  }
  if (ready()) {
    env.TEST_DATABASE_URL = DEFAULT_PG;
    env.TEST_DATABASE_APP_URL ??= 'postgres://shenggui_app:shenggui_app@127.0.0.1:5432/shenggui';
  } else say('PostgreSQL is installed but not running (start it, or run npm test as root)');
}

// 4. The tests.
const ALL_STEPS = ['lint', 'typecheck', 'db:check', 'test:unit', 'test:server', 'test:e2e'];
const named = process.argv.slice(2);
const unknown = named.filter((s) => !ALL_STEPS.includes(s));
if (unknown.length > 0) {
  console.error(`[npm test] unknown step ${unknown.join(', ')}; the steps are ${ALL_STEPS.join(', ')}`);
  process.exit(2);
}
const steps = named.length > 0 ? ALL_STEPS.filter((s) => named.includes(s)) : ALL_STEPS;
const started = Date.now();
for (const step of steps) {
  const t = Date.now();
  say(`${step} (Node.js ${process.version})`);
  const r = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit', env, cwd: ROOT });
  if (r.status !== 0) {
    console.error(`[npm test] ${step} failed`);
    process.exit(r.status ?? 1);
  }
  say(`${step} passed in ${Math.round((Date.now() - t) / 1000)} s`);
}
say(`all passed in ${Math.round((Date.now() - started) / 60_000)} min`);
