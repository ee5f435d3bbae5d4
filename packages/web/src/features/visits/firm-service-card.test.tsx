// @vitest-environment happy-dom
// The firm page's 包联与走访 card: the lead or 未确定, the last five valid visits (voided ones left out), and
// the two actions only for a caller who may record service work. The API is a fake fetch.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import { FirmServiceCard } from './firm-service-card';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
let lead: unknown;
let permissions: string[];
let meAnswered: boolean;

const visit = (id: number, visitedOn: string, voided = false) => ({
  id,
  enterpriseId: 1,
  enterpriseName: '盂县测试机械有限公司',
  creditCode: 'X',
  townshipId: 2,
  townshipName: '秀水镇',
  supervisingUnitId: 3,
  supervisingUnitName: '县工信局',
  visitedOn,
  purpose: 'survey',
  purposeLabel: '摸底调研',
  findings: `第${id}次走访情况`,
  officials: [{ userId: null, name: '李强', unitId: 2, unitName: '秀水镇' }],
  recordedUnitId: 2,
  recordedUnitName: '秀水镇',
  recordedByName: '李强（秀水镇）',
  recordedAt: `${visitedOn}T08:00:00.000Z`,
  requestCount: 0,
  fileCount: 0,
  voided,
  voidedAt: null,
  voidedByName: null,
  voidReason: null,
});

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  permissions = ['service:read', 'service:write'];
  meAnswered = false;
  lead = { enterpriseId: 1, current: null, suggested: {}, history: [] };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://localhost');
      if (url.pathname === '/api/v1/me') {
        meAnswered = true;
        return json({
          user: { id: 9, roles: ['township'] },
          permissions,
          scope: { kind: 'township', unitId: 2 },
        });
      }
      if (url.pathname === '/api/v1/enterprises/1/lead') return json(lead);
      if (url.pathname === '/api/v1/enterprises/1/visits')
        return json({
          items: [
            visit(7, '2026-11-18', true),
            visit(6, '2026-11-10'),
            visit(5, '2026-10-10'),
            visit(4, '2026-09-10'),
            visit(3, '2026-08-10'),
            visit(2, '2026-07-10'),
            visit(1, '2026-06-10'),
          ],
        });
      return new Response('{}', { status: 404 });
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
          <MemoryRouter initialEntries={['/enterprises/1']}>
            <FirmServiceCard enterpriseId={1} />
          </MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>,
    );
  });
}

const byTestId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the firm page 包联与走访 card', () => {
  it('says 未确定 without a lead and lists the last five valid visits', async () => {
    await render();
    await vi.waitFor(() => expect(byTestId('firm-lead-none')?.textContent).toBe('未确定'));
    const shown = [...host.querySelectorAll('[data-testid="firm-visit"]')].map((e) => e.textContent ?? '');
    expect(shown).toHaveLength(5);
    expect(shown[0]).toContain('2026-11-10');
    expect(shown.some((s) => s.includes('第7次'))).toBe(false);
    expect(host.querySelector('a[href="/service/visits?enterpriseId=1"]')).not.toBeNull();
    await vi.waitFor(() => expect(byTestId('firm-new-visit')).not.toBeNull());
    expect(byTestId('firm-raise-request')).not.toBeNull();
  });

  it('shows the lead, and no actions for a reader', async () => {
    permissions = ['service:read'];
    lead = {
      enterpriseId: 1,
      current: { id: 1, unitId: 3, unitName: '县工信局', userId: null, name: '张伟', phone: '0353-6012345' },
      suggested: {},
      history: [],
    };
    await render();
    await vi.waitFor(() => expect(byTestId('firm-lead')?.textContent).toBe('县工信局 · 张伟 · 0353-6012345'));
    await vi.waitFor(() => expect(meAnswered).toBe(true));
    await act(async () => {});
    expect(byTestId('firm-new-visit')).toBeNull();
  });
});
