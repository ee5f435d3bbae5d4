// Service work's shared answers (GET /service/settings): request categories with their deadlines, the
// help-plan time limit and whether the working-day calendar knows this year and the next.
import type { ServiceSettings } from '@shenggui/domain';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useServiceSettings() {
  return useQuery({
    queryKey: queryKeys.service.settings,
    queryFn: ({ signal }) => apiRequest<ServiceSettings>('/service/settings', { signal }),
    staleTime: 60_000,
  });
}

/** The categories a new request may take (retired ones stay on old requests only). */
export function useRequestCategoryOptions() {
  const settings = useServiceSettings();
  return (settings.data?.categories ?? [])
    .filter((c) => !c.retired)
    .map((c) => ({ value: c.code, label: c.label }));
}
