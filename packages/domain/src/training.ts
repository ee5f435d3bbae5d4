// Training and publicity (培训宣讲): the rules of a sign-in sheet as counties really keep them — a title row
// or two above the header, the header somewhere in the first rows with its columns named in several ways,
// names written with full-width spaces and brackets — and of the materials an event keeps. Pure: the server
// reads the sheet (platform/spreadsheet) and matches firms and units with these rules.

/** The columns of a sign-in sheet and the header texts that name each (compared without spaces). */
export const SIGNIN_COLUMNS = {
  seq: ['序号', '编号'],
  personName: ['姓名', '参会人员', '参训人员', '参会人', '参训人', '人员姓名'],
  orgName: [
    '单位',
    '单位名称',
    '企业名称',
    '工作单位',
    '企业',
    '所在单位',
    '企业（单位）名称',
    '单位（企业）名称',
  ],
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码'],
  title: ['职务', '职位', '职务/职称'],
  phone: ['联系电话', '手机', '手机号', '手机号码', '电话', '联系方式'],
  signedAt: ['签到时间', '时间', '签到'],
} as const;
export type SigninColumn = keyof typeof SIGNIN_COLUMNS;

/** How many rows from the top the header is looked for in. */
export const SIGNIN_HEADER_SEARCH_ROWS = 10;

/** Compatibility forms folded (全角 → 半角: （）→ (), full-width letters, digits and spaces) and spaces removed. */
export function normaliseOrgName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** A cell as text: trimmed, full-width spaces included; numbers written out. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v)
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

function headerKey(text: string): string {
  return normaliseOrgName(text).replace(/[:：*＊]/g, '');
}

export interface SigninHeader {
  /** 0-based row index of the header in the sheet. */
  row: number;
  /** 0-based column index of each column found. */
  columns: Partial<Record<SigninColumn, number>>;
  /** The header texts as written, for messages ("第7行「单位名称」为空"). */
  labels: Partial<Record<SigninColumn, string>>;
}

const normalisedAliases = Object.fromEntries(
  Object.entries(SIGNIN_COLUMNS).map(([k, aliases]) => [k, aliases.map((a) => headerKey(a))]),
) as Record<SigninColumn, string[]>;

/**
 * The header row of a sign-in sheet: the first of the top rows naming both a person column (姓名) and an
 * organisation column (单位/企业名称…). A merged title cell repeats its text across the row, so a title like
 * "秀水镇小升规专题培训签到表" never matches (it names no column exactly). Null when there is none.
 */
export function findSigninHeader(rows: readonly (readonly unknown[])[]): SigninHeader | null {
  const limit = Math.min(rows.length, SIGNIN_HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    const columns: Partial<Record<SigninColumn, number>> = {};
    const labels: Partial<Record<SigninColumn, string>> = {};
    row.forEach((cell, c) => {
      const text = cellText(cell);
      if (!text) return;
      const key = headerKey(text);
      for (const col of Object.keys(normalisedAliases) as SigninColumn[]) {
        if (columns[col] === undefined && normalisedAliases[col].includes(key)) {
          columns[col] = c;
          labels[col] = text;
          break;
        }
      }
    });
    if (columns.personName !== undefined && columns.orgName !== undefined) return { row: r, columns, labels };
  }
  return null;
}

/**
 * The names a county unit goes by on a sign-in sheet: its own name (秀水镇, 县能源局), with 人民政府/政府
 * after a township's name, and a county body's "县" written as the county's name (盂县能源局).
 */
export function unitNameVariants(unitName: string, countyName: string | null): string[] {
  const base = normaliseOrgName(unitName);
  const names = new Set([base, `${base}人民政府`, `${base}政府`]);
  if (countyName && base.startsWith('县')) names.add(`${normaliseOrgName(countyName)}${base.slice(1)}`);
  return [...names];
}

/** A person written two ways on one sheet is the same person: compared without spaces and width forms. */
export function samePersonKey(personName: string, orgKey: string): string {
  return `${normaliseOrgName(personName)}\u0001${orgKey}`;
}

// ── Materials ─────────────────────────────────────────────────────────────────────────────────────────

export const TRAINING_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const TRAINING_FILE_TYPES = ['pdf', 'pptx', 'docx', 'xlsx', 'jpg', 'png'] as const;
export type TrainingFileType = (typeof TRAINING_FILE_TYPES)[number];
export const TRAINING_FILE_CONTENT_TYPES: Record<TrainingFileType, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};
const FILE_EXTENSIONS: Record<string, TrainingFileType> = {
  pdf: 'pdf',
  pptx: 'pptx',
  docx: 'docx',
  xlsx: 'xlsx',
  jpg: 'jpg',
  jpeg: 'jpg',
  png: 'png',
};

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The type the content really is, by its leading bytes (an Office file is a zip with its own part names). */
export function sniffTrainingFile(bytes: Uint8Array): TrainingFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'ppt/')) return 'pptx';
    if (containsAscii(bytes, 'xl/')) return 'xlsx';
    if (containsAscii(bytes, 'word/')) return 'docx';
  }
  return null;
}

/** A training's material: at most 10 MB, and the name's extension and the content agree on an allowed type. */
export function checkTrainingFile(
  fileName: string,
  bytes: Uint8Array,
): { ok: true; type: TrainingFileType } | { ok: false; message: string } {
  const allowed = TRAINING_FILE_TYPES.join('、');
  if (bytes.length === 0) return { ok: false, message: '文件为空' };
  if (bytes.length > TRAINING_FILE_MAX_BYTES)
    return { ok: false, message: `文件超过${TRAINING_FILE_MAX_BYTES / 1024 / 1024}MB上限` };
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const byName = FILE_EXTENSIONS[ext];
  if (!byName) return { ok: false, message: `仅支持 ${allowed} 格式的文件` };
  const sniffed = sniffTrainingFile(bytes);
  if (sniffed !== byName)
    return { ok: false, message: `文件内容与扩展名 .${ext} 不符（仅支持 ${allowed} 格式的文件）` };
  return { ok: true, type: sniffed };
}
