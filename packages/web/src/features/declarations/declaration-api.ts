// TanStack Query hooks of 申报管理 (server declaration.routes.ts) and the general to-do (GET /todo).
import type {
  DeclarationCalendar,
  DeclarationConvertInput,
  DeclarationCreate,
  DeclarationList,
  DeclarationOverrideInput,
  DeclarationTransitionInput,
  InspectionCreate,
  MaterialItem,
  ReviewList,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest, apiUpload } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  DeclarationBoard,
  DeclarationDetail,
  DeclarationFile,
  DeclarationInspection,
  TodoItem,
} from '../../api/types';

export function useDeclarationBoard(year: number, batch?: string) {
  return useQuery({
    queryKey: [...queryKeys.declarations.all, 'board', year, batch ?? ''],
    queryFn: ({ signal }) =>
      apiRequest<DeclarationBoard>('/declarations/board', { query: { year, batch }, signal }),
  });
}

export function useDeclaration(id: number) {
  return useQuery({
    queryKey: queryKeys.declarations.detail(id),
    queryFn: ({ signal }) => apiRequest<DeclarationDetail>(`/declarations/${id}`, { signal }),
    enabled: Number.isSafeInteger(id) && id > 0,
    meta: { quiet: true },
  });
}

export function useDeclarationCalendar(year: number) {
  return useQuery({
    queryKey: queryKeys.declarations.calendar(year),
    queryFn: ({ signal }) =>
      apiRequest<DeclarationCalendar>(`/settings/declaration-calendar/${year}`, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useMyTodo(enabled = true) {
  return useQuery({
    queryKey: queryKeys.todo.mine,
    queryFn: ({ signal }) => apiRequest<{ items: TodoItem[] }>('/todo', { signal }).then((r) => r.items),
    enabled,
  });
}

function useRefresh(id?: number) {
  const queryClient = useQueryClient();
  return (detail?: DeclarationDetail) => {
    if (detail && id) queryClient.setQueryData(queryKeys.declarations.detail(id), detail);
    void queryClient.invalidateQueries({ queryKey: queryKeys.declarations.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.todo.all });
  };
}

export function useCreateDeclaration() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DeclarationCreate) =>
      apiRequest<DeclarationDetail>('/declarations', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: () => refresh(),
  });
}

export function useTransition(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: DeclarationTransitionInput) =>
      apiRequest<DeclarationDetail>(`/declarations/${id}/transitions`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: (detail) => refresh(detail),
  });
}

export function useRecordInspection(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: InspectionCreate) =>
      apiRequest<DeclarationInspection>(`/declarations/${id}/inspections`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: () => refresh(),
  });
}

export function uploadMaterial(id: number, item: MaterialItem, file: File) {
  return apiUpload<DeclarationFile>(`/declarations/${id}/materials/${item}`, file, {
    query: { fileName: file.name },
  });
}

export function uploadInspectionPhoto(id: number, inspectionId: number, file: File) {
  return apiUpload<DeclarationFile>(`/declarations/${id}/inspections/${inspectionId}/photos`, file, {
    query: { fileName: file.name },
  });
}

export function downloadDeclarationFile(id: number, file: DeclarationFile) {
  return apiDownload(`/declarations/${id}/files/${file.id}`, undefined, file.fileName);
}

/** GET /declarations: the paged list in the user's scope. */
export function useDeclarationList(query: URLSearchParams) {
  return useQuery({
    queryKey: queryKeys.declarations.list(query.toString()),
    queryFn: ({ signal }) => apiRequest<DeclarationList>('/declarations', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /declarations/export: the list under the page's filters (no paging), in the user's scope. */
export function downloadDeclarationExport(query: URLSearchParams) {
  return apiDownload('/declarations/export', query, '入库申报.xlsx');
}

/** The centre overrides a blocking check with a written reason. */
export function useOverrideCheck(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: DeclarationOverrideInput) =>
      apiRequest<DeclarationDetail>(`/declarations/${id}/overrides`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: (detail) => refresh(detail),
  });
}

/** The centre assigns the unit that records the inspections (null clears it). */
export function useAssignInspectionUnit(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (unitId: number | null) =>
      apiRequest<DeclarationDetail>(`/declarations/${id}/inspection-unit`, {
        method: 'PUT',
        body: { unitId },
      }),
    meta: { handlesErrors: true },
    onSuccess: (detail) => refresh(detail),
  });
}

/** A monthly declaration turned annual: answers the new declaration. */
export function useConvertDeclaration(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DeclarationConvertInput) =>
      apiRequest<DeclarationDetail>(`/declarations/${id}/convert`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: () => refresh(),
  });
}

/** GET /review: the centre's and the auditor's review list. */
export function useReviewList(query: URLSearchParams) {
  return useQuery({
    queryKey: [...queryKeys.declarations.all, 'review', query.toString()],
    queryFn: ({ signal }) => apiRequest<ReviewList>('/review', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function downloadReviewExport(query: URLSearchParams) {
  return apiDownload('/review/export', query, '复核清单.xlsx');
}
