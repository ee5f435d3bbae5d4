import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDeclarationCalendar } from './declaration.js';
import {
  DEFAULT_LIBRARY_THRESHOLDS,
  type EvaluationOptions,
  evaluateLibraries,
  type FirmFacts,
  isIndustrialCode,
  isNewProduction,
  type LibraryForecaster,
  libraryThresholdsSchema,
  type MonthlyFigure,
  modelForecaster,
  nextCutoffMonth,
  openBatchCutoff,
  runRateForecaster,
  scaleStatusAt,
  suggestPathway,
  wanText,
} from './libraries.js';
import { periodOf } from './period.js';

const Y = 2026;
const M = 1_000_000;

/** A forecaster returning fixed probabilities: the rules are tested apart from the forecast model. */
function stub(p: { reach?: number; cutoff?: number; below?: number; project?: number | null } = {}) {
  const calls: number[] = [];
  const f: LibraryForecaster = {
    probabilityReachByMonth: (_h, _t, byMonth) => {
      calls.push(byMonth);
      return byMonth === 12 ? (p.reach ?? 0) : (p.cutoff ?? p.reach ?? 0);
    },
    probabilityBelowAtYearEnd: () => p.below ?? 0,
    projectYear: () => (p.project === undefined ? null : p.project),
  };
  return Object.assign(f, { calls });
}

/** Twelve equal months adding up to `total` in `year` (the last month takes the rounding). */
function yearOf(year: number, total: number, source: 'statistics' | 'tax' = 'statistics', months = 12) {
  const each = Math.floor((total / months) * 100) / 100;
  return Array.from({ length: months }, (_, i) => ({
    period: periodOf(year, i + 1),
    source,
    value: i === months - 1 ? Math.round((total - each * (months - 1)) * 100) / 100 : each,
  }));
}

function firm(over: Partial<FirmFacts> = {}): FirmFacts {
  return {
    legalForm: 'enterprise',
    industryCode: '3089',
    scaleStatus: 'below',
    scaleHistory: [],
    productionStartedOn: null,
    operatingStatus: 'normal',
    exits: [],
    revenue: [],
    ...over,
  };
}

function opts(over: Partial<EvaluationOptions> = {}): EvaluationOptions {
  return {
    year: Y,
    asOf: `${Y}-11-20`,
    thresholds: DEFAULT_LIBRARY_THRESHOLDS,
    forecaster: stub(),
    ...over,
  };
}

const rules = (f: FirmFacts, o: Partial<EvaluationOptions> = {}) =>
  evaluateLibraries(f, opts(o))
    .matches.map((m) => m.rule)
    .sort();

describe('thresholds', () => {
  it('defaults follow the seed and docs/domain.md §4', () => {
    expect(DEFAULT_LIBRARY_THRESHOLDS).toMatchObject({
      base: 5_000_000,
      cultivation: 10_000_000,
      nearLow: 15_000_000,
      scale: 20_000_000,
      atRiskDropPct: 20,
      reEntryYears: 3,
      newFirmSince: '10-01',
      revenuePriority: 'statistics-first',
    });
  });
  it('a year may override any of them and keeps the rest', () => {
    const t = libraryThresholdsSchema.parse({ base: 3_000_000, revenuePriority: 'tax-first' });
    expect(t.base).toBe(3_000_000);
    expect(t.cultivation).toBe(10_000_000);
    expect(libraryThresholdsSchema.safeParse({ newFirmSince: '13-01' }).success).toBe(false);
  });
});

