// TanStack Query hooks of the progress slice (GET /progress, /progress/:year/cumulative,
// /progress/:year/enterprises, /progress/:year/deciding when the forecast provides it).
import type { DecidingFirmList, ProgressReport } from '@shenggui/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ProgressCumulative, ProgressFirmList } from '../../api/types';

export function useProgressReport(year: number, asOf: string | null) {
  return useQuery({
    queryKey: queryKeys.progress.report(year, asOf ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<ProgressReport>('/progress', { query: { year, asOf: asOf ?? undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProgressCumulative(year: number, asOf: string | null) {
  return useQuery({
    queryKey: queryKeys.progress.cumulative(year, asOf ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<ProgressCumulative>(`/progress/${year}/cumulative`, {
        query: { asOf: asOf ?? undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export interface DrillDown {
  kind: 'entered' | 'exited';
  dimension?: 'territorial' | 'supervising';
  unitId?: number;
  /** What the drawer's title names: the county or the unit. */
  unitName: string;
}

export function useProgressFirms(year: number, asOf: string | null, drill: DrillDown | null) {
  const query = {
    asOf: asOf ?? undefined,
    kind: drill?.kind,
    dimension: drill?.dimension,
    unitId: drill?.unitId,
  };
  return useQuery({
    queryKey: queryKeys.progress.firms(JSON.stringify({ year, ...query })),
    queryFn: ({ signal }) => apiRequest<ProgressFirmList>(`/progress/${year}/enterprises`, { query, signal }),
    enabled: drill !== null,
  });
}

/** The firms that decide a unit's target (forecast; quiet — the drawer works without it). */
export function useDecidingFirms(
  year: number,
  asOf: string | null,
  unit: { dimension: 'territorial' | 'supervising'; unitId: number } | null,
) {
  const query = { asOf: asOf ?? undefined, dimension: unit?.dimension, unitId: unit?.unitId };
  return useQuery({
    queryKey: queryKeys.progress.deciding(JSON.stringify({ year, ...query })),
    queryFn: ({ signal }) =>
      apiRequest<DecidingFirmList>(`/progress/${year}/deciding`, { query, signal }).then((r) => r.items),
    enabled: unit !== null,
    retry: false,
    meta: { quiet: true },
  });
}

/** GET /progress/export: both ranking tables (属地, 行业主管) as two sheets, for the board's year and date. */
export function downloadProgressExport(year: number, asOf: string | null) {
  return apiDownload('/progress/export', { year, asOf: asOf ?? undefined }, `净增进度-${year}年.xlsx`);
}
