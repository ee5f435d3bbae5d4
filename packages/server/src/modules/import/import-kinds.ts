// The registry of import kinds. Directory events (入库/退库) and targets plug in here as new ImportKind
// definitions; the engine, routes and command line need no change.
import { enterpriseImport } from './enterprise-import.js';
import type { ImportKind } from './import-kind.js';
import { revenueImport } from './revenue-import.js';

export const IMPORT_KINDS: readonly ImportKind[] = [enterpriseImport, revenueImport];

export function findImportKind(kind: string): ImportKind | null {
  return IMPORT_KINDS.find((k) => k.kind === kind) ?? null;
}