describe('prior-year thresholds at their edges', () => {
  const cases: { prior: number; expected: string[] }[] = [
    { prior: 5 * M - 0.01, expected: [] },
    { prior: 5 * M, expected: ['base.prior_revenue'] },
    { prior: 10 * M - 0.01, expected: ['base.prior_revenue'] },
    { prior: 10 * M, expected: ['base.prior_revenue', 'cultivation.prior_revenue'] },
    { prior: 15 * M - 0.01, expected: ['base.prior_revenue', 'cultivation.prior_revenue'] },
    { prior: 15 * M, expected: ['base.prior_revenue', 'cultivation.prior_revenue', 'near.prior_revenue'] },
    {
      prior: 20 * M - 0.01,
      expected: ['base.prior_revenue', 'cultivation.prior_revenue', 'near.prior_revenue'],
    },
    {
      // At the line: 达规未入统, and no longer "short of the line".
      prior: 20 * M,
      expected: ['base.prior_revenue', 'cultivation.prior_revenue', 'cultivation.reached_not_reported'],
    },
  ];
  for (const c of cases) {
    it(`${c.prior} yuan in ${Y - 1}`, () => {
      expect(rules(firm({ revenue: yearOf(Y - 1, c.prior) }))).toEqual([...c.expected].sort());
    });
  }

  it('says why in Chinese, in 万元', () => {
    const e = evaluateLibraries(firm({ revenue: yearOf(Y - 1, 12_345_600) }), opts());
    expect(e.reasons).toContain('2025年营业收入1,234.56万元，达到500万元');
    expect(e.reasons).toContain('2025年营业收入1,234.56万元，达到1,000万元');
    expect(e.libraries).toEqual(['base', 'cultivation']);
    expect(e.misses.near).toContain('1,234.56万元');
  });

  it('individual businesses and collectives count; firms outside sections B/C/D do not', () => {
    expect(rules(firm({ legalForm: 'individual', revenue: yearOf(Y - 1, 6 * M) }))).toEqual([
      'base.prior_revenue',
    ]);
    expect(rules(firm({ legalForm: 'other', revenue: yearOf(Y - 1, 6 * M) }))).toEqual([
      'base.prior_revenue',
    ]);
    const shop = evaluateLibraries(firm({ industryCode: '5212', revenue: yearOf(Y - 1, 30 * M) }), opts());
    expect(shop.libraries).toEqual([]);
    expect(shop.misses.base).toContain('非工业');
  });

  it('above-scale firms are never in the below-scale libraries', () => {
    const e = evaluateLibraries(firm({ scaleStatus: 'above', revenue: yearOf(Y - 1, 12 * M) }), opts());
    expect(e.libraries).toEqual([]);
    expect(e.misses.base).toBe('已是规上企业');
    expect(e.pathway).toBeNull();
    expect(e.tier).toBeNull();
  });
});

describe('revenue of record', () => {
  const mixed: MonthlyFigure[] = [
    ...yearOf(Y - 1, 12 * M, 'statistics'),
    ...yearOf(Y - 1, 4 * M, 'tax'),
    // A month with only a tax figure still counts.
    { period: `${Y - 2}-06`, source: 'tax', value: 1 },
  ];
  it('statistics first by default, month by month', () => {
    const e = evaluateLibraries(firm({ revenue: mixed }), opts());
    expect(e.figures.priorYear).toBe(12 * M);
    expect(e.libraries).toEqual(['base', 'cultivation']);
  });
  it('tax first when configured', () => {
    const t = libraryThresholdsSchema.parse({ revenuePriority: 'tax-first' });
    const e = evaluateLibraries(firm({ revenue: mixed }), opts({ thresholds: t }));
    expect(e.figures.priorYear).toBe(4 * M);
    expect(e.libraries).toEqual([]);
  });
  it('a month with only a tax figure falls back to tax', () => {
    const revenue: MonthlyFigure[] = [
      ...yearOf(Y - 1, 6 * M, 'statistics', 6),
      ...Array.from({ length: 6 }, (_, i) => ({
        period: periodOf(Y - 1, i + 7),
        source: 'tax' as const,
        value: M,
      })),
    ];
    expect(evaluateLibraries(firm({ revenue }), opts()).figures.priorYear).toBe(12 * M);
  });
  it('figures after the evaluation date are not known yet', () => {
    const revenue = [...yearOf(Y - 1, 6 * M), { period: `${Y}-12`, source: 'tax' as const, value: 25 * M }];
    const e = evaluateLibraries(firm({ revenue }), opts({ asOf: `${Y}-11-30` }));
    expect(e.figures.taxYtd).toBeNull();
    expect(evaluateLibraries(firm({ revenue }), opts({ asOf: `${Y}-12-01` })).figures.taxYtd).toBe(25 * M);
  });
});

