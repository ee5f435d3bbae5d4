// 业务设置 end to end: the system administrator (whose role had no page) finds 业务设置 in the menu, sets the
// next document number of a year, sees the confirmation and what was saved; a refused number shows the
// Chinese reason on the field. The centre opens last year's frozen library list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './lib/api.js';
import { type E2eBrowser, openBrowser, screenshot, signIn } from './lib/browser.js';
import { chinaToday } from './lib/clock.js';
import { type E2eServer, startServer } from './lib/server.js';

let server: E2eServer;
let browser: E2eBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
}, 450_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('业务设置', () => {
  it('the system administrator changes the next document number and sees what changed', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'xitong');
    // The role that had no page now has one in its menu (系统管理 › 业务设置).
    await page.locator('[data-menu-id$="admin.settings"]').waitFor({ state: 'attached' });
    await page.goto(`${server.url}/admin/settings`);
    const field = page.getByTestId('bset-notice.nextNumber');
    await field.waitFor();
    await field.fill('7');
    await page.getByTestId('bset-save').click();
    const confirm = page.getByTestId('bset-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('下一个文号序号');
    await screenshot(page, 'settings-confirm');
    await page.getByTestId('bset-confirm-ok').click();
    const saved = page.getByTestId('bset-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/下一个文号序号（\d{4}年）：\d+ → 7/);
    await screenshot(page, 'settings-saved');
  });

  it('a number at or below one already issued is refused on the field, in Chinese', async () => {
    const centre = await apiSession(server.url, 'zhongxin');
    const year = Number(chinaToday().slice(0, 4));
    await centre.post('/api/v1/notices', { year, praise: '', attention: '' });
    const { page } = browser;
    await page.goto(`${server.url}/admin/settings`);
    const field = page.getByTestId('bset-notice.nextNumber');
    await field.waitFor();
    await field.fill('1');
    await page.getByTestId('bset-save').click();
    await page.getByTestId('bset-confirm-ok').click();
    const error = page.locator('.ant-form-item-explain-error').filter({ hasText: '文号不能重复使用' });
    await error.first().waitFor();
    await screenshot(page, 'settings-refused');
  });
});

describe('往年名单', () => {
  it('the centre opens last year’s cultivation list, frozen at its cut-off', async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await signIn(page, server.url, 'zhongxin');
    const last = Number(chinaToday().slice(0, 4)) - 1;
    await page.goto(`${server.url}/libraries/cultivation?year=${last}`);
    const frozen = page.getByTestId('library-frozen');
    await frozen.waitFor();
    expect(await frozen.textContent()).toContain(`${last}年名单按 ${last}-12-31 的数据固化`);
    await page.getByTestId('library-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('library-recompute').isVisible()).toBe(true);
    await screenshot(page, 'libraries-past-year');
  });
});
