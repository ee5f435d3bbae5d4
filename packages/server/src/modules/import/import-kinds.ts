// The registry of import kinds: enterprises, monthly revenue, directory events (入库/退库) and targets, each
// an ImportKind definition; the engine, routes and command line need no change for a new one.
import { directoryImport } from './directory-import.js';
import { enterpriseImport } from './enterprise-import.js';
import type { ImportKind } from './import-kind.js';
import { revenueImport } from './revenue-import.js';
import { targetImport } from './target-import.js';

export const IMPORT_KINDS: readonly ImportKind[] = [
  enterpriseImport,
  revenueImport,
  directoryImport,
  targetImport,
];

export function findImportKind(kind: string): ImportKind | null {
  return IMPORT_KINDS.find((k) => k.kind === kind) ?? null;
}
