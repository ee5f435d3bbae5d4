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
