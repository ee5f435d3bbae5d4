// @vitest-environment happy-dom
// The list kit in a small list page: URL → filters → request, a new filter back to page 1, the empty and
// error states, and the export carrying the filters. The API is a fake fetch; the router a MemoryRouter.
import { pageQuery } from '@shenggui/domain';
import { keepPreviousData, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiDownload, apiRequest } from '../../api/client';
import { I18nProvider } from '../../app/i18n';
import {
  defineListQuery,
  FilterText,
  ListExportButton,
  ListFilterBar,
  ListTable,
  textFilter,
  useListQuery,
} from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const thingQuery = defineListQuery({
  schema: pageQuery.extend({
    q: z.string().trim().max(20).optional(),
    kind: z.enum(['tool', 'part']).optional(),
  }),
  fields: { q: textFilter(20) },
});

interface Thing {
  id: number;
  name: string;
}

function ThingPage() {
  const list = useListQuery(thingQuery);
  const result = useQuery({
    queryKey: ['things', list.apiQuery.toString()],
    queryFn: () => apiRequest<{ items: Thing[]; total: number }>('/things', { query: list.apiQuery }),
    placeholderData: keepPreviousData,
  });
  const location = useLocation();
  return (
    <>
      <output data-testid="location">{location.search}</output>
      <ListExportButton
        list={list}
        download={(q) => apiDownload('/things/export', q, 'things.xlsx')}
        total={result.data?.total}
        testId="thing-export"
      />
      <ListFilterBar list={list} testId="thing-filter">
        <FilterText name="q" label="关键词" maxLength={20} testId="thing-q" />
      </ListFilterBar>
      <ListTable<Thing>
        list={list}
        result={result}
        rowKey="id"
        columns={[{ title: '名称', dataIndex: 'name', key: 'name' }]}
        testId="thing-table"
        totalText={(total) => `共 ${total} 件`}
        empty="还没有物品"
        emptyFiltered="没有符合条件的物品"
        filterLabels={{ q: { label: '关键词' } }}
        scrollX={400}
      />
    </>
  );
}

let root: Root;
let host: HTMLElement;
let calls: string[];
let answer: (url: URL) => Response;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  calls = [];
  answer = () => json({ items: [{ id: 1, name: '扳手' }], total: 41, page: 1, pageSize: 20 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://localhost');
      calls.push(`${url.pathname}${url.search}`);
      return answer(url);
    }),
  );
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
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
            <ThingPage />
          </MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>,
    );
  });
}

const byTestId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = () => host.textContent ?? '';

function typeInto(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function click(el: HTMLElement | null) {
  expect(el).not.toBeNull();
  await act(async () => {
    el?.click();
  });
}

describe('list kit', () => {
  it('reads the filters from the URL into the form and the request; a bad value falls back', async () => {
    await render('/things?q=%20钢%20&kind=bolt&page=3');
    await vi.waitFor(() => expect(calls).toContain('/api/v1/things?q=%E9%92%A2&page=3&pageSize=20'));
    expect((byTestId('thing-q') as HTMLInputElement).value).toBe('钢');
    await vi.waitFor(() => expect(text()).toContain('共 41 件'));
    expect(text()).toContain('扳手');
  });

  it('a new filter goes back to page 1 and keeps the defaults out of the URL', async () => {
    await render('/things?kind=tool&page=3&pageSize=50');
    await vi.waitFor(() => expect(text()).toContain('扳手'));
    await act(async () => typeInto(byTestId('thing-q') as HTMLInputElement, '螺母'));
    await click(byTestId('thing-filter-submit'));
    // setFilters replaces the filters: kind goes, q comes, the page restarts, the page size stays.
    await vi.waitFor(() =>
      expect(byTestId('location')?.textContent).toBe('?q=%E8%9E%BA%E6%AF%8D&pageSize=50'),
    );
    await vi.waitFor(() =>
      expect(calls.at(-1)).toBe('/api/v1/things?q=%E8%9E%BA%E6%AF%8D&page=1&pageSize=50'),
    );
  });

  it('says which filters found nothing and clears them', async () => {
    answer = (url) =>
      url.searchParams.has('q')
        ? json({ items: [], total: 0, page: 1, pageSize: 20 })
        : json({ items: [{ id: 1, name: '扳手' }], total: 1, page: 1, pageSize: 20 });
    await render('/things?q=铁');
    await vi.waitFor(() => expect(byTestId('thing-table-empty')).not.toBeNull());
    expect(text()).toContain('没有符合条件的物品');
    expect(text()).toContain('当前筛选：关键词：铁');
    expect(byTestId('thing-export')?.hasAttribute('disabled')).toBe(true);
    const clear = [...host.querySelectorAll('button')].find((b) => b.textContent?.includes('清空筛选条件'));
    await click(clear ?? null);
    await vi.waitFor(() => expect(byTestId('location')?.textContent).toBe(''));
    await vi.waitFor(() => expect(text()).toContain('扳手'));
  });

  it('shows the unfiltered empty state without naming filters', async () => {
    answer = () => json({ items: [], total: 0, page: 1, pageSize: 20 });
    await render('/things');
    await vi.waitFor(() => expect(text()).toContain('还没有物品'));
    expect(text()).not.toContain('当前筛选');
  });

  it('shows a load failure with 重试, and the retry asks again', async () => {
    answer = () => json({ error: { code: 'INTERNAL', message: '服务器内部错误' } }, 500);
    await render('/things?kind=part');
    await vi.waitFor(() => expect(byTestId('thing-table-error')).not.toBeNull());
    expect(text()).toContain('列表加载失败');
    const before = calls.length;
    answer = () => json({ items: [{ id: 2, name: '垫圈' }], total: 1, page: 1, pageSize: 20 });
    await click(byTestId('thing-table-retry'));
    await vi.waitFor(() => expect(text()).toContain('垫圈'));
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)).toBe('/api/v1/things?kind=part&page=1&pageSize=20');
  });

  it('exports with the same filters and without the page', async () => {
    await render('/things?q=钢&kind=tool&page=2');
    await vi.waitFor(() => expect(text()).toContain('扳手'));
    answer = () => new Response('xlsx', { status: 200 });
    await click(byTestId('thing-export'));
    await vi.waitFor(() => expect(calls.at(-1)).toBe('/api/v1/things/export?q=%E9%92%A2&kind=tool'));
  });
});
