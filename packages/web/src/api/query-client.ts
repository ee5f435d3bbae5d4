import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { reportError } from './error-reporter';
import { isApiError } from './errors';

declare module '@tanstack/react-query' {
  interface Register {
    /** `quiet`: the page shows this query's failure itself (e.g. a 404 as a result page). */
    queryMeta: { quiet?: boolean };
    /** `handlesErrors`: the form maps the error onto its fields and reports the rest itself. */
    mutationMeta: { handlesErrors?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.meta?.quiet) return;
        reportError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => {
        if (mutation.meta?.handlesErrors) return;
        reportError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change on retry; a dropped connection or a 5xx may.
        retry: (count, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return count < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
