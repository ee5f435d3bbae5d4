// `npx shenggui <command>`: the same services as the API, on the embedded database (--data DIR, default ./data)
// or on DATABASE_URL. Machine-readable output with --json; errors go to stderr with a non-zero exit.
// Each group of commands lives in commands/*.ts; this file parses the arguments, opens the database once,
// runs the command and leaves an audit checkpoint.

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DataFolderLockedError, openDatabase } from '../db/client.js';
import { clockOf, readEnv } from '../env.js';
import { closeOnSignals, startServer } from '../main.js';
import { AuditCheckpointer, CheckpointInvalidError } from '../platform/audit-checkpoint.js';
import { systemContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { AuditKeyMissingError, configureSecrets } from '../platform/keys.js';
import type { Commands } from './command.js';
import { auditCommands } from './commands/audit.js';
import { runBackup, runRestore } from './commands/backup.js';
import { enterpriseCommands } from './commands/enterprises.js';
import { exportCommands } from './commands/export.js';
import { assertImportFileSize, importCommands } from './commands/import.js';
import { reportCommands } from './commands/reports.js';
import { settingsCommands } from './commands/settings.js';
import { setupCommands } from './commands/setup.js';
import { userCommands } from './commands/users.js';
import { HELP } from './help.js';

/** Every command run on the open database, by `command sub` or `command`. */
const COMMANDS: Commands = {
  ...setupCommands,
  ...enterpriseCommands,
  ...userCommands,
  ...importCommands,
  ...reportCommands,
  ...exportCommands,
  ...settingsCommands,
  ...auditCommands,
};
const commandOf = (key: string) => (Object.hasOwn(COMMANDS, key) ? COMMANDS[key] : undefined);

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
    if (command === 'restore')
      return await runRestore(env, dataDir, sub, values, out, clockOf(env).clock.now());

    const keys = configureSecrets(env, dataDir);
    if (command === 'import' && arg) assertImportFileSize(arg);
    // The purge deletes audit records: on PostgreSQL only the table's owner may (README, Security).
    const purge = command === 'audit' && sub === 'purge';
    const database = await openDatabase({
      databaseUrl: purge ? (env.DATABASE_OWNER_URL ?? env.DATABASE_URL) : env.DATABASE_URL,
      ownerUrl: purge ? undefined : env.DATABASE_OWNER_URL,
      dataDir,
    });
    try {
      const checkpointFile = typeof values.checkpoint === 'string' ? values.checkpoint : keys.checkpointFile;
      const run = commandOf(`${command} ${sub}`) ?? commandOf(command);
      if (!run) {
        console.error(`未知命令：${[command, sub].filter(Boolean).join(' ')}\n\n${HELP}`);
        return 1;
      }
      const code = await run({
        db: database.db,
        ctx: systemContext(clockOf(env).clock.now()),
        sub,
        arg,
        rest: positionals.slice(3),
        values,
        out,
        checkpointFile,
      });
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
