// 数据管理 · 导入记录 (/data/imports/history): every applied import in the user's data scope — batch, kind,
// source, file, who and when, and what it did. Filters (kind, source, dates) and paging live in the URL.
import { UploadOutlined } from '@ant-design/icons';
import { REVENUE_SOURCES, type RevenueSource } from '@shenggui/domain';
import { Button, Empty, Form, type TableProps, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ImportBatch } from '../../api/types';
import type { DictKey } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { sourceLabel } from '../../app/labels';
import {
  type DateRangeValue,
  dateRangeFilters,
  dateRangeValue,
  FilterBar,
  FilterDateRange,
  FilterSelect,
  ListExportButton,
  ListTable,
  type ListUrlState,
  listSummary,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { downloadImportHistoryExport, useImportHistory } from './import-api';
import { importHistoryQuery } from './import-history-filters';
import {
  IMPORT_KINDS,
  type ImportKind,
  isImportKind,
  isRevenueSource,
  summaryCounts,
} from './import-options';

const KIND_LABEL: Record<ImportKind | 'demo', DictKey> = {
  enterprises: 'imports.kind.enterprises',
  revenue: 'imports.kind.revenue',
  directory: 'imports.kind.directory',
  targets: 'imports.kind.targets',
  // The demo's own population, written at set-up (not an upload).
  demo: 'imports.kind.demo',
};

interface FilterValues {
  kind?: ImportKind;
  source?: RevenueSource;
  range?: DateRangeValue;
}

function HistoryFilterBar({ list }: { list: ListUrlState<typeof importHistoryQuery> }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const kind = Form.useWatch('kind', form);
  const { state } = list;
  return (
    <FilterBar<FilterValues>
      form={form}
      values={{
        kind: state.kind,
        source: state.source,
        range: dateRangeValue(state.from, state.to),
      }}
      onSubmit={(v) =>
        list.setFilters({
          kind: v.kind,
          source: v.kind !== 'enterprises' ? v.source : undefined,
          ...dateRangeFilters(v.range),
        })
      }
      onReset={list.reset}
      testId="import-history-filter"
      submitTestId="import-history-submit"
      resetTestId="import-history-reset"
    >
      <FilterSelect
        name="kind"
        label={t('imports.kind')}
        options={IMPORT_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
        testId="import-history-kind"
      />
      <FilterSelect
        name="source"
        label={t('imports.source')}
        disabled={kind === 'enterprises'}
        options={REVENUE_SOURCES.map((s) => ({ value: s, label: sourceLabel(lang, s) }))}
        testId="import-history-source"
      />
      <FilterDateRange name="range" label={t('imports.history.dates')} testId="import-history-dates" />
    </FilterBar>
  );
}

export function ImportHistoryPage() {
  const { t, lang } = useI18n();
  const query = useListQuery(importHistoryQuery);
  const list = useImportHistory(query.apiQuery);
  const totalText = (total: string) => t('imports.history.total', { total });

  const columns: TableProps<ImportBatch>['columns'] = [
    {
      title: t('imports.history.batch'),
      dataIndex: 'id',
      width: 80,
      render: (id: number) => <span className="sg-money">#{id}</span>,
    },
    {
      title: t('imports.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => (isImportKind(k) || k === 'demo' ? t(KIND_LABEL[k]) : k),
    },
    {
      title: t('imports.source'),
      dataIndex: 'source',
      width: 100,
      render: (s: string | null) =>
        s ? (
          isRevenueSource(s) ? (
            <Tag>{sourceLabel(lang, s)}</Tag>
          ) : (
            s
          )
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('imports.history.file'),
      dataIndex: 'fileName',
      ellipsis: true,
      render: (name: string, r) => (
        <span title={`SHA-256 ${r.sha256}`} data-testid="import-history-file">
          {name}
        </span>
      ),
    },
    {
      title: t('imports.history.by'),
      key: 'by',
      width: 170,
      render: (_, r) => (
        <div>
          <div>{r.createdByName ?? '—'}</div>
          {r.unitName && <Typography.Text type="secondary">{r.unitName}</Typography.Text>}
        </div>
      ),
    },
    {
      title: t('imports.history.at'),
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => <span className="sg-money">{formatDateTime(v)}</span>,
    },
    {
      title: t('imports.history.counts'),
      key: 'counts',
      width: 300,
      render: (_, r) => {
        const c = summaryCounts(r.summary);
        if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <span data-testid="import-history-counts">
            {t('imports.history.countsValue', c)}
            {c.invalid > 0 && (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                {t('imports.history.skipped', { count: c.invalid })}
              </Tag>
            )}
          </span>
        );
      },
    },
  ];

  const empty = (
    <Empty description={t('imports.history.empty')}>
      <Link to="/data/imports">
        <Button type="primary" icon={<UploadOutlined />}>
          {t('imports.history.new')}
        </Button>
      </Link>
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('menu.data.importHistory')}
        subtitle={listSummary(list.data, totalText, t('imports.history.subtitle'))}
        actions={
          <>
            <Link to="/data/imports">
              <Button type="primary" icon={<UploadOutlined />}>
                {t('imports.history.new')}
              </Button>
            </Link>
            <ListExportButton
              list={query}
              download={downloadImportHistoryExport}
              total={list.data?.total}
              testId="import-history-export"
            />
          </>
        }
      />
      <HistoryFilterBar list={query} />
      <ListTable<ImportBatch>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="import-history-table"
        scrollX={1000}
        totalText={totalText}
        empty={empty}
        emptyFiltered={t('imports.history.emptyFiltered')}
        filterLabels={{
          kind: { label: t('imports.kind'), value: (v) => t(KIND_LABEL[v as ImportKind]) },
          source: { label: t('imports.source'), value: (v) => sourceLabel(lang, v as RevenueSource) },
          from: { label: t('imports.history.dates'), value: (v) => `≥ ${String(v)}` },
          to: { label: t('imports.history.dates'), value: (v) => `≤ ${String(v)}` },
        }}
      />
    </>
  );
}
