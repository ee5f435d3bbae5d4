// Fails when the Drizzle schema and the committed migrations disagree (someone changed schema.ts without
// generating), so CI never runs code against tables that the migrations do not create.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const server = join(import.meta.dirname, '..', 'packages', 'server');
const committed = join(server, 'migrations');
const scratch = mkdtempSync(join(tmpdir(), 'sg-migrations-'));
try {
  cpSync(committed, scratch, { recursive: true });
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/db/schema.ts',
      '--out',
      scratch,
    ],
    {
      cwd: server,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const list = (dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
  const before = list(committed);
  const after = list(scratch);
  const added = after.filter((f) => !before.includes(f));
  if (added.length > 0) {
    console.error(
      `迁移文件与 schema 不一致：drizzle-kit 生成了新的迁移 ${added.join(', ')}。请运行 npm run db:generate 并提交。`,
    );
    for (const f of added) console.error(readFileSync(join(scratch, f), 'utf8'));
    process.exit(1);
  }
  console.log(`migrations in sync with the schema (${before.length} files)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
