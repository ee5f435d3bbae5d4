// The parsing worker: reads one workbook into grids and posts progress, then the result. Runs with the
// memory limit and under the time limit set by read-spreadsheet.ts, so a hostile file costs a worker,
// never the server.
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbookGrid } from './grid.js';
import type { SheetFormat } from './sniff.js';

const input = workerData as { bytes: Uint8Array; format: SheetFormat };
const port = parentPort!;
try {
  const grid = readWorkbookGrid(input.bytes, input.format, (p) =>
    port.postMessage({ type: 'progress', ...p }),
  );
  port.postMessage({ type: 'result', grid });
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
