// 亮灯 of a request as a coloured tag: 绿灯 / 黄灯 / 红灯 with the running deadline and, once past it, 逾期N天.
// Reusable wherever a request is listed (the firm page, the workload pages): give it the list item's fields.
import type { Light, RequestItem } from '@shenggui/domain';
import { Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n';

const COLORS: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error' };

type Props = Pick<RequestItem, 'light' | 'dueOn' | 'daysOverdue' | 'runningKindLabel'> & {
  /** Show the due date (and days overdue) under the tag. */
  withDue?: boolean;
};

export function RequestLightTag({ light, dueOn, daysOverdue, runningKindLabel, withDue = true }: Props) {
  const { t } = useI18n();
  if (!light || !dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  const due = t('req.light.due', { kind: runningKindLabel ?? '', date: dueOn });
  const tag = (
    <Tag color={COLORS[light]} data-testid="request-light" data-light={light} style={{ marginInlineEnd: 0 }}>
      {t(`req.light.${light}`)}
      {light === 'red' && daysOverdue > 0 ? ` · ${t('req.light.overdue', { days: daysOverdue })}` : ''}
    </Tag>
  );
  if (!withDue) return <Tooltip title={due}>{tag}</Tooltip>;
  return (
    <div>
      {tag}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {due}
        </Typography.Text>
      </div>
    </div>
  );
}
