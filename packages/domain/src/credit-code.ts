// 统一社会信用代码, GB 32100-2015: 18 characters from a 31-symbol set (no I, O, S, V, Z);
// positions 3–8 are the registering authority's division code; position 18 is a check character.
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const STRUCTURE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'length' | 'charset' | 'structure' | 'checksum';

export interface CreditCodeCheck {
  ok: boolean;
  /** The first rule the code breaks; `checksum` alone marks a legacy code that may still be genuine. */
  problem?: CreditCodeProblem;
}

/** The check character for the first 17 characters, or null when one of them is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length < 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[check] ?? null;
}

/** Checks format and check character. Input is taken as given: lower case is a problem, per the standard. */
export function checkCreditCode(code: string): CreditCodeCheck {
  if (code.length !== 18) return { ok: false, problem: 'length' };
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return { ok: false, problem: 'charset' };
  if (!STRUCTURE.test(code)) return { ok: false, problem: 'structure' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'checksum' };
  return { ok: true };
}

/** Normalises what people type or paste: trims, removes inner spaces, folds full-width forms, upper-cases. */
export function normalizeCreditCode(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有不允许的字符（不得使用 I、O、S、V、Z 及小写字母）',
  structure: '统一社会信用代码结构不正确（第3–8位应为行政区划代码）',
  checksum: '统一社会信用代码校验位不正确',
};
