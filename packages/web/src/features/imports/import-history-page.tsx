// 数据管理 · 导入记录 (/data/imports/history): every applied import in the user's data scope — batch, kind,
// source, file, who and when, and what it did. Filters (kind, source, dates) and paging live in the URL.
import { SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { REVENUE_SOURCES, type RevenueSource } from '@shenggui/domain';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ImportBatch } from '../../api/types';
import type { DictKey } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { sourceLabel } from '../../app/labels';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { ADMIN_PAGE_SIZES, withNewFilters } from '../../lib/admin-filters';
import { formatDateTime } from '../../lib/format';
import { downloadImportHistoryExport, useImportHistory } from './import-api';
import {
  countImportHistoryFilters,
  type ImportHistoryFilters,
  type ImportHistoryState,
  importHistoryApiQuery,
  importHistoryExportQuery,
  importHistorySearch,
  parseImportHistorySearch,
} from './import-history-filters';
import {
  IMPORT_KINDS,
  type ImportKind,
  isImportKind,
  isRevenueSource,
  summaryCounts,
} from './import-options';

const DATE = 'YYYY-MM-DD';

const KIND_LABEL: Record<ImportKind, DictKey> = {
  enterprises: 'imports.kind.enterprises',
  revenue: 'imports.kind.revenue',
  directory: 'imports.kind.directory',
  targets: 'imports.kind.targets',
};

interface FilterValues {
  kind?: ImportKind;
  source?: RevenueSource;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function HistoryFilterForm({
  state,
  onSubmit,
}: {
  state: ImportHistoryState;
  onSubmit: (f: ImportHistoryFilters) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    form.setFieldsValue({
      kind: state.kind,
      source: state.source,
      range:
        state.from || state.to
          ? [state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]
          : null,
    });
  }, [form, state]);
  const submit = (v: FilterValues) => {
    const from = v.range?.[0]?.format(DATE);
    const to = v.range?.[1]?.format(DATE);
    onSubmit({
      ...(v.kind ? { kind: v.kind } : {}),
      ...(v.source && v.kind !== 'enterprises' ? { source: v.source } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  };
  const span = { xs: 24, sm: 12, lg: 6 };
  return (
    <Card className="sg-filter-card" size="small" style={{ marginBottom: 16 }}>
      <Form<FilterValues> form={form} layout="vertical" onFinish={submit} data-testid="import-history-filter">
        <Row gutter={16}>
          <Col {...span}>
            <Form.Item name="kind" label={t('imports.kind')}>
              <Select
                allowClear
                placeholder={t('filter.all')}
                options={IMPORT_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
                data-testid="import-history-kind"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="source" label={t('imports.source')}>
              <Select
                allowClear
                disabled={kind === 'enterprises'}
                placeholder={t('filter.all')}
                options={REVENUE_SOURCES.map((s) => ({ value: s, label: sourceLabel(lang, s) }))}
                data-testid="import-history-source"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="range" label={t('imports.history.dates')}>
              <DatePicker.RangePicker
                format={DATE}
                allowEmpty={[true, true]}
                style={{ width: '100%' }}
                data-testid="import-history-dates"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item label=" ">
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SearchOutlined />}
                  data-testid="import-history-submit"
                >
                  {t('action.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    onSubmit({});
                  }}
                  data-testid="import-history-reset"
                >
                  {t('action.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

export function ImportHistoryPage() {
  const { t, lang } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseImportHistorySearch(searchParams), [searchParams]);
  const list = useImportHistory(useMemo(() => importHistoryApiQuery(state), [state]));
  const go = (next: ImportHistoryState) => setSearchParams(importHistorySearch(next));
  const filtered = countImportHistoryFilters(state) > 0;

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
      render: (k: string) => (isImportKind(k) ? t(KIND_LABEL[k]) : k),
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

  const empty = filtered ? (
    <Empty description={t('imports.history.emptyFiltered')}>
      <Button onClick={() => go({ page: 1, pageSize: state.pageSize })}>{t('list.clearFilters')}</Button>
    </Empty>
  ) : (
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
        subtitle={
          list.data
            ? t('imports.history.total', { total: list.data.total.toLocaleString('en-US') })
            : t('imports.history.subtitle')
        }
        actions={
          <>
            <Link to="/data/imports">
              <Button type="primary" icon={<UploadOutlined />}>
                {t('imports.history.new')}
              </Button>
            </Link>
            <ExportButton
              onExport={() => downloadImportHistoryExport(importHistoryExportQuery(state))}
              disabled={list.data?.total === 0}
              testId="import-history-export"
            />
          </>
        }
      />
      <HistoryFilterForm state={state} onSubmit={(f) => go(withNewFilters(state, f))} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="import-history-table">
          <Table<ImportBatch>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1000 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            onChange={(p) => {
              const pageSize = p.pageSize ?? state.pageSize;
              go({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : (p.current ?? 1) });
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: ADMIN_PAGE_SIZES.map(String),
              showTotal: (total) => t('imports.history.total', { total: total.toLocaleString('en-US') }),
              style: { padding: '0 16px' },
            }}
          />
        </div>
      </Card>
    </>
  );
}
