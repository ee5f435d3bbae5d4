// The shapes every benchmark case shares. A case is a module under bench/cases/ exporting a `BenchCase`;
// bench/run.ts runs the listed cases in order and prints their metrics in one table.

export interface BenchConfig {
  /** Concurrent HTTP connections of every load test. */
  connections: number;
  /** Measured seconds of every load test (after the warm-up). */
  durationSec: number;
  /** Warm-up seconds before every load test; its figures are discarded. */
  warmupSec: number;
  /** How many cold starts to time (the median is reported). */
  coldStartRuns: number;
}

export interface Goal {
  op: '<=' | '>=';
  value: number;
}

export interface Metric {
  /** Stable key for the JSON file and for comparing runs. */
  id: string;
  label: string;
  /** null when the case could not measure it. */
  value: number | null;
  unit: string;
  /** Decimal places when printed. */
  digits?: number;
  goal?: Goal;
  /** Free text for the JSON file: the individual runs, a caveat. */
  note?: string;
}

export interface CaseResult {
  metrics: Metric[];
  /** Raw figures for bench/results/latest.json. */
  details?: Record<string, unknown>;
}

export interface BenchContext {
  repoRoot: string;
  /** A temporary folder of this run, removed at the end. Cases make their own sub-folders in it. */
  tmpRoot: string;
  config: BenchConfig;
  log(line: string): void;
}

export interface BenchCase {
  /** Short name for `--only`. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<CaseResult>;
}
