// 培训宣讲 and 服务覆盖 (GET/POST/PUT /trainings, attendance, sign-in sheet import, materials; GET
// /service/coverage and its unreached firms with export).
import type {
  AttendanceCreate,
  AttendanceView,
  Coverage,
  Paged,
  SigninImportResult,
  TrainingCreate,
  TrainingDetail,
  TrainingFileView,
  TrainingView,
  UnreachedPage,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest, apiUpload } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useTrainings(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.trainings.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<TrainingView>>('/trainings', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTraining(id: number) {
  return useQuery({
    queryKey: queryKeys.trainings.detail(id),
    queryFn: ({ signal }) => apiRequest<TrainingDetail>(`/trainings/${id}`, { signal }),
    enabled: id > 0,
  });
}

/** After any change: the lists, the event and the coverage (attendance reaches firms). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.coverage.all });
  };
}

export function useSaveTraining(id: number | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TrainingCreate) =>
      id
        ? apiRequest<TrainingView>(`/trainings/${id}`, { method: 'PUT', body })
        : apiRequest<TrainingView>('/trainings', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useVoidTraining(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (reason: string) =>
      apiRequest<TrainingView>(`/trainings/${id}/void`, { method: 'POST', body: { reason } }),
    onSuccess: invalidate,
  });
}

export function useAddAttendance(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: AttendanceCreate) =>
      apiRequest<AttendanceView>(`/trainings/${id}/attendance`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}

export function useDeleteAttendance(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (rowId: number) =>
      apiRequest<{ ok: true }>(`/trainings/${id}/attendance/${rowId}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/** The sign-in sheet: a dry run answers the matches and problems; without it the rows are written. */
export function importSigninSheet(id: number, file: File, dryRun: boolean) {
  return apiUpload<SigninImportResult>(`/trainings/${id}/attendance/import`, file, {
    query: { fileName: file.name, dryRun: dryRun ? '1' : '0' },
  });
}

export function useInvalidateTrainings() {
  return useInvalidate();
}

export function uploadTrainingFile(id: number, file: File) {
  return apiUpload<TrainingFileView>(`/trainings/${id}/files`, file, { query: { fileName: file.name } });
}

export function downloadTrainingFile(id: number, f: TrainingFileView) {
  return apiDownload(`/trainings/${id}/files/${f.id}`, undefined, f.fileName);
}

export function downloadTrainingsExport(query: URLSearchParams) {
  return apiDownload('/trainings/export', query, '培训宣讲活动.xlsx');
}

export function useCoverage(year: number | null, asOf: string | null) {
  return useQuery({
    queryKey: queryKeys.coverage.table(year, asOf),
    queryFn: ({ signal }) => apiRequest<Coverage>('/service/coverage', { query: { year, asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUnreached(query: URLSearchParams, enabled: boolean) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.coverage.unreached(qs),
    queryFn: ({ signal }) => apiRequest<UnreachedPage>('/service/coverage/unreached', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function downloadUnreachedExport(query: URLSearchParams) {
  return apiDownload('/service/coverage/unreached/export', query, '尚未覆盖的企业.xlsx');
}
