// The request and response shapes of the HTTP API, one module per slice. Routes use them as their zod
// schemas (and so the OpenAPI page at /api/docs), services and tests infer their types from them, and
// the web's `api/types.ts` re-exports those inferred types. See docs/ARCHITECTURE.md, "Contracts".

export * from './audit.js';
export * from './auth.js';
export * from './common.js';
export * from './declaration.js';
export * from './directory.js';
export * from './enterprise.js';
export * from './import.js';
export * from './library.js';
export * from './notice.js';
export * from './org.js';
export * from './progress.js';
export * from './revenue.js';
export * from './review.js';
export * from './service.js';
// --- service contracts: help plans and supervision ---
export * from './service-help.js';

// --- service contracts: visits and leads ---
export * from './service-lead.js';
// --- service contracts: overview and timeline ---
export * from './service-overview.js';
// --- service contracts: requests ---
export * from './service-request.js';

// --- service contracts: training and coverage ---
export * from './service-training.js';
export * from './service-visit.js';

export * from './settings.js';
export * from './target.js';
export * from './todo.js';
export * from './user.js';
