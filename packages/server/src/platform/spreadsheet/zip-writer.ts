// A minimal zip writer for building test and benchmark workbooks byte by byte, including hostile ones: an
// entry's central-directory size can be made to lie (`declaredSize`), as a zip bomb's does. Deflate or
// store, no ZIP64. Not used to write the application's own workbooks (excel.ts does that).
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data`, continuing from the CRC of what came before it (`crc`). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry deflated by the caller (large ones, deflated as a stream): the raw deflate bytes and the truth. */
export interface Deflated {
  body: Uint8Array;
  size: number;
  crc: number;
}

export interface ZipInput {
  name: string;
  data: Uint8Array | string | Deflated;
  /** What the directory claims the entry inflates to (default: the truth). */
  declaredSize?: number;
  store?: boolean;
}

export function zipOf(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const given = typeof e.data === 'object' && 'body' in e.data ? e.data : null;
    const raw = given
      ? null
      : typeof e.data === 'string'
        ? Buffer.from(e.data, 'utf8')
        : (e.data as Uint8Array);
    const body = Buffer.from(given ? given.body : e.store ? raw! : deflateRawSync(raw!, { level: 9 }));
    const name = Buffer.from(e.name, 'utf8');
    const crc = given ? given.crc : crc32(raw!);
    const size = e.declaredSize ?? (given ? given.size : raw!.length);
    const method = e.store && !given ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A one-sheet workbook around the given worksheet XML (its `<sheetData>` rows, inline strings). */
export function xlsxOfSheetXml(sheetXml: Uint8Array | string | Deflated, declaredSize?: number): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...(declaredSize ? { declaredSize } : {}) },
  ]);
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** One row of inline-string and number cells, as Excel writes it. */
export function rowXml(r: number, cells: (string | number)[]): string {
  let s = `<row r="${r}">`;
  cells.forEach((v, i) => {
    let col = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
      col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
    s +=
      typeof v === 'number'
        ? `<c r="${col}${r}"><v>${v}</v></c>`
        : `<c r="${col}${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
  });
  return `${s}</row>`;
}
