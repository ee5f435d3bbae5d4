import { describe, expect, it } from 'vitest';
import {
  checkDirectoryEvent,
  checkVoidDirectoryEvent,
  type DirectoryFirmState,
  directoryEventCreateSchema,
  EXIT_REASON_LABELS,
  EXIT_REASONS,
  scaleHistoryReason,
} from './directory.js';

const TODAY = '2024-11-20';
const below: DirectoryFirmState = {
  scaleStatus: 'below',
  legalForm: 'enterprise',
  productionStartedOn: '2015-03-01',
};
const above: DirectoryFirmState = { ...below, scaleStatus: 'above' };
const newPlant: DirectoryFirmState = { ...below, productionStartedOn: '2023-10-01' };
const individual: DirectoryFirmState = { ...below, legalForm: 'individual' };

const annual = {
  type: 'entry' as const,
  mode: 'annual' as const,
  approvalDate: '2024-01-15',
  effectivePeriod: '2024-01',
};
const monthly = {
  type: 'entry' as const,
  mode: 'monthly' as const,
  approvalDate: '2024-05-20',
  effectivePeriod: '2024-06',
};
const exit = { type: 'exit' as const, mode: null, approvalDate: '2024-01-10', effectivePeriod: '2024-01' };

describe('checkDirectoryEvent', () => {
  const cases: [string, DirectoryFirmState, Parameters<typeof checkDirectoryEvent>[1], RegExp | null][] = [
    ['annual entry of a below-scale firm', below, annual, null],
    ['entry of a firm already above scale', above, annual, /已是规上企业/],
    ['entry of an individual business', individual, annual, /个体工商户/],
    ['monthly entry of a firm producing since 1 October of the prior year', newPlant, monthly, null],
    ['monthly entry of an old firm', below, monthly, /月度入库仅限2023年10月1日以后/],
    [
      'monthly entry without a production date',
      { ...below, productionStartedOn: null },
      monthly,
      /未登记投产日期/,
    ],
    ['monthly entry one day too early', { ...below, productionStartedOn: '2023-09-30' }, monthly, /月度入库/],
    ['exit of an above-scale firm', above, exit, null],
    ['exit of a below-scale firm (a second exit)', below, exit, /规下企业.*不能退库/],
    ['approval in the future', below, { ...annual, approvalDate: '2024-11-21' }, /晚于今天/],
    ['approval today', below, { ...annual, approvalDate: TODAY }, null],
  ];
  for (const [name, firm, event, expected] of cases) {
    it(name, () => {
      const problems = checkDirectoryEvent(firm, event, TODAY);
      if (expected === null) expect(problems).toEqual([]);
      else expect(problems.map((p) => p.message).join('；')).toMatch(expected);
    });
  }

  it('classes contradictions as conflicts and a future date as invalid', () => {
    expect(checkDirectoryEvent(above, annual, TODAY)[0]?.kind).toBe('conflict');
    expect(checkDirectoryEvent(below, { ...annual, approvalDate: '2025-01-01' }, TODAY)[0]?.kind).toBe(
      'invalid',
    );
  });
});

describe('directoryEventCreateSchema', () => {
  const base = { enterpriseId: 1, approvalDate: '2024-01-15', effectivePeriod: '2024-01' };
  const cases: [string, Record<string, unknown>, string | null][] = [
    ['entry with mode', { ...base, type: 'entry', mode: 'annual', batch: '2023年12月批' }, null],
    ['entry without mode', { ...base, type: 'entry' }, 'mode'],
    [
      'entry with an exit reason',
      { ...base, type: 'entry', mode: 'annual', exitReason: 'stopped' },
      'exitReason',
    ],
    ['exit with reason', { ...base, type: 'exit', exitReason: 'stopped' }, null],
    ['exit without reason', { ...base, type: 'exit' }, 'exitReason'],
    ['exit "other" without a note', { ...base, type: 'exit', exitReason: 'other' }, 'note'],
    [
      'exit "other" with a note',
      { ...base, type: 'exit', exitReason: 'other', note: '被吊销营业执照' },
      null,
    ],
    [
      'bad date',
      { ...base, type: 'exit', exitReason: 'stopped', approvalDate: '2024-02-30' },
      'approvalDate',
    ],
    [
      'bad period',
      { ...base, type: 'exit', exitReason: 'stopped', effectivePeriod: '2024-13' },
      'effectivePeriod',
    ],
  ];
  for (const [name, input, path] of cases) {
    it(name, () => {
      const r = directoryEventCreateSchema.safeParse(input);
      if (path === null) expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      else expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
    });
  }
});

describe('voiding and labels', () => {
  it('voids only the latest valid event, once', () => {
    expect(checkVoidDirectoryEvent({ id: 3, voidedAt: null }, 3)).toEqual([]);
    expect(checkVoidDirectoryEvent({ id: 2, voidedAt: null }, 3)[0]?.message).toMatch(/先作废较晚/);
    expect(checkVoidDirectoryEvent({ id: 3, voidedAt: '2024-01-01' }, 3)[0]?.message).toMatch(/已作废/);
  });
  it('labels every exit reason and writes history reasons', () => {
    for (const r of EXIT_REASONS) expect(EXIT_REASON_LABELS[r]).toBeTruthy();
    expect(EXIT_REASON_LABELS.below_threshold).toBe('营业收入低于标准');
    expect(scaleHistoryReason({ type: 'entry', mode: 'monthly', batch: '2024年5月批' })).toBe(
      '月度入库（2024年5月批）',
    );
    expect(scaleHistoryReason({ type: 'exit', exitReason: 'deregistered' })).toBe('退库：注销');
  });
});

describe('events follow each other in time', () => {
  const firm = { scaleStatus: 'above', legalForm: 'enterprise', productionStartedOn: '2015-01-01' };
  const exit = { type: 'exit' as const, approvalDate: '2025-01-15', effectivePeriod: '2025-01' };
  it('refuses an event approved or effective before the firm’s last one', () => {
    const last = { approvalDate: '2025-02-01', effectivePeriod: '2025-03' };
    expect(checkDirectoryEvent({ ...firm, lastEvent: last }, exit, '2026-11-20').map((p) => p.path)).toEqual([
      'effectivePeriod',
    ]);
    const later = { ...exit, approvalDate: '2025-02-01', effectivePeriod: '2025-02' };
    expect(checkDirectoryEvent({ ...firm, lastEvent: last }, later, '2026-11-20')).toHaveLength(1);
  });
  it('accepts one on or after it', () => {
    const last = { approvalDate: '2025-01-15', effectivePeriod: '2025-01' };
    expect(checkDirectoryEvent({ ...firm, lastEvent: last }, exit, '2026-11-20')).toEqual([]);
    expect(checkDirectoryEvent({ ...firm, lastEvent: null }, exit, '2026-11-20')).toEqual([]);
  });
});
