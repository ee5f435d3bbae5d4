// Zip-bomb guard for .xlsx: before any inflating, read the zip's central directory (at the end of the
// file, a few kilobytes) and refuse archives whose declared uncompressed size or compression ratio is
// absurd. Cheap and fast; a directory can lie, so the parsing worker then counts the bytes each entry really
// inflates to while inflating them (xlsx-scan.ts).
import { AppError } from '../errors.js';

export interface ZipLimits {
  /** Total declared uncompressed bytes. */
  maxUncompressed: number;
  /** Total uncompressed / file size. Real workbooks stay well under 30; a bomb is in the thousands. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressed: 200 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not an Office file. */
  method: number;
  compressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

export interface ZipSummary {
  entries: string[];
  /** What the directory declares: a bomb's directory lies, so this bounds nothing by itself. */
  uncompressed: number;
  items: ZipEntry[];
}

const broken = () => {
  const message = '文件已损坏，或不是有效的 .xlsx 文件';
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
};

/** Where an entry's data starts and ends in the file, from its local header; null when out of bounds. */
export function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) return null;
  const start =
    e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > bytes.length) return null;
  return bytes.subarray(start, start + e.compressedSize);
}

export function readZipDirectory(bytes: Uint8Array): ZipSummary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const message = '不支持 ZIP64 格式的工作簿：请用 Excel 或 WPS 另存后再导入';
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  if (cdOffset + cdSize > eocd) throw broken();
  const entries: string[] = [];
  const items: ZipEntry[] = [];
  let uncompressed = 0;
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw broken();
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (size === 0xffffffff) throw tooLarge();
    uncompressed += size;
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push(name);
    items.push({ name, method, compressedSize, localOffset: view.getUint32(p + 42, true) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, uncompressed, items };
}

function tooLarge() {
  const message = '压缩包异常：文件解压后过大或压缩比异常（疑似压缩炸弹），已拒绝导入';
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

/** Throws unless the archive looks like a workbook of sane size. */
export function assertSafeXlsx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipSummary {
  const summary = readZipDirectory(bytes);
  if (summary.entries.length > limits.maxEntries) throw tooLarge();
  if (summary.uncompressed > limits.maxUncompressed) throw tooLarge();
  if (summary.uncompressed / Math.max(1, bytes.length) > limits.maxRatio) throw tooLarge();
  if (!summary.entries.some((e) => e === 'xl/workbook.xml')) {
    const message = summary.entries.includes('xl/workbook.bin')
      ? '不支持 .xlsb 二进制工作簿：请另存为 .xlsx 再导入'
      : '不是电子表格：该压缩文件不是 Excel 工作簿（缺少 xl/workbook.xml）';
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  return summary;
}
