// .docx → PDF through LibreOffice (`soffice --headless --convert-to pdf`), where it is installed. Each run has
// its own scratch folder and its own LibreOffice profile, so concurrent conversions do not clash over the
// profile lock; a run that hangs is killed after the timeout. No LibreOffice: null, and the caller says so.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SOFFICE = 'soffice';
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The fonts GB/T 9704-2012 names are rarely installed on Linux: LibreOffice's replacement table maps them to
 * Noto CJK (fonts-noto-cjk) — Serif for 仿宋/楷体/宋体/小标宋, Sans for 黑体. Word and WPS use the real fonts.
 */
const FONT_REPLACEMENTS: [string, string][] = [
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['方正小标宋_GBK', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['楷体', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
];

const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function profileSettings(): string {
  const pairs = FONT_REPLACEMENTS.map(
    ([from, to], i) =>
      `<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_${i}" oor:op="replace">` +
      '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>' +
      '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>' +
      `<prop oor:name="ReplaceFont" oor:op="fuse"><value>${xml(from)}</value></prop>` +
      `<prop oor:name="SubstituteFont" oor:op="fuse"><value>${xml(to)}</value></prop>` +
      '</node></item>',
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>
${pairs}
</oor:items>
`;
}

interface RunResult {
  missing: boolean;
  code: number | null;
  stderr: string;
}

function runSoffice(args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(SOFFICE, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && e.code === 'ENOENT') return resolve({ missing: true, code: null, stderr: '' });
      resolve({
        missing: false,
        code: e ? (typeof e.code === 'number' ? e.code : 1) : 0,
        stderr: String(stderr),
      });
    });
  });
}

let available: boolean | null = null;

/** Whether `soffice` runs here (checked once per process). */
export async function hasSoffice(): Promise<boolean> {
  if (available === null) available = !(await runSoffice(['--version'], 30_000)).missing;
  return available;
}

export class PdfConversionError extends Error {}

/** Converts a .docx to PDF; null when LibreOffice is not installed. Throws when it is and fails. */
export async function convertToPdf(docx: Buffer, opts: { timeoutMs?: number } = {}): Promise<Buffer | null> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-notice-'));
  try {
    const profile = join(dir, 'profile');
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), profileSettings());
    const input = join(dir, 'notice.docx');
    await writeFile(input, docx);
    const result = await runSoffice(
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    if (result.missing) {
      available = false;
      return null;
    }
    available = true;
    try {
      return await readFile(join(dir, 'notice.pdf'));
    } catch {
      throw new PdfConversionError(
        `LibreOffice 未能生成 PDF（退出码 ${result.code}）${result.stderr ? `：${result.stderr.trim().slice(0, 300)}` : ''}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
