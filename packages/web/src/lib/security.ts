// Small pure helpers of the account pages: the password policy in words, a TOTP secret made readable,
// an account's status, a browser from its user-agent, and a temporary password that meets the policy.
import { type Lang, translate } from '../app/dictionary';

export interface PolicyLike {
  minLength: number;
  minClasses: number;
  maxAgeDays: number;
}

/** The rules a new password must meet, one line each (shown beside every password form). */
export function passwordPolicyHints(policy: PolicyLike, lang: Lang = 'zh'): string[] {
  return [
    translate(lang, 'password.rule.minLength', { n: policy.minLength }),
    translate(lang, 'password.rule.minClasses', { n: policy.minClasses }),
    translate(lang, 'password.rule.noUsername'),
    ...(policy.maxAgeDays > 0 ? [translate(lang, 'password.rule.maxAge', { n: policy.maxAgeDays })] : []),
  ];
}

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP` (typed by hand into an authenticator app). */
export function groupSecret(secret: string, size = 4): string {
  const clean = secret.replace(/\s+/g, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size));
  return groups.join(' ');
}

/** The account name and issuer in an otpauth URI, to tell the user what the app will show. */
export function otpauthLabel(uri: string): { issuer: string | null; account: string | null } {
  const m = /^otpauth:\/\/totp\/([^?]*)(?:\?(.*))?$/i.exec(uri);
  if (!m) return { issuer: null, account: null };
  let label = m[1] ?? '';
  try {
    label = decodeURIComponent(label);
  } catch {
    // keep as is
  }
  const params = new URLSearchParams(m[2] ?? '');
  const colon = label.indexOf(':');
  const issuer = params.get('issuer') ?? (colon >= 0 ? label.slice(0, colon) : null);
  const account = colon >= 0 ? label.slice(colon + 1) : label || null;
  return { issuer: issuer || null, account };
}

export type AccountStatus = 'disabled' | 'locked' | 'mustChange' | 'active';

/** Status tags of an account, most serious first; `active` only when nothing else applies. */
export function accountStatuses(u: {
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
}): AccountStatus[] {
  const out: AccountStatus[] = [];
  if (u.disabled) out.push('disabled');
  if (u.locked) out.push('locked');
  if (u.mustChangePassword) out.push('mustChange');
  return out.length > 0 ? out : ['active'];
}

/** A short browser description from a user-agent: `Chrome 120 · Windows`. Unknown → the raw string. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—';
  const browsers: Array<[string, RegExp]> = [
    ['微信', /MicroMessenger\/([\d.]+)/],
    ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
    ['360', /QIHU 360\w*|360SE|360EE/],
    ['Firefox', /Firefox\/([\d.]+)/],
    ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari/],
    ['curl', /curl\/([\d.]+)/],
  ];
  let browser: string | null = null;
  for (const [name, re] of browsers) {
    const m = re.exec(ua);
    if (m) {
      const major = m[1]?.split('.')[0];
      browser = major ? `${name} ${major}` : name;
      break;
    }
  }
  const systems: Array<[string, RegExp]> = [
    ['Windows', /Windows NT/],
    ['Android', /Android/],
    ['iOS', /iPhone|iPad|iPod/],
    ['macOS', /Mac OS X|Macintosh/],
    ['Linux', /Linux/],
  ];
  const os = systems.find(([, re]) => re.test(ua))?.[0] ?? null;
  if (!browser && !os) return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
  return [browser, os].filter(Boolean).join(' · ');
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=!?';

/**
 * A temporary password meeting the policy: every character class, no look-alikes (0/O, 1/l). `random`
 * returns integers in [0, n) — crypto-backed in the app, fixed in tests.
 */
export function temporaryPassword(policy: PolicyLike, random: (n: number) => number): string {
  const length = Math.max(policy.minLength, 12);
  const sets = [LOWER, UPPER, DIGITS, SYMBOLS];
  const all = sets.join('');
  const chars = sets.map((s) => s[random(s.length)] ?? s[0] ?? 'a');
  while (chars.length < length) chars.push(all[random(all.length)] ?? 'a');
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    const tmp = chars[i] as string;
    chars[i] = chars[j] as string;
    chars[j] = tmp;
  }
  return chars.join('');
}

/** Crypto-backed integers in [0, n) for temporaryPassword. */
export function cryptoRandom(n: number): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) % n;
}
