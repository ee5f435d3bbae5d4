// The final table (metric | value | goal | met?) and bench/results/latest.json. Goals are only compared and
// printed: a missed goal never fails the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { round } from './stats.js';
import type { BenchConfig, Goal, Metric } from './types.js';

export type Verdict = 'yes' | 'no' | 'n/a';

export function verdict(m: Metric): Verdict {
  if (!m.goal || m.value === null || !Number.isFinite(m.value)) return m.goal ? 'no' : 'n/a';
  return (m.goal.op === '<=' ? m.value <= m.goal.value : m.value >= m.goal.value) ? 'yes' : 'no';
}

export function formatNumber(value: number | null, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return '—';
  // A small non-zero value that would print as 0.000: two significant digits instead.
  if (value !== 0 && Math.abs(value) < 0.5 * 10 ** -digits) return value.toPrecision(2);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function withUnit(text: string, unit: string): string {
  if (!unit) return text;
  return unit === '×' ? `${text}×` : `${text} ${unit}`;
}

export function formatGoal(goal: Goal | undefined, unit: string): string {
  if (!goal) return '';
  return `${goal.op === '<=' ? '≤' : '≥'} ${withUnit(String(goal.value), unit)}`;
}

/** Pads by display width: CJK characters and a few symbols take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

export function formatTable(header: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? padStart(c, widths[i]!) : pad(c, widths[i]!)))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function metricsTable(metrics: Metric[]): string {
  return formatTable(
    ['metric', 'value', 'goal', 'met?'],
    metrics.map((m) => [
      m.label,
      withUnit(formatNumber(m.value, m.digits ?? 0), m.unit),
      formatGoal(m.goal, m.unit),
      verdict(m),
    ]),
    [1],
  );
}

function gitCommit(cwd: string): string | null {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return null;
  }
}

export interface RunReport {
  startedAt: Date;
  finishedAt: Date;
  repoRoot: string;
  config: BenchConfig;
  metrics: Metric[];
  cases: Record<string, { ok: boolean; error?: string; details?: Record<string, unknown> }>;
}

export function writeJsonReport(file: string, r: RunReport): void {
  const cpu = cpus();
  const json = {
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    commit: gitCommit(r.repoRoot),
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? null,
      totalMemoryGb: round(totalmem() / 1024 ** 3, 1),
    },
    config: r.config,
    metrics: r.metrics.map((m) => ({
      id: m.id,
      label: m.label,
      value: m.value === null ? null : round(m.value, Math.max(m.digits ?? 0, 3)),
      unit: m.unit,
      goal: m.goal ?? null,
      met: verdict(m),
      ...(m.note ? { note: m.note } : {}),
    })),
    cases: r.cases,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
