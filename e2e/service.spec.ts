// Service work, end to end (docs/domain.md §6): a township official records a visit to a cultivation-library
// firm with two requests; the centre routes both to 县能源局; the energy bureau closes one; days later (the
// server and browsers restarted on a later clock) the other is red on the centre's 督办 list and in the
// workload report; the firm's timeline shows all of it and the coverage page counts the firm as reached.
import { addWorkdays, chinaDate, creditCodeCheckChar, PACKAGE_CALENDAR } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './lib/api.js';
import { type E2eBrowser, openBrowser, screenshot, signIn } from './lib/browser.js';
import { e2eNow } from './lib/clock.js';
import { type E2eServer, startServer } from './lib/server.js';

let server: E2eServer;
let browser: E2eBrowser;
let firmId: number;
let xiushuiUnitId: number;
let year: number;
let requestIds: number[] = [];
/** The clocks' day after the restart (two working days past the accept deadline). */
let laterNow: Date;
const FIRM = '盂县秀水恒通精密铸件有限公司';
const TITLE_CLOSED = '新车间变压器增容至800千伏安';
const TITLE_OPEN = '申请双回路供电改造';

async function signInAs(username: string): Promise<void> {
  await browser.context.clearCookies();
  await signIn(browser.page, server.url, username);
}

