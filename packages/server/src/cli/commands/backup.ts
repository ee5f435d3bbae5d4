// `shenggui backup` and `restore`: they run before (backup: instead of) opening the database the usual way.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFolderLockedError, openDatabase, restoreDataFolder } from '../../db/client.js';
import type { Env } from '../../env.js';
import { describeVerify, verifyAudit } from '../../modules/audit/audit.service.js';
import { recordAudit } from '../../platform/audit.js';
import { AuditCheckpointer } from '../../platform/audit-checkpoint.js';
import { systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { configureSecrets } from '../../platform/keys.js';
import { requestSnapshot } from '../../platform/local-admin.js';
import type { Out, Values } from '../command.js';

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (e) =>
      fail(new AppError('UNAVAILABLE', `无法运行 ${cmd}：${e.message}（请安装 PostgreSQL 客户端工具）`)),
    );
    child.on('exit', (code) => (code === 0 ? ok() : fail(new AppError('INTERNAL', `${cmd} 退出码 ${code}`))));
  });
}

/**
 * `shenggui backup --out FILE`. Embedded: if a server runs on the folder, it is asked for a snapshot over
 * its local socket (platform/local-admin.ts); otherwise the folder is opened and snapshotted here.
 * PostgreSQL: pg_dump in its custom format.
 */
export async function runBackup(env: Env, dataDir: string, values: Values, out: Out): Promise<number> {
  const file = typeof values.out === 'string' ? values.out : '';
  if (!file) throw new AppError('VALIDATION', '请用 --out FILE 指定备份文件');
  if (env.DATABASE_URL) {
    await run('pg_dump', ['--format=custom', `--file=${file}`, env.DATABASE_OWNER_URL ?? env.DATABASE_URL]);
    out({ file, driver: 'postgres' }, () => `已用 pg_dump 备份到 ${file}（审计密钥不在备份中，请另行保管）`);
    return 0;
  }
  let snapshot: Buffer;
  let online = false;
  try {
    const database = await openDatabase({ dataDir });
    try {
      snapshot = await database.snapshot!();
    } finally {
      await database.close();
    }
  } catch (e) {
    if (!(e instanceof DataFolderLockedError)) throw e;
    snapshot = await requestSnapshot(dataDir);
    online = true;
  }
  await writeFile(file, snapshot, { mode: 0o600 });
  out(
    { file, bytes: snapshot.length, online },
    () =>
      `已备份到 ${file}（${(snapshot.length / 1048576).toFixed(1)} MB${online ? '，服务运行中在线备份' : ''}）。审计密钥不在备份中，请另行保管。`,
  );
  return 0;
}

/** `shenggui restore FILE --data DIR`: into a new, empty folder; then the audit chain is verified there. */
export async function runRestore(
  env: Env,
  dataDir: string,
  file: string | undefined,
  values: Values,
  out: Out,
  now: Date,
): Promise<number> {
  if (!file) throw new AppError('VALIDATION', '用法：shenggui restore FILE --data DIR');
  if (env.DATABASE_URL) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      `--dbname=${env.DATABASE_OWNER_URL ?? env.DATABASE_URL}`,
      file,
    ]);
  } else {
    if (typeof values.data !== 'string')
      throw new AppError('VALIDATION', '请用 --data DIR 指定要恢复到的新目录（不会覆盖已有数据）');
    if (!env.SHENGGUI_AUDIT_KEY && !env.SHENGGUI_AUDIT_KEY_FILE && !existsSync(join(dataDir, 'audit.key')))
      throw new AppError(
        'VALIDATION',
        `请先把原部署的审计密钥复制为 ${join(dataDir, 'audit.key')}（或设置 SHENGGUI_AUDIT_KEY_FILE）：没有它无法校验恢复后的审计链`,
      );
    if (existsSync(join(dataDir, 'pg', 'PG_VERSION')))
      throw new AppError(
        'CONFLICT',
        `目标目录已有数据库：${dataDir}。请指定一个新的空目录（不会覆盖已有数据）。`,
      );
    await restoreDataFolder(dataDir, await readFile(file));
  }
  // The restored chain is checked with the deployment's key (it is not in the backup).
  const keys = configureSecrets(env, dataDir);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    dataDir,
  });
  try {
    const before = await verifyAudit(database.db);
    if (before.ok) {
      await recordAudit(database.db, systemContext(now), {
        action: 'system.restore',
        entityType: 'backup',
        after: { file, records: before.count },
      });
      await new AuditCheckpointer(database.db, keys.checkpointFile).write('restore');
    }
    out({ restored: true, audit: before }, () =>
      before.ok
        ? `已恢复到 ${database.location}；${describeVerify(before).split('\n')[0]}`
        : `已恢复到 ${database.location}，但审计链校验未通过（审计密钥是否与备份时相同？）：\n${describeVerify(before)}`,
    );
    return before.ok ? 0 : 4;
  } finally {
    await database.close();
  }
}
