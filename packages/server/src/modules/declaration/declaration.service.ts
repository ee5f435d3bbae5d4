// The declarations slice's service surface (docs/domain.md §5, §7), one file per concern:
// declaration-calendar.ts, declaration-views.ts (shapes), declaration-checks.ts (checklist, figure checks,
// eligibility, editable states), declaration-detail.ts (detail and scope), declaration-lists.ts (lists, batch
// board), declaration-create.ts (create, convert), declaration-workflow.ts (steps, entry into the directory),
// declaration-materials.ts (materials, inspections, inspection unit), declaration-overrides.ts.
export * from './declaration-calendar.js';
export * from './declaration-checks.js';
export * from './declaration-create.js';
export * from './declaration-detail.js';
export * from './declaration-lists.js';
export * from './declaration-materials.js';
export * from './declaration-overrides.js';
export * from './declaration-views.js';
export * from './declaration-workflow.js';
