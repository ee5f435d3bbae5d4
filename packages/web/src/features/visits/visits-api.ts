// 走访 and 包联 over HTTP (GET/POST /visits, void, files, a firm's visits and recent visits; GET /leads,
// a firm's lead, the centre's assignments) and the two lists' URL state.
import {
  type EnterpriseLead,
  type LeadAssign,
  type LeadAssignSuggestedResult,
  type LeadPage,
  LIBRARIES,
  leadFilterQuery,
  type Paged,
  pageQuery,
  type RecentVisits,
  VISIT_PURPOSES,
  type VisitCreate,
  type VisitDetail,
  type VisitFile,
  type VisitView,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiDownload, apiRequest, apiUpload } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { dateFilter, defineListQuery, idFilter, textFilter, yearFilter } from '../../components/list-kit';

/** /service/visits under the API's own names (GET /visits). */
export const visitListQuery = defineListQuery({
  schema: pageQuery.extend({
    from: dateFilter,
    to: dateFilter,
    year: yearFilter,
    purpose: z.enum(VISIT_PURPOSES).optional(),
    unitId: idFilter,
    official: textFilter(20).optional(),
    q: textFilter(50).optional(),
    enterpriseId: idFilter,
  }),
});

/** /service/leads under the API's own names (GET /leads); the year only says which year is shown. */
export const leadListQuery = defineListQuery({
  schema: pageQuery.extend({
    year: yearFilter,
    library: z.enum(LIBRARIES).optional(),
    hasLead: leadFilterQuery.shape.hasLead,
    leadUnitId: idFilter,
    townshipId: idFilter,
    supervisingUnitId: idFilter,
    q: textFilter(50).optional(),
  }),
  uncounted: ['year'],
});

export function useVisits(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.visits.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<VisitView>>('/visits', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVisit(id: number) {
  return useQuery({
    queryKey: queryKeys.visits.detail(id),
    queryFn: ({ signal }) => apiRequest<VisitDetail>(`/visits/${id}`, { signal }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

export function useEnterpriseVisits(enterpriseId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.visits.ofEnterprise(enterpriseId),
    queryFn: ({ signal }) =>
      apiRequest<{ items: VisitView[] }>(`/enterprises/${enterpriseId}/visits`, { signal }).then(
        (r) => r.items,
      ),
    enabled: enabled && enterpriseId > 0,
  });
}

/** The firm's visits by any unit in the 30 days before `on` (the form shows them before saving). */
export function useRecentVisits(enterpriseId: number | undefined, on: string | undefined) {
  return useQuery({
    queryKey: queryKeys.visits.recent(enterpriseId ?? 0, on ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<RecentVisits>(`/enterprises/${enterpriseId}/recent-visits`, { query: { on }, signal }),
    enabled: !!enterpriseId && !!on,
  });
}

function useInvalidateVisits() {
  const queryClient = useQueryClient();
  return (enterpriseId?: number) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.visits.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.todo.all });
    if (enterpriseId) void queryClient.invalidateQueries({ queryKey: ['requests'] });
  };
}

export function useRecordVisit() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: VisitCreate) => apiRequest<VisitDetail>('/visits', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: (v) => invalidate(v.enterpriseId),
  });
}

export function useVoidVisit() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      apiRequest<VisitDetail>(`/visits/${id}/void`, { method: 'POST', body: { reason } }),
    onSuccess: () => invalidate(),
  });
}

export function useUploadVisitFile(visitId: number) {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (file: File) =>
      apiUpload<VisitFile>(`/visits/${visitId}/files`, file, { query: { fileName: file.name } }),
    meta: { handlesErrors: true },
    onSuccess: () => invalidate(),
  });
}

export function downloadVisitFile(visitId: number, file: Pick<VisitFile, 'id' | 'fileName'>) {
  return apiDownload(`/visits/${visitId}/files/${file.id}`, undefined, file.fileName);
}

export function downloadVisitExport(query: URLSearchParams) {
  return apiDownload('/visits/export', query, '走访记录.xlsx');
}

export function useLeads(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.leads.list(qs),
    queryFn: ({ signal }) => apiRequest<LeadPage>('/leads', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEnterpriseLead(enterpriseId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.leads.ofEnterprise(enterpriseId),
    queryFn: ({ signal }) => apiRequest<EnterpriseLead>(`/enterprises/${enterpriseId}/lead`, { signal }),
    enabled: enabled && enterpriseId > 0,
  });
}

function useInvalidateLeads() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.todo.all });
  };
}

export function useAssignLead() {
  const invalidate = useInvalidateLeads();
  return useMutation({
    mutationFn: ({ enterpriseId, body }: { enterpriseId: number; body: LeadAssign }) =>
      apiRequest<EnterpriseLead>(`/enterprises/${enterpriseId}/lead`, { method: 'PUT', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useAssignSuggestedLeads() {
  const invalidate = useInvalidateLeads();
  return useMutation({
    mutationFn: (enterpriseIds: number[]) =>
      apiRequest<LeadAssignSuggestedResult>('/leads/assign-suggested', {
        method: 'POST',
        body: { enterpriseIds },
      }),
    onSuccess: invalidate,
  });
}

export function downloadLeadExport(query: URLSearchParams) {
  return apiDownload('/leads/export', query, '企业包联.xlsx');
}
