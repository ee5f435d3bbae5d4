// 审计日志 calls (docs/api.md §Audit): search, export, verify the HMAC chain.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { AuditItem, AuditVerifyResult, Paged } from '../../api/types';

export function useAuditList(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.audit.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<AuditItem>>('/audit', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** A signed checkpoint of the trail, to keep offline (`shenggui audit verify --checkpoint FILE`). */
export function downloadAuditCheckpoint() {
  return apiDownload('/audit/checkpoint', undefined, 'audit-checkpoint.json');
}

export function downloadAuditExport(query: URLSearchParams) {
  return apiDownload('/audit/export', query, '审计记录.xlsx');
}

/** A walk over the whole chain: run on request, not on page load. */
export function useAuditVerify() {
  return useMutation({
    mutationFn: () => apiRequest<AuditVerifyResult>('/audit/verify'),
  });
}
