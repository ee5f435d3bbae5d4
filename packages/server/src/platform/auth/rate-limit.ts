// A fixed-window counter per key (client address): enough to slow password guessing from one address.
// In memory: behind several server processes each keeps its own count, which only loosens the limit.
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private windowMs = 60_000) {}

  /** Counts one attempt; false when the key has used up its allowance in the current window. */
  hit(key: string, limit: number, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.prune(now);
      return true;
    }
    w.count++;
    return w.count <= limit;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