describe('cultivation add-on groups', () => {
  it('达规未入统: any of the last three completed years at the line while below scale', () => {
    const revenue = [...yearOf(Y - 3, 20 * M), ...yearOf(Y - 1, 3 * M)];
    const e = evaluateLibraries(firm({ revenue }), opts());
    expect(e.matches.map((m) => m.rule)).toEqual(['cultivation.reached_not_reported']);
    expect(e.reasons[0]).toBe('达规未入统：2023年营业收入2,000万元，达到2,000万元但未入统');
    expect(e.pathway).toBe('reached_not_reported');
    // Four years back is outside the look-back.
    expect(rules(firm({ revenue: [...yearOf(Y - 4, 30 * M), ...yearOf(Y - 1, 3 * M)] }))).toEqual([]);
  });
  it('a year spent above scale is not 达规未入统 (the firm was counted, then left)', () => {
    const revenue = [...yearOf(Y - 2, 25 * M), ...yearOf(Y - 1, 3 * M)];
    const scaleHistory = [
      { status: 'above' as const, effectivePeriod: `${Y - 3}-01` },
      { status: 'below' as const, effectivePeriod: `${Y}-01` },
    ];
    expect(rules(firm({ revenue, scaleHistory }))).toEqual([]);
  });
  it('新建有望升规: production started on 1 October of last year counts, 30 September does not', () => {
    const f = (productionStartedOn: string) =>
      firm({ productionStartedOn, revenue: yearOf(Y, 9 * M, 'tax', 10) });
    const o = { forecaster: stub({ reach: 0.5 }) };
    expect(rules(f(`${Y - 1}-10-01`), o)).toEqual(['cultivation.new_production', 'near.forecast']);
    expect(rules(f(`${Y - 1}-09-30`), o)).toEqual(['near.forecast']);
    expect(rules(f(`${Y}-03-15`), o)).toContain('cultivation.new_production');
    // Not yet started on the evaluation date.
    expect(rules(f(`${Y}-11-21`), o)).not.toContain('cultivation.new_production');
    // Forecast below one half: not expected to reach.
    expect(rules(f(`${Y}-03-15`), { forecaster: stub({ reach: 0.49 }) })).toEqual([]);
    const e = evaluateLibraries(f(`${Y - 1}-10-01`), opts(o));
    expect(e.pathway).toBe('new_project');
    expect(e.reasons[0]).toBe('新建有望升规：2025-10-01投产，预计全年达到2,000万元的概率50%');
  });
  it('isNewProduction honours a configured start day', () => {
    const t = libraryThresholdsSchema.parse({ newFirmSince: '07-01' });
    expect(isNewProduction(`${Y - 1}-07-01`, Y, `${Y}-05-01`, t)).toBe(true);
    expect(isNewProduction(`${Y - 1}-06-30`, Y, `${Y}-05-01`, t)).toBe(false);
    expect(isNewProduction(null, Y, `${Y}-05-01`, t)).toBe(false);
  });
  it('退库再升规: an exit within the last three years, with a prospect', () => {
    // The prospect (default: prior-year revenue of record ≥ 500万元) puts the firm in the base library too.
    const prospect = yearOf(Y - 1, 6 * M);
    expect(rules(firm({ exits: [`${Y - 3}-01-01`], revenue: prospect }))).toEqual([
      'base.prior_revenue',
      'cultivation.re_entry',
    ]);
    expect(rules(firm({ exits: [`${Y - 4}-12-31`], revenue: prospect }))).toEqual(['base.prior_revenue']);
    // An exit after the evaluation date is not known yet.
    expect(rules(firm({ exits: [`${Y}-12-01`], revenue: prospect }))).toEqual(['base.prior_revenue']);
    const e = evaluateLibraries(
      firm({ exits: [`${Y - 2}-03-01`, `${Y - 1}-02-01`], revenue: prospect }),
      opts(),
    );
    expect(e.reasons).toEqual([
      '2025年营业收入600万元，达到500万元',
      '近年退库有望再升规：2025-02-01退库（3年内），2025年营业收入600万元，达到500万元',
    ]);
  });
  it('退库再升规 without a prospect, or after 注销/迁出, does not qualify', () => {
    expect(rules(firm({ exits: [`${Y - 1}-03-01`] }))).toEqual([]);
    expect(rules(firm({ exits: [`${Y - 1}-03-01`], revenue: yearOf(Y - 1, 4 * M) }))).toEqual([]);
    const prospect = yearOf(Y - 1, 6 * M);
    for (const reason of ['deregistered', 'moved'] as const)
      expect(rules(firm({ exits: [{ date: `${Y - 1}-03-01`, reason }], revenue: prospect }))).toEqual([
        'base.prior_revenue',
      ]);
    const e = evaluateLibraries(
      firm({ exits: [{ date: `${Y - 1}-03-01`, reason: 'below_threshold' }], revenue: prospect }),
      opts(),
    );
    expect(e.reasons[1]).toBe(
      '近年退库有望再升规：2025-03-01退库（3年内，退库原因：营业收入低于标准），2025年营业收入600万元，达到500万元',
    );
  });
  it('退库再升规 on the forecast: the projected year against the configured line', () => {
    const t = libraryThresholdsSchema.parse({ reEntryProspect: 'forecast', reEntryMin: 8 * M });
    const f = firm({ exits: [`${Y - 1}-03-01`], revenue: yearOf(Y, 3 * M, 'statistics', 6) });
    expect(rules(f, { thresholds: t, forecaster: stub({ project: 8 * M }) })).toEqual([
      'cultivation.re_entry',
    ]);
    expect(rules(f, { thresholds: t, forecaster: stub({ project: 8 * M - 1 }) })).toEqual([]);
  });
  it('a partial prior year says which months and that they are not annualised', () => {
    const revenue = yearOf(Y - 1, 6 * M, 'statistics', 12).slice(6);
    const e = evaluateLibraries(firm({ revenue }), opts());
    expect(e.figures.priorYearLabel).toBe('2025年（7-12月，6个月）');
    expect(e.misses.base).toMatch(
      /^2025年（7-12月，6个月）营业收入.*万元（按实有月份合计，不折算全年），未达到500万元$/,
    );
  });
});

