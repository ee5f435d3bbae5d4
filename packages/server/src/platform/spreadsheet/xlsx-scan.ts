// Reads an .xlsx's zip entry by entry as a stream before the workbook is parsed: every byte an entry
// inflates to is counted while inflating (a bomb is stopped at the limit whatever its directory says), and
// the XML is scanned for rows and cells on the way, so a million-row sheet is refused as soon as it passes
// the row limit, long before a grid exists. Only then does the full parse (grid.ts) run, within bounds.
import { createInflateRaw } from 'node:zlib';
import {
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  MAX_RATIO,
  RATIO_CHECK_AFTER_BYTES,
  type SheetLimits,
  SheetRefusal,
} from './limits.js';
import { entryData, readZipDirectory } from './zip-guard.js';

const INPUT_SLICE = 64 * 1024;
/** An unfinished tag carried to the next chunk; longer than this is not an Office file. */
const MAX_TAG_CHARS = 64 * 1024;

export class DamagedZip extends Error {}

/** Inflates one entry, giving each chunk and the compressed bytes fed so far to `onChunk` (which may throw). */
function inflateEntry(data: Uint8Array, onChunk: (chunk: Buffer, fed: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let fed = 0;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(e);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onChunk(chunk, fed);
      } catch (e) {
        fail(e);
      }
    });
    inflate.on('error', () => fail(new DamagedZip('inflate')));
    inflate.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    const feed = () => {
      while (!settled && fed < data.length) {
        const part = data.subarray(fed, fed + INPUT_SLICE);
        fed += part.length;
        if (!inflate.write(part)) {
          inflate.once('drain', feed);
          return;
        }
      }
      if (!settled) inflate.end();
    };
    feed();
  });
}

const colIndex = (letters: string) => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
};

// A row or cell start tag, with or without a namespace prefix (`<row `, `<x:c>`), and its attributes.
const TAG = /<(?:[A-Za-z][\w.-]*:)?(row|c)(?=[\s>/])([^>]*)/g;
const REF = /(?:^|\s)r\s*=\s*["']([A-Z]*)(\d*)["']/;

/** Counts the rows and cells of one XML entry as its text arrives. */
class SheetScanner {
  private carry = '';
  private row = 0;
  private col = 0;

  constructor(
    private readonly limits: SheetLimits,
    private readonly counts: { cells: number; rows: number },
    private readonly onRows: (rows: number) => void,
  ) {}

  push(text: string): void {
    let s = this.carry === '' ? text : this.carry + text;
    const lt = s.lastIndexOf('<');
    if (lt >= 0 && s.indexOf('>', lt) < 0) {
      this.carry = s.slice(lt);
      s = s.slice(0, lt);
      if (this.carry.length > MAX_TAG_CHARS) throw new DamagedZip('tag');
    } else {
      this.carry = '';
    }
    TAG.lastIndex = 0;
    for (let m = TAG.exec(s); m !== null; m = TAG.exec(s)) {
      const ref = REF.exec(m[2]!);
      if (m[1] === 'row') {
        const r = ref?.[2] ? Number(ref[2]) : this.row + 1;
        this.row = Math.max(this.row + 1, r);
        this.col = 0;
        this.counts.rows++;
        if (this.row > Math.min(this.limits.maxRows, EXCEL_MAX_ROWS)) {
          throw new SheetRefusal('rows', this.limits.maxRows);
        }
        if (this.counts.rows % 5000 === 0) this.onRows(this.counts.rows);
      } else {
        const c = ref?.[1] ? colIndex(ref[1]) : this.col + 1;
        this.col = Math.max(this.col + 1, c);
        if (this.col > Math.min(this.limits.maxColumns, EXCEL_MAX_COLUMNS)) {
          throw new SheetRefusal('columns', this.limits.maxColumns, this.row || undefined);
        }
        if (++this.counts.cells > this.limits.maxCells) throw new SheetRefusal('cells', this.limits.maxCells);
      }
    }
  }
}

const isXml = (name: string) => /\.(xml|rels|vml)$/i.test(name);

/**
 * Throws SheetRefusal when the workbook passes a limit, DamagedZip when an entry cannot be inflated;
 * resolves with the inflated size and the rows counted.
 */
export async function scanXlsx(
  bytes: Uint8Array,
  limits: SheetLimits,
  onRows: (rows: number) => void = () => {},
): Promise<{ inflated: number; rows: number }> {
  const { items } = readZipDirectory(bytes);
  const counts = { cells: 0, rows: 0 };
  let inflated = 0;
  const count = (size: number, entrySize: number, fed: number) => {
    inflated += size;
    if (inflated > limits.maxInflatedBytes) throw new SheetRefusal('bomb', limits.maxInflatedBytes);
    if (entrySize > RATIO_CHECK_AFTER_BYTES && entrySize / Math.max(1, fed) > MAX_RATIO) {
      throw new SheetRefusal('bomb', limits.maxInflatedBytes);
    }
  };
  for (const entry of items) {
    if (entry.name.endsWith('/')) continue;
    const data = entryData(bytes, entry);
    if (!data) throw new DamagedZip(entry.name);
    const scanner = isXml(entry.name) ? new SheetScanner(limits, counts, onRows) : null;
    if (entry.method === 0) {
      count(data.length, data.length, data.length);
      scanner?.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
    } else if (entry.method === 8) {
      let entrySize = 0;
      await inflateEntry(data, (chunk, fed) => {
        entrySize += chunk.length;
        count(chunk.length, entrySize, fed);
        scanner?.push(chunk.toString('latin1'));
      });
    } else {
      throw new DamagedZip(entry.name);
    }
  }
  return { inflated, rows: counts.rows };
}
