// Tests' shorthand for figures: one first-version fact per consecutive month, in yuan.
import { addMonths } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { insertFact } from './revenue.repository.js';

export async function insertMonthlyFigures(
  db: Executor,
  at: Date,
  enterpriseId: number,
  from: string,
  values: readonly number[],
  source = 'tax',
): Promise<void> {
  for (const [i, v] of values.entries()) {
    await insertFact(db, {
      enterpriseId,
      period: addMonths(from, i),
      source,
      value: v.toFixed(2),
      version: 1,
      reason: null,
      importBatchId: null,
      recordedBy: null,
      recordedAt: at,
    });
  }
}
