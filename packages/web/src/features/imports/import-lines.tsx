// The preview's lines (GET /imports/:token/rows): for each row the firm, the period, the source and the value
// that will be stored — old → new for a correction, unchanged marked — filtered by status and firm, paged by
// the server from where it stored them, and exported as the clerk's check list before confirming.
import { DownloadOutlined } from '@ant-design/icons';
import { formatWan, type RevenueSource } from '@shenggui/domain';
import { Alert, Button, Card, Input, Radio, Space, Table, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { reportError } from '../../api/error-reporter';
import type { ImportPreview, PreviewLine, PreviewLineStatus } from '../../api/types';
import type { DictKey } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { sourceLabel } from '../../app/labels';
import { downloadPreviewLines, usePreviewLines } from './import-api';

const STATUSES: PreviewLineStatus[] = ['new', 'correction', 'unchanged', 'error'];
const STATUS_COLOR: Record<PreviewLineStatus, string> = {
  new: 'green',
  correction: 'orange',
  unchanged: 'default',
  error: 'red',
};

/** The unit choice for a money sheet that states none: choosing reads the sheet again in that unit. */
export function UnitChoice({
  preview,
  busy,
  onChoose,
}: {
  preview: ImportPreview;
  busy: boolean;
  onChoose: (unit: '元' | '万元') => void;
}) {
  const { t } = useI18n();
  const { how } = preview;
  if (how.unitSource !== 'missing' && how.unitSource !== 'chosen') return null;
  return (
    <Alert
      type={preview.needsUnit ? 'error' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={t('imports.unitChoice.title')}
      data-testid="import-unit-choice"
      description={
        <Space orientation="vertical">
          <span>{t('imports.unitChoice.body')}</span>
          <Space>
            <Typography.Text strong>{t('imports.unitChoice.label')}</Typography.Text>
            <Radio.Group
              value={how.unitSource === 'chosen' ? how.unit : undefined}
              disabled={busy}
              onChange={(e) => onChoose(e.target.value as '元' | '万元')}
              options={[
                { value: '元', label: t('imports.unitChoice.yuan') },
                { value: '万元', label: t('imports.unitChoice.wan') },
              ]}
              data-testid="import-unit"
            />
          </Space>
        </Space>
      }
    />
  );
}

export function PreviewLinesCard({ preview }: { preview: ImportPreview }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<PreviewLineStatus | undefined>(undefined);
  const [firm, setFirm] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [exporting, setExporting] = useState(false);
  const filter = { status, firm: firm.trim() || undefined };
  const lines = usePreviewLines(preview.token, { ...filter, page, pageSize });
  const { how } = preview;
  const money = how.unitSource === 'missing' || how.unit === '元' || how.unit === '万元';
  const value = (v: string | null) =>
    v === null ? '—' : money ? formatWan(v) : Number(v).toLocaleString('zh-CN');
  const source = preview.source ? sourceLabel(lang, preview.source as RevenueSource) : '—';
  const counts = lines.data?.counts ?? preview.lines;
  const all = counts.new + counts.correction + counts.unchanged + counts.error;

  const exportLines = async () => {
    setExporting(true);
    try {
      await downloadPreviewLines(preview.token, filter, preview.fileName);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<PreviewLine>['columns'] = [
    { title: t('imports.lines.row'), dataIndex: 'row', width: 64 },
    {
      title: t('imports.lines.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: PreviewLineStatus) => (
        <Tag color={STATUS_COLOR[s]} style={{ marginInlineEnd: 0 }}>
          {t(`imports.lines.status.${s}` as DictKey)}
        </Tag>
      ),
    },
    {
      title: t('imports.lines.firmCol'),
      key: 'firm',
      width: 260,
      render: (_: unknown, l) =>
        l.name || l.creditCode ? (
          <div>
            <div>{l.name ?? '—'}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.creditCode ?? ''}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    { title: t('imports.lines.period'), dataIndex: 'periodLabel', width: 120, render: (p) => p ?? '—' },
    { title: t('imports.lines.source'), key: 'source', width: 90, render: () => source },
    {
      title: money ? t('imports.lines.value') : t('imports.lines.valueRaw'),
      key: 'value',
      align: 'right',
      width: 220,
      render: (_: unknown, l) => {
        if (l.status === 'error') return <Typography.Text type="danger">{l.message}</Typography.Text>;
        if (l.status === 'correction')
          return (
            <span className="sg-money" data-testid="import-line-change">
              <Typography.Text delete type="secondary">
                {value(l.before)}
              </Typography.Text>
              {' → '}
              <Typography.Text strong>{value(l.after)}</Typography.Text>
            </span>
          );
        return (
          <span className="sg-money">
            {value(l.after)}
            {l.status === 'unchanged' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                （{t('imports.lines.unchangedMark')}）
              </Typography.Text>
            )}
          </span>
        );
      },
    },
  ];

  const unitNote =
    how.unitSource === 'missing'
      ? t('imports.lines.unitMissing')
      : how.unit && money
        ? t('imports.lines.unitNote', {
            unit: how.unit,
            from: how.unitSource ? t(`imports.unitFrom.${how.unitSource}` as DictKey) : '',
          })
        : null;

  return (
    <Card
      size="small"
      title={t('imports.lines.title')}
      style={{ marginBottom: 16 }}
      data-testid="import-lines"
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={exportLines}
          data-testid="import-lines-export"
        >
          {t('imports.lines.export')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          size="small"
          value={status ?? 'all'}
          onChange={(e) => {
            setStatus(e.target.value === 'all' ? undefined : (e.target.value as PreviewLineStatus));
            setPage(1);
          }}
          options={[
            { value: 'all', label: `${t('imports.lines.all')} ${all}` },
            ...STATUSES.map((s) => ({
              value: s,
              label: `${t(`imports.lines.status.${s}` as DictKey)} ${counts[s]}`,
            })),
          ]}
          data-testid="import-lines-status"
        />
        <Input.Search
          allowClear
          size="small"
          placeholder={t('imports.lines.firm')}
          style={{ width: 240 }}
          maxLength={100}
          onSearch={(v) => {
            setFirm(v);
            setPage(1);
          }}
          data-testid="import-lines-firm"
        />
        {unitNote && (
          <Typography.Text type="secondary" data-testid="import-lines-unit">
            {unitNote}
          </Typography.Text>
        )}
      </Space>
      <Table<PreviewLine>
        size="small"
        rowKey="seq"
        columns={columns}
        dataSource={lines.data?.items ?? []}
        loading={lines.isFetching}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('imports.lines.empty') }}
        data-testid="import-lines-table"
        pagination={{
          current: page,
          pageSize,
          total: lines.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: ['10', '20', '50', '100'],
          showTotal: (total) => t('imports.lines.total', { total }),
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
      />
    </Card>
  );
}
