import { useI18n } from '../../app/i18n';
import { useEnterprise } from './enterprise-api';

/** The firm's name in the breadcrumbs (shares the page's query, so no extra request). */
export function EnterpriseCrumb({ id }: { id: number }) {
  const { data } = useEnterprise(id);
  const { t } = useI18n();
  return <>{data?.name ?? t('enterprise.detail')}</>;
}
