// 服务档案: one firm's history in one column, newest first — figures, library changes, 包联, visits, requests
// step by step, help plans, trainings, declarations and directory events — with a filter by kind.
import {
  LIGHT_LABELS,
  TIMELINE_KIND_LABELS,
  TIMELINE_KINDS,
  type TimelineEntry,
  type TimelineKind,
} from '@shenggui/domain';
import { Alert, Card, Empty, Segmented, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';
import { useFirmTimeline } from './service-api';

const KIND_COLOR: Record<TimelineKind, string> = {
  figure: 'gray',
  library: 'purple',
  lead: 'cyan',
  visit: 'blue',
  request: 'orange',
  helpPlan: 'magenta',
  training: 'green',
  declaration: 'geekblue',
  directory: 'red',
};
const LIGHT_COLOR = { green: 'green', yellow: 'gold', red: 'red' } as const;

/** The instant of an entry as the reader sees it: the day alone for day-only facts. */
function when(e: TimelineEntry): string {
  const text = formatDateTime(e.at);
  return text.startsWith(e.day) && text.endsWith('00:00') ? e.day : text;
}

export function FirmTimeline({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');
  const timeline = useFirmTimeline(enterpriseId, kind === 'all' ? [] : [kind]);
  const counts = timeline.data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <Card size="small" title={t('timeline.title')} data-testid="firm-timeline">
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setKind(v as TimelineKind | 'all')}
          options={[
            { value: 'all', label: `${t('timeline.all')} ${total}` },
            ...TIMELINE_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => ({
              value: k,
              label: `${TIMELINE_KIND_LABELS[k]} ${counts[k]}`,
            })),
          ]}
          data-testid="timeline-kinds"
        />
      </div>
      {timeline.isError && (
        <Alert
          type="error"
          showIcon
          message={t('timeline.loadFailed')}
          description={errorText(timeline.error)}
        />
      )}
      {timeline.isLoading && <Skeleton active />}
      {timeline.data && timeline.data.items.length === 0 && <Empty description={t('timeline.empty')} />}
      {timeline.data && timeline.data.items.length > 0 && (
        <Timeline
          items={timeline.data.items.slice(0, 300).map((e, i) => ({
            key: `${e.kind}-${e.at}-${i}`,
            color: KIND_COLOR[e.kind],
            children: (
              <div data-testid="timeline-item" data-kind={e.kind}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {when(e)} · {TIMELINE_KIND_LABELS[e.kind]}
                  {e.by ? ` · ${e.by}` : ''}
                </Typography.Text>
                <div>
                  {e.link ? (
                    <Link to={e.link}>{e.title}</Link>
                  ) : (
                    <Typography.Text strong>{e.title}</Typography.Text>
                  )}
                  {e.light && (
                    <Tag color={LIGHT_COLOR[e.light]} style={{ marginLeft: 8 }} data-light={e.light}>
                      {LIGHT_LABELS[e.light]}
                    </Tag>
                  )}
                </div>
                {e.detail && (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ marginBottom: 0 }}
                    ellipsis={{ rows: 2, expandable: true }}
                  >
                    {e.detail}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
