// CSV as bureaus export it: UTF-8, UTF-8 with a BOM, GBK/GB18030 (Excel and WPS on Chinese Windows save
// "CSV" in the ANSI code page, which is GBK), occasionally UTF-16 "Unicode text" with tabs.
// Read as a stream: the bytes are decoded a megabyte at a time and the parser counts rows, columns, cells
// and the length of a field while it reads, so a file without line breaks, with 100,000 columns or with a
// quote that never closes is refused after at most a megabyte, not after building its grid.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { MAX_CELL_CHARS, type SheetLimits, SheetRefusal } from './limits.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

const CHUNK_BYTES = 1024 * 1024;

/** The encoding a byte-order mark states, with the mark's length; null when there is none. */
function bomOf(bytes: Uint8Array): { encoding: TextEncoding; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** Decodes `bytes` a chunk at a time. */
function* decodeChunks(bytes: Uint8Array, encoding: TextEncoding, skip: number): Generator<string> {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for (let at = skip; at < bytes.length; at += CHUNK_BYTES) {
      yield decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: true });
    }
    yield decoder.decode();
    return;
  }
  const decoder = iconv.getDecoder(encoding === 'gb18030' ? 'gb18030' : encoding.replace('-', ''));
  for (let at = skip; at < bytes.length; at += CHUNK_BYTES) {
    yield decoder.write(
      Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(CHUNK_BYTES, bytes.length - at)),
    );
  }
  yield decoder.end() ?? '';
}

/**
 * Feeds the decoded text of `bytes` to `consume` a megabyte at a time: a byte-order mark says the encoding;
 * valid UTF-8 is UTF-8 (checked natively first, without decoding); anything else is read as GB18030 (a
 * superset of GBK and GB2312).
 */
export function readText(bytes: Uint8Array, consume: (text: string) => void): TextEncoding {
  const bom = bomOf(bytes);
  const encoding: TextEncoding = bom ? bom.encoding : isUtf8(bytes) ? 'utf-8' : 'gb18030';
  for (const t of decodeChunks(bytes, encoding, bom?.skip ?? 0)) consume(t);
  return encoding;
}

/** The whole text at once (small files and tests). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const parts: string[] = [];
  const encoding = readText(bytes, (t) => parts.push(t));
  return { text: parts.join(''), encoding };
}

/** The delimiter of the first non-empty line: comma, tab or semicolon, whichever occurs most. */
function detectDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** The delimiter is decided on the first non-empty line, or on this much text when that line is longer. */
const HEAD_CHARS = 64 * 1024;

const NO_LIMITS: SheetLimits = {
  maxRows: Number.POSITIVE_INFINITY,
  maxColumns: Number.POSITIVE_INFINITY,
  maxCells: Number.POSITIVE_INFINITY,
  maxInflatedBytes: Number.POSITIVE_INFINITY,
};

/**
 * RFC 4180 with the usual leniencies (quoted fields with doubled quotes and line breaks, CRLF or LF), fed
 * text in pieces. Throws SheetRefusal as soon as a limit is passed; a field longer than a cell can hold is
 * an unterminated quote when quoted, else not a table at all.
 */
export class CsvParser {
  private head = '';
  private delimiter = -1;
  private row: string[] = [];
  private field = '';
  private started = false;
  private quoted = false;
  private quoteAtEnd = false;
  private crAtEnd = false;
  private quoteRow = 0;
  rows = 0;
  cells = 0;

  constructor(
    private readonly onRow: (row: string[]) => void,
    private readonly limits: SheetLimits = NO_LIMITS,
  ) {}

  push(text: string): void {
    if (this.delimiter < 0) {
      this.head += text;
      if (this.head.length < HEAD_CHARS && !/\S[^\n]*\n/.test(this.head)) return;
      this.decideDelimiter();
      text = this.head;
      this.head = '';
    }
    this.scan(text);
  }

  end(): void {
    if (this.delimiter < 0) {
      this.decideDelimiter();
      const text = this.head;
      this.head = '';
      this.scan(text);
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.quoted = false;
    }
    if (this.quoted) throw new SheetRefusal('unterminated-quote', MAX_CELL_CHARS, this.quoteRow);
    if (this.field !== '' || this.row.length > 0) {
      this.endField();
      this.endRow();
    }
  }

  private decideDelimiter(): void {
    this.delimiter = detectDelimiter(this.head.slice(0, HEAD_CHARS)).charCodeAt(0);
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.field = this.field === '' ? text.slice(from, to) : this.field + text.slice(from, to);
    this.started = true;
    if (this.field.length > MAX_CELL_CHARS) {
      throw this.quoted
        ? new SheetRefusal('unterminated-quote', MAX_CELL_CHARS, this.quoteRow)
        : new SheetRefusal('not-a-table', MAX_CELL_CHARS, this.rows + 1);
    }
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.started = false;
    if (this.row.length > this.limits.maxColumns) {
      throw new SheetRefusal('columns', this.limits.maxColumns, this.rows + 1);
    }
  }

  private endRow(): void {
    this.rows++;
    this.cells += this.row.length;
    if (this.rows > this.limits.maxRows) throw new SheetRefusal('rows', this.limits.maxRows);
    if (this.cells > this.limits.maxCells) throw new SheetRefusal('cells', this.limits.maxCells);
    const row = this.row;
    this.row = [];
    this.onRow(row);
  }

  private scan(text: string): void {
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.append('"', 0, 1);
        i = 1;
      } else {
        this.quoted = false;
      }
    }
    let start = i;
    while (i < n) {
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.append(text, i, n);
          return;
        }
        this.append(text, i, q);
        if (q + 1 >= n) {
          this.quoteAtEnd = true;
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.append('"', 0, 1);
          i = q + 2;
          continue;
        }
        this.quoted = false;
        i = q + 1;
        start = i;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE && i === start && !this.started) {
        this.quoted = true;
        this.started = true;
        this.quoteRow = this.rows + 1;
        i++;
        start = i;
      } else if (c === d) {
        this.append(text, start, i);
        this.endField();
        i++;
        start = i;
      } else if (c === CR || c === LF) {
        this.append(text, start, i);
        this.endField();
        this.endRow();
        if (c === CR) {
          if (i + 1 >= n) this.crAtEnd = true;
          else if (text.charCodeAt(i + 1) === LF) i++;
        }
        i++;
        start = i;
      } else {
        i++;
      }
    }
    // A quoted field appends its pieces as it goes; an unquoted one is cut here.
    if (!this.quoted) this.append(text, start, n);
  }
}

/** The rows of a whole text (small files and tests). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser((r) => rows.push(r));
  parser.push(text);
  parser.end();
  return rows;
}
