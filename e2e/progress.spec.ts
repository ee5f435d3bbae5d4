// The statistics bureau records an entry in the UI; the county's and the township's net on the
// board each move by exactly one; the drill-down lists the firm; the centre issues a progress notice and
// downloads its Word and PDF (the PDF's first page is rendered to a PNG).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './lib/api.js';
import { type E2eBrowser, openBrowser, SCREENSHOTS, screenshot, signIn } from './lib/browser.js';
import { chinaToday } from './lib/clock.js';
import { type E2eServer, startServer } from './lib/server.js';

interface Row {
  unitId: number;
  name: string;
  net: number;
  entered: number;
}
interface Report {
  year: number;
  county: { net: number; entered: number };
  dimensions: { territorial: Row[]; supervising: Row[] };
}
interface Firm {
  id: number;
  name: string;
  creditCode: string;
  legalForm: string;
  townshipId: number;
  townshipName: string;
}

let server: E2eServer;
let centre: E2eBrowser;
let bureau: E2eBrowser;
let before: Report;
let xiushuiId: number;
let firm: Firm;

async function numberOf(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).first().textContent();
  return Number(text?.replace(/[^\d-]/g, ''));
}

async function openBoard(page: Page) {
  await page.goto(`${server.url}/progress`);
  await page.getByTestId('progress-board').waitFor();
  await page.getByTestId(`net-territorial-${xiushuiId}`).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  const api = await apiSession(server.url, 'zhongxin');
  before = await api.get<Report>(`/api/v1/progress?year=${chinaToday().slice(0, 4)}`);
  const xiushui = before.dimensions.territorial.find((r) => r.name === '秀水镇');
  if (!xiushui) throw new Error('秀水镇 not on the board');
  xiushuiId = xiushui.unitId;
  // A below-scale firm of 秀水镇 that is a legal person and has no entry or exit yet.
  const list = await api.get<{ items: Firm[] }>(
    `/api/v1/enterprises?townshipId=${xiushuiId}&scaleStatus=below&pageSize=100`,
  );
  for (const f of list.items) {
    if (f.legalForm !== 'enterprise') continue;
    const events = await api.get<{ items: unknown[] }>(`/api/v1/enterprises/${f.id}/directory-events`);
    if (events.items.length === 0) {
      firm = f;
      break;
    }
  }
  if (!firm) throw new Error('no below-scale firm without directory events in 秀水镇');
  [centre, bureau] = await Promise.all([openBrowser(), openBrowser()]);
});

afterAll(async () => {
  await centre?.close();
  await bureau?.close();
  await server?.stop();
});

