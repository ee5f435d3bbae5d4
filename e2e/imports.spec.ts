// The tax bureau uploads a messy revenue sheet (title row, unit note, 序号, 1月…10月, a 合计 row, an
// unknown firm, a non-numeric value), sees the preview with its errors, downloads the error sheet, applies
// only the good rows, finds the figure on the firm's page and in the import history, and exports the list.
import { readFile } from 'node:fs/promises';
import { creditCodeCheckChar } from '@shenggui/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './lib/api.js';
import { type E2eBrowser, openBrowser, screenshot, signIn } from './lib/browser.js';
import { type E2eServer, startServer } from './lib/server.js';

interface Firm {
  id: number;
  creditCode: string;
  name: string;
}

let server: E2eServer;
let browser: E2eBrowser;
let good: Firm;
let bad: Firm;
let unknownCode: string;
let sheet: Buffer;

const MONTHS = Array.from({ length: 10 }, (_, i) => `${i + 1}月`);
/** 万元 in the sheet; the good firm's October figure is the one looked for on its page. */
const GOOD_ROW = [101.5, 102.5, 103.5, 104.5, 105.5, 106.5, 107.5, 108.5, 109.5, 888.88];

async function messySheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('开票收入');
  ws.addRow(['盂县2025年1-10月工业企业开票收入统计表']);
  ws.mergeCells(1, 1, 1, 13);
  ws.addRow(['单位：万元']);
  ws.addRow(['序号', '统一社会信用代码', '企业名称', ...MONTHS]);
  ws.addRow([1, good.creditCode, good.name, ...GOOD_ROW]); // row 4: valid
  ws.addRow([2, unknownCode, '不存在的测试企业有限公司', ...GOOD_ROW]); // row 5: unknown firm
  ws.addRow([3, bad.creditCode, bad.name, 50, 60, '待核实', 70, 80, 90, 100, 110, 120, 130]); // row 6: 3月
  ws.addRow(['合计', '', '', ...GOOD_ROW.map((v) => v * 3)]); // row 7: ignored
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  server = await startServer();
  const api = await apiSession(server.url, 'shuiwu');
  const list = await api.get<{ items: Firm[] }>('/api/v1/enterprises?page=1&pageSize=2');
  const [a, b] = list.items;
  if (!a || !b) throw new Error('the demo county has no firms');
  good = a;
  bad = b;
  // A well-formed code (right check character) that no demo firm has.
  const first17 = '91140322MA0E2E00X';
  unknownCode = `${first17}${creditCodeCheckChar(first17)}`;
  sheet = await messySheet();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const problemRows = async () => {
  const { page } = browser;
  const rows = page.getByTestId('import-problems').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  return (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
};

describe('importing a messy revenue sheet in the browser', () => {
  it('offers the tax user monthly figures from the tax source only, with templates', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'shuiwu');
    await page.goto(`${server.url}/data/imports`);
    await page.getByTestId('import-upload').waitFor();
    // Only what the tax bureau may write: 月度数据, source 税务开票.
    expect(await page.getByTestId('import-kind').textContent()).toBe('月度数据');
    expect(await page.getByTestId('import-source').textContent()).toContain('税务');
    expect(await page.getByTestId('import-template-revenue').isVisible()).toBe(true);
    expect(await page.getByTestId('import-template-enterprises').count()).toBe(0);
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template-revenue').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(page, '20-import-page');
  });

  it('uploads the sheet and previews how it was read and every problem', async () => {
    const { page } = browser;
    await page.getByTestId('import-upload').locator('input[type="file"]').setInputFiles({
      name: '盂县2025年1-10月开票收入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheet,
    });
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-how-header').textContent()).toContain('第 3 行');
    expect(await page.getByTestId('import-how-unit').textContent()).toContain('万元');
    expect(await page.getByTestId('import-how-format').getAttribute('data-format')).toBe('wide');
    expect(await page.getByTestId('import-how-year').textContent()).toBe('2025');
    expect(await page.getByTestId('import-how-columns').textContent()).toContain('10月 → 2025年10月');

    const count = async (k: string) =>
      Number(await page.getByTestId(`import-count-${k}`).getAttribute('data-value'));
    expect(await count('rows')).toBe(3); // the 合计 row is not a data row
    expect(await count('valid')).toBe(1);
    expect(await count('invalid')).toBe(2);
    expect((await count('imported')) + (await count('updated')) + (await count('unchanged'))).toBe(10);

    const rows = await problemRows();
    expect(
      rows.some((r) => r.startsWith('5') && r.includes('统一社会信用代码') && r.includes('未找到')),
    ).toBe(true);
    expect(rows.some((r) => r.startsWith('6') && r.includes('3月') && r.includes('待核实'))).toBe(true);
    expect(rows.every((r) => /^[56]/.test(r))).toBe(true);
    // Import stays disabled until the user explicitly chooses to skip the bad rows.
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    await screenshot(page, '21-import-preview');
  });

  it('lists per row the firm, the period, the source and the value that will be stored', async () => {
    const { page } = browser;
    const lines = page.getByTestId('import-lines');
    await lines.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('import-lines-unit').textContent()).toContain('万元');
    // Only the good firm's lines: ten months, each new or a correction of the demo's figure.
    await page.getByTestId('import-lines-firm').locator('input').fill(good.name);
    await page.getByTestId('import-lines-firm').locator('input').press('Enter');
    await lines.getByText('共 10 行').waitFor();
    await lines.locator('.ant-pagination-next').click();
    await lines.locator('tbody tr.ant-table-row').filter({ hasText: '2025年10月' }).waitFor();
    const october = (await lines.locator('tbody tr.ant-table-row').allTextContents())
      .map((t) => t.replace(/\s+/g, ' '))
      .find((r) => r.includes('2025年10月'));
    expect(october, 'the October line').toBeDefined();
    expect(october).toContain(good.name);
    expect(october).toContain('税务');
    expect(october).toContain('888.88');
    await screenshot(page, '21b-import-lines');
    // The errors, by status: the unknown firm and the bad cell.
    await page.getByTestId('import-lines-firm').locator('input').fill('');
    await page.getByTestId('import-lines-firm').locator('input').press('Enter');
    await page.getByTestId('import-lines-status').getByText(/^错误/).click();
    await lines.getByText('共 2 行').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-lines-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/导入预览.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBe(3);
  });

  it('downloads the error sheet with a 错误说明 column', async () => {
    const { page } = browser;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-download-errors').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/错误说明.*\.xlsx$/);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('the error sheet has no worksheet');
    let column = 0;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (String(cell.value ?? '').includes('错误说明') && !column) {
          column = c;
          headerRow = r;
        }
      });
    });
    expect(column).toBeGreaterThan(0);
    const messages: Record<number, string> = {};
    ws.eachRow((row, r) => {
      const v = row.getCell(column).value;
      if (r > headerRow && v) messages[r] = String(v);
    });
    expect(messages[5]).toBeTruthy();
    expect(messages[6]).toBeTruthy();
    expect(messages[4]).toBeUndefined();
  });

  it('applies only the good rows after an explicit choice and a confirmation', async () => {
    const { page } = browser;
    await page.getByTestId('import-skip-invalid').click();
    expect(await page.getByTestId('import-skip-warning').textContent()).toContain('2 行');
    expect(await page.getByTestId('import-apply').isEnabled()).toBe(true);
    await screenshot(page, '22-import-skip-invalid');
    await page.getByTestId('import-apply').click();
    const body = page.getByTestId('import-confirm-body');
    await body.waitFor();
    await page.waitForTimeout(400); // the modal's opening animation, for the screenshot
    expect(await body.textContent()).toMatch(/将新增 \d+ 条数据、更正 \d+ 条数据.*跳过 2 行/);
    await screenshot(page, '23-import-confirm');
    await page.getByTestId('import-confirm-ok').click();
    await page.getByTestId('import-result').waitFor();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    expect(await page.getByTestId('import-result-body').textContent()).toContain('跳过 2 行');
    await screenshot(page, '24-import-done');
  });

  it('shows the imported figure on the firm page', async () => {
    const { page } = browser;
    await page.getByTestId('import-result-link').click();
    await page.waitForURL(/\/enterprises$/);
    await page.goto(`${server.url}/enterprises/${good.id}?year=2025`);
    const facts = page.getByTestId('revenue-facts');
    await facts.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = (await facts.locator('tbody tr.ant-table-row').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' '),
    );
    const imported = rows.find((r) => r.includes('888.88') && r.includes('税务'));
    expect(imported, rows.join('\n')).toBeDefined();
    expect(imported).toContain('2025年10月');
    expect(imported).toMatch(/导入批次 #\d+/);
    await screenshot(page, '25-import-firm-page');
  });

  it('lists the batch in the import history, filters kept in the URL', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/data/imports/history?kind=revenue&source=tax`);
    const table = page.getByTestId('import-history-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').allTextContents();
    expect(rows[0]).toContain('盂县2025年1-10月开票收入.xlsx');
    expect(rows[0]).toContain('跳过 2 行');
    await screenshot(page, '26-import-history');
    await page.goto(`${server.url}/data/imports/history?kind=enterprises`);
    await table.getByText('没有符合条件的导入记录').waitFor();
  });

  it('exports the enterprise list as .xlsx', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/enterprises`);
    await page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('enterprise-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount ?? 0).toBeGreaterThan(1);
  });
});

