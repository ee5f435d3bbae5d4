// Query keys in one place, so invalidation after a write names exactly what it refreshes.
export const queryKeys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  units: ['org', 'units'] as const,
  enterprises: {
    all: ['enterprises'] as const,
    list: (query: string) => ['enterprises', 'list', query] as const,
    count: (query: string) => ['enterprises', 'count', query] as const,
    detail: (id: number) => ['enterprises', 'detail', id] as const,
    revenue: (id: number) => ['enterprises', 'revenue', id] as const,
    suggestion: (industryCode: string, townshipId: number) =>
      ['enterprises', 'supervising-suggestion', industryCode, townshipId] as const,
  },
};
