// The one entry rule (docs/api.md, 入库申报) at each of its edges, and the property the workflow relies on: whatever
// passed at creation records unchanged on its own batch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countingYear } from './counting.js';
import {
  blockingChecks,
  checkEffectivePeriod,
  checkEntryEligibility,
  checkInspectionAssignment,
  checkInspectionRecorder,
  checkMaterials,
  checkOverride,
  checkReviewSeparation,
  type DeclarationMode,
  defaultDeclarationCalendar,
  defaultEffectivePeriod,
  isOpenState,
  materialChecklist,
  resolveBatch,
  runDeclarationChecks,
  unusualEffectivePeriod,
} from './declaration.js';
import { checkDirectoryEvent } from './directory.js';
import { periodOf } from './period.js';

const firm = (productionStartedOn: string | null) => ({
  scaleStatus: 'below',
  legalForm: 'enterprise',
  productionStartedOn,
});

describe('entry eligibility: 1 October of the prior year', () => {
  it('admits a monthly entry from 1 October of the year before the declaration year, not a day earlier', () => {
    expect(checkEntryEligibility(firm('2025-10-01'), { mode: 'monthly', declaredYear: 2026 })).toEqual([]);
    const early = checkEntryEligibility(firm('2025-09-30'), { mode: 'monthly', declaredYear: 2026 });
    expect(early.map((p) => p.path)).toEqual(['mode']);
    expect(early[0]?.message).toContain('2025-10-01');
    expect(checkEntryEligibility(firm(null), { mode: 'monthly', declaredYear: 2026 })[0]?.message).toContain(
      '未登记投产日期',
    );
  });
  it('puts no production-date condition on an annual entry', () => {
    expect(checkEntryEligibility(firm('1999-01-01'), { mode: 'annual', declaredYear: 2026 })).toEqual([]);
    expect(checkEntryEligibility(firm(null), { mode: 'annual', declaredYear: 2026 })).toEqual([]);
  });
  it('refuses a firm already above the line and an individual business in either mode', () => {
    for (const mode of ['monthly', 'annual'] as const) {
      const above = checkEntryEligibility(
        { ...firm('2026-01-01'), scaleStatus: 'above' },
        { mode, declaredYear: 2026 },
      );
      expect(above.map((p) => p.message).join()).toContain('已是规上企业');
      const individual = checkEntryEligibility(
        { ...firm('2026-01-01'), legalForm: 'individual' },
        { mode, declaredYear: 2026 },
      );
      expect(individual.map((p) => p.message).join()).toContain('个体工商户');
    }
  });
});

describe('December monthly declaration into January', () => {
  const cal = defaultDeclarationCalendar(2026);
  const batch = resolveBatch(cal, 2026, 'monthly', '2026-12')!;
  it('takes effect from January of the next year', () => {
    expect(defaultEffectivePeriod('monthly', 2026, batch.key)).toBe('2027-01');
    expect(defaultEffectivePeriod('monthly', 2026, '2026-11')).toBe('2026-12');
  });
  it('is judged from the declaration year at creation and when recorded (the old check used 2027)', () => {
    // Production started in March 2026: before 2026-10-01 but after 2025-10-01.
    const f = { ...firm('2026-03-01'), lastEvent: null };
    expect(checkEntryEligibility(f, { mode: 'monthly', declaredYear: 2026 })).toEqual([]);
    const entry = {
      type: 'entry' as const,
      mode: 'monthly' as const,
      approvalDate: '2026-12-28',
      effectivePeriod: '2027-01',
    };
    expect(checkDirectoryEvent(f, entry, '2026-12-31', { declaredYear: 2026 })).toEqual([]);
    // Recorded without a declaration, the declaration year is the month before the effective period's.
    expect(checkDirectoryEvent(f, entry, '2026-12-31')).toEqual([]);
  });
  it('counts where the counting rule says', () => {
    const event = { approvalDate: '2026-12-28', effectivePeriod: '2027-01' };
    expect(countingYear(event, { basis: 'approval', cutoff: '12-31' })).toBe(2026);
    expect(countingYear(event, { basis: 'effective', cutoff: '12-31' })).toBe(2027);
  });
});

