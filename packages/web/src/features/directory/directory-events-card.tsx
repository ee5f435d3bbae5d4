// A firm's 入库/退库记录 on its page (GET /enterprises/:id/directory-events), voided ones struck through.

import { Card, Empty, Skeleton, Timeline, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDateTime, formatPeriod } from '../../lib/format';
import { useEnterpriseDirectoryEvents } from './directory-api';
import { DirectoryEventTag } from './directory-page';

export function DirectoryEventsCard({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const events = useEnterpriseDirectoryEvents(enterpriseId);
  return (
    <Card
      size="small"
      title={t('directory.card.title')}
      extra={<Link to="/directory">{t('directory.card.all')}</Link>}
      data-testid="enterprise-directory-events"
    >
      {events.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (events.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('directory.card.empty')} />
      ) : (
        <Timeline
          items={(events.data ?? []).map((e) => ({
            key: e.id,
            color: e.voided ? 'gray' : e.type === 'entry' ? 'green' : 'red',
            content: (
              <div style={e.voided ? { opacity: 0.6 } : undefined}>
                <DirectoryEventTag e={e} t={t} />
                <span style={e.voided ? { textDecoration: 'line-through' } : undefined}>
                  {e.modeLabel ?? e.exitReasonLabel}
                  {e.batch ? `（${e.batch}）` : ''}
                </span>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('drill.approved', { date: e.approvalDate })} ·{' '}
                    {t('drill.effective', { period: formatPeriod(e.effectivePeriod) })}
                  </Typography.Text>
                </div>
                {e.voided && (
                  <Tooltip title={formatDateTime(e.voidedAt)}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('directory.voided')}：{e.voidReason}
                    </Typography.Text>
                  </Tooltip>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
