// The units that organise training and publicity: the county's townships, zone, departments, the centre and
// the bureaus (units are not secret inside a county), from the org slice's unit list.
import type { UnitKind } from '@shenggui/domain';
import { useMemo } from 'react';
import { useUnits } from '../org/org-api';

const ORGANISER_KINDS: readonly UnitKind[] = ['centre', 'township', 'zone', 'department', 'bureau', 'county'];
const ORDER: Record<string, number> = {
  centre: 0,
  department: 1,
  zone: 2,
  bureau: 3,
  township: 4,
  county: 5,
};

export function useOrganiserOptions() {
  const units = useUnits();
  const options = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => ORGANISER_KINDS.includes(u.kind))
        .sort((a, b) => (ORDER[a.kind] ?? 9) - (ORDER[b.kind] ?? 9) || a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  return { options, isLoading: units.isLoading };
}
