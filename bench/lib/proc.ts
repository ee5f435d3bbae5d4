// Memory of a child process from /proc/<pid>/status (Linux): VmRSS now, VmHWM the peak since it started.
import { readFile } from 'node:fs/promises';

export interface ProcMemory {
  rssMb: number;
  peakRssMb: number;
}

export async function readProcMemory(pid: number): Promise<ProcMemory | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // not Linux, or the process is gone
  }
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return m ? Number(m[1]) : Number.NaN;
  };
  const rss = kb('VmRSS');
  const hwm = kb('VmHWM');
  if (Number.isNaN(rss) || Number.isNaN(hwm)) return null;
  return { rssMb: rss / 1024, peakRssMb: hwm / 1024 };
}

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc/<pid>/stat; null when
 * unavailable. On a shared machine a server's CPU per request is steadier than its latency.
 */
export async function readProcCpuMs(pid: number): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  const ticksPerSec = 100; // USER_HZ: 100 on every Linux this runs on
  return ((utime + stime) * 1000) / ticksPerSec;
}
