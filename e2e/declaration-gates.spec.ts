// Checks that block, end to end (docs/api.md, 入库申报): a township declaration with a missing material cannot be
// submitted; once complete it is submitted by one township user and reviewed by another; the centre sees
// the blocking checks (revenue below the line, the tax/statistics comparison not run), overrides them with
// written reasons, records the inspections and hands it to the bureau; the review list shows the overrides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './lib/api.js';
import { type E2eBrowser, openBrowser, screenshot, signIn } from './lib/browser.js';
import { createReviewer, REVIEWER_PASSWORD } from './lib/reviewer.js';
import { type E2eServer, startServer } from './lib/server.js';

interface Member {
  enterpriseId: number;
  name: string;
  scaleStatus: string;
  legalForm: string;
  townshipName: string;
  taxYtd: string | null;
}

let server: E2eServer;
let browser: E2eBrowser;
let firm: Member;
let declarationUrl: string;
const OVERRIDE_REASON = '企业11月开票已过线，统计局同意按开票数据受理（e2e）';

async function signInAs(username: string, password?: string): Promise<void> {
  await browser.context.clearCookies();
  await signIn(browser.page, server.url, username, password);
}

beforeAll(async () => {
  server = await startServer();
  const centre = await apiSession(server.url, 'zhongxin');
  const near = await centre.get<{ items: Member[] }>('/api/v1/libraries/near?page=1&pageSize=200');
  const chosen = near.items
    .filter((m) => m.scaleStatus === 'below' && m.legalForm !== 'individual' && m.townshipName === '秀水镇')
    .filter((m) => m.taxYtd !== null && Number(m.taxYtd) < 19_000_000)
    .sort((a, b) => Number(b.taxYtd) - Number(a.taxYtd))[0];
  if (!chosen) throw new Error('no below-scale 秀水镇 firm under 19M in the demo county');
  firm = chosen;
  await createReviewer(server.url, 'xiushui2', '秀水镇', 'township');
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('declaration gates, end to end', () => {
  it('cannot be submitted while a material is missing', async () => {
    const { page } = browser;
    await signInAs('xiushui');
    await page.goto(`${server.url}/declarations/new?enterpriseId=${firm.enterpriseId}`);
    await page.getByTestId('declaration-batch').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    await options.last().click();
    await page.getByTestId('declaration-create-submit').click();
    await page.waitForURL(/\/declarations\/\d+$/);
    declarationUrl = page.url();
    const submit = page.getByTestId('declaration-action-township_review');
    await submit.waitFor();
    expect(await submit.isDisabled()).toBe(true);
    const blocked = page.locator('[data-testid="declaration-blocked"][data-step="township_review"]');
    expect(await blocked.textContent()).toContain('统计数据真实性承诺书');
    expect(
      await page
        .locator('[data-testid="declaration-check"][data-check="materials"]')
        .getAttribute('data-status'),
    ).toBe('fail');
    // The API refuses it too, naming the missing materials.
    const id = Number(declarationUrl.split('/').pop());
    const township = await apiSession(server.url, 'xiushui');
    const refused = await township
      .post(`/api/v1/declarations/${id}/transitions`, { to: 'township_review' })
      .then(() => 'accepted')
      .catch((e: Error) => e.message);
    expect(refused).toContain('409');
    expect(refused).toContain('营业执照');
    await screenshot(page, '52-declaration-missing-materials');

    // Upload every material of the checklist; the step opens.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const items = await page
      .getByTestId('declaration-material')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-item') ?? ''));
    for (const item of items) {
      await page
        .locator(`[data-item="${item}"] input[type="file"]`)
        .setInputFiles({ name: `${item}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await page.locator(`[data-item="${item}"]`).getByTestId('declaration-file').first().waitFor();
    }
    await expect.poll(() => submit.isDisabled(), { timeout: 20_000 }).toBe(false);
  });

  /** Takes the step whose button says `to`, with a comment, through the confirmation. */
  async function step(to: string, comment?: string) {
    const { page } = browser;
    await page.getByTestId(`declaration-action-${to}`).click();
    await page.getByTestId('transition-confirm').waitFor();
    if (comment) await page.getByTestId('transition-comment').fill(comment);
    await page.getByTestId('transition-ok').click();
    await expect
      .poll(() => page.getByTestId('declaration-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe(to);
  }

  it('is submitted by one township user and reviewed by another', async () => {
    await step('township_review');
    // The submitter cannot pass the review.
    const { page } = browser;
    const own = page.getByTestId('declaration-action-centre_review');
    expect(await own.isDisabled()).toBe(true);
    await signInAs('xiushui2', REVIEWER_PASSWORD);
    await page.goto(declarationUrl);
    await page.getByTestId('declaration-action-centre_review').waitFor();
    await step('centre_review', '材料齐全，同意上报');
  });

  it('shows the centre the blocking checks; overrides with a reason are shown and open the step', async () => {
    const { page } = browser;
    await signInAs('zhongxin');
    await page.goto(declarationUrl);
    const approve = page.getByTestId('declaration-action-submitted');
    await approve.waitFor();
    expect(await approve.isDisabled()).toBe(true);
    const blocked = page.getByTestId('declaration-approval-blocked');
    expect(await blocked.textContent()).toContain('未达到2,000万元');
    expect(await blocked.textContent()).toContain('实地踏勘');
    expect(
      await page
        .locator('[data-testid="declaration-check"][data-check="agreement"]')
        .getAttribute('data-status'),
    ).not.toBe('pass');
    await screenshot(page, '53-declaration-centre-blocked');

    for (const key of ['cumulative', 'agreement']) {
      const open = page.getByTestId(`override-open-${key}`);
      if ((await open.count()) === 0) continue;
      await open.click();
      await page.getByTestId('override-ok').click();
      await page.getByText('请写明例外处理的理由').first().waitFor();
      await page
        .getByTestId('override-reason')
        .fill(key === 'cumulative' ? OVERRIDE_REASON : '统计月报尚未报送，以税务数据为准');
      await page.getByTestId('override-ok').click();
      await page
        .locator(`[data-testid="declaration-check"][data-check="${key}"]`)
        .getByTestId('check-override')
        .waitFor();
    }
    expect(
      await page.locator('[data-testid="declaration-check"][data-check="cumulative"]').textContent(),
    ).toContain(OVERRIDE_REASON);

    for (const kind of ['field', 'document'] as const) {
      await page.getByTestId('inspection-add').click();
      await page.getByTestId('inspection-form').waitFor();
      await page.getByTestId(`inspection-kind-${kind}`).click();
      await page.getByTestId('inspection-inspectors').fill('王敏、李强');
      await page
        .getByTestId('inspection-findings')
        .fill(kind === 'field' ? '厂区、设备与申报一致' : '报表与纳税申报表一致');
      await page.getByTestId('inspection-save').click();
      await page.getByTestId('inspection-form').waitFor({ state: 'hidden' });
    }
    await expect.poll(() => approve.isDisabled(), { timeout: 20_000 }).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '54-declaration-overridden');
    await step('submitted', '已例外处理，报统计局');
  });

  it('lists the override in the review list, with who and why, on a desktop and a phone', async () => {
    const { page } = browser;
    await page.getByRole('menuitem', { name: '复核清单' }).click();
    await page.waitForURL(/\/review/);
    await page.getByTestId('review-kind').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '核对例外处理' })
      .click();
    await page.getByTestId('review-submit').click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'override');
    const row = page
      .getByTestId('review-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: OVERRIDE_REASON });
    await row.waitFor();
    expect(await row.textContent()).toContain(firm.name);
    expect(await row.textContent()).toContain('王敏');
    await screenshot(page, '55-review-overrides');

    // The auditor sees the same list.
    await signInAs('shenji');
    await page.goto(`${server.url}/review?kind=override`);
    await page
      .getByTestId('review-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: OVERRIDE_REASON })
      .waitFor();

    const phone = await openBrowser({ width: 390, height: 844, mobile: true });
    try {
      await signIn(phone.page, server.url, 'zhongxin');
      await phone.page.goto(declarationUrl);
      await phone.page.getByTestId('check-override').first().waitFor();
      await phone.page.waitForTimeout(300);
      const overflow = () =>
        phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(1);
      await screenshot(phone.page, '56-declaration-phone');
      await phone.page.goto(`${server.url}/review?kind=override`);
      await phone.page.getByTestId('review-table').locator('tbody tr.ant-table-row').first().waitFor();
      await phone.page.waitForTimeout(300);
      expect(await overflow()).toBeLessThanOrEqual(1);
      await screenshot(phone.page, '57-review-phone');
    } finally {
      await phone.close();
    }
  });
});
