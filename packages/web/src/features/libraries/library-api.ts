// TanStack Query hooks of the libraries (企业库 › 基础库 · 培育库 · 临规 · 临退规) and the 达规未入统 to-do.
import type {
  Library,
  LibraryMembershipChange,
  LibraryRecompute,
  OperatingStatusChange,
  PathwayChange,
  PathwaySet,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  FirmLibraryHistory,
  LibraryList,
  LibraryRecomputeResult,
  UnreportedList,
} from '../../api/types';

export function useLibraryList(library: Library, query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.libraries.list(library, qs),
    queryFn: ({ signal }) => apiRequest<LibraryList>(`/libraries/${library}`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function downloadLibraryExport(library: Library, query: URLSearchParams, fallbackName: string) {
  return apiDownload(`/libraries/${library}/export`, query, fallbackName);
}

export function useFirmLibraries(id: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.libraries.firm(id),
    queryFn: ({ signal }) => apiRequest<FirmLibraryHistory>(`/enterprises/${id}/libraries`, { signal }),
    enabled: enabled && Number.isSafeInteger(id) && id > 0,
  });
}

export function useUnreported(enabled = true) {
  return useQuery({
    queryKey: queryKeys.todo.unreported(null),
    queryFn: ({ signal }) => apiRequest<UnreportedList>('/todo/unreported', { signal }),
    enabled,
  });
}

function useInvalidateLibraries() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.libraries.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.todo.all });
  };
}

/** The centre's recompute of a year (a past year: as of its cut-off, and kept frozen); reason required. */
export function useRecomputeLibraryYear() {
  const invalidate = useInvalidateLibraries();
  return useMutation({
    mutationFn: (body: LibraryRecompute) =>
      apiRequest<LibraryRecomputeResult>('/libraries/recompute', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

/** 人工纳入 / 移出 / 恢复按规则认定 (reason required). */
export function useChangeMembership() {
  const invalidate = useInvalidateLibraries();
  return useMutation({
    mutationFn: (body: LibraryMembershipChange) =>
      apiRequest<FirmLibraryHistory>('/libraries/memberships', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useSetPathway(id: number) {
  const invalidate = useInvalidateLibraries();
  return useMutation({
    mutationFn: (body: PathwayChange) =>
      apiRequest<PathwaySet>(`/enterprises/${id}/pathway`, { method: 'PUT', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useSetOperatingStatus(id: number) {
  const invalidate = useInvalidateLibraries();
  return useMutation({
    mutationFn: (body: OperatingStatusChange) =>
      apiRequest<FirmLibraryHistory>(`/enterprises/${id}/operating-status`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}
