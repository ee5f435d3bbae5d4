// Display formats the users expect (docs/ui.md): 万元 with two decimals, dates as 2024-11-25, periods as 2024年11月.
import { chinaDate, chinaDateTime, formatPeriodZh, isPeriod } from '@shenggui/domain';

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar date `YYYY-MM-DD` is shown as is; a timestamp as its China date (china-calendar.ts), in any zone. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && PLAIN_DATE.test(value)) return value;
  const d = toDate(value);
  if (!d) return '—';
  return chinaDate(d);
}

/** A timestamp as China time `YYYY-MM-DD HH:mm`. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = toDate(value);
  if (!d) return '—';
  return chinaDateTime(d);
}

/** `2024-11` → 2024年11月 (Chinese) or 2024-11 (English). */
export function formatPeriod(period: string | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (!period) return '—';
  if (!isPeriod(period)) return period;
  return lang === 'zh' ? formatPeriodZh(period) : period;
}

/** Thousands separators and a fixed number of decimals: 1234567.8 → "1,234,567.80". */
export function formatNumber(value: number | string | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
