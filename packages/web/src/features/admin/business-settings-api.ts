// 业务设置 calls (docs/api.md §Business settings): the system administrator's.
import type { BusinessSettingsList, BusinessSettingsSaved, BusinessSettingsUpdate } from '@shenggui/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client';

const KEY = ['settings', 'business'] as const;

export function useBusinessSettings(year: number) {
  return useQuery({
    queryKey: [...KEY, year],
    queryFn: ({ signal }) =>
      apiRequest<BusinessSettingsList>('/settings/business', {
        query: new URLSearchParams({ year: String(year) }),
        signal,
      }),
    // A refetch would start the form afresh: not while the administrator is editing it.
    refetchOnWindowFocus: false,
  });
}

export function useSaveBusinessSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BusinessSettingsUpdate) =>
      apiRequest<BusinessSettingsSaved>('/settings/business', { method: 'PUT', body }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      // Library lists and the board read these rules.
      void queryClient.invalidateQueries({ queryKey: ['libraries'] });
    },
  });
}
