import { checkPassword } from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import {
  accountStatuses,
  describeUserAgent,
  groupSecret,
  otpauthLabel,
  passwordPolicyHints,
  temporaryPassword,
} from './security';

describe('passwordPolicyHints', () => {
  it('states length, classes, username and expiry', () => {
    expect(passwordPolicyHints({ minLength: 8, minClasses: 3, maxAgeDays: 0 })).toEqual([
      '至少8位',
      '包含小写字母、大写字母、数字、特殊字符中的至少3类',
      '不得包含用户名',
    ]);
    expect(passwordPolicyHints({ minLength: 12, minClasses: 4, maxAgeDays: 90 }, 'en')).toContain(
      'Expires after 90 days',
    );
  });
});

describe('groupSecret', () => {
  it('groups by four, upper case, ignoring spaces', () => {
    expect(groupSecret('jbswy3dpehpk3pxp')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDE F')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });
});

describe('otpauthLabel', () => {
  it('reads issuer and account', () => {
    expect(
      otpauthLabel(
        'otpauth://totp/%E5%8D%87%E8%A7%84%E9%80%9A:anquan?secret=X&issuer=%E5%8D%87%E8%A7%84%E9%80%9A',
      ),
    ).toEqual({
      issuer: '升规通',
      account: 'anquan',
    });
    expect(otpauthLabel('https://example.com')).toEqual({ issuer: null, account: null });
  });
});

describe('accountStatuses', () => {
  it('lists what applies, most serious first', () => {
    expect(accountStatuses({ disabled: false, locked: false, mustChangePassword: false })).toEqual([
      'active',
    ]);
    expect(accountStatuses({ disabled: true, locked: true, mustChangePassword: true })).toEqual([
      'disabled',
      'locked',
      'mustChange',
    ]);
  });
});

describe('describeUserAgent', () => {
  it('names common browsers and systems', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 120 · Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40',
      ),
    ).toBe('微信 8 · iOS');
    expect(describeUserAgent('curl/7.88.1')).toBe('curl 7');
    expect(describeUserAgent(null)).toBe('—');
  });
});

describe('temporaryPassword', () => {
  it('meets the policy for any random source', () => {
    const policy = { minLength: 10, minClasses: 4, maxAgeDays: 0 };
    let seed = 7;
    const lcg = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 50; i++) {
      const pw = temporaryPassword(policy, lcg);
      expect(pw.length).toBeGreaterThanOrEqual(12);
      expect(checkPassword(pw, 'zhangsan', policy)).toEqual([]);
    }
    expect(
      checkPassword(
        temporaryPassword(policy, () => 0),
        'x',
        policy,
      ),
    ).toEqual([]);
  });
});
