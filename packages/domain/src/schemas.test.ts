import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CREDIT_CODE_MESSAGES } from './credit-code.js';
import {
  enterpriseCreateSchema,
  enterpriseListQuerySchema,
  enterpriseUpdateSchema,
  loginSchema,
  revenueFactCreateSchema,
  revenueValueField,
  scaleChangeSchema,
} from './schemas.js';

const HAN = /\p{Script=Han}/u;

const firm = {
  creditCode: '91140106713678575D',
  name: '山西晋韵古建筑有限公司',
  legalForm: 'enterprise',
  industryCode: '3089',
  townshipId: 1,
};

type Issue = { path: PropertyKey[]; message: string };

/** Parses, expects failure, checks every message is Chinese, and returns the issues. */
function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const r = schema.safeParse(input);
  expect(r.success, JSON.stringify(input)).toBe(false);
  const issues = (r.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));
  for (const i of issues) expect(i.message, `${i.path.join('.')}: ${i.message}`).toMatch(HAN);
  return issues;
}

function issuesAt(schema: z.ZodType, input: unknown, path: PropertyKey[]): string[] {
  return issuesOf(schema, input)
    .filter((i) => JSON.stringify(i.path) === JSON.stringify(path))
    .map((i) => i.message);
}

describe('enterpriseCreateSchema', () => {
  it('accepts a valid firm and fills the defaults', () => {
    expect(enterpriseCreateSchema.parse(firm)).toEqual({
      creditCode: '91140106713678575D',
      confirmLegacyCode: false,
      name: '山西晋韵古建筑有限公司',
      legalForm: 'enterprise',
      industryCode: '3089',
      townshipId: 1,
      inZone: false,
      address: null,
      foundedOn: null,
      productionStartedOn: null,
      contactName: null,
      contactPhone: null,
      scaleStatus: 'below',
    });
  });

  it('accepts a fully filled firm', () => {
    const full = {
      ...firm,
      legalForm: 'individual',
      supervisingUnitId: 7,
      inZone: true,
      address: '盂县秀水镇',
      foundedOn: '2019-03-01',
      productionStartedOn: '2019-03-01',
      contactName: '张三',
      contactPhone: '(0353) 612-3456',
      scaleStatus: 'above',
    };
    expect(enterpriseCreateSchema.parse(full)).toMatchObject({ ...full, confirmLegacyCode: false });
  });

  it('normalises what people type: credit code, industry code, surrounding space, blank optional text', () => {
    const out = enterpriseCreateSchema.parse({
      ...firm,
      creditCode: ' ９１１４０１０６７１３６７８５７５ｄ ',
      industryCode: ' c3089 ',
      name: '  山西晋韵古建筑有限公司  ',
      address: '   ',
      contactName: '',
      foundedOn: '',
      productionStartedOn: null,
    });
    expect(out).toMatchObject({
      creditCode: '91140106713678575D',
      industryCode: '3089',
      name: '山西晋韵古建筑有限公司',
      address: null,
      contactName: null,
      foundedOn: null,
      productionStartedOn: null,
    });
  });

  describe('credit code', () => {
    it('rejects a wrong check character on ["creditCode"], suggesting the legacy confirmation', () => {
      const issues = issuesOf(enterpriseCreateSchema, { ...firm, creditCode: '91140106713678575E' });
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toEqual(['creditCode']);
      expect(issues[0]?.message).toContain(CREDIT_CODE_MESSAGES.checksum);
      expect(issues[0]?.message).toContain('确认为历史代码');
    });

    it.each(['91350211M0000XUF46', '91350100M0001TGQXM', '91350203M0001FUE2P', '91350211M00013FA1N'])(
      'accepts the legacy code %s (checksum only) when confirmed, not otherwise',
      (creditCode) => {
        const confirmed = enterpriseCreateSchema.parse({ ...firm, creditCode, confirmLegacyCode: true });
        expect(confirmed).toMatchObject({ creditCode, confirmLegacyCode: true });
        expect(
          issuesAt(enterpriseCreateSchema, { ...firm, creditCode, confirmLegacyCode: false }, ['creditCode']),
        ).toHaveLength(1);
        expect(issuesAt(enterpriseCreateSchema, { ...firm, creditCode }, ['creditCode'])).toHaveLength(1);
      },
    );

    it.each([
      ['91350100M0001', 'length'],
      ['91110000802100433B1', 'length'],
      ['91110000802100433I', 'charset'],
      ['91120222SA06DG3067', 'charset'],
      ['9135A100M000100Y4Y', 'structure'],
    ] as const)('rejects %s (%s) even when confirmed as legacy', (creditCode, problem) => {
      for (const confirmLegacyCode of [true, false]) {
        expect(
          issuesAt(enterpriseCreateSchema, { ...firm, creditCode, confirmLegacyCode }, ['creditCode']),
        ).toEqual([CREDIT_CODE_MESSAGES[problem]]);
      }
    });

    it('accepts lower-case and full-width input of a valid code without confirmation', () => {
      expect(enterpriseCreateSchema.parse({ ...firm, creditCode: '91350900587527783p' }).creditCode).toBe(
        '91350900587527783P',
      );
    });

    it.each([[''], ['   '], [undefined], [null], [911401067]])(
      'asks for a missing code (%j)',
      (creditCode) => {
        expect(issuesAt(enterpriseCreateSchema, { ...firm, creditCode }, ['creditCode'])).toContain(
          '请填写统一社会信用代码',
        );
      },
    );

    it('a confirmed legacy code still gets the date check', () => {
      const input = {
        ...firm,
        creditCode: '91350211M0000XUF46',
        confirmLegacyCode: true,
        foundedOn: '2021-06-01',
        productionStartedOn: '2020-01-01',
      };
      expect(issuesAt(enterpriseCreateSchema, input, ['productionStartedOn'])).toEqual([
        '投产日期不能早于成立日期',
      ]);
    });

    it('confirmLegacyCode does not excuse any other field', () => {
      const issues = issuesOf(enterpriseCreateSchema, {
        ...firm,
        creditCode: '91350211M0000XUF46',
        confirmLegacyCode: true,
        industryCode: '308',
      });
      expect(issues.map((i) => i.path)).toEqual([['industryCode']]);
    });
  });

  describe('industry code', () => {
    it.each([
      ['5110', '不在'],
      ['0111', '不在'],
      ['4710', '不在'],
      ['9999', '不在'],
      ['A0111', '不在'],
      ['308', '不是小类'],
      ['30', '不是小类'],
      ['C', '不是小类'],
      ['C308', '不是小类'],
    ])('rejects %s on ["industryCode"] (%s)', (industryCode, phrase) => {
      const messages = issuesAt(enterpriseCreateSchema, { ...firm, industryCode }, ['industryCode']);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(phrase);
    });

    it('names the normalised code in the message', () => {
      expect(
        issuesAt(enterpriseCreateSchema, { ...firm, industryCode: 'C308' }, ['industryCode'])[0],
      ).toContain('308');
    });

    it.each([[undefined], [null], [3089]])('asks for a missing industry code (%j)', (industryCode) => {
      expect(issuesAt(enterpriseCreateSchema, { ...firm, industryCode }, ['industryCode'])).toEqual([
        '请选择行业代码',
      ]);
    });

    it('asks for an industry code when the field is left empty, rather than quoting an empty code', () => {
      for (const industryCode of ['', '  ']) {
        expect(issuesAt(enterpriseCreateSchema, { ...firm, industryCode }, ['industryCode'])).toEqual([
          '请选择行业代码',
        ]);
      }
    });

    it('accepts every class of B, C and D, with or without the section letter', () => {
      for (const industryCode of ['0610', 'B0610', '1200', '3021', 'C3021', '4411', 'D4620']) {
        expect(enterpriseCreateSchema.safeParse({ ...firm, industryCode }).success, industryCode).toBe(true);
      }
    });
  });

  describe('dates', () => {
    it('rejects a production date before the founding date on ["productionStartedOn"]', () => {
      const input = { ...firm, foundedOn: '2021-06-01', productionStartedOn: '2021-05-31' };
      expect(issuesOf(enterpriseCreateSchema, input)).toEqual([
        { path: ['productionStartedOn'], message: '投产日期不能早于成立日期' },
      ]);
    });

    it('accepts production on or after founding, or either date alone', () => {
      for (const [foundedOn, productionStartedOn] of [
        ['2021-06-01', '2021-06-01'],
        ['2021-06-01', '2022-01-01'],
        ['2021-06-01', null],
        [null, '2021-06-01'],
        ['', '2021-06-01'],
      ]) {
        expect(enterpriseCreateSchema.safeParse({ ...firm, foundedOn, productionStartedOn }).success).toBe(
          true,
        );
      }
    });

    it.each([['2023-02-29'], ['2024-13-01'], ['2024/05/22'], ['2024-5-22'], ['20240522'], ['昨天']])(
      'rejects the invalid date %j on its own path',
      (date) => {
        expect(issuesAt(enterpriseCreateSchema, { ...firm, foundedOn: date }, ['foundedOn'])[0]).toContain(
          '成立日期',
        );
        expect(
          issuesAt(enterpriseCreateSchema, { ...firm, productionStartedOn: date }, [
            'productionStartedOn',
          ])[0],
        ).toContain('投产日期');
      },
    );

    it('accepts 29 February of a leap year, trimmed', () => {
      expect(enterpriseCreateSchema.parse({ ...firm, foundedOn: ' 2024-02-29 ' }).foundedOn).toBe(
        '2024-02-29',
      );
    });
  });

  describe('other fields', () => {
    it.each([
      [{ name: 'A' }, ['name']],
      [{ name: ' 甲 ' }, ['name']],
      [{ name: '厂'.repeat(101) }, ['name']],
      [{ name: undefined }, ['name']],
      [{ legalForm: 'company' }, ['legalForm']],
      [{ townshipId: 0 }, ['townshipId']],
      [{ townshipId: 1.5 }, ['townshipId']],
      [{ townshipId: '1' }, ['townshipId']],
      [{ townshipId: undefined }, ['townshipId']],
      [{ contactPhone: 'abc' }, ['contactPhone']],
      [{ contactPhone: '123' }, ['contactPhone']],
      [{ contactPhone: '1'.repeat(31) }, ['contactPhone']],
      [{ address: '址'.repeat(201) }, ['address']],
      [{ contactName: '名'.repeat(51) }, ['contactName']],
      [{ scaleStatus: 'huge' }, ['scaleStatus']],
    ])('rejects %j on %j', (patch, path) => {
      expect(issuesAt(enterpriseCreateSchema, { ...firm, ...patch }, path).length).toBeGreaterThan(0);
    });

    it('reports every broken field at once', () => {
      const issues = issuesOf(enterpriseCreateSchema, {
        ...firm,
        name: 'A',
        creditCode: '91140106713678575E',
        foundedOn: '2021-06-01',
        productionStartedOn: '2020-01-01',
      });
      expect(issues.map((i) => i.path[0]).sort()).toEqual(['creditCode', 'name', 'productionStartedOn']);
    });

    it('reports all required fields of an empty form in Chinese', () => {
      const paths = issuesOf(enterpriseCreateSchema, {}).map((i) => i.path[0]);
      expect(paths).toEqual(
        expect.arrayContaining(['creditCode', 'name', 'legalForm', 'industryCode', 'townshipId']),
      );
    });
  });
});

