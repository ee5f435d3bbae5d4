// 数据导入 calls (import.routes.ts): upload → preview, the error sheet, apply, templates, the history.
import type { ImportBatchList, ImportJobStatus } from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest, apiUpload } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ImportApplyResult, ImportPreview, PreviewLineStatus, PreviewLinesPage } from '../../api/types';
import type { ImportKind } from './import-options';

export interface PreviewRequest {
  kind: ImportKind;
  source?: string | undefined;
  year?: number | undefined;
  /** For a money sheet that states no unit: 元 or 万元. */
  unit?: '元' | '万元' | undefined;
  file: File;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
  /** Names the job, so that its place in the queue and the rows read can be asked for while it runs. */
  ticket?: string;
}

/** Uploads the file as the raw body; the server reads it and answers the preview (nothing written yet). */
export function uploadForPreview(req: PreviewRequest): Promise<ImportPreview> {
  return apiUpload<ImportPreview>('/imports/preview', req.file, {
    query: {
      kind: req.kind,
      fileName: req.file.name,
      source: req.source,
      year: req.year,
      unit: req.unit,
      ticket: req.ticket,
    },
    ...(req.signal ? { signal: req.signal } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
}

export function downloadErrorSheet(token: string, fileName: string) {
  return apiDownload(
    `/imports/${encodeURIComponent(token)}/errors.xlsx`,
    undefined,
    `${fileName.replace(/\.[^.]+$/, '')}-错误说明.xlsx`,
  );
}

export function downloadTemplate(kind: ImportKind, label: string) {
  return apiDownload(`/imports/templates/${kind}.xlsx`, undefined, `${label}导入模板.xlsx`);
}

export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; skipInvalid: boolean }) =>
      apiRequest<ImportApplyResult>(`/imports/${encodeURIComponent(input.token)}/apply`, {
        method: 'POST',
        body: { skipInvalid: input.skipInvalid },
      }),
    onSuccess: async () => {
      // Firms and figures changed: every list, count and firm page is refetched when next shown.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.imports.all }),
      ]);
    },
  });
}

export function useImportHistory(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.imports.history(qs),
    queryFn: ({ signal }) => apiRequest<ImportBatchList>('/imports', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** GET /imports/export: the history under the page's filters (no paging), in the user's scope. */
export function downloadImportHistoryExport(query: URLSearchParams) {
  return apiDownload('/imports/export', query, '导入记录.xlsx');
}

export interface PreviewLinesQuery {
  status?: PreviewLineStatus | undefined;
  firm?: string | undefined;
  page: number;
  pageSize: number;
}

function linesParams(q: Omit<PreviewLinesQuery, 'page' | 'pageSize'> & Partial<PreviewLinesQuery>) {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.firm) params.set('firm', q.firm);
  if (q.page) params.set('page', String(q.page));
  if (q.pageSize) params.set('pageSize', String(q.pageSize));
  return params;
}

/** GET /imports/:token/rows: one page of what the preview will write, from where the server stored it. */
export function usePreviewLines(token: string, q: PreviewLinesQuery) {
  const params = linesParams(q);
  return useQuery({
    queryKey: queryKeys.imports.lines(token, params.toString()),
    queryFn: ({ signal }) =>
      apiRequest<PreviewLinesPage>(`/imports/${encodeURIComponent(token)}/rows`, { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /imports/:token/rows.xlsx under the table's filters. */
export function downloadPreviewLines(
  token: string,
  q: Omit<PreviewLinesQuery, 'page' | 'pageSize'>,
  fileName: string,
) {
  return apiDownload(
    `/imports/${encodeURIComponent(token)}/rows.xlsx`,
    linesParams(q),
    `${fileName.replace(/\.[^.]+$/, '')}-导入预览.xlsx`,
  );
}

/** A ticket for one upload: random, from the browser (works on plain-HTTP intranet addresses too). */
export function newImportTicket(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** GET /imports/status/:ticket every half second while `enabled`: queue position, then rows read. */
export function useImportStatus(ticket: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.imports.all, 'status', ticket ?? ''],
    queryFn: ({ signal }) =>
      apiRequest<ImportJobStatus>(`/imports/status/${encodeURIComponent(ticket ?? '')}`, { signal }),
    enabled: enabled && ticket !== undefined,
    refetchInterval: 500,
    retry: false,
    staleTime: 0,
  });
}
