// 目标任务 (GET/PUT /targets) and the year's counting rule (GET/PUT /settings/counting-rule/:year).
import type { CountingRule } from '@shenggui/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { TargetsView } from '../../api/types';
import type { allocationBody } from '../../lib/targets-diff';

export function useTargets(year: number) {
  return useQuery({
    queryKey: queryKeys.targets(year),
    queryFn: ({ signal }) => apiRequest<TargetsView>('/targets', { query: { year }, signal }),
  });
}

export function useSaveTargets(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnType<typeof allocationBody>) =>
      apiRequest<TargetsView>(`/targets/${year}`, { method: 'PUT', body }),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.targets(year), view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.progress.all });
    },
  });
}

export function useCountingRule(year: number) {
  return useQuery({
    queryKey: queryKeys.countingRule(year),
    queryFn: ({ signal }) => apiRequest<CountingRule>(`/settings/counting-rule/${year}`, { signal }),
  });
}

export function useSaveCountingRule(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CountingRule) =>
      apiRequest<CountingRule>(`/settings/counting-rule/${year}`, { method: 'PUT', body }),
    onSuccess: (rule) => {
      queryClient.setQueryData(queryKeys.countingRule(year), rule);
      void queryClient.invalidateQueries({ queryKey: queryKeys.progress.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.directory.all });
    },
  });
}

/** GET /targets/export: the saved allocation (summary, 属地, 行业主管) as a spreadsheet. */
export function downloadTargetsExport(year: number) {
  return apiDownload('/targets/export', { year }, `目标任务-${year}年.xlsx`);
}