describe('near-threshold', () => {
  it('forecast at the line with probability ≥ 0.5', () => {
    const revenue = yearOf(Y, 17 * M, 'tax', 10);
    expect(rules(firm({ revenue }), { forecaster: stub({ reach: 0.5, project: 20.4 * M }) })).toEqual([
      'near.forecast',
    ]);
    expect(rules(firm({ revenue }), { forecaster: stub({ reach: 0.499 }) })).toEqual([]);
    const e = evaluateLibraries(
      firm({ revenue }),
      opts({ forecaster: stub({ reach: 0.8, project: 20.4 * M }) }),
    );
    expect(e.reasons).toEqual(['预计2026年营业收入达到2,000万元的概率80%（预计全年2,040万元）']);
  });
});

describe('at risk', () => {
  const above = (over: Partial<FirmFacts> = {}) => firm({ scaleStatus: 'above', ...over });
  it('forecast below the line with probability ≥ 0.5', () => {
    const revenue = [...yearOf(Y - 1, 24 * M), ...yearOf(Y, 19 * M, 'statistics', 10)];
    expect(rules(above({ revenue }), { forecaster: stub({ below: 0.5 }) })).toEqual(['atRisk.forecast']);
    expect(rules(above({ revenue }), { forecaster: stub({ below: 0.49 }) })).toEqual([]);
  });
  it('a fall of more than 20 % on the same months of last year; exactly 20 % is not', () => {
    const last = yearOf(Y - 1, 24 * M); // 2,000,000 a month
    const fall = (pct: number) =>
      Array.from({ length: 10 }, (_, i) => ({
        period: periodOf(Y, i + 1),
        source: 'statistics' as const,
        value: 2 * M * (1 - pct / 100),
      }));
    expect(rules(above({ revenue: [...last, ...fall(20)] }))).toEqual([]);
    expect(rules(above({ revenue: [...last, ...fall(20.1)] }))).toEqual(['atRisk.decline']);
    const e = evaluateLibraries(above({ revenue: [...last, ...fall(25)] }), opts());
    expect(e.reasons).toEqual(['2026年1-10月营业收入1,500万元，同比下降25.0%（超过20%）']);
  });
  it('stopped or half-stopped production', () => {
    expect(rules(above({ operatingStatus: 'stopped' }))).toEqual(['atRisk.stopped']);
    expect(rules(above({ operatingStatus: 'half_stopped' }))).toEqual(['atRisk.stopped']);
    expect(rules(above({ operatingStatus: 'normal' }))).toEqual([]);
    // A below-scale firm that stopped is not "at risk of exit".
    expect(rules(firm({ operatingStatus: 'stopped' }))).toEqual([]);
  });
});

