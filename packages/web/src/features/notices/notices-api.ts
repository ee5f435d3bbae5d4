// 进度通报 (GET/POST /notices, documents and preview).
import type { IssueNotice, ProgressNoticeList } from '@shenggui/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ProgressNotice } from '../../api/types';

export function useNotices(year: number) {
  return useQuery({
    queryKey: queryKeys.notices(year),
    queryFn: ({ signal }) =>
      apiRequest<ProgressNoticeList>('/notices', { query: { year }, signal }).then((r) => r.items),
  });
}

export function useIssueNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueNotice) => apiRequest<ProgressNotice>('/notices', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: (n) => queryClient.invalidateQueries({ queryKey: queryKeys.notices(n.year) }),
  });
}

export function downloadNotice(n: ProgressNotice, ext: 'docx' | 'pdf') {
  return apiDownload(`/notices/${n.id}/document.${ext}`, undefined, `${n.docNumber}.${ext}`);
}

export function downloadNoticePreview(year: number, asOf: string | undefined) {
  return apiDownload('/notices/preview.docx', { year, asOf }, `进度通报预览.docx`);
}

/** GET /notices/export: the year's notices as a spreadsheet. */
export function downloadNoticeListExport(year: number) {
  return apiDownload('/notices/export', { year }, `进度通报-${year}年.xlsx`);
}
