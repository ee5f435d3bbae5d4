// @vitest-environment happy-dom
// One request's page: buttons for exactly the steps the server offers the caller, the running deadline's
// light, the steps as a timeline, and a step's form checked before anything is sent. The API is a fake fetch.
import type { RequestDetail } from '@shenggui/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import { RequestPage } from './request-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const detail: RequestDetail = {
  id: 5,
  enterpriseId: 9,
  enterpriseName: '秀水精密机械有限公司',
  creditCode: '91140322000000001X',
  townshipId: 2,
  townshipName: '秀水镇',
  supervisingUnitId: 3,
  supervisingUnitName: '县工信局',
  category: 'power',
  categoryLabel: '用电',
  title: '新增生产线需增容至1250千伏安',
  state: 'pending',
  stateLabel: '待受理',
  ownerUnitId: 4,
  ownerUnitName: '县能源局',
  raisedById: 7,
  raisedByName: '李强（秀水镇）',
  raisedUnitId: 2,
  raisedUnitName: '秀水镇',
  raisedAt: '2026-11-16T01:30:00.000Z',
  runningKind: 'accept',
  runningKindLabel: '受理',
  dueOn: '2026-11-17',
  light: 'red',
  daysOverdue: 3,
  closedAt: null,
  satisfaction: null,
  satisfactionLabel: null,
  detail: '现有变压器满负荷运行，申请协调供电公司尽快增容。',
  visitId: null,
  waitingSince: '2026-11-16',
  firstRoutedAt: '2026-11-16T02:00:00.000Z',
  routedAt: '2026-11-16T02:00:00.000Z',
  acceptedAt: null,
  repliedAt: null,
  answer: null,
  decidedByName: null,
  evaluatedAt: null,
  evaluatedByName: null,
  evaluationNote: null,
  deadlines: [
    {
      kind: 'route',
      label: '分派',
      dueOn: '2026-11-17',
      doneAt: '2026-11-16T02:00:00.000Z',
      light: null,
      onTime: true,
      running: false,
    },
    {
      kind: 'accept',
      label: '受理',
      dueOn: '2026-11-17',
      doneAt: null,
      light: 'red',
      onTime: null,
      running: true,
    },
    {
      kind: 'reply',
      label: '答复',
      dueOn: '2026-11-19',
      doneAt: null,
      light: null,
      onTime: null,
      running: false,
    },
    {
      kind: 'close',
      label: '办结',
      dueOn: '2026-11-30',
      doneAt: null,
      light: null,
      onTime: null,
      running: false,
    },
  ],
  events: [
    {
      id: 1,
      at: '2026-11-16T01:30:00.000Z',
      action: 'raise',
      label: '提出诉求',
      toState: 'submitted',
      actorName: '李强（秀水镇）',
      unitName: '秀水镇',
      note: '新增生产线需增容至1250千伏安',
      ownerUnitName: null,
    },
    {
      id: 2,
      at: '2026-11-16T02:00:00.000Z',
      action: 'route',
      label: '分派',
      toState: 'pending',
      actorName: '王敏',
      unitName: '县中小企业发展中心',
      note: '分派至县能源局',
      ownerUnitName: '县能源局',
    },
  ],
  actions: ['accept', 'return'],
};

let root: Root;
let host: HTMLElement;
let posts: Array<{ url: string; body: unknown }>;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  posts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      if (init?.method === 'POST') {
        posts.push({ url: url.pathname, body: JSON.parse(String(init.body ?? '{}')) });
        return json({ ...detail, state: 'inProgress', stateLabel: '办理中', actions: [] });
      }
      if (url.pathname === '/api/v1/requests/5') return json(detail);
      if (url.pathname === '/api/v1/org/units') return json({ items: [] });
      return json({}, 404);
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

async function render() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(host);
  await act(async () => {
    root.render(
      <QueryClientProvider client={client}>
        <I18nProvider>
          <App>
            <MemoryRouter initialEntries={['/service/requests/5']}>
              <Routes>
                <Route path="/service/requests/:id" element={<RequestPage />} />
              </Routes>
            </MemoryRouter>
          </App>
        </I18nProvider>
      </QueryClientProvider>,
    );
  });
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function click(el: HTMLElement | null) {
  expect(el).not.toBeNull();
  await act(async () => {
    el?.click();
  });
}

describe('a request page', () => {
  it('offers exactly the steps the server allows, shows the red deadline and the steps taken', async () => {
    await render();
    await vi.waitFor(() => expect(byTestId('request-title')?.textContent).toBe(detail.title));
    const buttons = [...document.querySelectorAll('[data-testid^="request-action-"]')].map((b) =>
      b.getAttribute('data-testid'),
    );
    expect(buttons).toEqual(['request-action-accept', 'request-action-return']);
    const accept = byTestId('request-deadline-accept');
    expect(accept?.querySelector('[data-light="red"]')?.textContent).toBe('红灯 · 逾期3天');
    expect(byTestId('request-deadline-route')?.textContent).toContain('按时');
    const steps = [...document.querySelectorAll('[data-testid="request-event"]')].map((e) =>
      e.getAttribute('data-action'),
    );
    expect(steps).toEqual(['raise', 'route']);
    expect(byTestId('request-history')?.textContent).toContain('承办单位：县能源局');
  });

  it('a return without a reason is refused in Chinese before anything is sent; accepting posts the step', async () => {
    await render();
    await vi.waitFor(() => expect(byTestId('request-action-return')).not.toBeNull());
    await click(byTestId('request-action-return'));
    await vi.waitFor(() => expect(byTestId('request-form-return')).not.toBeNull());
    await click(byTestId('request-step-ok'));
    await vi.waitFor(() => expect(document.body.textContent).toContain('请填写原因'));
    expect(posts).toEqual([]);
    await click(document.querySelector<HTMLElement>('.ant-modal-close'));
    await vi.waitFor(() => expect(byTestId('request-form-return')).toBeNull());

    await click(byTestId('request-action-accept'));
    await vi.waitFor(() => expect(byTestId('request-form-accept')).not.toBeNull());
    await click(byTestId('request-step-ok'));
    await vi.waitFor(() => expect(posts.map((p) => p.url)).toEqual(['/api/v1/requests/5/accept']));
  });
});
