// Where a number of the service report leads: the lists behind it, with the filters in the URL.
import type { CoverageLibrary } from '@shenggui/domain';

/** A share 0–1 as a percentage with one decimal; "—" when there is nothing to share. */
export function formatShare(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

export function overviewLinks(year: number, asOf: string) {
  const from = `${year}-01-01`;
  return {
    visits: (unitId: number) => `/service/visits?unitId=${unitId}&from=${from}&to=${asOf}`,
    requests: (unitId: number, only: 'open' | 'red' | null) =>
      `/service/requests?ownerUnitId=${unitId}${only === 'red' ? '&light=red' : only === 'open' ? '&state=submitted,pending,inProgress,returned' : `&year=${year}`}`,
    unreached: (unitId: number, library: CoverageLibrary) =>
      `/service/coverage/unreached?year=${year}&library=${library}&unitId=${unitId}`,
  };
}
