// @vitest-environment happy-dom
// The 稳规帮扶 list and a 督导 page against a fake API: the year asked for, the year-close summary in one line,
// the coloured states; the owner unit's close action on its own item only.
import type { HelpPlanPage, HelpPlanRow, SupervisionDetail } from '@shenggui/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import { HelpPlansPage } from './help-plans-page';
import { SupervisionPage } from './supervision-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const firm = (
  id: number,
  name: string,
): Omit<HelpPlanRow, 'state' | 'stateLabel' | 'result' | 'resultLabel' | 'plan'> => ({
  enterpriseId: id,
  enterpriseName: name,
  creditCode: `91140322MA0000000${id}`,
  townshipId: 5,
  townshipName: '秀水镇',
  supervisingUnitId: 9,
  supervisingUnitName: '县工信局',
  year: 2025,
  enteredOn: '2025-03-03',
  inLibrary: true,
  dueOn: '2025-03-10',
});

const page: HelpPlanPage = {
  items: [
    {
      ...firm(1, '盂县宏达铸造有限公司'),
      state: 'closed',
      stateLabel: '已结束',
      result: 'stayed',
      resultLabel: '保持规上',
      plan: {
        id: 11,
        ownerUnitId: 5,
        ownerUnitName: '秀水镇',
        ownerUserId: null,
        ownerName: '李强',
        measures: '协调电力增容；对接银行续贷',
        reviewOn: '2025-11-01',
        reviewOverdue: false,
        reviews: 2,
        lastOutcome: 'improving',
        lastOutcomeLabel: '好转',
        createdAt: '2025-03-05T02:00:00.000Z',
        closedAt: '2025-12-28T08:00:00.000Z',
        closeNote: '全年营业收入保持在规上标准以上',
      },
    },
    {
      ...firm(2, '盂县鑫源煤机有限公司'),
      state: 'overdue',
      stateLabel: '无方案（逾期）',
      result: 'left',
      resultLabel: '已退规',
      plan: null,
    },
  ],
  total: 2,
  page: 1,
  pageSize: 20,
  year: 2025,
  yearClosed: true,
  cutoff: '2025-12-31',
  helpPlanWorkdays: 5,
  summary: { atRisk: 2, withPlan: 1, withoutPlan: 1, overdue: 1, stayed: 1, left: 1, open: 0 },
};

const item = (id: number, ownerUnitId: number, canClose: boolean) => ({
  id,
  description: id === 1 ? '补齐帮扶方案' : '核实用电数据',
  ownerUnitId,
  ownerUnitName: ownerUnitId === 5 ? '秀水镇' : '县工信局',
  ownerName: '李强',
  dueOn: '2026-12-01',
  state: 'open' as const,
  stateLabel: '整改中',
  overdue: false,
  closedAt: null,
  closedByName: null,
  closureNote: null,
  canClose,
});
const supervision: SupervisionDetail = {
  id: 3,
  unitId: 5,
  unitName: '秀水镇',
  heldOn: '2026-11-10',
  findings: '帮扶方案制定不及时',
  items: 2,
  openItems: 2,
  overdueItems: 0,
  nextDueOn: '2026-12-01',
  state: 'open',
  stateLabel: '整改中',
  recordedByName: '王敏',
  recordedAt: '2026-11-10T08:00:00.000Z',
  closedAt: null,
  itemList: [item(1, 5, true), item(2, 9, false)],
  files: [],
  closedByName: null,
  canClose: false,
  canUpload: true,
};

let root: Root;
let host: HTMLElement;
let calls: string[];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://localhost');
      calls.push(`${url.pathname}${url.search}`);
      const body =
        url.pathname === '/api/v1/help-plans'
          ? page
          : url.pathname === '/api/v1/supervisions/3'
            ? supervision
            : url.pathname === '/api/v1/org/units'
              ? { items: [] }
              : null;
      return new Response(JSON.stringify(body), {
        status: body ? 200 : 404,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  host = document.createElement('div');
  document.body.appendChild(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

async function render(entry: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(host);
  await act(async () => {
    root.render(
      <QueryClientProvider client={client}>
        <I18nProvider>
          <MemoryRouter initialEntries={[entry]}>
            <Routes>
              <Route path="/service/help-plans" element={<HelpPlansPage />} />
              <Route path="/service/supervisions/:id" element={<SupervisionPage />} />
            </Routes>
          </MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>,
    );
  });
}
const byTestId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('help pages', () => {
  it('shows last year closed with stayed and left, in one summary line', async () => {
    await render('/service/help-plans?year=2025');
    await vi.waitFor(() => expect(calls).toContain('/api/v1/help-plans?year=2025&page=1&pageSize=20'));
    await vi.waitFor(() => expect(byTestId('help-summary')).not.toBeNull());
    expect(byTestId('help-summary')!.textContent).toContain(
      '2025年临退规企业 2 家：帮扶 1 家，保持规上 1 家，退规 1 家，无方案 1 家',
    );
    expect(byTestId('help-year-state')!.textContent).toContain('2025年已于 2025-12-31 截止');
    expect(byTestId('help-result-1')!.textContent).toBe('保持规上');
    expect(byTestId('help-result-2')!.textContent).toBe('已退规');
    expect(byTestId('help-state-2')!.textContent).toBe('无方案（逾期）');
  });

  it('offers the rectification action only on the item the caller may close', async () => {
    await render('/service/supervisions/3');
    await vi.waitFor(() => expect(byTestId('sup-items')).not.toBeNull());
    expect(byTestId('sup-item-close-1')).not.toBeNull();
    expect(byTestId('sup-item-close-2')).toBeNull();
    expect(byTestId('sup-close')).toBeNull();
    expect(byTestId('sup-upload')).not.toBeNull();
  });
});