describe('pathway', () => {
  it('follows the rule order 个转企 → 转行业 → 达规未入 → 新开工 → 成长壮大', () => {
    const base = {
      legalForm: 'enterprise' as const,
      industrial: true,
      reachedNotReported: false,
      isNew: false,
    };
    expect(suggestPathway({ ...base, legalForm: 'individual', reachedNotReported: true })).toBe(
      'individual_to_enterprise',
    );
    expect(suggestPathway({ ...base, industrial: false })).toBe('industry_shift');
    expect(suggestPathway({ ...base, reachedNotReported: true, isNew: true })).toBe('reached_not_reported');
    expect(suggestPathway({ ...base, isNew: true })).toBe('new_project');
    expect(suggestPathway(base)).toBe('growth');
  });
});

describe('tier', () => {
  const candidate = firm({ revenue: yearOf(Y - 1, 16 * M) });
  it('A when likely to cross by the next batch, B when likely this year, C otherwise', () => {
    const tier = (p: { reach: number; cutoff: number }) =>
      evaluateLibraries(candidate, opts({ forecaster: stub(p) })).tier;
    expect(tier({ reach: 0.9, cutoff: 0.7 })).toBe('A');
    expect(tier({ reach: 0.9, cutoff: 0.69 })).toBe('B');
    expect(tier({ reach: 0.4, cutoff: 0 })).toBe('B');
    expect(tier({ reach: 0.39, cutoff: 0 })).toBe('C');
  });
  it('asks for the cut-off month of the next batch', () => {
    const f = stub();
    evaluateLibraries(candidate, opts({ forecaster: f, asOf: `${Y}-05-10` }));
    // Not a new firm: the next batch is November's annual batch, which checks January–October.
    expect(f.calls).toContain(10);
  });
  it('next cut-off month: monthly batches for new firms, annual batches for the others', () => {
    const cal = { monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], annual: [11, 12] };
    expect(nextCutoffMonth(`${Y}-05-10`, true, cal)).toBe(5);
    expect(nextCutoffMonth(`${Y}-05-10`, false, cal)).toBe(10);
    expect(nextCutoffMonth(`${Y}-11-20`, false, cal)).toBe(11);
    expect(nextCutoffMonth(`${Y}-12-20`, false, cal)).toBe(12);
    expect(nextCutoffMonth(`${Y}-05-10`, false, { monthly: [], annual: [1] })).toBe(12);
  });
  it('with the county calendar, judges the batch whose deadline has not passed', () => {
    const cal = defaultDeclarationCalendar(Y);
    const f = stub();
    const on = (asOf: string) =>
      evaluateLibraries(candidate, opts({ forecaster: f, asOf, declarationCalendar: cal }));
    expect(on(`${Y}-11-20`).figures).toMatchObject({
      cutoffMonth: 10,
      cutoffBatch: expect.stringContaining('11月批'),
    });
    expect(on(`${Y}-11-21`).figures).toMatchObject({
      cutoffMonth: 11,
      cutoffBatch: expect.stringContaining('12月批'),
    });
    expect(on(`${Y}-12-21`).figures).toMatchObject({ cutoffMonth: 12, cutoffBatch: null });
    // A county whose annual batch closes on 15 October checks January–September.
    const own = { ...cal, batches: [{ key: 'oct', name: '10月批', deadline: `${Y}-10-15` }] };
    expect(openBatchCutoff(`${Y}-05-10`, Y, false, own)).toEqual({
      month: 9,
      batch: `10月批（截止${Y}-10-15，核对1-9月累计）`,
    });
    // New firms may also use the monthly batch of the month (deadline the 20th).
    expect(openBatchCutoff(`${Y}-05-10`, Y, true, own).month).toBe(4);
    expect(openBatchCutoff(`${Y}-05-21`, Y, true, own).month).toBe(5);
  });
  it('no tier outside the libraries', () => {
    expect(evaluateLibraries(firm({ revenue: yearOf(Y - 1, 1 * M) }), opts()).tier).toBeNull();
  });
});

