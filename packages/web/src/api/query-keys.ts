// Query keys in one place, so invalidation after a write names exactly what it refreshes.
export const queryKeys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  units: ['org', 'units'] as const,
  sessions: ['me', 'sessions'] as const,
  users: {
    all: ['users'] as const,
    list: (query: string) => ['users', 'list', query] as const,
  },
  securitySettings: ['settings', 'security'] as const,
  audit: {
    all: ['audit'] as const,
    list: (query: string) => ['audit', 'list', query] as const,
  },
  imports: {
    all: ['imports'] as const,
    history: (query: string) => ['imports', 'history', query] as const,
  },
  enterprises: {
    all: ['enterprises'] as const,
    list: (query: string) => ['enterprises', 'list', query] as const,
    count: (query: string) => ['enterprises', 'count', query] as const,
    detail: (id: number) => ['enterprises', 'detail', id] as const,
    revenue: (id: number) => ['enterprises', 'revenue', id] as const,
    suggestion: (industryCode: string, townshipId: number, inZone = false) =>
      ['enterprises', 'supervising-suggestion', industryCode, townshipId, inZone] as const,
  },
};
