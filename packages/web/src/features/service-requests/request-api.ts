// 诉求 (GET/POST /requests, the steps, the export).
import type { Paged, RequestDetail, RequestItem, RequestRaise, RequestStepAction } from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useRequests(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.requests.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<RequestItem>>('/requests', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: number) {
  return useQuery({
    queryKey: queryKeys.requests.detail(id),
    queryFn: ({ signal }) => apiRequest<RequestDetail>(`/requests/${id}`, { signal }),
    enabled: id > 0,
  });
}

export function downloadRequestExport(query: URLSearchParams) {
  return apiDownload('/requests/export', query, '诉求清单.xlsx');
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (r: RequestDetail) => {
    queryClient.setQueryData(queryKeys.requests.detail(r.id), r);
    void queryClient.invalidateQueries({ queryKey: queryKeys.requests.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.todo.all });
  };
}

export function useRaiseRequest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: RequestRaise) => apiRequest<RequestDetail>('/requests', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

/** One step: the action's path and its body (route {ownerUnitId}, reply {note}, resolve {answer}, …). */
export function useRequestStep(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ action, body }: { action: RequestStepAction; body: Record<string, unknown> }) =>
      apiRequest<RequestDetail>(`/requests/${id}/${action}`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}
