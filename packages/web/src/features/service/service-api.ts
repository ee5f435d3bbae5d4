// Service work's shared answers: the settings (GET /service/settings: request categories with their
// deadlines, the help-plan time limit, whether the working-day calendar knows the year), the workload report
// and a firm's timeline.
import type { ServiceOfficials, ServiceReport, ServiceSettings, Timeline } from '@shenggui/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useServiceSettings() {
  return useQuery({
    queryKey: queryKeys.service.settings,
    queryFn: ({ signal }) => apiRequest<ServiceSettings>('/service/settings', { signal }),
    staleTime: 60_000,
  });
}

/** The categories a new request may take (retired ones stay on old requests only). */
export function useRequestCategoryOptions() {
  const settings = useServiceSettings();
  return (settings.data?.categories ?? [])
    .filter((c) => !c.retired)
    .map((c) => ({ value: c.code, label: c.label }));
}

/** GET /service/overview — per unit, totals, overdue requests, coverage. */
export function useServiceReport(year: number, asOf: string | null) {
  return useQuery({
    queryKey: queryKeys.service.overview(year, asOf),
    queryFn: ({ signal }) =>
      apiRequest<ServiceReport>('/service/overview', { query: { year, asOf: asOf ?? undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /service/overview/officials — per official. */
export function useServiceOfficials(year: number, asOf: string | null) {
  return useQuery({
    queryKey: queryKeys.service.officials(year, asOf),
    queryFn: ({ signal }) =>
      apiRequest<ServiceOfficials>('/service/overview/officials', {
        query: { year, asOf: asOf ?? undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function downloadServiceReport(year: number, asOf: string | null) {
  return apiDownload(
    '/service/overview/export',
    { year, asOf: asOf ?? undefined },
    `服务工作-${year}年.xlsx`,
  );
}

/** GET /enterprises/:id/timeline — the firm's service record, newest first. */
export function useFirmTimeline(enterpriseId: number, kinds: string[]) {
  const k = kinds.join(',');
  return useQuery({
    queryKey: queryKeys.service.timeline(enterpriseId, k),
    queryFn: ({ signal }) =>
      apiRequest<Timeline>(`/enterprises/${enterpriseId}/timeline`, {
        query: { kinds: k || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: enterpriseId > 0,
  });
}