/** Picks an option of an antd Select by its visible text (typed first where the select searches: long lists are virtual). */
async function choose(testId: string, text: string, search = false): Promise<void> {
  const { page } = browser;
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/** Takes a step on the request page through its modal form. */
async function step(action: string, fill?: () => Promise<void>): Promise<void> {
  const { page } = browser;
  await page.getByTestId(`request-action-${action}`).click();
  await page.getByTestId(`request-form-${action}`).waitFor();
  if (fill) await fill();
  await page.getByTestId('request-step-ok').click();
  await page.getByTestId(`request-form-${action}`).waitFor({ state: 'detached' });
}

beforeAll(async () => {
  server = await startServer();
  year = Number(chinaDate(e2eNow()).slice(0, 4));
  const centre = await apiSession(server.url, 'zhongxin');
  const units = await centre.get<{ items: { id: number; name: string }[] }>('/api/v1/org/units');
  xiushuiUnitId = units.items.find((u) => u.name === '秀水镇')!.id;
  // A new firm of 秀水镇, put in the cultivation library by the centre: nobody has reached it yet.
  const body = `91140322${String(Date.now() % 1e8).padStart(8, '0')}X`;
  const created = await centre.post<{ id: number }>('/api/v1/enterprises', {
    creditCode: body + creditCodeCheckChar(body),
    name: FIRM,
    legalForm: 'enterprise',
    industryCode: '3391',
    townshipId: xiushuiUnitId,
  });
  firmId = created.id;
  await centre.post('/api/v1/libraries/memberships', {
    enterpriseId: firmId,
    year,
    library: 'cultivation',
    action: 'add',
    reason: '新落地铸件项目，纳入培育库跟踪（e2e）',
  });
  browser = await openBrowser();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('service work, end to end', () => {
  it('a township official records a visit with two requests, after seeing the firm’s recent visits', async () => {
    const { page } = browser;
    const unreached = await (await apiSession(server.url, 'xiushui')).get<{
      items: { enterpriseId: number }[];
    }>(
      `/api/v1/service/coverage/unreached?year=${year}&library=cultivation&unitId=${xiushuiUnitId}&pageSize=200`,
    );
    expect(unreached.items.map((i) => i.enterpriseId)).toContain(firmId);

    await signInAs('xiushui');
    await page.goto(`${server.url}/service/visits/new?enterpriseId=${firmId}`);
    await page.getByTestId('recent-visits').waitFor();
    await choose('visit-form-purpose', '纾困解难');
    await page
      .getByTestId('visit-form-findings')
      .fill('企业新建铸件车间设备已到位，现有变压器容量不足，且单回路供电影响连续生产。');
    for (const [i, title, detail] of [
      [0, TITLE_CLOSED, '二号车间中频炉已安装，需增容至800千伏安，请协调供电公司尽快排期。'],
      [1, TITLE_OPEN, '熔炼工序不能断电，申请改造为双回路供电。'],
    ] as const) {
      await page.getByTestId('visit-request-add').click();
      await choose(`visit-request-category-${i}`, '用电');
      await page.getByTestId(`visit-request-title-${i}`).fill(title);
      await page.getByTestId(`visit-request-detail-${i}`).fill(detail);
    }
    await screenshot(page, '70-visit-form');
    await page.getByTestId('visit-form-save').click();
    await page.waitForURL(/\/service\/visits\/\d+$/);
    await page.getByTestId('visit-request-link').first().waitFor();
    const hrefs = await page
      .locator('[data-testid="visit-request-link"] a')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    const links = hrefs.map((h) => Number(String(h).split('/').pop()));
    expect(links).toHaveLength(2);
    requestIds = links.sort((a, b) => a - b);
    await screenshot(page, '71-visit-detail');
  });

  it('the centre routes both to 县能源局; the township cannot', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/service/requests/${requestIds[0]}`);
    await page.getByTestId('request-state').waitFor();
    expect(await page.getByTestId('request-action-route').count()).toBe(0);

    await signInAs('zhongxin');
    for (const id of requestIds) {
      await page.goto(`${server.url}/service/requests/${id}`);
      await step('route', () => choose('request-form-owner', '县能源局', true));
      await expect
        .poll(() => page.getByTestId('request-state').first().getAttribute('data-state'))
        .toBe('pending');
    }
    await screenshot(page, '72-request-routed');
  });

  it('the energy bureau accepts and closes the first with its answer', async () => {
    const { page } = browser;
    await signInAs('nengyuan');
    await page.goto(`${server.url}/service/requests/${requestIds[0]}`);
    await step('accept');
    await expect
      .poll(() => page.getByTestId('request-state').first().getAttribute('data-state'))
      .toBe('inProgress');
    await step('resolve', () =>
      page.getByTestId('request-form-answer').fill('已协调国网盂县供电公司完成增容方案，预计下周送电。'),
    );
    await expect
      .poll(() => page.getByTestId('request-state').first().getAttribute('data-state'))
      .toBe('resolved');
    expect(await page.getByTestId('request-answer').textContent()).toContain('国网盂县供电公司');
    await screenshot(page, '73-request-resolved');
  });

  it('days later the unaccepted request is red on the 督办 list and in the workload report', async () => {
    // The accept deadline is the next working day; two working days after it the request is red.
    const today = chinaDate(e2eNow());
    const later = addWorkdays(PACKAGE_CALENDAR, addWorkdays(PACKAGE_CALENDAR, today, 1), 2);
    laterNow = new Date(`${later}T10:00:00+08:00`);
    await browser.close();
    await server.stop({ keepData: true });
    server = await startServer({ dataDir: server.dataDir, now: laterNow });
    browser = await openBrowser({ now: laterNow });
    const { page } = browser;
    await signInAs('zhongxin');
    await page.goto(`${server.url}/service/requests/red`);
    const row = page.getByTestId(`request-row-${requestIds[1]}`);
    await row.waitFor();
    const redRow = page.locator('tr', { has: row });
    expect(await redRow.locator('[data-light="red"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId(`request-row-${requestIds[0]}`).count()).toBe(0);
    await screenshot(page, '74-requests-red');

    await page.goto(`${server.url}/service/overview`);
    await page.getByTestId('overview-units').waitFor();
    const overdue = await (await apiSession(server.url, 'zhongxin')).get<{
      overdue: { id: number; unit: string }[];
    }>(`/api/v1/service/overview?year=${year}`);
    expect(overdue.overdue.find((o) => o.id === requestIds[1])?.unit).toBe('县能源局');
    await screenshot(page, '75-service-overview');
  });

  it('the firm’s timeline shows the visit and every step; the coverage page counts the firm as reached', async () => {
    const { page } = browser;
    await signInAs('xiushui');
    await page.goto(`${server.url}/enterprises/${firmId}`);
    const timeline = page.getByTestId('firm-timeline');
    await timeline.getByTestId('timeline-item').first().waitFor();
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain('走访：纾困解难');
    expect(text).toContain(`诉求“${TITLE_CLOSED}”（用电）：办结`);
    expect(text).toContain(`诉求“${TITLE_OPEN}”（用电）：分派`);
    expect(await timeline.locator('[data-light="red"]').count()).toBe(1);
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(page, '76-firm-timeline');

    await page.goto(
      `${server.url}/service/coverage/unreached?year=${year}&library=cultivation&unitId=${xiushuiUnitId}`,
    );
    await page.getByTestId('unreached-table').waitFor();
    expect(await page.getByTestId(`unreached-firm-${firmId}`).count()).toBe(0);
    await page.goto(`${server.url}/service/coverage?year=${year}`);
    const cell = page.locator('[data-testid^="coverage-140322100000-cultivation"]').first();
    await cell.waitFor();
    expect(Number(await cell.getAttribute('data-reached'))).toBeGreaterThan(0);
    await screenshot(page, '77-service-coverage');
  });

  it('shows each role its own service work: leads, help plans, supervision, trainings', async () => {
    const { page } = browser;
    await signInAs('zhongxin');
    for (const [path, testId, name] of [
      ['/service/leads?hasLead=no', 'lead-table', '80-service-leads'],
      [`/service/help-plans?year=${year}`, 'help-table', '81-help-plans'],
      [`/service/help-plans?year=${year - 1}`, 'help-table', '82-help-plans-last-year'],
      ['/service/supervisions', 'sup-table', '83-supervisions'],
      ['/service/trainings', 'training-table', '84-trainings'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(testId).locator('tbody tr.ant-table-row').first().waitFor();
      await screenshot(page, name);
    }
    await page.locator('[data-testid^="training-link-"]').first().click();
    await page.getByTestId('attendance-table').waitFor();
    await screenshot(page, '85-training-detail');
  });

  it('reads on a phone: the visit list and the overview at 390 px', async () => {
    const phone = await openBrowser({ width: 390, height: 844, mobile: true, now: laterNow });
    try {
      await signIn(phone.page, server.url, 'zhongxin');
      await phone.page.goto(`${server.url}/service/overview`);
      await phone.page.getByTestId('kpi-overdue').waitFor();
      await screenshot(phone.page, '78-service-overview-phone');
      await phone.context.clearCookies();
      await signIn(phone.page, server.url, 'xiushui');
      await phone.page.goto(`${server.url}/service/visits`);
      await phone.page.getByTestId('visit-table').waitFor();
      await screenshot(phone.page, '79-visits-phone');
    } finally {
      await phone.close();
    }
  });
});
