import type { LegalForm, ScaleStatus } from '@shenggui/domain';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n';
import { legalFormLabel, scaleLabel } from '../../app/labels';

export function ScaleTag({ status }: { status: ScaleStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={status === 'above' ? 'green' : 'default'} data-testid="scale-tag">
      {scaleLabel(lang, status)}
    </Tag>
  );
}

export function LegalFormTag({ form }: { form: LegalForm }) {
  const { lang } = useI18n();
  return <Tag color={form === 'enterprise' ? 'blue' : 'default'}>{legalFormLabel(lang, form)}</Tag>;
}

/** The code fails the GB 32100 check character and was kept on a user's confirmation. */
export function FlaggedCodeTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('enterprise.flaggedHint')}>
      <Tag color="warning" data-testid="credit-code-flagged">
        {t('enterprise.flagged')}
      </Tag>
    </Tooltip>
  );
}
