import { Card, Empty, Timeline, Typography } from 'antd';
import type { ScaleHistoryEntry } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { formatDateTime, formatPeriod } from '../../lib/format';
import { ScaleTag } from './enterprise-tags';

/** 规模状态变更记录: every change with its effective period, reason and who made it. */
export function ScaleHistoryCard({ history }: { history: ScaleHistoryEntry[] }) {
  const { t, lang } = useI18n();
  const entries = [...history].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <Card
      title={t('scale.historyTitle')}
      data-testid="scale-history"
      style={{ height: '100%' }}
      styles={{ body: { maxHeight: 420, overflow: 'auto' } }}
    >
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scale.historyEmpty')} />
      ) : (
        <Timeline
          items={entries.map((e, i) => ({
            key: `${e.changedAt}-${i}`,
            color: e.status === 'above' ? 'green' : 'gray',
            content: (
              <div>
                <div>
                  <ScaleTag status={e.status} />
                  {t('scale.effectiveFrom', { period: formatPeriod(e.effectivePeriod, lang) })}
                </div>
                <Typography.Paragraph style={{ margin: '4px 0' }}>{e.reason}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.changedByName ?? t('scale.bySystem')} · {formatDateTime(e.changedAt)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