describe('helpers', () => {
  it('industrial sections by division', () => {
    expect(['0610', '1311', '4690', 'C3089'].every(isIndustrialCode)).toBe(true);
    expect(['0511', '4710', '5212', ''].some(isIndustrialCode)).toBe(false);
  });
  it('scale status at a period: the latest change on or before it, else the first record, else below', () => {
    const h = [
      { status: 'above' as const, effectivePeriod: '2024-01' },
      { status: 'below' as const, effectivePeriod: '2022-01' },
    ];
    expect(scaleStatusAt(h, '2021-12')).toBe('below');
    expect(scaleStatusAt(h, '2023-12')).toBe('below');
    expect(scaleStatusAt(h, '2024-01')).toBe('above');
    // Registered above scale in 2026: earlier years are taken as above too.
    expect(scaleStatusAt([{ status: 'above', effectivePeriod: '2026-11' }], '2025-06')).toBe('above');
    expect(scaleStatusAt([], '2025-06')).toBe('below');
    // Registered below, entered the same month: the recording order decides.
    const sameMonth = [
      { status: 'above' as const, effectivePeriod: '2026-11', seq: 2 },
      { status: 'below' as const, effectivePeriod: '2026-11', seq: 1 },
    ];
    expect(scaleStatusAt(sameMonth, '2025-06')).toBe('below');
    expect(scaleStatusAt(sameMonth, '2026-11')).toBe('above');
  });
  it('万元 text', () => {
    expect(wanText(5_000_000)).toBe('500万元');
    expect(wanText(12_345_678)).toBe('1,234.57万元');
  });
  it('the run-rate forecaster projects the known months forward', () => {
    const h = { pastYears: [[], [], Array(12).fill(1)], thisYear: [...Array(10).fill(2 * M), null, null] };
    expect(runRateForecaster.projectYear(h)).toBe(24 * M);
    expect(runRateForecaster.probabilityReachByMonth(h, 20 * M, 10)).toBe(1);
    expect(runRateForecaster.probabilityReachByMonth(h, 20 * M, 9)).toBe(0);
    expect(runRateForecaster.probabilityBelowAtYearEnd(h, 25 * M)).toBe(1);
  });
});

