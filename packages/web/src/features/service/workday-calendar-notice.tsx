// A warning on the service pages while the working-day calendar lacks the State Council's schedule for the
// year in progress (deadlines would count Monday–Friday only), or, from November, for the next year.
import { Alert } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { chinaToday } from '../../lib/today';
import { useServiceSettings } from './service-api';

export function WorkdayCalendarNotice() {
  const { t } = useI18n();
  const settings = useServiceSettings();
  const s = settings.data;
  if (!s) return null;
  const lateInYear = chinaToday().slice(5, 7) >= '11';
  const year = !s.calendarKnowsYear ? s.year : lateInYear && !s.calendarKnowsNextYear ? s.year + 1 : null;
  if (year === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="workday-calendar-notice"
      message={t('service.calendarMissing', { year })}
      description={
        <>
          {t('service.calendarMissingHint')} <Link to="/admin/settings">{t('service.calendarSettings')}</Link>
        </>
      }
    />
  );
}
