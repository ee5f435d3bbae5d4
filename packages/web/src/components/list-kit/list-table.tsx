// The table of a list page: server paging (and sort) bound to the URL state, the total, loading, an empty
// state that names the filters in force (with 清空筛选条件), and a load failure with 重试.
import { Button, Card, Empty, Result, Table, type TableProps } from 'antd';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { errorText } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import type { ListUrlState } from './use-list-query';
import './list-kit.css';

/** What a list query gives the table (a react-query result over `{ items, total }`). */
export interface ListResult<T> {
  data?: { items: T[]; total: number } | undefined;
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface ListTableProps<T> {
  // biome-ignore lint/suspicious/noExplicitAny: any list's URL state
  list: ListUrlState<any>;
  result: ListResult<T>;
  columns: NonNullable<TableProps<T>['columns']>;
  rowKey: TableProps<T>['rowKey'];
  /** data-testid of the wrapper (e2e specs look rows up under it). */
  testId: string;
  /** The total under the table: `共 {total} 条` in the list's own words. */
  totalText: (total: string) => string;
  /** The empty state with no filter set: what the list holds and how it fills (a button, a hint). */
  empty: ReactNode;
  /** The empty state's text when filters are set (e.g. 没有符合条件的企业). */
  emptyFiltered: string;
  /** How the filters in force read in the empty state (`乡镇：南娄镇`); filters without an entry are not named. */
  filterLabels?: FilterLabels;
  /** Scroll width (a phone scrolls sideways); by default the sum of the columns' widths, so none is squeezed. */
  scrollX?: number;
  expandable?: TableProps<T>['expandable'];
  rowClassName?: TableProps<T>['rowClassName'];
}

/** Each filter's label and, where the URL holds an id or a key, how its value reads. */
export type FilterLabels = Record<string, { label: string; value?: (value: unknown) => string | undefined }>;

/** A list's count as the page shows it (1,234). */
export function formatTotal(total: number): string {
  return total.toLocaleString('en-US');
}

/** A list page's subtitle: the total in the list's words once loaded, else the page's description. */
export function listSummary(
  data: { total: number } | undefined,
  text: (total: string) => string,
  before?: string,
): string | undefined {
  return data ? text(formatTotal(data.total)) : before;
}

/** The label of a value among select options (a township's name for its id). */
export function optionText(
  options: ReadonlyArray<{ value: unknown; label: unknown }>,
): (value: unknown) => string | undefined {
  return (value) => {
    const found = options.find((o) => o.value === value);
    return found && typeof found.label === 'string' ? found.label : undefined;
  };
}

/** antd's sort arrow for a column from the URL state. */
export function columnSortOrder(state: { sort?: unknown; order?: unknown }, key: string): AntSortOrder {
  if (state.sort !== key) return null;
  return state.order === 'asc' ? 'ascend' : 'descend';
}

export function ListTable<T extends object>({
  list,
  result,
  columns,
  rowKey,
  testId,
  totalText,
  empty,
  emptyFiltered,
  filterLabels,
  scrollX,
  expandable,
  rowClassName,
}: ListTableProps<T>) {
  const { t } = useI18n();
  const { state } = list;
  const named = Object.entries(list.query.filtersOf(state) as Record<string, unknown>).flatMap(([k, v]) => {
    const entry = filterLabels?.[k];
    return entry ? [`${entry.label}：${entry.value?.(v) ?? String(v)}`] : [];
  });

  const emptyText = result.isError ? (
    <Result
      status="warning"
      title={t('listKit.loadFailed')}
      subTitle={errorText(result.error)}
      extra={
        <Button onClick={() => result.refetch()} data-testid={`${testId}-retry`}>
          {t('action.retry')}
        </Button>
      }
      data-testid={`${testId}-error`}
    />
  ) : result.isPending ? (
    ' '
  ) : list.filtered ? (
    <Empty
      data-testid={`${testId}-empty`}
      description={
        <>
          <div>{emptyFiltered}</div>
          {named.length > 0 && (
            <div className="sg-list-empty-filters">
              {t('listKit.activeFilters', { filters: named.join(t('listKit.filterSeparator')) })}
            </div>
          )}
        </>
      }
    >
      <Button onClick={list.reset}>{t('list.clearFilters')}</Button>
    </Empty>
  ) : (
    <div data-testid={`${testId}-empty`}>{empty}</div>
  );

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = typeof s?.columnKey === 'string' ? s.columnKey : null;
      list.setSort(s?.order ? key : null, s?.order ? (s.order === 'ascend' ? 'asc' : 'desc') : null);
      return;
    }
    if (extra.action === 'paginate')
      list.setPage(pagination.current ?? 1, pagination.pageSize ?? list.state.pageSize);
  };

  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <div data-testid={testId}>
        <Table<T>
          rowKey={rowKey}
          size="middle"
          columns={columns}
          dataSource={result.isError ? [] : (result.data?.items ?? [])}
          loading={result.isFetching}
          onChange={onChange}
          scroll={{ x: scrollX ?? columns.reduce((sum, c) => sum + (Number(c.width) || 120), 0) }}
          expandable={expandable}
          rowClassName={rowClassName}
          locale={{ emptyText }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: result.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: list.query.pageSizes.map(String),
            showTotal: (total) => totalText(formatTotal(total)),
            style: { padding: '0 16px' },
          }}
        />
      </div>
    </Card>
  );
}
