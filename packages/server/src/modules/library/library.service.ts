// The libraries slice's service surface (docs/domain.md §4), one file per concern:
// library-evaluate.ts (thresholds, dates, facts → evaluation), library-recompute.ts (memberships kept true,
// the after-commit recompute), library-years.ts (the centre's recompute, frozen past years),
// library-membership.ts (manual decisions, pathway, operating status), library-reads.ts (lists and reports).
export * from './library-evaluate.js';
export * from './library-membership.js';
export * from './library-reads.js';
export * from './library-recompute.js';
export * from './library-years.js';
