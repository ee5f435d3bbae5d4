import { describe, expect, it } from 'vitest';
import type { DirectoryEvent } from '../../api/types';
import { latestValidEvent, precheckDirectoryEvent } from './directory-precheck';

const event = (id: number, over: Partial<DirectoryEvent>): DirectoryEvent =>
  ({
    id,
    type: 'entry',
    approvalDate: '2025-03-10',
    effectivePeriod: '2025-04',
    voided: false,
    ...over,
  }) as DirectoryEvent;
const firm = {
  scaleStatus: 'below' as const,
  legalForm: 'enterprise' as const,
  productionStartedOn: '2019-05-01',
};
const entry = {
  type: 'entry' as const,
  mode: 'annual' as const,
  approvalDate: '2026-11-20',
  effectivePeriod: '2026-12',
};

describe('the directory rule before the confirmation', () => {
  it('passes an entry the server would accept', () => {
    expect(precheckDirectoryEvent(firm, [], entry, '2026-11-20')).toEqual([]);
  });

  it('refuses on the field the server names: an exit of a 规下 firm, an individual business, a future date', () => {
    const exit = { ...entry, type: 'exit' as const, mode: null };
    expect(precheckDirectoryEvent(firm, [], exit, '2026-11-20').map((p) => p.path)).toEqual(['enterpriseId']);
    const individual = { ...firm, legalForm: 'individual' as const };
    expect(precheckDirectoryEvent(individual, [], entry, '2026-11-20')[0]?.message).toMatch(/个体工商户/);
    expect(precheckDirectoryEvent(firm, [], entry, '2026-11-19').map((p) => p.path)).toEqual([
      'approvalDate',
    ]);
  });

  it('refuses a record earlier than the latest valid one, ignoring voided records', () => {
    const events = [
      event(1, { type: 'exit', approvalDate: '2026-12-01', effectivePeriod: '2027-01', voided: true }),
      event(2, { type: 'exit', approvalDate: '2026-11-25', effectivePeriod: '2026-12' }),
      event(3, { approvalDate: '2024-02-01', effectivePeriod: '2024-03' }),
    ];
    expect(latestValidEvent(events)?.id).toBe(2);
    const problems = precheckDirectoryEvent(firm, events, entry, '2026-11-30');
    expect(problems.map((p) => p.path)).toEqual(['effectivePeriod']);
  });
});
