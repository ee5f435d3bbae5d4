// 稳规 help plans (GET/POST/PUT /help-plans, reviews, close, export) and 督导 (GET/POST /supervisions, item
// closure, close, files, export). The pages' list queries are lib/help-filters.ts.
import type {
  HelpPlanCreate,
  HelpPlanDetail,
  HelpPlanPage,
  HelpPlanReviewCreate,
  HelpPlanUpdate,
  ServiceFile,
  SupervisionCreate,
  SupervisionDetail,
  SupervisionRow,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest, apiUpload } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Paged } from '../../api/types';

// ---------------------------------------------------------------- help plans

export function useHelpPlans(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.helpPlans.list(qs),
    queryFn: ({ signal }) => apiRequest<HelpPlanPage>('/help-plans', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHelpPlan(id: number) {
  return useQuery({
    queryKey: queryKeys.helpPlans.detail(id),
    queryFn: ({ signal }) => apiRequest<HelpPlanDetail>(`/help-plans/${id}`, { signal }),
    enabled: id > 0,
  });
}

function useHelpPlanWrite<V>(send: (v: V) => Promise<HelpPlanDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta: { handlesErrors: true },
    onSuccess: (d) => {
      client.setQueryData(queryKeys.helpPlans.detail(d.plan.id), d);
      void client.invalidateQueries({ queryKey: queryKeys.helpPlans.all });
      void client.invalidateQueries({ queryKey: queryKeys.todo.all });
    },
  });
}

export const useCreateHelpPlan = () =>
  useHelpPlanWrite((body: HelpPlanCreate) =>
    apiRequest<HelpPlanDetail>('/help-plans', { method: 'POST', body }),
  );
export const useUpdateHelpPlan = (id: number) =>
  useHelpPlanWrite((body: HelpPlanUpdate) =>
    apiRequest<HelpPlanDetail>(`/help-plans/${id}`, { method: 'PUT', body }),
  );
export const useReviewHelpPlan = (id: number) =>
  useHelpPlanWrite((body: HelpPlanReviewCreate) =>
    apiRequest<HelpPlanDetail>(`/help-plans/${id}/reviews`, { method: 'POST', body }),
  );
export const useCloseHelpPlan = (id: number) =>
  useHelpPlanWrite((note: string) =>
    apiRequest<HelpPlanDetail>(`/help-plans/${id}/close`, { method: 'POST', body: { note } }),
  );

export function downloadHelpPlanExport(query: URLSearchParams) {
  return apiDownload('/help-plans/export', query, '稳规帮扶.xlsx');
}

// ---------------------------------------------------------------- supervisions

export function useSupervisions(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.supervisions.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<SupervisionRow>>('/supervisions', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSupervision(id: number) {
  return useQuery({
    queryKey: queryKeys.supervisions.detail(id),
    queryFn: ({ signal }) => apiRequest<SupervisionDetail>(`/supervisions/${id}`, { signal }),
    enabled: id > 0,
  });
}

function useSupervisionWrite<V>(send: (v: V) => Promise<SupervisionDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta: { handlesErrors: true },
    onSuccess: (d) => {
      client.setQueryData(queryKeys.supervisions.detail(d.id), d);
      void client.invalidateQueries({ queryKey: queryKeys.supervisions.all });
      void client.invalidateQueries({ queryKey: queryKeys.todo.all });
    },
  });
}

export const useCreateSupervision = () =>
  useSupervisionWrite((body: SupervisionCreate) =>
    apiRequest<SupervisionDetail>('/supervisions', { method: 'POST', body }),
  );
export const useCloseSupervisionItem = (id: number) =>
  useSupervisionWrite(({ itemId, note }: { itemId: number; note: string }) =>
    apiRequest<SupervisionDetail>(`/supervisions/${id}/items/${itemId}/close`, {
      method: 'POST',
      body: { note },
    }),
  );
export const useCloseSupervision = (id: number) =>
  useSupervisionWrite(() =>
    apiRequest<SupervisionDetail>(`/supervisions/${id}/close`, { method: 'POST', body: {} }),
  );

export function useUploadSupervisionFile(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      apiUpload<ServiceFile>(`/supervisions/${id}/files`, file, { query: { fileName: file.name } }),
    meta: { handlesErrors: true },
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.supervisions.detail(id) }),
  });
}

export function downloadSupervisionFile(id: number, file: ServiceFile) {
  return apiDownload(`/supervisions/${id}/files/${file.id}`, undefined, file.fileName);
}

export function downloadSupervisionExport(query: URLSearchParams) {
  return apiDownload('/supervisions/export', query, '督导记录.xlsx');
}
