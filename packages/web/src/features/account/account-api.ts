// The signed-in user's own account (docs/api.md §Session): password, second factor, sessions.
import type { SessionList } from '@shenggui/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { TotpSetup } from '../../api/types';
import { fetchMe } from '../auth/session';

/** After a change that may lift the restriction: read /me again before moving on. */
async function refreshMe(queryClient: ReturnType<typeof useQueryClient>) {
  await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiRequest<void>('/me/password', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: async () => {
      await refreshMe(queryClient);
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });
}

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => apiRequest<TotpSetup>('/me/totp/setup', { method: 'POST' }),
  });
}

export function useTotpEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => apiRequest<void>('/me/totp/enable', { method: 'POST', body: { code } }),
    meta: { handlesErrors: true },
    onSuccess: () => refreshMe(queryClient),
  });
}

export function useSessions(enabled = true) {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => apiRequest<SessionList>('/me/sessions', { signal }).then((r) => r.items),
    staleTime: 0,
    enabled,
  });
}

export function useRevokeAllSessions() {
  return useMutation({
    mutationFn: () => apiRequest<void>('/me/sessions/revoke-all', { method: 'POST', redirectOn401: false }),
  });
}
