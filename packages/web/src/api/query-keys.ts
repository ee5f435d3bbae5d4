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
    lines: (token: string, query: string) => ['imports', 'lines', token, query] as const,
  },
  progress: {
    all: ['progress'] as const,
    report: (year: number, asOf: string) => ['progress', 'report', year, asOf] as const,
    cumulative: (year: number, asOf: string) => ['progress', 'cumulative', year, asOf] as const,
    firms: (query: string) => ['progress', 'firms', query] as const,
    deciding: (query: string) => ['progress', 'deciding', query] as const,
  },
  targets: (year: number) => ['targets', year] as const,
  countingRule: (year: number) => ['settings', 'counting-rule', year] as const,
  notices: (year: number) => ['notices', year] as const,
  directory: {
    all: ['directory'] as const,
    list: (query: string) => ['directory', 'list', query] as const,
    ofEnterprise: (id: number) => ['directory', 'enterprise', id] as const,
  },
  libraries: {
    all: ['libraries'] as const,
    list: (library: string, query: string) => ['libraries', 'list', library, query] as const,
    firm: (id: number) => ['libraries', 'firm', id] as const,
  },
  todo: {
    all: ['todo'] as const,
    unreported: (year: number | null) => ['todo', 'unreported', year] as const,
    mine: ['todo', 'mine'] as const,
  },
  declarations: {
    all: ['declarations'] as const,
    list: (query: string) => ['declarations', 'list', query] as const,
    detail: (id: number) => ['declarations', 'detail', id] as const,
    calendar: (year: number) => ['declarations', 'calendar', year] as const,
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
  service: {
    all: ['service'] as const,
    settings: ['service', 'settings'] as const,
    overview: (year: number, asOf: string | null) => ['service', 'overview', year, asOf] as const,
    officials: (year: number, asOf: string | null) => ['service', 'officials', year, asOf] as const,
    timeline: (id: number, kinds: string) => ['service', 'timeline', id, kinds] as const,
  },
  // --- keys: service requests ---
  requests: {
    all: ['requests'] as const,
    list: (query: string) => ['requests', 'list', query] as const,
    detail: (id: number) => ['requests', 'detail', id] as const,
  },

  // --- keys: visits and leads ---
  visits: {
    all: ['visits'] as const,
    list: (query: string) => ['visits', 'list', query] as const,
    detail: (id: number) => ['visits', 'detail', id] as const,
    ofEnterprise: (id: number) => ['visits', 'enterprise', id] as const,
    recent: (id: number, on: string) => ['visits', 'recent', id, on] as const,
  },
  leads: {
    all: ['leads'] as const,
    list: (query: string) => ['leads', 'list', query] as const,
    ofEnterprise: (id: number) => ['leads', 'enterprise', id] as const,
  },

  // --- keys: help plans and supervision ---
  helpPlans: {
    all: ['help-plans'] as const,
    list: (query: string) => ['help-plans', 'list', query] as const,
    detail: (id: number) => ['help-plans', 'detail', id] as const,
  },
  supervisions: {
    all: ['supervisions'] as const,
    list: (query: string) => ['supervisions', 'list', query] as const,
    detail: (id: number) => ['supervisions', 'detail', id] as const,
  },

  // --- keys: training and coverage ---
  trainings: {
    all: ['trainings'] as const,
    list: (qs: string) => ['trainings', 'list', qs] as const,
    detail: (id: number) => ['trainings', 'detail', id] as const,
  },
  coverage: {
    all: ['coverage'] as const,
    table: (year: number | null, asOf: string | null) => ['coverage', 'table', year, asOf] as const,
    unreached: (qs: string) => ['coverage', 'unreached', qs] as const,
  },

  // --- keys: service overview and timeline ---
};
