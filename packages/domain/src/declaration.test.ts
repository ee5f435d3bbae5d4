import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './access.js';
import {
  allowedTransitions,
  batchClosedReason,
  checkApprovalRecords,
  checkMonthlyEligibility,
  checkTransition,
  checkUpload,
  DECLARATION_STATES,
  type DeclarationState,
  declarationBlockers,
  declarationCalendarSchema,
  declarationDeadlines,
  defaultDeclarationCalendar,
  MAX_UPLOAD_BYTES,
  materialChecklist,
  resolveBatch,
  runDeclarationChecks,
  statesAwaiting,
  upcomingDeadlines,
} from './declaration.js';

// The expected state table, written out independently of the implementation: state → role → targets.
const UNIT: Role[] = ['township', 'department'];
const expected = (state: DeclarationState, role: Role): DeclarationState[] => {
  const unit = UNIT.includes(role);
  switch (state) {
    case 'preparing':
      return unit ? ['township_review', 'withdrawn'] : [];
    case 'township_review':
      return unit ? ['centre_review', 'returned', 'withdrawn'] : [];
    case 'centre_review':
      return role === 'centre' ? ['submitted', 'returned', 'withdrawn'] : [];
    case 'submitted':
      return role === 'statistics' ? ['entered', 'returned', 'withdrawn'] : [];
    case 'returned':
      return unit ? ['preparing', 'withdrawn'] : [];
    case 'entered':
    case 'withdrawn':
      return [];
  }
};

describe('declaration state table', () => {
  for (const state of DECLARATION_STATES)
    for (const role of ROLES)
      it(`${state} × ${role}`, () => {
        const allowed = allowedTransitions(state, [role]).map((t) => t.to);
        expect(allowed.sort()).toEqual(expected(state, role).sort());
        for (const to of DECLARATION_STATES) {
          const problem = checkTransition(state, to, [role], '原因');
          if (expected(state, role).includes(to)) expect(problem).toBeNull();
          else expect(problem?.kind).toMatch(/forbidden|conflict/);
        }
      });

  it('requires a reason to return', () => {
    expect(checkTransition('township_review', 'returned', ['township'], null)?.kind).toBe('invalid');
    expect(checkTransition('centre_review', 'returned', ['centre'], '  ')?.kind).toBe('invalid');
  });

  it('refuses a step by the wrong actor with who should do it', () => {
    const p = checkTransition('centre_review', 'submitted', ['township'], null);
    expect(p).toEqual({ kind: 'forbidden', message: expect.stringContaining('中小企业发展中心') });
    expect(checkTransition('entered', 'returned', ['statistics'], 'x')?.kind).toBe('conflict');
  });

  it('tells each role which states wait for it', () => {
    expect(statesAwaiting(['centre'])).toEqual(['centre_review']);
    expect(statesAwaiting(['statistics'])).toEqual(['submitted']);
    expect(statesAwaiting(['township'])).toEqual(['preparing', 'township_review', 'returned']);
    expect(statesAwaiting(['leader'])).toEqual([]);
  });
});

describe('approval records (docs/domain.md §7)', () => {
  const rec = (
    kind: 'field' | 'document',
    conclusion: 'pass' | 'fail',
    recordedAt = '2026-11-01T00:00:00Z',
  ) => ({
    kind,
    conclusion,
    recordedAt,
  });
  it('needs both a field inspection and a document review that passed', () => {
    expect(checkApprovalRecords([])).toHaveLength(2);
    expect(checkApprovalRecords([rec('field', 'pass')])).toEqual(['缺少资料审核记录，不能审核通过']);
    expect(checkApprovalRecords([rec('field', 'pass'), rec('document', 'pass')])).toEqual([]);
    expect(checkApprovalRecords([rec('field', 'pass'), rec('document', 'fail')])[0]).toContain('不通过');
  });
  it('reads the latest record of each kind', () => {
    const later = '2026-11-05T00:00:00Z';
    expect(
      checkApprovalRecords([rec('field', 'fail'), rec('field', 'pass', later), rec('document', 'pass')]),
    ).toEqual([]);
    expect(
      checkApprovalRecords([rec('field', 'pass'), rec('field', 'fail', later), rec('document', 'pass')]),
    ).toHaveLength(1);
  });
});

describe('calendar', () => {
  const cal = defaultDeclarationCalendar(2026);
  it('defaults to the seed plan and validates', () => {
    expect(declarationCalendarSchema.parse(cal)).toEqual(cal);
    expect(resolveBatch(cal, 2026, 'annual', 'nov')).toEqual({
      mode: 'annual',
      key: 'nov',
      name: '11月批',
      deadline: '2026-11-20',
      dataMonth: '2026-10',
    });
    expect(resolveBatch(cal, 2026, 'monthly', '2026-01')?.dataMonth).toBe('2025-12');
    expect(resolveBatch(cal, 2026, 'monthly', '2027-01')).toBeNull();
    expect(resolveBatch(cal, 2026, 'annual', 'jan')).toBeNull();
    expect(
      declarationCalendarSchema.safeParse({ ...cal, batches: [cal.batches[0], cal.batches[0]] }).success,
    ).toBe(false);
  });
  it('lists deadlines within the window, a January batch included', () => {
    const withJan = {
      ...cal,
      batches: [...cal.batches, { key: 'jan', name: '1月批', deadline: '2027-01-20' }],
    };
    const all = declarationDeadlines(withJan, 2026);
    expect(all).toHaveLength(15);
    expect(upcomingDeadlines(all, '2026-11-06', 14).map((d) => d.name)).toEqual(['2026年11月月度', '11月批']);
    expect(upcomingDeadlines(all, '2026-11-05', 14)).toEqual([]);
    expect(upcomingDeadlines(all, '2027-01-10', 14).map((d) => d.key)).toEqual(['jan']);
  });
});

