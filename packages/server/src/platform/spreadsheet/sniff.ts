// Which kind of spreadsheet a file really is, from its first bytes: a file named .xlsx must be a zip, a
// file named .xls an OLE compound file (CFB), a .csv text. Old bureau systems often save HTML or text as
// ".xls": we refuse those with a message that says what to do instead of guessing.
import { AppError } from '../errors.js';

export type SheetFormat = 'xlsx' | 'xls' | 'csv';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** What the content is: zip → xlsx, CFB → xls, text → csv; 'binary' for anything else. */
export function sniffContent(bytes: Uint8Array): SheetFormat | 'binary' | 'empty' {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, CFB)) return 'xls';
  // UTF-16 text (WPS "Unicode text") starts with a byte-order mark and is full of NULs.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'csv';
  const head = bytes.subarray(0, 8192);
  for (const b of head) {
    // NUL or other C0 controls (besides tab, LF, CR, FF, SUB) never occur in a text export.
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) return 'binary';
  }
  return 'csv';
}

export function formatFromName(fileName: string): SheetFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xls' || ext === 'csv') return ext;
  return null;
}

const LABEL: Record<SheetFormat, string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  xls: 'Excel 97-2003 工作簿（.xls）',
  csv: '文本（.csv）',
};

/** The format of an upload, refusing names we do not read and content that is not what the name says. */
export function assertSheetFormat(fileName: string, bytes: Uint8Array): SheetFormat {
  const named = formatFromName(fileName);
  if (!named) {
    throw new AppError('VALIDATION', '只支持 .xlsx、.xls 和 .csv 文件', [
      { path: 'fileName', message: `不支持的文件类型：${fileName}` },
    ]);
  }
  const actual = sniffContent(bytes);
  if (actual === 'empty')
    throw new AppError('VALIDATION', '文件为空', [{ path: 'file', message: '文件为空' }]);
  if (actual !== named) {
    const what = actual === 'binary' ? '无法识别的二进制内容' : LABEL[actual];
    const hint =
      named === 'xls' && actual === 'csv'
        ? '（可能是网页或文本导出的文件）请用 Excel 或 WPS 打开后另存为 .xlsx 再导入'
        : '请用 Excel 或 WPS 打开后另存为正确的格式再导入';
    const message = `${actual === 'binary' ? '不是电子表格：' : ''}文件名为 .${named}，但内容是${what}：${hint}`;
    throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
  }
  return named;
}
