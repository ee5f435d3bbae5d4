// TanStack Query hooks of the enterprise slice (docs/api.md §Enterprises).
import type {
  EnterpriseCreate,
  EnterpriseUpdate,
  RevenueFactCreate,
  RevenueFactCreated,
  RevenueFactList,
  ScaleChange,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { EnterpriseDetail, EnterpriseList, SupervisingSuggestion } from '../../api/types';

export function useEnterpriseList(query: URLSearchParams, enabled = true) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.enterprises.list(qs),
    queryFn: ({ signal }) => apiRequest<EnterpriseList>('/enterprises', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How many firms match a filter: one row asked for, the total read. */
export function useEnterpriseCount(filter: Record<string, string>, enabled = true) {
  const query = new URLSearchParams({ ...filter, page: '1', pageSize: '1' });
  return useQuery({
    queryKey: queryKeys.enterprises.count(query.toString()),
    queryFn: ({ signal }) =>
      apiRequest<EnterpriseList>('/enterprises', { query, signal }).then((r) => ({
        total: r.total,
        revenueYear: r.revenueYear,
      })),
    enabled,
  });
}

export function useEnterprise(id: number) {
  return useQuery({
    queryKey: queryKeys.enterprises.detail(id),
    queryFn: ({ signal }) => apiRequest<EnterpriseDetail>(`/enterprises/${id}`, { signal }),
    enabled: Number.isSafeInteger(id) && id > 0,
    // A firm outside the caller's scope answers 404: the page shows that itself.
    meta: { quiet: true },
  });
}

/** Every version of every figure of the firm (all years; the page picks the year). */
export function useEnterpriseRevenue(id: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.enterprises.revenue(id),
    queryFn: ({ signal }) =>
      apiRequest<RevenueFactList>(`/enterprises/${id}/revenue`, { signal }).then((r) => r.items),
    enabled: enabled && Number.isSafeInteger(id) && id > 0,
  });
}

export function fetchSupervisingSuggestion(industryCode: string, townshipId: number, inZone = false) {
  return apiRequest<SupervisingSuggestion>('/enterprises/supervising-suggestion', {
    query: { industryCode, townshipId, inZone: inZone ? 'true' : undefined },
  });
}

/** 变更规模状态: writes the scale history (and the audit trail) and answers the new detail. */
export function useChangeScale(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScaleChange) =>
      apiRequest<EnterpriseDetail>(`/enterprises/${id}/scale`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.enterprises.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.detail(id) });
      void queryClient.invalidateQueries({
        queryKey: queryKeys.enterprises.all,
        predicate: (q) => q.queryKey[1] === 'list' || q.queryKey[1] === 'count',
      });
    },
  });
}

export function useSaveEnterprise(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EnterpriseCreate | EnterpriseUpdate) =>
      id === null
        ? apiRequest<EnterpriseDetail>('/enterprises', { method: 'POST', body })
        : apiRequest<EnterpriseDetail>(`/enterprises/${id}`, { method: 'PUT', body }),
    meta: { handlesErrors: true },
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.enterprises.detail(detail.id), detail);
      void queryClient.invalidateQueries({
        queryKey: queryKeys.enterprises.all,
        predicate: (q) => q.queryKey[1] === 'list' || q.queryKey[1] === 'count',
      });
    },
  });
}

export function useRecordRevenue(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RevenueFactCreate) =>
      apiRequest<RevenueFactCreated>(`/enterprises/${id}/revenue`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.revenue(id) });
      // The list shows the revenue of record; the firm's scale status may be recomputed by the server.
      void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.detail(id) });
      void queryClient.invalidateQueries({
        queryKey: queryKeys.enterprises.all,
        predicate: (q) => q.queryKey[1] === 'list' || q.queryKey[1] === 'count',
      });
    },
  });
}

export function downloadEnterpriseExport(query: URLSearchParams) {
  return apiDownload('/enterprises/export', query, '企业库.xlsx');
}
