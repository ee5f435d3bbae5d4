// Money is kept in yuan as a decimal string with at most two decimals (the database stores numeric);
// spreadsheets and the UI speak 万元 (10,000 yuan).
export const YUAN_PER_WAN = 10_000;

/** Yuan → 万元 with two decimals and thousands separators: 20000000 → "2,000.00". */
export function formatWan(yuan: number | string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const n = typeof yuan === 'string' ? Number(yuan) : yuan;
  if (!Number.isFinite(n)) return '—';
  const text = (n / YUAN_PER_WAN).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return text === '-0.00' ? '0.00' : text; // -0 and tiny negatives would otherwise show "-0.00"
}

export function wanToYuan(wan: number): number {
  return Math.round(wan * YUAN_PER_WAN * 100) / 100;
}

export function yuanToWan(yuan: number): number {
  return yuan / YUAN_PER_WAN;
}