describe('annual effective periods', () => {
  const d = { mode: 'annual' as const, year: 2026, batch: 'dec' };
  it('default to January of the year after the batch', () => {
    expect(defaultEffectivePeriod('annual', 2026, 'nov')).toBe('2027-01');
    expect(checkEffectivePeriod(d, '2027-01', null)).toBeNull();
  });
  it('need a written reason for any other period', () => {
    const refused = checkEffectivePeriod(d, '2026-06', null);
    expect(refused).toContain('应为2027-01');
    expect(refused).toContain('理由');
    expect(checkEffectivePeriod(d, '2026-06', '短')).not.toBeNull();
    expect(checkEffectivePeriod(d, '2026-12', '统计局批复自12月起纳入')).toBeNull();
  });
  it('are listed for review when unusual', () => {
    const entry = (mode: DeclarationMode, approvalDate: string, effectivePeriod: string) => ({
      type: 'entry' as const,
      mode,
      exitReason: null,
      approvalDate,
      effectivePeriod,
    });
    expect(unusualEffectivePeriod(entry('annual', '2026-12-15', '2027-01'))).toBeNull();
    expect(unusualEffectivePeriod(entry('annual', '2026-06-15', '2026-06'))).toContain('不是1月');
    expect(unusualEffectivePeriod(entry('monthly', '2026-11-20', '2026-12'))).toBeNull();
    expect(unusualEffectivePeriod(entry('monthly', '2026-11-20', '2027-03'))).toContain('两个月');
    expect(unusualEffectivePeriod(entry('annual', '2026-11-20', '2026-01'))).toContain('追溯');
    const exit = {
      type: 'exit' as const,
      mode: null,
      exitReason: 'below_threshold',
      approvalDate: '2026-06-01',
      effectivePeriod: '2026-06',
    };
    expect(unusualEffectivePeriod(exit)).toContain('不是1月');
    expect(unusualEffectivePeriod({ ...exit, exitReason: 'deregistered' })).toBeNull();
  });
});

