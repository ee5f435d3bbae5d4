// A township user sees only its township's firms and is refused another township's firm by URL;
// the auditor finds that attempt in the trail and the chain verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './lib/api.js';
import { type E2eBrowser, openBrowser, screenshot, signIn } from './lib/browser.js';
import { type E2eServer, startServer } from './lib/server.js';

let server: E2eServer;
let browser: E2eBrowser;
let otherFirm: { id: number; name: string };

beforeAll(async () => {
  // The one spec that starts on an empty folder: `serve --demo` sets the county up on first start.
  server = await startServer({ fresh: true });
  browser = await openBrowser();
  const centre = await apiSession(server.url, 'zhongxin');
  const units = await centre.get<{ items: { id: number; name: string }[] }>('/api/v1/org/units');
  const nanlou = units.items.find((u) => u.name === '南娄镇')!;
  const list = await centre.get<{ items: { id: number; name: string }[] }>(
    `/api/v1/enterprises?townshipId=${nanlou.id}`,
  );
  otherFirm = list.items[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('data scope and the audit trail', () => {
  it('shows a township user only its own firms', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'xiushui');
    await page.goto(`${server.url}/enterprises`);
    const rows = page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toContain('秀水镇');
    await screenshot(page, '10-township-list');
  });

  it('refuses another township’s firm opened by URL', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/enterprises/${otherFirm.id}`);
    await page.getByText('不存在或无权查看').first().waitFor();
    expect(await page.content()).not.toContain(otherFirm.name);
    await screenshot(page, '11-township-refused');
  });

  it('lets the auditor find the attempt and verify the chain', async () => {
    const auditor = await openBrowser();
    try {
      const { page } = auditor;
      await signIn(page, server.url, 'shenji');
      await page.goto(`${server.url}/admin/audit?actor=xiushui&action=access`);
      const table = page.getByTestId('audit-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      const text = (await table.textContent()) ?? '';
      expect(text).toContain('访问范围外数据被拒绝');
      expect(text).toContain(otherFirm.name);
      await page.getByTestId('audit-verify').click();
      const result = page.getByTestId('audit-verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
      await screenshot(page, '12-audit-trail');
    } finally {
      await auditor.close();
    }
  });

  it('forces a new user to change the password before anything else', async () => {
    const sec = await apiSession(server.url, 'anquan');
    const units = await sec.get<{ items: { id: number; name: string }[] }>('/api/v1/org/units');
    const xiushui = units.items.find((u) => u.name === '秀水镇')!;
    await sec.post('/api/v1/users', {
      username: 'newclerk',
      displayName: '新同事',
      unitId: xiushui.id,
      roles: ['township'],
      password: 'Temp@Pass2024',
    });
    const fresh = await openBrowser();
    try {
      const { page } = fresh;
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').fill('newclerk');
      await page.getByTestId('login-password').fill('Temp@Pass2024');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('change-password-form').waitFor();
      await screenshot(page, '13-forced-password-change');
      await page.getByTestId('current-password').fill('Temp@Pass2024');
      await page.getByTestId('new-password').fill('Mine@Secret2024');
      await page.getByTestId('confirm-password').fill('Mine@Secret2024');
      await page.getByTestId('change-password-submit').click();
      await page.getByTestId('side-menu').waitFor();
    } finally {
      await fresh.close();
    }
  });
});
