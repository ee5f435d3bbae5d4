import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_MESSAGES,
  type CreditCodeProblem,
  checkCreditCode,
  creditCodeCheckChar,
  normalizeCreditCode,
  toHalfWidth,
} from './credit-code.js';

// The domain tsconfig has `types: []` (domain code must not see Node globals), so fs is loaded untyped
// through vitest instead of `import 'node:fs'`, which would pull @types/node into the whole package.
const fs = await vi.importActual<{ readFileSync(path: string, encoding: 'utf8'): string }>('node:fs');
const srcDir = (expect.getState().testPath ?? '').replace(/[/\\][^/\\]*$/, '');

interface Sample {
  code: string;
  expectedValid: boolean;
  note: string;
}

function readSamples(): Sample[] {
  const text = fs.readFileSync(`${srcDir}/../reference/uscc-samples.csv`, 'utf8');
  const [header, ...lines] = text.trimEnd().split('\n');
  expect(header).toBe('code,expected_valid,source_note');
  return lines.map((line) => {
    const m = /^([^,]*),(true|false),(.*)$/.exec(line);
    if (!m) throw new Error(`bad sample row: ${line}`);
    return { code: m[1] ?? '', expectedValid: m[2] === 'true', note: m[3] ?? '' };
  });
}

const samples = readSamples();

/** An independent implementation from the text of GB 32100-2015 (SOURCES.md §4), for cross-checking. */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += CREDIT_CODE_CHARSET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check] ?? '?';
}

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
const digitChar = fc.constantFrom(...'0123456789');
/** 17 characters with the GB 32100 structure: 2 charset, 6 digits (division code), 9 charset. */
const first17Arb = fc
  .tuple(
    fc.array(charsetChar, { minLength: 2, maxLength: 2 }),
    fc.array(digitChar, { minLength: 6, maxLength: 6 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));
const validCodeArb = first17Arb.map((f) => `${f}${creditCodeCheckChar(f)}`);

function withCharAt(code: string, index: number, ch: string): string {
  return `${code.slice(0, index)}${ch}${code.slice(index + 1)}`;
}

describe('reference samples (reference/uscc-samples.csv)', () => {
  it('has the 42 rows SOURCES.md describes: 26 valid, 16 invalid', () => {
    expect(samples).toHaveLength(42);
    expect(samples.filter((s) => s.expectedValid)).toHaveLength(26);
    expect(new Set(samples.map((s) => s.code)).size).toBe(42);
  });

  it.each(samples.map((s) => [s.code, s.expectedValid] as const))(
    '%s is valid: %s',
    (code, expectedValid) => {
      expect(checkCreditCode(code).ok).toBe(expectedValid);
    },
  );

  it('agrees with an independent implementation on every 18-character sample', () => {
    for (const { code } of samples.filter((s) => s.code.length === 18 && /^[0-9A-Z]+$/.test(s.code))) {
      const first17 = code.slice(0, 17);
      if ([...first17].every((c) => CREDIT_CODE_CHARSET.includes(c))) {
        expect(creditCodeCheckChar(first17), code).toBe(referenceCheckChar(first17));
      }
    }
  });

  const expectedProblems: Record<string, CreditCodeProblem> = {
    '91350100M000100Y4A': 'checksum',
    '91350211M0000XUF46': 'checksum',
    '91350100M0001TGQXM': 'checksum',
    '91350203M0001FUE2P': 'checksum',
    '91350211M00013FA1N': 'checksum',
    '91140106713678575E': 'checksum',
    '91350100M0001': 'length',
    '9111000080210': 'length',
    '91110000802100433B1': 'length',
    '91110000802100433I': 'charset',
    '9135010557098120OJ': 'charset',
    '91120222SA06DG3067': 'charset',
    '91500105MA5UM6TV71': 'charset',
    '91310000MA1K35Z38P': 'charset',
    '91350900587527783p': 'charset',
    '9135A100M000100Y4Y': 'structure',
  };

  it('names the first broken rule for every invalid sample', () => {
    const invalid = samples.filter((s) => !s.expectedValid).map((s) => s.code);
    expect(invalid.sort()).toEqual(Object.keys(expectedProblems).sort());
    for (const [code, problem] of Object.entries(expectedProblems)) {
      expect(checkCreditCode(code), code).toEqual({ ok: false, problem });
    }
  });

  it('the expected check character of each legacy (checksum-only) sample matches its note', () => {
    for (const s of samples.filter((x) => checkCreditCode(x.code).problem === 'checksum')) {
      const expected = /expected ([0-9A-Z])\)/.exec(s.note)?.[1];
      if (expected) expect(creditCodeCheckChar(s.code.slice(0, 17)), s.code).toBe(expected);
    }
  });

  it('valid samples report no problem', () => {
    for (const s of samples.filter((x) => x.expectedValid))
      expect(checkCreditCode(s.code)).toEqual({ ok: true });
  });
});

