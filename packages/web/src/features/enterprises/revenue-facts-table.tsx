// Every version of every figure of the chosen year: corrections are new versions, the old ones stay.
import { figurePeriodKey, figurePeriodLabel, formatWan, REVENUE_SOURCE_UNITS } from '@shenggui/domain';
import { Card, Table, type TableProps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { RevenueFact } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { sourceLabel } from '../../app/labels';
import { formatDateTime, formatNumber, formatPeriod } from '../../lib/format';
import { factsOfYear, sortRevenueFacts } from '../../lib/revenue-facts';

export function formatFactValue(fact: Pick<RevenueFact, 'source' | 'value'>, moneyUnit: string): string {
  return REVENUE_SOURCE_UNITS[fact.source] === 'kWh'
    ? `${formatNumber(fact.value, 0)} kWh`
    : `${formatWan(fact.value)} ${moneyUnit}`;
}

interface RevenueFactsTableProps {
  facts: RevenueFact[];
  year: number;
  loading: boolean;
  actions?: React.ReactNode;
}

export function RevenueFactsTable({ facts, year, loading, actions }: RevenueFactsTableProps) {
  const { t, lang } = useI18n();
  const rows = useMemo(() => sortRevenueFacts(factsOfYear(facts, year)), [facts, year]);
  const columns: TableProps<RevenueFact>['columns'] = [
    {
      title: t('revenue.period'),
      dataIndex: 'period',
      width: 120,
      // A quarterly return shows as its quarter ("2024年第1季度"), never as its last month.
      render: (p: string, f) =>
        f.months === 3
          ? lang === 'zh'
            ? figurePeriodLabel(p, 3)
            : figurePeriodKey(p, 3)
          : formatPeriod(p, lang),
    },
    {
      title: t('revenue.source'),
      dataIndex: 'source',
      width: 100,
      render: (s: RevenueFact['source']) => sourceLabel(lang, s),
    },
    {
      title: t('revenue.value'),
      dataIndex: 'value',
      align: 'right',
      width: 150,
      render: (_, f) => (
        <Typography.Text
          className="sg-money"
          delete={!f.isCurrent}
          type={f.isCurrent ? undefined : 'secondary'}
        >
          {formatFactValue(f, t('unit.wan'))}
        </Typography.Text>
      ),
    },
    { title: t('revenue.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    {
      title: t('revenue.status'),
      dataIndex: 'isCurrent',
      width: 90,
      render: (current: boolean) =>
        current ? <Tag color="green">{t('revenue.current')}</Tag> : <Tag>{t('revenue.superseded')}</Tag>,
    },
    {
      title: t('revenue.reason'),
      dataIndex: 'reason',
      width: 180,
      render: (r: string | null) => r || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('revenue.recordedBy'),
      key: 'by',
      width: 150,
      render: (_, f) =>
        f.importBatchId ? (
          <span>
            {f.recordedByName ?? '—'}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('revenue.importBatch', { id: f.importBatchId })}
            </Typography.Text>
          </span>
        ) : (
          (f.recordedByName ?? '—')
        ),
    },
    {
      title: t('revenue.recordedAt'),
      dataIndex: 'recordedAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <Card title={t('revenue.factsTitle', { year })} extra={actions} styles={{ body: { padding: 0 } }}>
      <div data-testid="revenue-facts">
        <Table<RevenueFact>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 980 }}
          pagination={rows.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
          locale={{ emptyText: t('revenue.factsEmpty', { year }) }}
        />
      </div>
    </Card>
  );
}
