// 入库/退库 (GET/POST /directory-events, void, export, a firm's records).
import type { DirectoryEventCreate, DirectoryEventList } from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { DirectoryEvent, EnterpriseList, Paged } from '../../api/types';

export function useDirectoryEvents(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.directory.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<DirectoryEvent>>('/directory-events', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEnterpriseDirectoryEvents(enterpriseId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.directory.ofEnterprise(enterpriseId),
    queryFn: ({ signal }) =>
      apiRequest<DirectoryEventList>(`/enterprises/${enterpriseId}/directory-events`, {
        signal,
      }).then((r) => r.items),
    enabled: enabled && enterpriseId > 0,
  });
}

function useInvalidateAfterWrite() {
  const queryClient = useQueryClient();
  return (e: DirectoryEvent) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.directory.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.progress.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.detail(e.enterpriseId) });
    void queryClient.invalidateQueries({
      queryKey: queryKeys.enterprises.all,
      predicate: (q) => q.queryKey[1] === 'list' || q.queryKey[1] === 'count',
    });
  };
}

export function useRecordDirectoryEvent() {
  const invalidate = useInvalidateAfterWrite();
  return useMutation({
    mutationFn: (body: DirectoryEventCreate) =>
      apiRequest<DirectoryEvent>('/directory-events', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useVoidDirectoryEvent() {
  const invalidate = useInvalidateAfterWrite();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      apiRequest<DirectoryEvent>(`/directory-events/${id}/void`, { method: 'POST', body: { reason } }),
    onSuccess: invalidate,
  });
}

export function searchEnterprises(q: string, signal?: AbortSignal) {
  return apiRequest<EnterpriseList>('/enterprises', { query: { q, page: 1, pageSize: 20 }, signal }).then(
    (r) => r.items,
  );
}

export function downloadDirectoryExport(query: URLSearchParams) {
  return apiDownload('/directory-events/export', query, '入库退库记录.xlsx');
}
