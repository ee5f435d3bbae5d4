// A process-wide queue for heavy work (spreadsheet parses and import applies): at most `concurrency` jobs
// run at once, the rest wait in order and are told their position as it changes. A full queue refuses
// new work at once rather than holding uploads in memory. No domain words.
import { AppError } from './errors.js';

interface Waiter {
  start: () => void;
  onPosition: ((position: number) => void) | undefined;
}

export class WorkQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting = 20,
  ) {}

  /** Jobs waiting (not running). */
  get length(): number {
    return this.waiting.length;
  }

  /**
   * Runs `job` when a slot is free. `onPosition` hears 1, 2 … while the job waits (1 = next) and 0 when it
   * starts; a job that starts at once hears only 0.
   */
  async run<T>(job: () => Promise<T>, onPosition?: (position: number) => void): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new AppError('RATE_LIMITED', '导入排队的文件过多，请稍后再试');
      }
      await new Promise<void>((start) => {
        this.waiting.push({ start, onPosition });
        onPosition?.(this.waiting.length);
      });
    } else {
      this.running++;
    }
    onPosition?.(0);
    try {
      return await job();
    } finally {
      this.next();
    }
  }

  private next(): void {
    const w = this.waiting.shift();
    if (!w) {
      this.running--;
      return;
    }
    // The slot passes straight to the next job; the others move up one.
    for (const [i, other] of this.waiting.entries()) other.onPosition?.(i + 1);
    w.start();
  }
}