describe('what 申报 offers', () => {
  it('offers a batch up to its deadline and names the deadline after it', () => {
    const nov = { name: '11月批', deadline: '2026-11-20' };
    expect(batchClosedReason(nov, '2026-11-20')).toBeNull();
    expect(batchClosedReason(nov, '2026-11-21')).toBe('11月批已于2026-11-20截止，不再接受新的申报');
  });
  it('blocks an individual business and a firm already above scale, whatever the mode', () => {
    expect(declarationBlockers({ scaleStatus: 'below', legalForm: 'enterprise' }, 2026)).toEqual([]);
    expect(
      declarationBlockers({ scaleStatus: 'below', legalForm: 'individual' }, 2026)[0]?.message,
    ).toContain('个体工商户');
    expect(
      declarationBlockers({ scaleStatus: 'above', legalForm: 'enterprise' }, 2026)[0]?.message,
    ).toContain('已是规上企业');
  });
});

describe('eligibility and checklist', () => {
  it('monthly only from 1 October of the prior year', () => {
    expect(checkMonthlyEligibility('2025-10-01', '2026-03')).toBeNull();
    expect(checkMonthlyEligibility('2025-09-30', '2026-03')).toContain('2025-10-01');
    expect(checkMonthlyEligibility(null, '2026-03')).toContain('未登记投产日期');
  });
  it('asks new firms for the project file', () => {
    expect(materialChecklist(true)).toContain('project_approval');
    expect(materialChecklist(false)).not.toContain('project_approval');
    expect(materialChecklist(false)).toHaveLength(8);
  });
});

// The domain package has no DOM or Node types: bytes from ASCII by hand.
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('uploads', () => {
  const pdf = ascii('%PDF-1.7 x');
  const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
  const zip = (part: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...ascii(`....${part}x`)]);
  it.each([
    ['a.pdf', pdf, true],
    ['A.PDF', pdf, true],
    ['a.jpeg', jpg, true],
    ['a.pdf', jpg, false],
    ['a.exe', ascii('MZ...'), false],
    ['a.pdf', ascii('MZ...'), false],
    ['a.xlsx', zip('xl/workbook.xml'), true],
    ['a.docx', zip('word/document.xml'), true],
    ['a.docx', zip('xl/workbook.xml'), false],
    ['a.xlsx', zip('other'), false],
    ['a.pdf', new Uint8Array(0), false],
  ] as const)('%s', (name, bytes, ok) => {
    expect(checkUpload(name, bytes).ok).toBe(ok);
  });
  it('limits size and narrows types', () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(checkUpload('a.pdf', big)).toEqual({ ok: false, message: '文件超过10MB上限' });
    expect(checkUpload('a.pdf', pdf, ['jpg', 'png']).ok).toBe(false);
  });
});

describe('automatic checks', () => {
  const months = (from: number, to: number, tax: number, statistics: number | null = null) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      period: `2026-${String(from + i).padStart(2, '0')}`,
      tax,
      statistics,
    }));
  const base = {
    mode: 'annual' as const,
    dataMonth: '2026-10',
    productionStartedOn: '2020-01-01',
    thresholdYuan: 20_000_000,
    tolerance: 0.1,
  };
  const run = (input: Partial<Parameters<typeof runDeclarationChecks>[0]>) =>
    Object.fromEntries(runDeclarationChecks({ ...base, months: [], ...input }).map((c) => [c.key, c]));

  it('cumulative at the threshold and just below', () => {
    expect(run({ months: months(1, 10, 2_000_000) }).cumulative?.ok).toBe(true);
    const below = run({ months: months(1, 10, 1_999_999) }).cumulative;
    expect(below?.ok).toBe(false);
    expect(below?.message).toContain('2026年1-10月');
    expect(below?.message).toContain('未达到2,000万元');
  });
  it('agreement within the tolerance, at its edge and beyond', () => {
    expect(run({ months: months(1, 1, 1_000_000, 1_100_000) }).agreement?.ok).toBe(true); // 9.1 % of the larger
    expect(run({ months: months(1, 1, 1_000_000, 1_112_000) }).agreement?.ok).toBe(false);
    expect(run({ months: months(1, 1, 1_000_000) }).agreement?.message).toContain('无法比对');
  });
  it('twelve months for annual entry only', () => {
    const prior = [11, 12].map((m) => ({ period: `2025-${m}`, tax: 1, statistics: null }));
    expect(run({ months: [...prior, ...months(1, 10, 1)] }).twelveMonths?.ok).toBe(true);
    expect(run({ months: months(1, 10, 1) }).twelveMonths?.message).toContain('缺少2个月');
    expect(run({ mode: 'monthly', months: months(1, 10, 1) }).twelveMonths).toBeUndefined();
  });
  it('no sales before production started', () => {
    expect(
      run({ productionStartedOn: '2026-03-15', months: months(3, 10, 1) }).salesBeforeProduction?.ok,
    ).toBe(true);
    const early = run({ productionStartedOn: '2026-03-15', months: months(2, 10, 1) }).salesBeforeProduction;
    expect(early?.ok).toBe(false);
    expect(early?.message).toContain('2026-02');
  });
});
