// The allocation editor's arithmetic, pure and tested: sums, the over/under state against the
// city target, the changes listed in the confirmation, and the PUT body.

export type TargetDimension = 'territorial' | 'supervising';

export interface EditableUnit {
  unitId: number;
  name: string;
  target: number | null;
}

export interface AllocationDraft {
  cityTarget: number | null;
  territorial: EditableUnit[];
  supervising: EditableUnit[];
}

export function sumOf(rows: readonly EditableUnit[]): number {
  return rows.reduce((s, r) => s + (r.target ?? 0), 0);
}

export type AllocationState =
  | { kind: 'over'; by: number }
  | { kind: 'under'; by: number }
  | { kind: 'equal' }
  | { kind: 'unknown' };

export function allocationState(sum: number, cityTarget: number | null): AllocationState {
  if (cityTarget === null) return { kind: 'unknown' };
  if (sum > cityTarget) return { kind: 'over', by: sum - cityTarget };
  if (sum < cityTarget) return { kind: 'under', by: cityTarget - sum };
  return { kind: 'equal' };
}

export interface TargetChange {
  /** 'city' for the city target, else the dimension. */
  scope: 'city' | TargetDimension;
  unitId: number | null;
  name: string;
  from: number | null;
  to: number | null;
}

/** What the save would change, city target first, then each dimension in the table's order. */
export function allocationChanges(before: AllocationDraft, after: AllocationDraft): TargetChange[] {
  const changes: TargetChange[] = [];
  if (before.cityTarget !== after.cityTarget)
    changes.push({ scope: 'city', unitId: null, name: '', from: before.cityTarget, to: after.cityTarget });
  for (const dim of ['territorial', 'supervising'] as const) {
    const old = new Map(before[dim].map((r) => [r.unitId, r.target]));
    for (const r of after[dim]) {
      const from = old.get(r.unitId) ?? null;
      if (from !== r.target) changes.push({ scope: dim, unitId: r.unitId, name: r.name, from, to: r.target });
    }
  }
  return changes;
}

/** The PUT /targets/:year body: units without a target are left out. */
export function allocationBody(draft: AllocationDraft) {
  const rows = (list: readonly EditableUnit[]) =>
    list.filter((r) => r.target !== null).map((r) => ({ unitId: r.unitId, target: r.target as number }));
  return {
    cityTarget: draft.cityTarget ?? 0,
    territorial: rows(draft.territorial),
    supervising: rows(draft.supervising),
  };
}
