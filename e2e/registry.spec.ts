// Sign in, filter the list, open a firm, see its chart — in Debian's Chromium on the built app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eBrowser, openBrowser, screenshot, signIn } from './lib/browser.js';
import { type E2eServer, startServer } from './lib/server.js';

let server: E2eServer;
let browser: E2eBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('enterprise registry in the browser', () => {
  it('shows the demo banner and demo accounts on the sign-in page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login`);
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByTestId('demo-accounts').textContent()).toContain('zhongxin');
    await screenshot(page, '01-login');
  });

  it('signs in as centre staff and lands on the workbench with real counts', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'zhongxin');
    await page.getByTestId('home-count-total').waitFor();
    await page.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-testid="home-count-total"]')?.textContent ?? ''),
    );
    const total = Number((await page.getByTestId('home-count-total').textContent())?.replace(/\D/g, ''));
    expect(total).toBe(300);
    expect(await page.getByTestId('demo-tag').isVisible()).toBe(true);
    await screenshot(page, '02-home');
  });

  it('filters the list by township and keyword, keeping the filter in the URL', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/enterprises`);
    const table = page.getByTestId('enterprise-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '03-enterprise-list');

    await page.getByTestId('filter-township').click();
    await page.locator('.ant-select-dropdown').getByText('南娄镇', { exact: true }).click();
    await page.getByTestId('filter-submit').click();
    await page.waitForURL(/townshipId=/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="enterprise-table"] tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('南娄镇'));
    });
    const rows = await table.locator('tbody tr.ant-table-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('南娄镇');
    await screenshot(page, '04-enterprise-list-filtered');

    // The filter survives a reload: it lives in the URL.
    await page.reload();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    for (const r of await table.locator('tbody tr.ant-table-row').allTextContents())
      expect(r).toContain('南娄镇');
  });

  it('opens a firm and shows its revenue chart and every version of its figures', async () => {
    const { page } = browser;
    const link = page.getByTestId('enterprise-link').first();
    const name = (await link.textContent())?.trim() ?? '';
    await link.click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    expect(await page.getByTestId('enterprise-name').textContent()).toContain(name);
    const chart = page.getByTestId('revenue-chart');
    await chart.locator('canvas').first().waitFor();
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThan(200);
    await page.getByTestId('revenue-facts').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '05-enterprise-page');
  });

  it('exports the filtered list as an Excel file', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/enterprises`);
    await page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('enterprise-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('is usable on a phone', async () => {
    const phone = await openBrowser({ width: 390, height: 844, mobile: true });
    try {
      await signIn(phone.page, server.url, 'xiushui');
      await phone.page.goto(`${server.url}/enterprises`);
      await phone.page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row').first().waitFor();
      for (const r of await phone.page
        .getByTestId('enterprise-table')
        .locator('tbody tr.ant-table-row')
        .allTextContents()) {
        expect(r).toContain('秀水镇');
      }
      await screenshot(phone.page, '06-phone-list');
    } finally {
      await phone.close();
    }
  });
});