describe('creditCodeCheckChar', () => {
  it('uses weights 3^(i-1) mod 31 as listed in SOURCES.md', () => {
    const listed = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    expect(listed.map((_, i) => 3 ** i % 31)).toEqual(listed);
    // Each weight alone: a 1 at position i (value 1) and zeros elsewhere gives check = 31 - w_i.
    listed.forEach((w, i) => {
      const first17 = withCharAt('0'.repeat(17), i, '1');
      expect(creditCodeCheckChar(first17)).toBe(CREDIT_CODE_CHARSET[31 - w]);
    });
  });

  it('worked example: 91350100M000100Y4 → 3 (S = 1640, S mod 31 = 28)', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true });
  });

  it('worked example of the 31 → 0 case: 91350200612049542 → 0 (S = 899)', () => {
    expect(creditCodeCheckChar('91350200612049542')).toBe('0');
    expect(checkCreditCode('913502006120495420')).toEqual({ ok: true });
  });

  it('all zeros gives 0 (S = 0), never the out-of-range index 31', () => {
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
  });

  it('returns null for characters outside the charset or fewer than 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y')).toBeNull();
    expect(creditCodeCheckChar('')).toBeNull();
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'a', ' ', '-', 'Ｍ']) {
      expect(creditCodeCheckChar(withCharAt('91350100M000100Y4', 8, bad)), bad).toBeNull();
    }
  });

  it('ignores characters after the 17th', () => {
    expect(creditCodeCheckChar('91350100M000100Y43')).toBe('3');
    expect(creditCodeCheckChar('91350100M000100Y4ZZZ')).toBe('3');
  });

  it('matches the independent implementation (property)', () => {
    fc.assert(
      fc.property(fc.array(charsetChar, { minLength: 17, maxLength: 17 }), (chars) => {
        const first17 = chars.join('');
        expect(creditCodeCheckChar(first17)).toBe(referenceCheckChar(first17));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkCreditCode', () => {
  it('rejects each forbidden letter I O S V Z at every position with problem "charset"', () => {
    const valid = '91350100M000100Y43';
    for (const letter of 'IOSVZ') {
      for (let i = 0; i < 18; i++) {
        expect(checkCreditCode(withCharAt(valid, i, letter)), `${letter}@${i + 1}`).toEqual({
          ok: false,
          problem: 'charset',
        });
      }
    }
  });

  it('charset is exactly the 31 symbols 0-9 and A-Z without I O S V Z', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    expect([...CREDIT_CODE_CHARSET]).toEqual(
      [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !'IOSVZ'.includes(c)),
    );
  });

  it('rejects lower case as given (the standard is upper case only)', () => {
    expect(checkCreditCode('91350900587527783p')).toEqual({ ok: false, problem: 'charset' });
    expect(checkCreditCode('91350100m000100y43')).toEqual({ ok: false, problem: 'charset' });
  });

  it('checks length before anything else', () => {
    expect(checkCreditCode('')).toEqual({ ok: false, problem: 'length' });
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' });
    expect(checkCreditCode('91350100M000100Y43 ')).toEqual({ ok: false, problem: 'length' });
    expect(checkCreditCode('iiiiiiiiiiiiiiiiiii')).toEqual({ ok: false, problem: 'length' });
  });

  it('requires digits at positions 3–8, and only there', () => {
    const valid = '91350100M000100Y43';
    for (let i = 2; i < 8; i++) {
      const first17 = withCharAt(valid, i, 'A').slice(0, 17);
      const code = `${first17}${creditCodeCheckChar(first17)}`;
      expect(checkCreditCode(code), code).toEqual({ ok: false, problem: 'structure' });
    }
    // Letters are fine at positions 1–2 and 9–17 (e.g. "Y" in the worked example).
    for (const i of [0, 1, 8, 9, 10, 11, 12, 13, 14, 15, 16]) {
      const first17 = withCharAt(valid, i, 'Y').slice(0, 17);
      expect(checkCreditCode(`${first17}${creditCodeCheckChar(first17)}`).ok).toBe(true);
    }
  });

  it('full-width characters are rejected as given', () => {
    expect(checkCreditCode('９１３５０１００Ｍ０００１００Ｙ４３').ok).toBe(false);
  });

  it('appending the check character to any structured 17 characters gives a valid code (property)', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => {
        expect(checkCreditCode(code)).toEqual({ ok: true });
      }),
      { numRuns: 2000 },
    );
  });

  it('exactly one of the 31 final characters is valid (property)', () => {
    fc.assert(
      fc.property(first17Arb, (first17) => {
        const valid = [...CREDIT_CODE_CHARSET].filter((c) => checkCreditCode(`${first17}${c}`).ok);
        expect(valid).toEqual([creditCodeCheckChar(first17)]);
      }),
      { numRuns: 300 },
    );
  });

  it('every single-character substitution within the charset is detected (property)', () => {
    // Weights are powers of 3 mod the prime 31, so none is 0 mod 31 and d·w ≢ 0 for d = 1..30:
    // any change at positions 1–17 moves S mod 31 and so the check character.
    fc.assert(
      fc.property(
        validCodeArb,
        fc.nat({ max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, index, shift) => {
          const original = code[index] ?? '';
          const replacement = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(original) + shift) % 31] ?? '';
          expect(replacement).not.toBe(original);
          expect(checkCreditCode(withCharAt(code, index, replacement)).ok).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('every single-character substitution is detected, exhaustively for the worked example', () => {
    const valid = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const ch of CREDIT_CODE_CHARSET) {
        if (ch === valid[i]) continue;
        expect(checkCreditCode(withCharAt(valid, i, ch)).ok, `${ch}@${i + 1}`).toBe(false);
      }
    }
  });

  it('never throws and only accepts well-formed codes for arbitrary strings (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 18, maxLength: 18 })),
        (s) => {
          const r = checkCreditCode(s);
          if (r.ok) {
            expect(s).toMatch(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);
            expect(r.problem).toBeUndefined();
          } else expect(r.problem).toBeDefined();
        },
      ),
    );
  });
});

