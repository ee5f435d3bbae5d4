// The demo's directory events (入库 / 退库), derived from the scale histories the demo population already
// carries ('年度入库' / '月度入库' / '退库：…'), with plausible batches and approval dates (docs/domain.md §5):
// - annual entries effective January Y: declared in the November or December batch of Y−1 and approved
//   within it, or in a January batch of Y using full-year data;
// - monthly entries: materials due around the 20th, approved about the 20th of the month before the
//   effective period;
// - exits effective January Y: approved in January Y.
// Deterministic (a hash of the credit code picks the batch), so screenshots and e2e stay stable.
import { createHash } from 'node:crypto';
import { addMonths, splitPeriod } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { DemoEnterprise } from '../demo/demo-population.js';
import { DEMO_SCALE_REASONS } from '../demo/demo-roles.js';
import { insertDirectoryEventsBulk } from '../directory/directory.repository.js';

export interface DemoDirectoryEvent {
  /** Index of the firm in the population. */
  index: number;
  type: 'entry' | 'exit';
  mode: 'monthly' | 'annual' | null;
  batch: string | null;
  approvalDate: string;
  effectivePeriod: string;
  exitReason: 'below_threshold' | null;
}

function pick(creditCode: string, salt: string, n: number): number {
  return createHash('sha256').update(`${salt}:${creditCode}`).digest().readUInt32BE(0) % n;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The events of the whole population, in the order of each firm's history. Pure. */
export function demoDirectoryEvents(population: readonly DemoEnterprise[]): DemoDirectoryEvent[] {
  const out: DemoDirectoryEvent[] = [];
  population.forEach((p, index) => {
    for (const h of p.scaleHistory) {
      const { year, month } = splitPeriod(h.effectivePeriod);
      if (h.reason === DEMO_SCALE_REASONS.annualEntry) {
        const choice = pick(p.creditCode, 'annual', 5); // 2 in 5 November, 2 in 5 December, 1 in 5 January
        const day = 10 + pick(p.creditCode, 'day', 16);
        const [batch, approvalDate] =
          choice < 2
            ? [`${year - 1}年11月批`, `${year - 1}-11-${pad(day)}`]
            : choice < 4
              ? [`${year - 1}年12月批`, `${year - 1}-12-${pad(day)}`]
              : [`${year}年1月批`, `${year}-01-${pad(day)}`];
        out.push({
          index,
          type: 'entry',
          mode: 'annual',
          batch,
          approvalDate,
          effectivePeriod: h.effectivePeriod,
          exitReason: null,
        });
      } else if (h.reason === DEMO_SCALE_REASONS.monthlyEntry) {
        const declared = addMonths(h.effectivePeriod, -1);
        const d = splitPeriod(declared);
        out.push({
          index,
          type: 'entry',
          mode: 'monthly',
          batch: `${d.year}年${d.month}月批`,
          approvalDate: `${declared}-${pad(18 + pick(p.creditCode, 'monthly', 5))}`,
          effectivePeriod: h.effectivePeriod,
          exitReason: null,
        });
      } else if (h.reason === DEMO_SCALE_REASONS.exit) {
        out.push({
          index,
          type: 'exit',
          mode: null,
          batch: null,
          approvalDate: `${year}-${pad(month)}-${pad(8 + pick(p.creditCode, 'exit', 15))}`,
          effectivePeriod: h.effectivePeriod,
          exitReason: 'below_threshold',
        });
      }
    }
  });
  return out;
}

/**
 * Inserts the demo's directory events in bulk (inside the demo's set-up transaction), as facts of the
 * demo import batch; one audit record for the lot. Returns how many were written.
 */
export async function insertDemoDirectoryEvents(
  tx: Executor,
  ctx: RequestContext,
  input: {
    enterpriseIds: readonly number[];
    population: readonly DemoEnterprise[];
    importBatchId: number;
    /** Who recorded them: the demo statistics bureau's user (the bureau records entries and exits). */
    recordedBy: number | null;
  },
): Promise<number> {
  const events = demoDirectoryEvents(input.population);
  await insertDirectoryEventsBulk(
    tx,
    events.map((e) => ({
      enterpriseId: input.enterpriseIds[e.index]!,
      type: e.type,
      mode: e.mode,
      batch: e.batch,
      approvalDate: e.approvalDate,
      effectivePeriod: e.effectivePeriod,
      exitReason: e.exitReason,
      note: null,
      recordedBy: input.recordedBy,
      recordedAt: ctx.now,
      importBatchId: input.importBatchId,
    })),
  );
  await recordAudit(tx, ctx, {
    action: 'directory.import',
    entityType: 'import_batch',
    entityId: input.importBatchId,
    after: {
      kind: 'demo',
      entries: events.filter((e) => e.type === 'entry').length,
      exits: events.filter((e) => e.type === 'exit').length,
    },
  });
  return events.length;
}