describe('property: whatever passed at creation records unchanged on its own batch', () => {
  const date = fc
    .record({
      y: fc.integer({ min: 2018, max: 2030 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  it('holds for every mode, batch and production date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2030 }),
        fc.constantFrom<DeclarationMode>('monthly', 'annual'),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('nov', 'dec'),
        fc.option(date, { nil: null }),
        fc.constantFrom('enterprise', 'individual'),
        fc.constantFrom('below', 'above'),
        (year, mode, month, annualKey, started, legalForm, scaleStatus) => {
          const cal = defaultDeclarationCalendar(year);
          const batch = resolveBatch(
            cal,
            year,
            mode,
            mode === 'monthly' ? periodOf(year, month) : annualKey,
          )!;
          const f = { scaleStatus, legalForm, productionStartedOn: started, lastEvent: null };
          const atCreation = checkEntryEligibility(f, { mode, declaredYear: year });
          if (atCreation.length > 0) return;
          const effectivePeriod = defaultEffectivePeriod(mode, year, batch.key);
          // The bureau approves on the deadline or later; the check runs on the approval day.
          const approvalDate = batch.deadline;
          const problems = checkDirectoryEvent(
            f,
            { type: 'entry', mode, approvalDate, effectivePeriod },
            approvalDate,
            { declaredYear: year },
          );
          expect(problems).toEqual([]);
          expect(checkEffectivePeriod({ mode, year, batch: batch.key }, effectivePeriod, null)).toBeNull();
          // The derived year of an entry recorded directly agrees with the declaration's year.
          expect(
            checkDirectoryEvent(f, { type: 'entry', mode, approvalDate, effectivePeriod }, approvalDate),
          ).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('blocking checks and overrides', () => {
  const checks = [
    checkMaterials(materialChecklist(false), new Set(['basic_info'])),
    ...runDeclarationChecks({
      mode: 'annual',
      dataMonth: '2026-10',
      productionStartedOn: '2020-01-01',
      months: [{ period: '2026-01', tax: 1_000_000, statistics: null }],
      thresholdYuan: 20_000_000,
      tolerance: 0.1,
    }),
  ];
  it('names the missing materials and blocks leaving preparing', () => {
    const blocked = blockingChecks(checks, 'township_review', []);
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toContain('营业执照');
    expect(blocked[0]).toContain('统计数据真实性承诺书');
    expect(blocked[0]).not.toContain('法人单位基本情况表');
  });
  it('shows a check that could not be run as not run, and it blocks the hand-over too', () => {
    const agreement = checks.find((c) => c.key === 'agreement')!;
    expect(agreement.status).toBe('not_run');
    expect(agreement.ok).toBe(false);
    const blocked = blockingChecks(checks, 'submitted', []);
    expect(blocked.join()).toContain('未达到2,000万元');
    expect(blocked.join()).toContain('未运行');
    expect(blockingChecks(checks, 'submitted', [{ check: 'cumulative', reason: '理由' }])).toHaveLength(1);
    expect(
      blockingChecks(checks, 'submitted', [
        { check: 'cumulative', reason: '理由' },
        { check: 'agreement', reason: '理由' },
      ]),
    ).toEqual([]);
  });
  it('lets only the centre override, only a failing blocking check, once', () => {
    const cumulative = checks.find((c) => c.key === 'cumulative');
    expect(checkOverride(['township'], 'centre_review', cumulative, false)?.kind).toBe('forbidden');
    expect(checkOverride(['centre'], 'centre_review', cumulative, false)).toBeNull();
    expect(checkOverride(['centre'], 'centre_review', cumulative, true)?.kind).toBe('conflict');
    expect(checkOverride(['centre'], 'submitted', cumulative, false)?.kind).toBe('conflict');
    const twelve = checks.find((c) => c.key === 'twelveMonths');
    expect(checkOverride(['centre'], 'centre_review', twelve, false)?.message).toContain('不阻断');
  });
});

describe('separation of duties', () => {
  const d = {
    createdBy: 1,
    history: [
      { toState: 'preparing', actorId: 1 },
      { toState: 'township_review', actorId: 2 },
    ],
  };
  it('refuses the preparer and the submitter the unit review', () => {
    expect(checkReviewSeparation('centre_review', 1, d)).toContain('准备');
    expect(checkReviewSeparation('centre_review', 2, d)).toContain('提交');
    expect(checkReviewSeparation('centre_review', 3, d)).toBeNull();
    expect(checkReviewSeparation('returned', 1, d)).toBeNull();
  });
  it('lets the centre or the assigned unit record inspections, never the declaring unit', () => {
    const decl = { declaringUnitId: 10, inspectionUnitId: 20 };
    expect(checkInspectionRecorder({ roles: ['centre'], unitId: 1 }, decl)).toBeNull();
    expect(checkInspectionRecorder({ roles: ['township'], unitId: 20 }, decl)).toBeNull();
    expect(checkInspectionRecorder({ roles: ['township'], unitId: 10 }, decl)).toContain('申报单位');
    expect(checkInspectionRecorder({ roles: ['department'], unitId: 30 }, decl)).toContain('未被指派');
    expect(checkInspectionAssignment({ id: 10, kind: 'township' }, 10)).toContain('申报单位');
    expect(checkInspectionAssignment({ id: 20, kind: 'bureau' }, 10)).toContain('只能指派');
    expect(checkInspectionAssignment({ id: 20, kind: 'department' }, 10)).toBeNull();
  });
  it('treats withdrawn as final and no longer open', () => {
    expect(isOpenState('withdrawn')).toBe(false);
    expect(isOpenState('entered')).toBe(false);
    expect(isOpenState('returned')).toBe(true);
  });
});
