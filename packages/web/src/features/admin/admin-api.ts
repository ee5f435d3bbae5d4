// 系统管理 calls (docs/api.md §Users, §Organisation, §Security settings): the security administrator's.
import type { SecuritySettings, UnitCreate, UserCreateBody, UserUpdateBody } from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { AdminUser, Paged, PendingAccountChange, Unit } from '../../api/types';

export function useUsers(query: URLSearchParams) {
  const qs = query.toString();
  return useQuery({
    queryKey: queryKeys.users.list(qs),
    queryFn: ({ signal }) => apiRequest<Paged<AdminUser>>('/users', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function downloadUserExport(query: URLSearchParams) {
  return apiDownload('/users/export', query, '用户列表.xlsx');
}

/** An auditor account's change answers 202 with the request waiting for the system administrator. */
export type UserWriteResult = AdminUser | PendingAccountChange;
export const isPendingChange = (r: UserWriteResult): r is PendingAccountChange => 'pending' in r;

function useUserWrite<V>(call: (v: V) => Promise<UserWriteResult>, handlesErrors = true) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { handlesErrors },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}

export type { UserCreateBody, UserUpdateBody };

export const useCreateUser = () =>
  useUserWrite((body: UserCreateBody) => apiRequest<UserWriteResult>('/users', { method: 'POST', body }));

export const useUpdateUser = () =>
  useUserWrite(({ id, body }: { id: number; body: UserUpdateBody }) =>
    apiRequest<UserWriteResult>(`/users/${id}`, { method: 'PUT', body }),
  );

export const useResetPassword = () =>
  useUserWrite(({ id, password }: { id: number; password: string }) =>
    apiRequest<UserWriteResult>(`/users/${id}/reset-password`, { method: 'POST', body: { password } }),
  );

export const useUnlockUser = () =>
  useUserWrite((id: number) => apiRequest<AdminUser>(`/users/${id}/unlock`, { method: 'POST' }), false);

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitCreate) => apiRequest<Unit>('/org/units', { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
}

export function useRenameUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) =>
      apiRequest<Unit>(`/org/units/${id}`, { method: 'PUT', body: { name } }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: queryKeys.securitySettings,
    queryFn: ({ signal }) => apiRequest<SecuritySettings>('/settings/security', { signal }),
    staleTime: 0,
  });
}

export function useSaveSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecuritySettings) =>
      apiRequest<SecuritySettings>('/settings/security', { method: 'PUT', body }),
    meta: { handlesErrors: true },
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.securitySettings, saved);
      // The policy and the level reach every page through /me and /meta.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      void queryClient.invalidateQueries({ queryKey: queryKeys.meta });
    },
  });
}
