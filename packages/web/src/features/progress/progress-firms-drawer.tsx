// The firms behind a number of the board (docs/ui.md: "from any number, one click reaches the firms behind it").

import { Alert, Drawer, Grid, Segmented, Table, type TableProps, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProgressFirm } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { formatPeriod } from '../../lib/format';
import { formatProbability } from '../../lib/progress-board';
import { type DrillDown, useDecidingFirms, useProgressFirms } from './progress-api';

interface Props {
  year: number;
  asOf: string | null;
  drill: DrillDown | null;
  /** Ask the forecast which firms decide the unit's target (only when the board has probabilities). */
  showDeciding: boolean;
  onChange: (drill: DrillDown) => void;
  onClose: () => void;
}

export function ProgressFirmsDrawer({ year, asOf, drill, showDeciding, onChange, onClose }: Props) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const firms = useProgressFirms(year, asOf, drill);
  const decidingUnit =
    showDeciding && drill?.dimension && drill.unitId
      ? { dimension: drill.dimension, unitId: drill.unitId }
      : null;
  const deciding = useDecidingFirms(year, asOf, decidingUnit);
  const kindLabel = drill ? t(drill.kind === 'entered' ? 'drill.entered' : 'drill.exited') : '';

  const columns: TableProps<ProgressFirm>['columns'] = [
    {
      title: t('drill.col.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <div>
          <Link to={`/enterprises/${row.id}`} data-testid="drill-firm-link">
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {row.creditCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('drill.col.township'),
      key: 'unit',
      width: 130,
      render: (_: unknown, row) => (
        <div>
          <div>{row.townshipName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.supervisingUnitName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('drill.col.event'),
      key: 'event',
      width: 170,
      render: (_: unknown, row) =>
        row.events.map((e) => (
          <div key={e.id} style={{ fontSize: 12 }}>
            <Tag color={e.type === 'entry' ? 'green' : 'red'} style={{ marginInlineEnd: 4 }}>
              {e.type === 'entry' ? t('drill.entered') : t('drill.exited')}
            </Tag>
            {t('drill.approved', { date: e.approvalDate })}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('drill.effective', { period: formatPeriod(e.effectivePeriod) })}
              </Typography.Text>
            </div>
          </div>
        )),
    },
  ];

  const decidingItems = deciding.data ?? [];

  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size={screens.md ? 680 : '100%'}
      destroyOnHidden
      title={drill ? t('drill.title', { unit: drill.unitName, kind: kindLabel }) : ''}
      data-testid="drill-drawer"
    >
      {drill && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 12 }}>
            <Segmented
              value={drill.kind}
              onChange={(kind) => onChange({ ...drill, kind: kind as DrillDown['kind'] })}
              options={[
                { value: 'entered', label: t('drill.entered') },
                { value: 'exited', label: t('drill.exited') },
              ]}
              data-testid="drill-kind"
            />
            {firms.data && (
              <Typography.Text type="secondary" data-testid="drill-count">
                {t('drill.subtitle', { year, asOf: firms.data.asOf, count: firms.data.items.length })}
              </Typography.Text>
            )}
          </div>
          <div data-testid="drill-table">
            <Table<ProgressFirm>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={firms.data?.items ?? []}
              loading={firms.isFetching}
              pagination={false}
              scroll={{ x: 520 }}
              locale={{ emptyText: firms.isPending ? ' ' : t('drill.empty', { kind: kindLabel }) }}
            />
          </div>
          {decidingItems.length > 0 && (
            <div style={{ marginTop: 20 }} data-testid="drill-deciding">
              <Typography.Title level={5}>{t('drill.deciding')}</Typography.Title>
              <Alert type="info" showIcon title={t('drill.decidingHint')} style={{ marginBottom: 8 }} />
              <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                {decidingItems.slice(0, 20).map((f) => (
                  <li key={f.id}>
                    <Link to={`/enterprises/${f.id}`}>{f.name}</Link>
                    <Tag color={f.kind === 'entry' ? 'green' : 'red'} style={{ marginInlineStart: 6 }}>
                      {t(f.kind === 'entry' ? 'drill.entered' : 'drill.exited')}
                    </Tag>
                    <Typography.Text type="secondary"> · {formatProbability(f.p)}</Typography.Text>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