describe('net-increase progress in the browser', () => {
  it('shows the board to the centre with the county and 秀水镇 as the API counts them', async () => {
    const { page } = centre;
    await signIn(page, server.url, 'zhongxin');
    await openBoard(page);
    expect(await numberOf(page, 'kpi-net-value')).toBe(before.county.net);
    expect(await numberOf(page, `net-territorial-${xiushuiId}`)).toBe(
      before.dimensions.territorial.find((r) => r.unitId === xiushuiId)?.net,
    );
    await screenshot(page, '30-progress-board');
  });

  it('lets the statistics bureau record an entry for a below-scale firm of 秀水镇', async () => {
    const { page } = bureau;
    await signIn(page, server.url, 'tongji');
    await page.goto(`${server.url}/directory`);
    await page.getByTestId('directory-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '31-directory-list');
    await page.getByTestId('directory-record').click();
    // The picker searches as one types (debounced): wait until the results for the whole code have
    // settled to this one firm before choosing it, and check the choice took.
    const picker = page.getByTestId('directory-form-firm');
    for (let attempt = 0; attempt < 3; attempt++) {
      await picker.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(firm.creditCode);
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await page.waitForFunction((code) => {
        const items = [...document.querySelectorAll('.ant-select-dropdown .ant-select-item-option')];
        return items.length === 1 && items[0]?.textContent?.includes(code);
      }, firm.creditCode);
      await options.filter({ hasText: firm.name }).first().click();
      if (((await picker.textContent()) ?? '').includes(firm.name)) break;
    }
    expect(await picker.textContent()).toContain(firm.name);
    await page.getByTestId('directory-form-type').getByText('入库', { exact: true }).click();
    await page.getByTestId('directory-form-mode').getByText('年度入库', { exact: true }).click();
    // Approval today (China), effective the current month: the form's defaults, checked.
    const today = chinaToday();
    expect(await page.getByTestId('directory-form-approval').inputValue()).toBe(today);
    expect(await page.getByTestId('directory-form-period').inputValue()).toBe(
      `${today.slice(0, 4)}年${today.slice(5, 7)}月`,
    );
    await page.getByTestId('directory-form-batch').fill('e2e 年度入库');
    await screenshot(page, '32-directory-form');
    await page.getByTestId('directory-form-submit').click();
    await page.getByTestId('directory-confirm-ok').click();
    await page.locator('.ant-message-success').waitFor();
    await page
      .getByTestId('directory-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: firm.name })
      .first()
      .waitFor();
    await screenshot(page, '33-directory-recorded');
  });

  it('moves the county and 秀水镇 by exactly one, and the drill-down lists the firm', async () => {
    const { page } = centre;
    await openBoard(page);
    await page.waitForFunction(
      ([id, n]) => Number(document.querySelector(`[data-testid="net-territorial-${id}"]`)?.textContent) === n,
      [xiushuiId, (before.dimensions.territorial.find((r) => r.unitId === xiushuiId)?.net ?? 0) + 1] as const,
    );
    expect(await numberOf(page, 'kpi-net-value')).toBe(before.county.net + 1);
    expect(await numberOf(page, `net-territorial-${xiushuiId}`)).toBe(
      (before.dimensions.territorial.find((r) => r.unitId === xiushuiId)?.net ?? 0) + 1,
    );
    await screenshot(page, '34-progress-board-after');

    await page.getByTestId(`drill-entered-territorial-${xiushuiId}`).click();
    const drawer = page.getByTestId('drill-table');
    await drawer.getByText(firm.name).waitFor();
    const links = await drawer.getByTestId('drill-firm-link').allTextContents();
    expect(links).toContain(firm.name);
    await screenshot(page, '35-progress-drill-down');
    await page.keyboard.press('Escape');
  });

  it('issues a progress notice and downloads its Word and PDF', async () => {
    const { page } = centre;
    await page.goto(`${server.url}/notices`);
    await page.getByTestId('notice-new').click();
    await page.getByTestId('notice-title').waitFor();
    expect(await page.getByTestId('notice-title').inputValue()).toContain('净增工作进展情况的通报');
    expect(await page.getByTestId('notice-praise').inputValue()).not.toBe('');
    await page.waitForTimeout(500); // the drawer's slide-in
    await screenshot(page, '36-notice-form');
    await page.getByTestId('notice-issue').click();
    const [docx] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('notice-confirm-ok').click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const row = page.getByTestId('notice-table').locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/〔\d{4}〕\d+号/);
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    await page.waitForTimeout(400); // the confirmation's fade-out
    await screenshot(page, '37-notice-list');

    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      row.locator('[data-testid^="notice-pdf-"]').click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pdfPath = join(SCREENSHOTS, 'progress-notice.pdf');
    await pdf.saveAs(pdfPath);
    const prefix = join(SCREENSHOTS, 'progress-notice-page1');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
    const png = `${prefix}.png`;
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(5 * 1024);
  });

  it('shows a township its own board and a leader the board on a phone', async () => {
    const township = await openBrowser();
    try {
      await signIn(township.page, server.url, 'xiushui');
      await township.page.goto(`${server.url}/progress`);
      await township.page.getByTestId(`net-territorial-${xiushuiId}`).waitFor();
      await screenshot(township.page, '38-progress-township');
    } finally {
      await township.close();
    }
    const phone = await openBrowser({ width: 390, height: 844, mobile: true });
    try {
      await signIn(phone.page, server.url, 'lingdao');
      await phone.page.goto(`${server.url}/progress`);
      await phone.page.getByTestId('progress-board').waitFor();
      await phone.page.getByTestId('progress-cumulative').waitFor();
      await phone.page.waitForTimeout(300);
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(1);
      await screenshot(phone.page, '39-progress-phone');
    } finally {
      await phone.close();
    }
  });
});
