// Every child process of the benchmark goes through here, so that none outlives the run: a normal stop
// sends SIGTERM and waits; `killAllChildren` (on failure, on exit, on Ctrl+C) sends SIGKILL to the rest.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** stdout and stderr of the child, appended. */
  logFile: string;
  /** Resolves when the child has exited (never rejects). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnNode(
  name: string,
  args: string[],
  opts: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv },
): Child {
  const fd = openSync(opts.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`could not start ${name}: node ${args.join(' ')}`);
  live.add(child);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      live.delete(child);
      resolve({ code, signal });
    });
    child.once('error', () => {
      done = true;
      live.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  return {
    name,
    pid: child.pid,
    process: child,
    logFile: opts.logFile,
    exited,
    hasExited: () => done,
    async stop(graceMs = 15_000) {
      if (done) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut && !done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Synchronous, so it also works from a process 'exit' handler. */
export function killAllChildren(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export function tailOfLog(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
