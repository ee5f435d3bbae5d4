import { SUPERVISING_KINDS, type UnitKind, type UnitList } from '@shenggui/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Unit } from '../../api/types';

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: queryKeys.units,
    queryFn: () => apiRequest<UnitList>('/org/units').then((r) => r.items),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export interface UnitOption {
  value: number;
  label: string;
}

const byName = (a: Unit, b: Unit) => a.code.localeCompare(b.code);

function optionsOf(units: Unit[] | undefined, kinds: readonly UnitKind[]): UnitOption[] {
  return (units ?? [])
    .filter((u) => kinds.includes(u.kind))
    .sort(byName)
    .map((u) => ({ value: u.id, label: u.name }));
}

/** 所属乡镇 and 行业主管 choices from the caller's unit tree. */
export function useUnitOptions(enabled = true) {
  const query = useUnits(enabled);
  const townships = useMemo(() => optionsOf(query.data, ['township']), [query.data]);
  const supervising = useMemo(() => optionsOf(query.data, SUPERVISING_KINDS), [query.data]);
  return { townships, supervising, isLoading: query.isLoading };
}