describe('a quarterly tax return in a sheet that states no unit', () => {
  async function unitlessQuarterSheet(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('增值税申报');
    ws.addRow(['纳税人识别号', '纳税人名称', '税款所属期起', '税款所属期止', '应税销售额']);
    ws.addRow([bad.creditCode, bad.name, '2030-01-01', '2030-03-31', 612.5]);
    ws.addRow([good.creditCode, good.name, '2030-01-01', '2030-01-31', 210.25]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('asks for 元 or 万元, reads the sheet again in 万元, and stores the quarter as a quarter', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/data/imports`);
    await page
      .getByTestId('import-upload')
      .locator('input[type="file"]')
      .setInputFiles({
        name: '2030年一季度增值税申报.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await unitlessQuarterSheet(),
      });
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('import-unit-choice').waitFor();
    expect(await page.getByTestId('import-how-unit').textContent()).toContain('表中未注明');
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    await page.getByTestId('import-unit-required').waitFor();
    await screenshot(page, '27-import-unit-missing');

    await page.getByTestId('import-unit').getByText('万元').click();
    await page
      .getByTestId('import-lines-unit')
      .getByText(/按“万元”读取/)
      .waitFor();
    const lines = page.getByTestId('import-lines');
    const rows = (await lines.locator('tbody tr.ant-table-row').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' '),
    );
    const quarter = rows.find((r) => r.includes('2030年第1季度'));
    expect(quarter, rows.join('\n')).toContain('612.50');
    expect(quarter).toContain(bad.name);
    expect(rows.find((r) => r.includes('2030年1月'))).toContain('210.25');
    expect(await page.getByTestId('import-apply').isEnabled()).toBe(true);
    await screenshot(page, '28-import-unit-chosen');

    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-confirm-ok').click();
    await page.getByTestId('import-result').waitFor();
    await page.goto(`${server.url}/enterprises/${bad.id}?year=2030`);
    const facts = page.getByTestId('revenue-facts');
    await facts.locator('tbody tr.ant-table-row').first().waitFor();
    const factRows = (await facts.locator('tbody tr.ant-table-row').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' '),
    );
    expect(factRows.find((r) => r.includes('2030年第1季度'))).toContain('612.50');
    await screenshot(page, '29-import-quarter-firm-page');
  });
});
