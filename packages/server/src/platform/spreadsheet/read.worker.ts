// The parsing worker: reads one workbook into grids within its limits and posts progress, then the result.
// Runs with the memory limit and under the time limit set by read-spreadsheet.ts, so a hostile file costs a
// worker, never the server.
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbookGrid } from './grid.js';
import { type SheetLimits, SheetRefusal } from './limits.js';
import type { SheetFormat } from './sniff.js';
import { DamagedZip } from './xlsx-scan.js';

const input = workerData as { bytes: Uint8Array; format: SheetFormat; limits: SheetLimits };
const port = parentPort!;
// Rows cross to the caller in batches as they are read: the worker never holds the grid and its copy at once.
readWorkbookGrid(
  input.bytes,
  input.format,
  (p) => port.postMessage({ type: 'progress', ...p }),
  input.limits,
  (sheet, batch) => port.postMessage({ type: 'rows', sheet, batch }),
)
  .then((grid) => port.postMessage({ type: 'result', grid }))
  .catch((e: unknown) => {
    if (e instanceof SheetRefusal) port.postMessage({ type: 'refused', message: e.message });
    else port.postMessage({ type: 'error', damaged: e instanceof DamagedZip, message: String(e) });
  });