describe('normalizeCreditCode', () => {
  it('upper-cases, so lower-case input becomes valid', () => {
    expect(normalizeCreditCode('91350900587527783p')).toBe('91350900587527783P');
    expect(checkCreditCode(normalizeCreditCode('91350900587527783p')).ok).toBe(true);
    expect(checkCreditCode(normalizeCreditCode('9135010557098120xj')).ok).toBe(true);
  });

  it('folds full-width digits and letters (including full-width lower case)', () => {
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('９１３５０９００５８７５２７７８３ｐ')).toBe('91350900587527783P');
  });

  it('removes leading, trailing and inner whitespace, ideographic spaces included', () => {
    expect(normalizeCreditCode(' 9135 0100 M000 100Y 43 ')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('\t91350100M000100Y43\n')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('\u300091350100\u3000M000100Y43\u3000')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('91350100\u00a0M000100Y43')).toBe('91350100M000100Y43');
  });

  it('does not repair genuinely wrong codes', () => {
    expect(checkCreditCode(normalizeCreditCode('91350100m000100y4a')).problem).toBe('checksum');
    expect(checkCreditCode(normalizeCreditCode('91110000802100433i')).problem).toBe('charset');
  });

  it('is idempotent and keeps valid codes unchanged (property)', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => {
        expect(normalizeCreditCode(code)).toBe(code);
        expect(normalizeCreditCode(normalizeCreditCode(code.toLowerCase()))).toBe(code);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeCreditCode(normalizeCreditCode(s))).toBe(normalizeCreditCode(s));
      }),
    );
  });

  it('recovers any valid code typed in full width, lower case, with spaces (property)', () => {
    const fullWidth = (s: string) =>
      [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    fc.assert(
      fc.property(validCodeArb, fc.boolean(), fc.boolean(), (code, wide, lower) => {
        let typed = lower ? code.toLowerCase() : code;
        if (wide) typed = fullWidth(typed);
        typed = `${typed.slice(0, 6)} ${typed.slice(6, 12)}\u3000${typed.slice(12)}`;
        expect(normalizeCreditCode(typed)).toBe(code);
      }),
    );
  });
});

describe('toHalfWidth', () => {
  it('maps U+FF01–U+FF5E to ASCII and U+3000 to a space, leaving other text alone', () => {
    expect(toHalfWidth('！～ＡＺａｚ０９')).toBe('!~AZaz09');
    expect(toHalfWidth('\u3000')).toBe(' ');
    expect(toHalfWidth('统一社会信用代码：')).toBe('统一社会信用代码:');
    expect(toHalfWidth('abc 123')).toBe('abc 123');
  });
});

describe('CREDIT_CODE_MESSAGES', () => {
  it('has a Chinese message for every problem', () => {
    expect(Object.keys(CREDIT_CODE_MESSAGES).sort()).toEqual(['charset', 'checksum', 'length', 'structure']);
    for (const message of Object.values(CREDIT_CODE_MESSAGES)) expect(message).toMatch(/\p{Script=Han}/u);
  });
});
