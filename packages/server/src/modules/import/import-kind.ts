// What the import engine needs to know about one kind of import (enterprises, monthly revenue, and later
// directory events and targets): its columns and their synonyms, how one sheet row becomes records, and
// how records are checked against and written to the database. The engine never names a kind.
import type { ImportProblem } from '@shenggui/domain';
import type { Executor, Tx } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { Cell } from '../../platform/spreadsheet/grid.js';

export interface FieldSpec {
  key: string;
  /** The header the template uses. */
  label: string;
  /** Other headers meaning the same column (compared after normalisation: no spaces, no "（万元）"). */
  synonyms: readonly string[];
  /** Identifies the firm (or unit) of a row: a header needs one, a data row needs one filled. */
  identifier?: boolean;
  /** A figure scaled by the sheet's unit (the value of a long sheet). */
  figure?: boolean;
  /** The period of a long sheet. */
  period?: boolean;
  /** Shown under the header in the template. */
  note?: string;
  /** Read when a sheet has it, but not a column of the template (e.g. the tax system's 所属期起 / 止). */
  notInTemplate?: boolean;
  /** The template's example row; a function of the template's year where the value is a date or period. */
  example: string | number | ((year: number) => string | number);
}

/** A problem of a row or of the file: the API's `ImportProblem` (packages/domain/src/contracts/import.ts). */
export type Problem = ImportProblem;

export interface RowCell {
  value: Cell;
  column: string;
  /** The cell holds a formula: its cached value is not trusted (the engine reports it). */
  formula: boolean;
}

/** One data row of the sheet, its cells keyed by field, and (wide sheets) one cell per month column. */
export interface SheetRow {
  row: number;
  cells: Partial<Record<string, RowCell>>;
  months: (RowCell & { period: string })[];
}

export type UnitFamily = 'money' | 'energy';

export interface ParseOptions {
  source: string | null;
  /** 10^shift converts the sheet's unit to yuan (or kWh). */
  shift: number;
  year: number | null;
}

/** A record from a sheet row: the kind's own fields plus where it came from. */
export interface SheetRecord {
  row: number;
  /** The column the record's value came from (wide sheets: the month column). */
  column: string;
  [field: string]: unknown;
}

export type Outcome = 'imported' | 'updated' | 'unchanged';

export interface Planned {
  row: number;
  outcome: Outcome;
  /** What the preview shows for this change (kinds with figures fill it in). */
  line?: PreviewLineDetail;
  [field: string]: unknown;
}

/** One change as the preview lists it: the firm, the period and the value that will be stored. */
export interface PreviewLineDetail {
  enterpriseId: number | null;
  creditCode: string | null;
  name: string | null;
  period: string | null;
  /** 1 = a month, 3 = the quarter ending at `period`. */
  months: number | null;
  column: string | null;
  /** The current value (a correction or unchanged), in yuan (or kWh). */
  before: string | null;
  after: string | null;
}

export interface Plan {
  problems: Problem[];
  changes: Planned[];
}

export interface ImportKind {
  kind: string;
  label: string;
  fields: readonly FieldSpec[];
  /** Sources the user picks from (revenue); null when the kind has none. */
  sources: readonly string[] | null;
  /** Whether a row may carry one figure per month column (wide format). */
  wide: boolean;
  /** The unit family of the figures for a source; null when the kind has no figures. */
  unitFamily(source: string | null): UnitFamily | null;
  /** Throws FORBIDDEN unless the caller may import this kind (from this source). */
  assertAllowed(db: Executor, ctx: RequestContext, source: string | null): Promise<void>;
  /** Pure: one sheet row → records, or problems naming the row and column. */
  parseRow(row: SheetRow, opts: ParseOptions): { records: SheetRecord[]; problems: Problem[] };
  /** Resolves records against the database and says what applying each would do. Reads only. */
  plan(db: Executor, ctx: RequestContext, records: SheetRecord[], opts: ParseOptions): Promise<Plan>;
  /** Writes the planned changes of valid rows; returns details for the audit record. */
  apply(
    tx: Tx,
    ctx: RequestContext,
    changes: Planned[],
    batch: { id: number; source: string | null },
  ): Promise<unknown>;
  /** The template: a title row (the county and the plan year), a unit note, the fields' labels and one example row. */
  template: { sheetName: string; title: (of: TemplateOf) => string; unitNote: string | null };
}

/** What a template is made for: the deployment's county and the plan year it is downloaded for. */
export interface TemplateOf {
  county: string;
  year: number;
}
