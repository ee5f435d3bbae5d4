// The demo population's random numbers (demo-population.ts): mulberry32, seeded per purpose so adding a
// field to one firm does not reshuffle all.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Inclusive on both ends. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.next());
  }
  logRange(lo: number, hi: number): number {
    return Math.exp(this.range(Math.log(lo), Math.log(hi)));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += weight(it);
    let x = this.next() * total;
    for (const it of items) {
      x -= weight(it);
      if (x < 0) return it;
    }
    return items[items.length - 1] as T;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

/** Weighted sampling without replacement (Efraimidis–Spirakis): the n best keys among weight > 0. */
export function sampleWeighted(
  rng: Rng,
  candidates: number[],
  n: number,
  weight: (i: number) => number,
): number[] {
  const keyed: { i: number; key: number }[] = [];
  for (const i of candidates) {
    const w = weight(i);
    if (w > 0) keyed.push({ i, key: Math.log(1 - rng.float()) / w });
  }
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, n).map((k) => k.i);
}

/** Largest-remainder apportionment of n over shares; with `atLeastOne`, every share gets one first. */
export function apportion(n: number, shares: number[], atLeastOne = false): number[] {
  const out = shares.map(() => 0);
  let rest = n;
  if (atLeastOne && n >= shares.length) {
    for (let i = 0; i < out.length; i++) out[i] = 1;
    rest -= shares.length;
  }
  const total = shares.reduce((s, x) => s + x, 0) || 1;
  const exact = shares.map((s) => (s / total) * rest);
  let given = 0;
  for (let i = 0; i < out.length; i++) {
    const f = Math.floor(exact[i] ?? 0);
    out[i] = (out[i] ?? 0) + f;
    given += f;
  }
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < rest - given; k++) {
    const i = order[k % order.length]?.i ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
