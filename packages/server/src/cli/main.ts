// `npx shenggui <command>`: the same services as the API, on the embedded database (--data DIR, default ./data)
// or on DATABASE_URL. Machine-readable output with --json; errors go to stderr with a non-zero exit.

import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  chinaDayStart,
  currentPlanYear,
  enterpriseListQuerySchema,
  formatWan,
  isIsoDate,
  LIBRARIES,
  type Library,
  ROLES,
  type Role,
  SCALE_STATUS_LABELS,
  type ScaleStatus,
} from '@shenggui/domain';
import { type Database, DataFolderLockedError, openDatabase, restoreDataFolder } from '../db/client.js';
import { clockOf, readEnv } from '../env.js';
import { closeOnSignals, DEMO_COUNTY, startServer } from '../main.js';
import { describeVerify, purgeAudit, verifyAudit } from '../modules/audit/audit.service.js';
import { createUser, resetPasswordFromConsole } from '../modules/auth/auth.service.js';
import { exportDeclarations } from '../modules/declaration/declaration.export.js';
import { exportDirectoryEvents } from '../modules/directory/directory.export.js';
import { exportEnterprises } from '../modules/enterprise/enterprise.export.js';
import { listAllEnterprises } from '../modules/enterprise/enterprise.service.js';
import { runImportCommand } from '../modules/import/import.cli.js';
import { MAX_IMPORT_BYTES } from '../modules/import/import.service.js';
import { formatLibrariesReport, runLibrariesReport } from '../modules/library/library.cli.js';
import { exportLibrary } from '../modules/library/library.export.js';
import { runNoticeCommand } from '../modules/notice/notice.cli.js';
import { findUnitByCode } from '../modules/org/org.repository.js';
import { formatProgressTable, runProgressReport } from '../modules/progress/progress.cli.js';
import { exportProgress } from '../modules/progress/progress.export.js';
import { runSettingsCommand } from '../modules/settings/settings.cli.js';
import { initCounty } from '../modules/setup/setup.service.js';
import { exportTargets } from '../modules/target/target.export.js';
import { recordAudit } from '../platform/audit.js';
import { AuditCheckpointer, CheckpointInvalidError } from '../platform/audit-checkpoint.js';
import { type RequestContext, systemContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { AuditKeyMissingError, configureSecrets } from '../platform/keys.js';
import { requestSnapshot } from '../platform/local-admin.js';

const HELP = `升规通命令行 shenggui

用法：
  shenggui serve [--port 3000] [--host 0.0.0.0] [--data DIR] [--demo]
      启动服务。--demo：数据库为空时初始化盂县组织机构并加入演示数据。
  shenggui init --county 140322 [--demo] [--data DIR] [--json]
      按参考区划初始化县级组织机构（乡镇、开发区、部门、中心、数据部门）；--demo 加入合成企业、目标与演示账号。
  shenggui enterprises list [--json] [--q 关键词] [--data DIR]
      列出企业。
  shenggui user create --username NAME --unit UNIT_CODE --role ROLE [--display-name 姓名] [--data DIR]
      创建用户，密码从标准输入读取（首次登录须修改）。ROLE: ${ROLES.join(' | ')}
  shenggui import <enterprises|revenue|directory|targets> FILE [--source tax|statistics|self|electricity] [--year YYYY]
                 [--unit yuan|wan] [--skip-invalid] [--dry-run] [--json]
      导入表格（.xlsx / .xls / .csv）。有错误行时默认全部不导入（退出码2）；--skip-invalid 只导入正确行。
      金额表未注明单位时须用 --unit 指定元（yuan/元）或万元（wan/万元），否则不导入（退出码2）。
      --dry-run --json 逐行列出将写入的企业、期间、来源与数值（更正为原值→新值）。
  shenggui report progress --year YYYY [--as-of YYYY-MM-DD] [--json]
      净增进度：全县及按乡镇、按行业主管的入库、退库、净增、目标、尚差与排名。
  shenggui report libraries --year YYYY [--as-of YYYY-MM-DD] [--json]
      列出当年基础库、培育库、临规、临退规企业及入库原因、升规路径与梯队。
  shenggui notice progress --year YYYY [--as-of YYYY-MM-DD] --out FILE.docx|FILE.pdf [--json]
      按年度顺序编号印发进度通报并写入文件（.pdf 需安装 LibreOffice）。
  shenggui export <enterprises|directory|libraries|declarations|progress|targets> --out FILE.xlsx [--year YYYY]
                 [--library ${LIBRARIES.join('|')}] [--as-of YYYY-MM-DD] [--json]
      导出列表为 Excel（与网页导出相同的列）：企业、入库退库记录、各库名单（默认培育库）、入库申报、净增进度排名、目标分解。
  shenggui settings get [KEY] [--year YYYY] [--json]
      列出全部业务设置（不带 KEY），或查看一项；按年度的设置默认为当年。
  shenggui settings set KEY VALUE [--year YYYY]
      修改一项业务设置并留痕（金额以万元为单位；申报日历、行业主管规则为 JSON）。
      例：settings set notice.nextNumber 7 --year 2024；settings set scale.threshold 2000
  shenggui audit verify [--checkpoint FILE] [--json]
      校验审计记录的 HMAC 链，并与签名的审计检查点（默认为密钥旁的 audit.checkpoint，或审计管理员下载的文件）比对：
      报告被篡改的记录，以及最早、中间、最新处被删除的记录（退出码4），或 OK 与记录数。
  shenggui audit purge --before YYYY-MM-DD
      清理该日期之前的审计记录（至少保留180天，更近的拒绝），并写入新的检查点。PostgreSQL 上以 DATABASE_OWNER_URL 执行。
  shenggui user reset-password --username NAME [--data DIR]
      重置用户密码（含审计管理员；服务器命令行不需第二人确认），新密码从标准输入读取，下次登录须修改。
  shenggui backup --out FILE [--data DIR]
      在线备份：嵌入式数据库在服务运行时也可备份（经数据目录中的本地套接字向服务取一致快照）；PostgreSQL 调用 pg_dump。
      审计密钥不在备份中，请另行保管。
  shenggui restore FILE --data DIR
      把备份恢复到一个新的空目录（PostgreSQL：pg_restore 到 DATABASE_URL），然后校验审计链。

数据库：设置 DATABASE_URL 使用 PostgreSQL；否则使用嵌入式数据库目录（--data，默认 ./data）。`;

export async function main(argv: string[]): Promise<number> {
  // `settings set KEY -5`: a negative value is a value, not an option (refused later with the key's message).
  const args =
    argv[0] === 'settings' && argv[1] === 'set' && /^-[\d.]/.test(argv[3] ?? '')
      ? [...argv.slice(0, 3), ...argv.slice(4), '--', argv[3]!]
      : argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean', default: false },
      county: { type: 'string' },
      json: { type: 'boolean', default: false },
      q: { type: 'string' },
      username: { type: 'string' },
      unit: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      before: { type: 'string' },
      source: { type: 'string' },
      year: { type: 'string' },
      'as-of': { type: 'string' },
      library: { type: 'string' },
      out: { type: 'string' },
      checkpoint: { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  const env = readEnv();
  const dataDir = values.data ?? env.SHENGGUI_DATA;
  const out = (obj: unknown, text: () => string) =>
    console.log(values.json ? JSON.stringify(obj, null, 2) : text());

  try {
    if (command === 'serve') {
      const port = values.port ? Number(values.port) : env.PORT;
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new AppError('VALIDATION', `端口号不正确：${values.port}`);
      const server = await startServer({
        env,
        port,
        host: values.host ?? env.HOST,
        dataDir,
        demo: values.demo,
      });
      closeOnSignals(server);
      return await new Promise<number>(() => {}); // runs until a signal closes it
    }

    if (command === 'backup') return await runBackup(env, dataDir, values, out);
    if (command === 'restore') return await runRestore(env, dataDir, sub, values, out);

    const keys = configureSecrets(env, dataDir);
    if (command === 'import' && arg) assertFileSize(arg, MAX_IMPORT_BYTES);
    // The purge deletes audit records: on PostgreSQL only the table's owner may (README, Security).
    const purge = command === 'audit' && sub === 'purge';
    const database = await openDatabase({
      databaseUrl: purge ? (env.DATABASE_OWNER_URL ?? env.DATABASE_URL) : env.DATABASE_URL,
      ownerUrl: purge ? undefined : env.DATABASE_OWNER_URL,
      dataDir,
    });
    try {
      const checkpointFile = typeof values.checkpoint === 'string' ? values.checkpoint : keys.checkpointFile;
      const code = await runCommand(
        database,
        command,
        sub,
        arg,
        values,
        out,
        checkpointFile,
        clockOf(env).clock.now(),
        positionals.slice(3),
      );
      // Commands that wrote audit records leave a checkpoint as the server does at shutdown.
      if (!(command === 'audit') && code !== 1)
        await new AuditCheckpointer(database.db, keys.checkpointFile).write('command');
      return code;
    } finally {
      await database.close();
    }
  } catch (e) {
    if (e instanceof DataFolderLockedError) {
      console.error(e.message);
      return 3;
    }
    if (e instanceof AuditKeyMissingError || e instanceof CheckpointInvalidError) {
      console.error(`错误：${e.message}`);
      return e instanceof CheckpointInvalidError ? 4 : 2;
    }
    if (e instanceof AppError) {
      console.error(`错误：${e.message}`);
      for (const d of e.details ?? []) console.error(`  ${d.path}: ${d.message}`);
      return 2;
    }
    throw e;
  }
}

type Values = Record<string, string | boolean | undefined>;

async function runCommand(
  database: Database,
  command: string,
  sub: string | undefined,
  arg: string | undefined,
  values: Values,
  out: (obj: unknown, text: () => string) => void,
  checkpointFile: string,
  now: Date,
  rest: string[] = [],
): Promise<number> {
  const ctx = systemContext(now);
  const db = database.db;
  if (command === 'init') {
    const county = typeof values.county === 'string' ? values.county : DEMO_COUNTY;
    const result = await initCounty(db, ctx, {
      countyCode: county,
      demo: values.demo === true,
      onProgress: values.json ? undefined : (m) => console.error(m),
    });
    out(
      result,
      () =>
        `已初始化 ${result.county}：${result.units} 个单位，${result.enterprises} 户企业，${result.users} 个账号`,
    );
    return 0;
  }
  if (command === 'enterprises' && sub === 'list') {
    const query = enterpriseListQuerySchema.parse({ q: values.q, pageSize: 200 });
    const { items, revenueYear } = await listAllEnterprises(db, ctx, query);
    out({ revenueYear, total: items.length, items }, () =>
      [
        `共 ${items.length} 户（营业收入为 ${revenueYear} 年，万元）`,
        ...items.map((e) =>
          [
            e.creditCode,
            e.name,
            e.industryCode,
            e.townshipName,
            SCALE_STATUS_LABELS[e.scaleStatus as ScaleStatus],
            formatWan(e.revenue),
          ].join('\t'),
        ),
      ].join('\n'),
    );
    return 0;
  }
  if (command === 'user' && sub === 'create') {
    const username = String(values.username ?? '');
    const role = String(values.role ?? '') as Role;
    if (!username) throw new AppError('VALIDATION', '请用 --username 指定用户名');
    if (!ROLES.includes(role)) throw new AppError('VALIDATION', `角色应为：${ROLES.join(' | ')}`);
    const unit = await findUnitByCode(db, String(values.unit ?? ''));
    if (!unit)
      throw new AppError('VALIDATION', `单位代码不存在：${values.unit ?? ''}（先运行 shenggui init）`);
    const password = await readPassword();
    if (password.length < 8) throw new AppError('VALIDATION', '密码至少8位');
    const user = await createUser(db, ctx, {
      username,
      displayName: String(values['display-name'] ?? username),
      password,
      unitId: unit.id,
      roles: [role],
      mustChangePassword: true,
    });
    out(
      { id: user.id, username: user.username, unit: unit.code, roles: user.roles },
      () => `已创建用户 ${user.username}（${unit.name}）`,
    );
    return 0;
  }
  if (command === 'user' && sub === 'reset-password') {
    const username = String(values.username ?? '');
    if (!username) throw new AppError('VALIDATION', '请用 --username 指定用户名');
    const password = await readPassword();
    const user = await resetPasswordFromConsole(db, ctx, username, password);
    out({ id: user.id, username: user.username }, () => `已重置 ${user.username} 的密码（下次登录须修改）`);
    return 0;
  }
  if (command === 'import') {
    if (!sub || !arg) {
      throw new AppError(
        'VALIDATION',
        '用法：shenggui import <enterprises|revenue|directory|targets> FILE [--source tax|statistics|self|electricity] [--year YYYY] [--unit yuan|wan] [--skip-invalid] [--dry-run] [--json]',
      );
    }
    const listRows = values['dry-run'] === true && values.json === true;
    let firstRow = true;
    const { exitCode, output } = await runImportCommand(db, ctx, {
      kind: sub,
      file: arg,
      source: typeof values.source === 'string' ? values.source : undefined,
      year: typeof values.year === 'string' ? Number(values.year) : undefined,
      unit: typeof values.unit === 'string' ? values.unit : undefined,
      skipInvalid: values['skip-invalid'] === true,
      dryRun: values['dry-run'] === true,
      // A dry run with --json lists every line it would write, streamed: {"…summary…","rows":[…]}.
      onRows: listRows
        ? (rows) => {
            for (const r of rows) {
              process.stdout.write(`${firstRow ? '{"rows":[\n' : ',\n'}${JSON.stringify(r)}`);
              firstRow = false;
            }
          }
        : undefined,
      onProgress: values.json ? undefined : (n) => console.error(`已读取 ${n} 行`),
    });
    if (listRows) {
      process.stdout.write(`${firstRow ? '{"rows":[' : ''}\n],${JSON.stringify(output, null, 2).slice(1)}\n`);
      return exitCode;
    }
    out(
      output,
      () =>
        (output.unit ? `单位：${output.unit}${output.unitSource === 'chosen' ? '（所选）' : ''}\n` : '') +
        `导入 ${output.imported}，更新 ${output.updated}，未变 ${output.unchanged}，拒绝 ${output.rejected.length}` +
        output.rejected.map((r) => `\n  第${r.row}行 ${r.column}：${r.message}`).join(''),
    );
    return exitCode;
  }
  if (command === 'report' && sub === 'progress') {
    const report = await runProgressReport(db, ctx, {
      year: typeof values.year === 'string' ? values.year : undefined,
      asOf: typeof values['as-of'] === 'string' ? values['as-of'] : undefined,
    });
    out(report, () => formatProgressTable(report));
    return 0;
  }
  if (command === 'report' && sub === 'libraries') {
    const report = await runLibrariesReport(db, ctx, {
      year: typeof values.year === 'string' ? values.year : undefined,
      asOf: typeof values['as-of'] === 'string' ? values['as-of'] : undefined,
    });
    out(report, () => formatLibrariesReport(report));
    return 0;
  }
  if (command === 'notice' && sub === 'progress') {
    const year = Number(values.year);
    if (!Number.isInteger(year)) throw new AppError('VALIDATION', '请用 --year YYYY 指定年度');
    if (typeof values.out !== 'string' || !values.out)
      throw new AppError('VALIDATION', '请用 --out FILE.docx 指定输出文件');
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const r = await runNoticeCommand(db, ctx, { year, asOf, out: values.out });
    out({ ...r.notice, file: r.file, bytes: r.bytes }, () => `已印发 ${r.notice.docNumber}，写入 ${r.file}`);
    return 0;
  }
  if (command === 'export') {
    const r = await runExport(db, ctx, sub, values);
    out(
      { list: r.list, file: r.file, bytes: r.bytes },
      () => `已导出「${r.baseName}」到 ${r.file}（${r.bytes} 字节）`,
    );
    return 0;
  }
  if (command === 'settings') {
    const r = await runSettingsCommand(db, ctx, {
      sub,
      key: arg,
      value: rest[0],
      year: typeof values.year === 'string' ? values.year : undefined,
    });
    out(r.output, () => r.text);
    return 0;
  }
  if (command === 'audit' && sub === 'verify') {
    const r = await verifyAudit(db, checkpointFile);
    out(r, () => describeVerify(r));
    return r.ok ? 0 : 4;
  }
  if (command === 'audit' && sub === 'purge') {
    const before = String(values.before ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(before))
      throw new AppError('VALIDATION', '请用 --before YYYY-MM-DD 指定日期');
    const n = await purgeAudit(db, ctx, chinaDayStart(before), checkpointFile);
    out({ deleted: n }, () => `已清理 ${n} 条审计记录`);
    return 0;
  }
  console.error(`未知命令：${[command, sub].filter(Boolean).join(' ')}\n\n${HELP}`);
  return 1;
}

/** Refuses a file larger than the limit from its size on disk, before a byte of it is read. */
function assertFileSize(file: string, limit: number): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('VALIDATION', `无法读取文件：${file}`, [
      { path: 'file', message: '文件不存在或无法读取' },
    ]);
  }
  if (size > limit)
    throw new AppError(
      'VALIDATION',
      `文件过大：${file}（${(size / 1048576).toFixed(1)} MB，上限 ${limit / 1048576} MB）`,
      [{ path: 'file', message: `文件超过 ${limit / 1048576} MB 上限` }],
    );
}

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
async function runBackup(
  env: ReturnType<typeof readEnv>,
  dataDir: string,
  values: Values,
  out: (obj: unknown, text: () => string) => void,
): Promise<number> {
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
async function runRestore(
  env: ReturnType<typeof readEnv>,
  dataDir: string,
  file: string | undefined,
  values: Values,
  out: (obj: unknown, text: () => string) => void,
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
      await recordAudit(database.db, systemContext(new Date()), {
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

const EXPORT_LISTS = [
  'enterprises',
  'directory',
  'libraries',
  'declarations',
  'progress',
  'targets',
] as const;
type ExportList = (typeof EXPORT_LISTS)[number];

/** `shenggui export <list> --out FILE.xlsx`: the same workbook as the list's /export route, whole database. */
async function runExport(
  db: Database['db'],
  ctx: RequestContext,
  list: string | undefined,
  values: Values,
): Promise<{ list: ExportList; file: string; bytes: number; baseName: string }> {
  if (!EXPORT_LISTS.includes(list as ExportList))
    throw new AppError('VALIDATION', `请指定要导出的列表：${EXPORT_LISTS.join(' | ')}`, [
      { path: 'list', message: list ? `未知列表：${list}` : '缺少列表名' },
    ]);
  const file = typeof values.out === 'string' ? values.out : '';
  if (!file) throw new AppError('VALIDATION', '请用 --out FILE.xlsx 指定输出文件');
  let year: number | undefined;
  if (typeof values.year === 'string') {
    year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new AppError('VALIDATION', '请用 --year YYYY 指定年份', [
        { path: 'year', message: '年份不正确' },
      ]);
  }
  const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new AppError('VALIDATION', '--as-of 应为有效日期，格式如 2024-06-30');
  const library = (typeof values.library === 'string' ? values.library : 'cultivation') as Library;
  if (!LIBRARIES.includes(library))
    throw new AppError('VALIDATION', `--library 应为：${LIBRARIES.join(' | ')}`);
  const planYear = year ?? currentPlanYear(ctx.now);
  const name = list as ExportList;
  const { buffer, baseName } =
    name === 'enterprises'
      ? await exportEnterprises(db, ctx, enterpriseListQuerySchema.parse({ q: values.q, revenueYear: year }))
      : name === 'directory'
        ? await exportDirectoryEvents(db, ctx, { year })
        : name === 'libraries'
          ? await exportLibrary(db, ctx, library, { year })
          : name === 'declarations'
            ? await exportDeclarations(db, ctx, { year })
            : name === 'progress'
              ? await exportProgress(db, ctx, { year: planYear, asOf })
              : await exportTargets(db, ctx, planYear);
  await writeFile(file, buffer);
  return { list: name, file, bytes: buffer.length, baseName };
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    if (process.stdin.isTTY) process.stderr.write('密码：');
    for await (const line of rl) return line.trim();
    return '';
  } finally {
    rl.close();
  }
}

// Run directly (`tsx packages/server/src/cli/main.ts …` in development): the compiled bin calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
