import { describe, expect, it } from 'vitest';
import { currentFact, factsOfYear, sortRevenueFacts, type VersionedFact } from './revenue-facts';

const f = (
  period: string,
  source: VersionedFact['source'],
  version: number,
  isCurrent: boolean,
): VersionedFact => ({
  period,
  source,
  value: '1.00',
  version,
  isCurrent,
});

const facts = [
  f('2024-10', 'tax', 1, true),
  f('2024-11', 'statistics', 1, true),
  f('2024-11', 'tax', 1, false),
  f('2024-11', 'tax', 2, true),
  f('2023-12', 'electricity', 1, true),
];

describe('sortRevenueFacts', () => {
  it('orders by period desc, source, version desc', () => {
    expect(sortRevenueFacts(facts).map((x) => `${x.period}/${x.source}/v${x.version}`)).toEqual([
      '2024-11/tax/v2',
      '2024-11/tax/v1',
      '2024-11/statistics/v1',
      '2024-10/tax/v1',
      '2023-12/electricity/v1',
    ]);
  });
});

describe('factsOfYear', () => {
  it('keeps one year', () => {
    expect(factsOfYear(facts, 2023)).toHaveLength(1);
  });
});

describe('currentFact', () => {
  it('finds the current version a new entry would correct', () => {
    expect(currentFact(facts, '2024-11', 'tax')?.version).toBe(2);
    expect(currentFact(facts, '2024-12', 'tax')).toBeNull();
    expect(currentFact(facts, '2024-11', undefined)).toBeNull();
  });
});
