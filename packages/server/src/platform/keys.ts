// Secrets that must not live in the database: the audit-chain HMAC key (and keys derived from it).
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Env } from '../env.js';
import { configureAuditKey } from './audit.js';
import { configureTotpKey } from './auth/totp.js';

type KeyEnv = Pick<
  Env,
  'SHENGGUI_AUDIT_KEY' | 'SHENGGUI_AUDIT_KEY_FILE' | 'SHENGGUI_AUDIT_CHECKPOINT' | 'DATABASE_URL'
>;

export interface KeySource {
  key: Buffer;
  /** Where it came from, for messages (never the key itself). */
  origin: string;
  /** The signed audit checkpoint: beside the key file (or in the data folder when the key is in the environment). */
  checkpointFile: string;
}

export class AuditKeyMissingError extends Error {
  constructor() {
    super(
      '使用 PostgreSQL（已设置 DATABASE_URL）时必须配置审计密钥：设置 SHENGGUI_AUDIT_KEY_FILE（推荐，文件权限600，放在数据库服务器之外）或 SHENGGUI_AUDIT_KEY。服务不会在工作目录中自行生成密钥。',
    );
  }
}

export function loadMasterKey(env: KeyEnv, dataDir: string): KeySource {
  const checkpointBeside = (dir: string) =>
    resolve(env.SHENGGUI_AUDIT_CHECKPOINT ?? join(dir, 'audit.checkpoint'));
  if (env.SHENGGUI_AUDIT_KEY)
    return {
      key: Buffer.from(env.SHENGGUI_AUDIT_KEY, 'utf8'),
      origin: 'SHENGGUI_AUDIT_KEY',
      checkpointFile: checkpointBeside(resolve(dataDir)),
    };
  // On PostgreSQL the "data folder" is only the working directory: a key written there is lost or leaked.
  if (env.DATABASE_URL && !env.SHENGGUI_AUDIT_KEY_FILE) throw new AuditKeyMissingError();
  const file = resolve(env.SHENGGUI_AUDIT_KEY_FILE ?? join(dataDir, 'audit.key'));
  if (!existsSync(file)) {
    if (env.SHENGGUI_AUDIT_KEY_FILE) throw new Error(`审计密钥文件不存在：${file}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`审计密钥文件内容过短（至少32个字符）：${file}`);
  return { key: Buffer.from(text, 'utf8'), origin: file, checkpointFile: checkpointBeside(dirname(file)) };
}

/** A key for one purpose, derived from the master key, so one secret file serves the audit chain and TOTP. */
export function deriveKey(master: Buffer, purpose: 'audit' | 'totp'): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `shenggui:${purpose}`, 32));
}

/** Loads the master key and hands the derived keys to the audit chain and the TOTP store. */
export function configureSecrets(env: KeyEnv, dataDir: string): KeySource {
  const source = loadMasterKey(env, dataDir);
  configureAuditKey(deriveKey(source.key, 'audit'));
  configureTotpKey(deriveKey(source.key, 'totp'));
  return source;
}
