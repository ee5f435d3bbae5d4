// The batches 发起申报 offers for a year and mode, each with its deadline and, once the deadline has passed,
// the domain's reason it takes no new declaration (batchClosedReason, packages/domain/src/declaration.ts).
import {
  batchClosedReason,
  type DeclarationCalendar,
  type DeclarationMode,
  periodOf,
  resolveBatch,
} from '@shenggui/domain';

export interface BatchOption {
  key: string;
  name: string;
  deadline: string;
  /** Why the batch is not offered (Chinese, from the domain); null while it is open. */
  closedReason: string | null;
}

export function batchOptions(
  calendar: DeclarationCalendar,
  year: number,
  mode: DeclarationMode,
  today: string,
): BatchOption[] {
  const keys =
    mode === 'annual'
      ? calendar.batches.map((b) => b.key)
      : Array.from({ length: 12 }, (_, i) => periodOf(year, i + 1));
  return keys.flatMap((key) => {
    const b = resolveBatch(calendar, year, mode, key);
    return b
      ? [{ key: b.key, name: b.name, deadline: b.deadline, closedReason: batchClosedReason(b, today) }]
      : [];
  });
}
