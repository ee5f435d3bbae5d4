// Where an upload or an apply stands, for the page that waits on it: its place in the import queue, then the
// rows the parsing worker has read. The browser names the job with a ticket of its own choosing when it
// starts the request, and asks `GET /imports/status/:ticket` while the request runs; only the user who
// started a job sees it. In memory: a status lives ten minutes after its job ends.
import type { ImportJobState, ImportJobStatus } from '@shenggui/domain';

/** GET /imports/status/:ticket (packages/domain/src/contracts/import.ts). */
export type JobState = ImportJobState;
export type JobStatus = ImportJobStatus;

export type JobUpdate = (patch: Partial<JobStatus>) => void;

const KEEP_MS = 10 * 60_000;
const MAX_JOBS = 10_000;

export class ImportJobs {
  private readonly jobs = new Map<
    string,
    { userId: number | null; status: JobStatus; endedAt: number | null }
  >();

  /** Starts tracking a job; a ticket already used by someone else is not tracked (null). */
  track(ticket: string | undefined, userId: number | null): JobUpdate | null {
    if (!ticket) return null;
    const existing = this.jobs.get(ticket);
    if (existing && existing.userId !== userId) return null;
    this.prune();
    const job = {
      userId,
      status: { state: 'queued' as JobState, position: 0, rows: 0 },
      endedAt: null as number | null,
    };
    this.jobs.set(ticket, job);
    return (patch) => {
      job.status = { ...job.status, ...patch };
      if (patch.state === 'done' || patch.state === 'failed') job.endedAt = Date.now();
    };
  }

  get(ticket: string, userId: number | null): JobStatus | null {
    const job = this.jobs.get(ticket);
    return job && job.userId === userId ? job.status : null;
  }

  private prune(): void {
    const now = Date.now();
    for (const [t, j] of this.jobs) if (j.endedAt !== null && now - j.endedAt > KEEP_MS) this.jobs.delete(t);
    while (this.jobs.size >= MAX_JOBS) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
    }
  }
}