describe('enterpriseUpdateSchema', () => {
  const { creditCode: _creditCode, ...fields } = firm;

  it('accepts the fields without the credit code', () => {
    const out = enterpriseUpdateSchema.parse({ ...fields, industryCode: 'C3021' });
    expect(out).toMatchObject({ ...fields, industryCode: '3021', inZone: false });
    expect(out).not.toHaveProperty('creditCode');
  });

  it('applies the same date rule', () => {
    expect(
      issuesAt(
        enterpriseUpdateSchema,
        { ...fields, foundedOn: '2021-06-01', productionStartedOn: '2020-01-01' },
        ['productionStartedOn'],
      ),
    ).toEqual(['投产日期不能早于成立日期']);
  });

  it('applies the same industry rule', () => {
    expect(
      issuesAt(enterpriseUpdateSchema, { ...fields, industryCode: '308' }, ['industryCode']),
    ).toHaveLength(1);
  });
});

describe('enterpriseListQuerySchema', () => {
  it('fills defaults', () => {
    expect(enterpriseListQuerySchema.parse({})).toEqual({
      page: 1,
      pageSize: 20,
      sort: 'name',
      order: 'asc',
    });
  });

  it('coerces query-string values', () => {
    expect(
      enterpriseListQuerySchema.parse({
        page: '3',
        pageSize: '50',
        sort: 'revenue',
        order: 'desc',
        q: ' 耐火 ',
        townshipId: '4',
        supervisingUnitId: '17',
        industry: 'C30',
        scaleStatus: 'below',
        revenueYear: '2024',
        revenueMinWan: '1000',
        revenueMaxWan: '1999.5',
      }),
    ).toEqual({
      page: 3,
      pageSize: 50,
      sort: 'revenue',
      order: 'desc',
      q: '耐火',
      townshipId: 4,
      supervisingUnitId: 17,
      industry: 'C30',
      scaleStatus: 'below',
      revenueYear: 2024,
      revenueMinWan: 1000,
      revenueMaxWan: 1999.5,
    });
  });

  it('rejects revenueMinWan > revenueMaxWan on ["revenueMaxWan"], allows equal or one-sided', () => {
    expect(
      issuesAt(enterpriseListQuerySchema, { revenueMinWan: '2000', revenueMaxWan: '1000' }, [
        'revenueMaxWan',
      ]),
    ).toEqual(['营业收入上限不能小于下限']);
    for (const q of [
      { revenueMinWan: '1000', revenueMaxWan: '1000' },
      { revenueMinWan: '1000' },
      { revenueMaxWan: '0' },
    ]) {
      expect(enterpriseListQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(true);
    }
  });

  it('rejects negative and non-numeric revenue bounds', () => {
    expect(issuesAt(enterpriseListQuerySchema, { revenueMinWan: '-1' }, ['revenueMinWan'])).toEqual([
      '营业收入不能为负数',
    ]);
    expect(issuesAt(enterpriseListQuerySchema, { revenueMaxWan: '-0.01' }, ['revenueMaxWan'])).toEqual([
      '营业收入不能为负数',
    ]);
    expect(issuesAt(enterpriseListQuerySchema, { revenueMinWan: 'abc' }, ['revenueMinWan'])).toEqual([
      '营业收入范围应为数字（万元）',
    ]);
  });

  it('checks the industry filter format: a section, a prefix or a class', () => {
    for (const industry of ['B', 'C30', '308', '3089', 'D4411']) {
      expect(enterpriseListQuerySchema.safeParse({ industry }).success, industry).toBe(true);
    }
    for (const industry of ['X1', 'C30891', '30-89', 'A01']) {
      expect(issuesAt(enterpriseListQuerySchema, { industry }, ['industry']), industry).toEqual([
        '行业代码格式不正确',
      ]);
    }
  });

  it('bounds paging', () => {
    expect(enterpriseListQuerySchema.parse({ pageSize: '200' }).pageSize).toBe(200);
    for (const q of [
      { page: '0' },
      { page: '1.5' },
      { pageSize: '201' },
      { pageSize: '0' },
      { revenueYear: '1999' },
    ]) {
      expect(enterpriseListQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
  });
});

describe('revenueFactCreateSchema', () => {
  const fact = { period: '2024-11', source: 'tax', value: 1_234_567.89 };

  it('accepts a valid figure, trimming the period', () => {
    expect(revenueFactCreateSchema.parse({ ...fact, period: ' 2024-11 ', reason: ' 更正 ' })).toEqual({
      ...fact,
      reason: '更正',
    });
    for (const source of ['tax', 'statistics', 'self', 'electricity']) {
      expect(revenueFactCreateSchema.safeParse({ ...fact, source }).success, source).toBe(true);
    }
    for (const value of [0, 0.01, 20_000_000, 1e13]) {
      expect(revenueFactCreateSchema.safeParse({ ...fact, value }).success, String(value)).toBe(true);
    }
  });

  it.each([
    [{ value: -0.01 }, ['value']],
    [{ value: -1 }, ['value']],
    [{ value: Number.NaN }, ['value']],
    [{ value: Number.POSITIVE_INFINITY }, ['value']],
    [{ value: '100' }, ['value']],
    [{ value: null }, ['value']],
    [{ value: 1e13 + 1 }, ['value']],
    [{ value: 1.005 }, ['value']],
    [{ value: 0.001 }, ['value']],
    [{ value: 123.456 }, ['value']],
    [{ period: '2024-13' }, ['period']],
    [{ period: '2024-00' }, ['period']],
    [{ period: '2024-1' }, ['period']],
    [{ period: '202411' }, ['period']],
    [{ period: undefined }, ['period']],
    [{ source: 'bank' }, ['source']],
    [{ reason: '因'.repeat(501) }, ['reason']],
  ])('rejects %j on %j', (patch, path) => {
    expect(issuesAt(revenueFactCreateSchema, { ...fact, ...patch }, path)).toHaveLength(1);
  });

  it('names the decimal rule', () => {
    expect(issuesAt(revenueFactCreateSchema, { ...fact, value: 1.234 }, ['value'])).toEqual([
      '数值最多保留两位小数',
    ]);
    expect(issuesAt(revenueFactCreateSchema, { ...fact, value: -5 }, ['value'])).toEqual(['数值不能为负数']);
  });

  it('accepts two-decimal yuan figures of a typical above-scale firm', () => {
    // 6,710.89 万元: v * 100 = 6710886401.000001 in floating point, which a fixed 1e-6 tolerance rejects.
    for (const value of [67_108_864.01, 67_108_864.07, 123_456_789.13, 20_000_000.01]) {
      expect(revenueFactCreateSchema.safeParse({ ...fact, value }).success, String(value)).toBe(true);
    }
  });

  it('accepts any whole number of fen up to the maximum (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (fen) => {
        expect(revenueValueField.safeParse(fen / 100).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects a third decimal (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 1, max: 9 }), (fen, milli) => {
        expect(revenueValueField.safeParse((fen * 10 + milli) / 1000).success).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scaleChangeSchema and loginSchema', () => {
  it('scale change needs a status, a period and a reason', () => {
    expect(
      scaleChangeSchema.parse({ status: 'above', effectivePeriod: '2025-01', reason: ' 年度入库 ' }),
    ).toEqual({
      status: 'above',
      effectivePeriod: '2025-01',
      reason: '年度入库',
    });
    expect(
      issuesAt(scaleChangeSchema, { status: 'up', effectivePeriod: '2025-01', reason: '入库' }, ['status']),
    ).toHaveLength(1);
    expect(
      issuesAt(scaleChangeSchema, { status: 'above', effectivePeriod: '2025-13', reason: '入库' }, [
        'effectivePeriod',
      ]),
    ).toHaveLength(1);
    expect(
      issuesAt(scaleChangeSchema, { status: 'above', effectivePeriod: '2025-01', reason: ' 入 ' }, [
        'reason',
      ]),
    ).toHaveLength(1);
  });

  it('login needs a user name and a password, and keeps password spaces', () => {
    expect(loginSchema.parse({ username: ' admin ', password: ' pw ' })).toEqual({
      username: 'admin',
      password: ' pw ',
    });
    expect(issuesOf(loginSchema, { username: ' ', password: '' }).map((i) => i.path[0])).toEqual([
      'username',
      'password',
    ]);
    expect(issuesOf(loginSchema, {}).map((i) => i.path[0])).toEqual(['username', 'password']);
    expect(loginSchema.safeParse({ username: 'u'.repeat(65), password: 'x' }).success).toBe(false);
    expect(loginSchema.safeParse({ username: 'u', password: 'x'.repeat(257) }).success).toBe(false);
    expect(loginSchema.parse({ username: 'u', password: 'x', totp: ' 012345 ' }).totp).toBe('012345');
    expect(issuesAt(loginSchema, { username: 'u', password: 'x', totp: '12a456' }, ['totp'])).toEqual([
      '动态口令应为6位数字',
    ]);
  });
});

describe('every message is Chinese (they reach the official and the clerk reading a 400)', () => {
  it.each([
    ['enterprise supervisingUnitId', enterpriseCreateSchema, { ...firm, supervisingUnitId: -1 }],
    [
      'enterprise supervisingUnitId not a number',
      enterpriseCreateSchema,
      { ...firm, supervisingUnitId: '3' },
    ],
    ['enterprise inZone', enterpriseCreateSchema, { ...firm, inZone: 'yes' }],
    ['enterprise confirmLegacyCode', enterpriseCreateSchema, { ...firm, confirmLegacyCode: 'yes' }],
    ['update supervisingUnitId', enterpriseUpdateSchema, { ...firm, supervisingUnitId: 0 }],
    ['list page', enterpriseListQuerySchema, { page: '0' }],
    ['list pageSize', enterpriseListQuerySchema, { pageSize: '500' }],
    ['list sort', enterpriseListQuerySchema, { sort: 'size' }],
    ['list order', enterpriseListQuerySchema, { order: 'up' }],
    ['list q', enterpriseListQuerySchema, { q: '词'.repeat(101) }],
    ['list townshipId', enterpriseListQuerySchema, { townshipId: 'abc' }],
    ['list supervisingUnitId', enterpriseListQuerySchema, { supervisingUnitId: '0' }],
    ['list scaleStatus', enterpriseListQuerySchema, { scaleStatus: 'huge' }],
    ['list revenueYear', enterpriseListQuerySchema, { revenueYear: '1999' }],
    ['login username too long', loginSchema, { username: 'u'.repeat(65), password: 'x' }],
    ['login password too long', loginSchema, { username: 'u', password: 'x'.repeat(257) }],
    ['login totp not six digits', loginSchema, { username: 'u', password: 'x', totp: '12345' }],
    ['login totp not a string', loginSchema, { username: 'u', password: 'x', totp: 123456 }],
  ] as const)('%s', (_label, schema, input) => {
    expect(issuesOf(schema, input).length).toBeGreaterThan(0);
  });
});
