import type { UnitKind } from '@shenggui/domain';
import { useMemo } from 'react';
import type { Unit } from '../../api/types';
import type { Lang } from '../../app/dictionary';
import { unitKindLabel } from '../../app/labels';
import { useUnits } from '../org/org-api';

/** The order units are listed in: the county first, then its parts as the county office thinks of them. */
export const UNIT_KIND_ORDER: readonly UnitKind[] = [
  'province',
  'city',
  'county',
  'centre',
  'township',
  'zone',
  'department',
  'bureau',
];

export interface GroupedUnitOptions {
  label: string;
  title: string;
  options: Array<{ value: number; label: string; kind: UnitKind }>;
}

export function groupUnits(units: readonly Unit[], lang: Lang): GroupedUnitOptions[] {
  return UNIT_KIND_ORDER.flatMap((kind) => {
    const list = units.filter((u) => u.kind === kind).sort((a, b) => a.code.localeCompare(b.code));
    if (list.length === 0) return [];
    const label = unitKindLabel(lang, kind);
    return [
      { label, title: label, options: list.map((u) => ({ value: u.id, label: u.name, kind: u.kind })) },
    ];
  });
}

/** Units of the caller's tree, grouped by kind for a Select, and a lookup by id. */
export function useGroupedUnits(lang: Lang, enabled = true) {
  const query = useUnits(enabled);
  const grouped = useMemo(() => groupUnits(query.data ?? [], lang), [query.data, lang]);
  const byId = useMemo(() => new Map((query.data ?? []).map((u) => [u.id, u])), [query.data]);
  return { grouped, byId, units: query.data ?? [], isLoading: query.isLoading };
}
