// Who is signed in (GET /me), what the deployment is (GET /meta), and the sign-in / sign-out calls.
import { DEFAULT_SCALE_THRESHOLD_YUAN, type LoginResult, type Permission } from '@shenggui/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from '../../api/client';
import { isApiError } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import type { Me, Meta, PasswordPolicy } from '../../api/types';

/** The session, or null when nobody is signed in (a 401 here is an answer, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await apiRequest<Me>('/me', { redirectOn401: false });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000 });
}

export function useMeta() {
  return useQuery({
    queryKey: queryKeys.meta,
    queryFn: () => apiRequest<Meta>('/meta'),
    staleTime: 5 * 60_000,
  });
}

/** The annual threshold from the deployment's settings, in yuan. */
export function thresholdOf(meta: Meta | undefined): number {
  const n = Number(meta?.scaleThresholdYuan);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SCALE_THRESHOLD_YUAN;
}

/** The password policy the server announced (GET /me); the level-2 defaults until it is known. */
const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3, maxAgeDays: 0 };

export function policyOf(me: Me | null | undefined): PasswordPolicy {
  return me?.passwordPolicy ?? DEFAULT_POLICY;
}

/** Hides what the user cannot do; the server stays the authority. */
export function usePermissions() {
  const { data } = useMe();
  const permissions = data?.permissions;
  const can = useCallback((p: Permission) => permissions?.includes(p) ?? false, [permissions]);
  return { permissions: permissions ?? [], can };
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string; totp?: string }) =>
      apiRequest<LoginResult>('/auth/login', { method: 'POST', body: input, redirectOn401: false }),
    meta: { handlesErrors: true },
    onSuccess: async () => {
      // Another user's cached data must not survive a change of session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
      await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/auth/logout', { method: 'POST', redirectOn401: false }),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

/** Signs out and forgets everything cached (after the server ended the session itself, too). */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
    queryClient.setQueryData(queryKeys.me, null);
  }, [queryClient]);
}
