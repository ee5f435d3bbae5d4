// Targets (目标任务, docs/domain.md §3): the city's target for the county is the floor; the county allocates
// to its units in two dimensions, and may allocate more than the floor on purpose (the seed splits 10
// against 8). A sum below the floor is a warning; a sum above it is shown as information.
import { z } from 'zod';

export const ALLOCATION_DIMENSIONS = ['territorial', 'supervising'] as const;
export type AllocationDimension = (typeof ALLOCATION_DIMENSIONS)[number];
export const ALLOCATION_DIMENSION_LABELS: Record<AllocationDimension, string> = {
  territorial: '属地分解',
  supervising: '行业主管分解',
};

const targetNumber = z.coerce
  .number({ error: '目标应为不小于0的整数' })
  .int('目标应为整数')
  .min(0, '目标不能为负数')
  .max(100_000, '目标过大');

const allocationRows = z.array(
  z.object({ unitId: z.coerce.number().int().positive(), target: targetNumber }),
  { error: '请填写分解目标' },
);

/** The whole allocation of a year, as the PUT sends it. A unit left out has no target that year. */
export const targetAllocationSchema = z
  .object({
    cityTarget: targetNumber,
    territorial: allocationRows,
    supervising: allocationRows,
  })
  .superRefine((v, ctx) => {
    for (const dim of ALLOCATION_DIMENSIONS) {
      const seen = new Set<number>();
      v[dim].forEach((r, i) => {
        if (seen.has(r.unitId))
          ctx.addIssue({ code: 'custom', path: [dim, i, 'unitId'], message: '同一单位重复填写' });
        seen.add(r.unitId);
      });
    }
  });
export type TargetAllocation = z.output<typeof targetAllocationSchema>;

export function sumTargets(rows: ReadonlyArray<{ target: number | null }>): number {
  return rows.reduce((s, r) => s + (r.target ?? 0), 0);
}

/** The Chinese lines shown above the allocation: below the floor (warning) or above it (information). */
export function checkAllocation(input: {
  cityTarget: number | null;
  territorialSum: number;
  supervisingSum: number;
}): string[] {
  const lines: string[] = [];
  if (input.cityTarget === null) return ['尚未填写市下达目标'];
  for (const dim of ALLOCATION_DIMENSIONS) {
    const sum = dim === 'territorial' ? input.territorialSum : input.supervisingSum;
    const label = ALLOCATION_DIMENSION_LABELS[dim];
    if (sum < input.cityTarget)
      lines.push(`${label}合计${sum}户，低于市下达目标${input.cityTarget}户，差${input.cityTarget - sum}户`);
    else if (sum > input.cityTarget)
      lines.push(`${label}合计${sum}户，超出市下达目标${sum - input.cityTarget}户`);
  }
  return lines;
}
