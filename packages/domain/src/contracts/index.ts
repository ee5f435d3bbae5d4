// The request and response shapes of the HTTP API, one module per slice. Routes use them as their zod
// schemas (and so the OpenAPI page at /api/docs), services and tests infer their types from them, and
// the web's `api/types.ts` re-exports those inferred types. See docs/ARCHITECTURE.md, "Contracts".
export * from './common.js';
export * from './declaration.js';
export * from './import.js';
export * from './library.js';
export * from './notice.js';
export * from './progress.js';
export * from './review.js';
