// Pieces of the page chrome shared by the shell and the sign-in page.
import { Segmented, Tag, Tooltip } from 'antd';
import { useMeta } from '../features/auth/session';
import { type Lang, useI18n } from './i18n';

export function ProductMark({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="sg-product-mark">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!compact && <span>{t('app.name')}</span>}
    </div>
  );
}

export function DemoTag() {
  const { data: meta } = useMeta();
  const { t } = useI18n();
  if (!meta?.demo) return null;
  return (
    <Tooltip title={t('demo.tagHint')}>
      <Tag color="orange" data-testid="demo-tag" style={{ marginInlineEnd: 0 }}>
        {t('demo.tag')}
      </Tag>
    </Tooltip>
  );
}

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      data-testid="lang-switch"
    />
  );
}
