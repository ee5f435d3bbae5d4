// @vitest-environment happy-dom
// The coverage page on a fake API: the county row first, each cell reached / total with its link to the
// unreached firms (the county's without a unit, a township's with it), a library without firms says so.
import type { Coverage, CoverageRow } from '@shenggui/domain';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import { planYear } from '../../lib/today';
import { CoveragePage } from './coverage-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cell = (reached: number, total: number) => ({
  reached,
  total,
  share: total === 0 ? null : reached / total,
});
const row = (
  unitId: number,
  unitCode: string,
  unitName: string,
  basis: CoverageRow['basis'],
  c: [number, number],
): CoverageRow => ({
  unitId,
  unitCode,
  unitName,
  basis,
  libraries: { cultivation: cell(...c), near: cell(0, 0), atRisk: cell(1, 2) },
});

const YEAR = planYear();
const COVERAGE: Coverage = {
  year: YEAR,
  asOf: `${YEAR}-11-20`,
  county: row(1, '140322000000', '盂县', 'county', [5, 9]),
  townships: [
    row(10, '140322100000', '秀水镇', 'township', [3, 4]),
    row(11, '140322103000', '南娄镇', 'township', [2, 5]),
  ],
  supervising: [row(20, '140322D01', '县工信局', 'supervising', [5, 9])],
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
      return new Response(JSON.stringify(COVERAGE), { headers: { 'content-type': 'application/json' } });
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
            <CoveragePage />
          </MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>,
    );
  });
}

const byTestId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('coverage page', () => {
  it('shows the county first and links each cell to its unreached firms', async () => {
    await render(`/service/coverage?year=${YEAR}`);
    await vi.waitFor(() => expect(byTestId('coverage-140322000000-cultivation')).not.toBeNull());
    expect(calls[0]).toBe(`/api/v1/service/coverage?year=${YEAR}`);
    const county = byTestId('coverage-140322000000-cultivation')!;
    expect(county.dataset.reached).toBe('5');
    expect(county.dataset.total).toBe('9');
    expect(county.textContent).toContain('5 / 9');
    expect(county.getAttribute('href')).toBe(
      `/service/coverage/unreached?year=${YEAR}&asOf=${YEAR}-11-20&library=cultivation`,
    );
    const township = byTestId('coverage-140322100000-atRisk')!;
    expect(township.getAttribute('href')).toContain('library=atRisk');
    expect(township.getAttribute('href')).toContain('unitId=10');
    expect(byTestId('coverage-140322100000-near')?.textContent).toBe('无在库企业');
    // The county row comes before the townships in the table.
    const table = byTestId('coverage-table')!;
    const order = [...table.querySelectorAll('[data-testid$="-cultivation"]')].map((e) =>
      e.getAttribute('data-testid'),
    );
    expect(order).toEqual([
      'coverage-140322000000-cultivation',
      'coverage-140322100000-cultivation',
      'coverage-140322103000-cultivation',
    ]);
    expect(byTestId('coverage-140322D01-cultivation')).not.toBeNull();
    expect(host.textContent).toContain('全县合计');
  });
});
