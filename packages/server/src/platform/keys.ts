// Secrets that must not live in the database: the audit-chain HMAC key (and keys derived from it).
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Env } from '../env.js';
import { configureAuditKey } from './audit.js';
import { configureTotpKey } from './auth/totp.js';

export interface KeySource {
  key: Buffer;
  /** Where it came from, for messages (never the key itself). */
  origin: string;
}

export function loadMasterKey(
  env: Pick<Env, 'SHENGGUI_AUDIT_KEY' | 'SHENGGUI_AUDIT_KEY_FILE'>,
  dataDir: string,
): KeySource {
  if (env.SHENGGUI_AUDIT_KEY)
    return { key: Buffer.from(env.SHENGGUI_AUDIT_KEY, 'utf8'), origin: 'SHENGGUI_AUDIT_KEY' };
  const file = resolve(env.SHENGGUI_AUDIT_KEY_FILE ?? join(dataDir, 'audit.key'));
  if (!existsSync(file)) {
    if (env.SHENGGUI_AUDIT_KEY_FILE) throw new Error(`审计密钥文件不存在：${file}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`审计密钥文件内容过短（至少32个字符）：${file}`);
  return { key: Buffer.from(text, 'utf8'), origin: file };
}

/** A key for one purpose, derived from the master key, so one secret file serves the audit chain and TOTP. */
export function deriveKey(master: Buffer, purpose: 'audit' | 'totp'): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `shenggui:${purpose}`, 32));
}

/** Loads the master key and hands the derived keys to the audit chain and the TOTP store. */
export function configureSecrets(
  env: Pick<Env, 'SHENGGUI_AUDIT_KEY' | 'SHENGGUI_AUDIT_KEY_FILE'>,
  dataDir: string,
): KeySource {
  const source = loadMasterKey(env, dataDir);
  configureAuditKey(deriveKey(source.key, 'audit'));
  configureTotpKey(deriveKey(source.key, 'totp'));
  return source;
}
