// TOTP second factor (RFC 6238, 6 digits, 30 s) through the maintained `otpauth` library. Secrets are stored
// encrypted with AES-256-GCM under a key derived from the secret file outside the database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

let totpKey: Buffer | null = null;

export function configureTotpKey(key: Buffer): void {
  totpKey = key;
}

function key(): Buffer {
  if (!totpKey) throw new Error('TOTP key not configured');
  return totpKey;
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function encryptSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(stored: string): string {
  const [iv, tag, body] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('bad TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

function totp(base32: string, label: string): TOTP {
  return new TOTP({
    issuer: '升规通',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(base32),
  });
}

export function totpUri(base32: string, username: string): string {
  return totp(base32, username).toString();
}

/** Accepts the code of the current 30-second step or the one before or after (clock drift). */
export function checkTotp(base32: string, code: string, now: Date): boolean {
  return totp(base32, '').validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

export function totpCodeAt(base32: string, now: Date): string {
  return totp(base32, '').generate({ timestamp: now.getTime() });
}
