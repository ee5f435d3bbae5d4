// @vitest-environment happy-dom
// The filter fields inside a FilterBar: each shows its label and its control under the given data-testid,
// takes its value from the bar's values and hands it back on 查询 (a hidden field too); a choice made in
// the dropdown is what is submitted. The date range helpers turn URL dates into the picker's value and back.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import {
  type DateRangeValue,
  dateRangeFilters,
  dateRangeValue,
  FilterBar,
  FilterDateRange,
  FilterSelect,
  FilterText,
  FilterUnitSelect,
  FilterYearSelect,
  formatTotal,
  listSummary,
  unitFilterLabels,
  yearsDown,
} from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Values {
  q?: string;
  kind?: string;
  year?: number;
  townshipId?: number;
  supervisingUnitId?: number;
  range?: DateRangeValue;
  secret?: string;
}

const units = {
  townships: [
    { value: 11, label: '城关镇' },
    { value: 12, label: '桥头镇' },
  ],
  supervising: [{ value: 21, label: '工信局' }],
  isLoading: false,
};

let root: Root;
let host: HTMLElement;
let submitted: Values[];

beforeEach(() => {
  submitted = [];
  host = document.createElement('div');
  document.body.appendChild(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

async function render(values: Values) {
  root = createRoot(host);
  await act(async () => {
    root.render(
      <I18nProvider>
        <FilterBar<Values> values={values} onSubmit={(v) => submitted.push(v)} onReset={() => {}} testId="f">
          <FilterText name="q" label="关键词" maxLength={10} placeholder="名称或代码" testId="f-q" />
          <FilterSelect
            name="kind"
            label="类别"
            options={[
              { value: 'tool', label: '工具' },
              { value: 'part', label: '零件' },
            ]}
            testId="f-kind"
          />
          <FilterYearSelect
            name="year"
            label="年度"
            years={yearsDown(2026, 3)}
            yearLabel={(y) => `${y}年`}
            testId="f-year"
          />
          <FilterUnitSelect units={units} kind="township" label="所属乡镇" testId="f-township" />
          <FilterUnitSelect units={units} kind="supervising" label="行业主管" testId="f-supervising" />
          <FilterDateRange name="range" label="日期" testId="f-dates" />
          <FilterText name="secret" label="隐藏" maxLength={10} testId="f-secret" hidden />
        </FilterBar>
      </I18nProvider>,
    );
  });
}

const byTestId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = () => host.textContent ?? '';

async function submit() {
  await act(async () => {
    byTestId('f-submit')?.click();
  });
}

describe('filter fields', () => {
  it('render their labels and controls under their testids, selects saying 全部 when empty', async () => {
    await render({});
    for (const id of ['f-q', 'f-kind', 'f-year', 'f-township', 'f-supervising', 'f-dates', 'f-secret']) {
      expect(byTestId(id), id).not.toBeNull();
    }
    for (const label of ['关键词', '类别', '年度', '所属乡镇', '行业主管', '日期'])
      expect(text()).toContain(label);
    const q = byTestId('f-q') as HTMLInputElement;
    expect(q.maxLength).toBe(10);
    expect(q.placeholder).toBe('名称或代码');
    // Four selects, each empty and showing the 全部 placeholder.
    expect(text().match(/全部/g)?.length).toBe(4);
    // The hidden field stays mounted but out of sight.
    expect(byTestId('f-secret')?.closest('.ant-form-item')?.className).toContain('ant-form-item-hidden');
  });

  it('show the values they are given and submit them back, the hidden field included', async () => {
    const range = dateRangeValue('2026-01-05', undefined);
    await render({
      q: '钢',
      kind: 'part',
      year: 2025,
      townshipId: 12,
      supervisingUnitId: 21,
      range,
      secret: 'x',
    });
    expect((byTestId('f-q') as HTMLInputElement).value).toBe('钢');
    for (const shown of ['零件', '2025年', '桥头镇', '工信局']) expect(text()).toContain(shown);
    await submit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    const [v] = submitted;
    expect(v).toMatchObject({
      q: '钢',
      kind: 'part',
      year: 2025,
      townshipId: 12,
      supervisingUnitId: 21,
      secret: 'x',
    });
    expect(dateRangeFilters(v?.range)).toEqual({ from: '2026-01-05', to: undefined });
  });

  it('submit the option chosen in the dropdown', async () => {
    await render({});
    const township = byTestId('f-township');
    const selector = township?.closest('.ant-select') ?? township;
    await act(async () => {
      selector?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    const option = await vi.waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
        (o) => o.textContent === '城关镇',
      );
      expect(found).toBeDefined();
      return found as HTMLElement;
    });
    await act(async () => {
      option.click();
    });
    await submit();
    await vi.waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]?.townshipId).toBe(11);
  });
});

describe('filter helpers', () => {
  it('turn URL dates into the picker value and back, either end open', () => {
    expect(dateRangeValue(undefined, undefined)).toBeNull();
    expect(dateRangeFilters(null)).toEqual({ from: undefined, to: undefined });
    expect(dateRangeFilters(dateRangeValue('2026-03-01', '2026-03-31'))).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(dateRangeFilters(dateRangeValue(undefined, '2026-03-31'))).toEqual({
      from: undefined,
      to: '2026-03-31',
    });
  });

  it('unitFilterLabels names the chosen units; without a 行业主管 label only the township is described', () => {
    const both = unitFilterLabels(units, { township: '所属乡镇', supervising: '行业主管' });
    expect(both.townshipId?.label).toBe('所属乡镇');
    expect(both.townshipId?.value?.(12)).toBe('桥头镇');
    expect(both.supervisingUnitId?.label).toBe('行业主管');
    expect(both.supervisingUnitId?.value?.(21)).toBe('工信局');
    expect(Object.keys(unitFilterLabels(units, { township: '乡镇' }))).toEqual(['townshipId']);
  });

  it("listSummary gives the total in the list's words once loaded, the description before", () => {
    const text = (total: string) => `共 ${total} 条`;
    expect(listSummary({ total: 12345 }, text, '全县的记录')).toBe('共 12,345 条');
    expect(listSummary(undefined, text, '全县的记录')).toBe('全县的记录');
    expect(formatTotal(1000)).toBe('1,000');
  });

  it('yearsDown counts down from the first year', () => {
    expect(yearsDown(2027, 4)).toEqual([2027, 2026, 2025, 2024]);
  });
});