describe('with the forecast model', () => {
  it('a steady firm running above the line is near and tier A; an above-scale one collapsing is at risk', () => {
    const steady = [
      ...yearOf(Y - 2, 18 * M),
      ...yearOf(Y - 1, 19 * M),
      ...yearOf(Y, 20 * M, 'statistics', 10),
    ];
    const e = evaluateLibraries(firm({ revenue: steady }), opts({ forecaster: modelForecaster() }));
    expect(e.libraries).toEqual(['base', 'cultivation', 'near']);
    expect(e.figures.pReachYear).toBe(1);
    expect(e.tier).toBe('A');
    const collapsing = [...yearOf(Y - 1, 30 * M), ...yearOf(Y, 10 * M, 'statistics', 10)];
    const r = evaluateLibraries(
      firm({ scaleStatus: 'above', revenue: collapsing }),
      opts({ forecaster: modelForecaster() }),
    );
    expect(r.matches.map((m) => m.rule)).toEqual(['atRisk.forecast', 'atRisk.decline']);
    expect(r.figures.pBelowYearEnd).toBeGreaterThan(0.99);
  });
});

describe('order of arrival', () => {
  // Arbitrary firms: membership, reasons, pathway and tier must not depend on the order of the facts.
  const period = fc
    .tuple(fc.integer({ min: Y - 4, max: Y }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => periodOf(y, m));
  const figures = fc
    .uniqueArray(
      fc.record({
        period,
        source: fc.constantFrom('statistics' as const, 'tax' as const),
        value: fc.integer({ min: 0, max: 4_000_000 }),
      }),
      { selector: (f) => `${f.period}|${f.source}`, maxLength: 80 },
    )
    .map((xs) => xs as MonthlyFigure[]);
  const day = fc
    .tuple(
      fc.integer({ min: Y - 5, max: Y }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${periodOf(y, m)}-${String(d).padStart(2, '0')}`);
  const facts = fc.record({
    legalForm: fc.constantFrom('enterprise' as const, 'individual' as const, 'other' as const),
    industryCode: fc.constantFrom('3089', '0610', '4411'),
    scaleStatus: fc.constantFrom('above' as const, 'below' as const),
    scaleHistory: fc.array(
      fc.record({
        status: fc.constantFrom('above' as const, 'below' as const),
        effectivePeriod: period,
        seq: fc.integer({ min: 1, max: 1000 }),
      }),
      { maxLength: 4 },
    ),
    productionStartedOn: fc.option(day, { nil: null }),
    operatingStatus: fc.constantFrom('normal' as const, 'stopped' as const, 'half_stopped' as const),
    exits: fc.array(
      fc.oneof(
        day,
        fc.record({
          date: day,
          reason: fc.constantFrom(
            null,
            'deregistered' as const,
            'moved' as const,
            'below_threshold' as const,
          ),
        }),
      ),
      { maxLength: 3 },
    ),
    revenue: figures,
  });

  it('shuffling the facts changes nothing', () => {
    fc.assert(
      fc.property(facts, fc.integer(), (f, seed) => {
        const shuffle = <T>(xs: T[]): T[] => {
          const a = [...xs];
          let s = seed;
          for (let i = a.length - 1; i > 0; i--) {
            s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
            const j = s % (i + 1);
            [a[i], a[j]] = [a[j]!, a[i]!];
          }
          return a;
        };
        const shuffled: FirmFacts = {
          ...f,
          revenue: shuffle(f.revenue),
          scaleHistory: shuffle(f.scaleHistory),
          exits: shuffle(f.exits),
        };
        const o = opts({ forecaster: seed % 2 === 0 ? runRateForecaster : modelForecaster() });
        expect(evaluateLibraries(shuffled, o)).toEqual(evaluateLibraries(f, o));
      }),
      { numRuns: 300 },
    );
  });
});
