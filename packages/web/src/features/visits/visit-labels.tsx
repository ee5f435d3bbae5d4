// Small pieces the visit pages share: the purpose options and the status tag.
import { VISIT_PURPOSE_LABELS, VISIT_PURPOSES, type VisitView } from '@shenggui/domain';
import { Tag, Tooltip } from 'antd';
import type { TFunction } from '../../app/i18n';
import { formatDateTime } from '../../lib/format';

export const PURPOSE_OPTIONS = VISIT_PURPOSES.map((p) => ({ value: p, label: VISIT_PURPOSE_LABELS[p] }));

const PURPOSE_COLORS: Record<string, string> = {
  policy: 'blue',
  survey: 'cyan',
  declaration: 'green',
  retention: 'orange',
  relief: 'magenta',
  supervision: 'purple',
  other: 'default',
};

export function PurposeTag({ v }: { v: Pick<VisitView, 'purpose' | 'purposeLabel'> }) {
  return <Tag color={PURPOSE_COLORS[v.purpose] ?? 'default'}>{v.purposeLabel}</Tag>;
}

export function VisitStatusTag({
  v,
  t,
}: {
  v: Pick<VisitView, 'voided' | 'voidedByName' | 'voidedAt' | 'voidReason'>;
  t: TFunction;
}) {
  if (!v.voided) return <Tag color="success">{t('visit.valid')}</Tag>;
  return (
    <Tooltip
      title={t('visit.voidedBy', {
        name: v.voidedByName ?? '—',
        at: formatDateTime(v.voidedAt),
        reason: v.voidReason ?? '',
      })}
    >
      <Tag data-testid="visit-voided-tag">{t('visit.voided')}</Tag>
    </Tooltip>
  );
}

/** "李强（秀水镇）、张伟（县工信局）" */
export function officialsText(v: Pick<VisitView, 'officials'>): string {
  return v.officials.map((o) => `${o.name}（${o.unitName}）`).join('、');
}
