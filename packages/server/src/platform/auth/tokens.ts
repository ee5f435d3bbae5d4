import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by the hash of their token. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
