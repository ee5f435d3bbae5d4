// 申报管理 › 申报日历 (/declarations/calendar): the year's monthly windows (materials due on the same day of
// each month, for firms that started production since 1 October of the year before) and the annual batches.
import { declarationDeadlines } from '@shenggui/domain';
import { Alert, Card, Col, Result, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatPeriod } from '../../lib/format';
import { chinaToday, planYear } from '../../lib/today';
import { useDeclarationCalendar } from './declaration-api';
import { yearFromSearch } from './declaration-board-page';

export function DeclarationCalendarPage() {
  const { t, lang } = useI18n();
  const [search, setSearch] = useSearchParams();
  const year = yearFromSearch(search);
  const calendar = useDeclarationCalendar(year);
  const today = chinaToday();
  const thisYear = planYear();
  const rows = calendar.data ? declarationDeadlines(calendar.data, year) : [];
  const annual = rows.filter((r) => r.mode === 'annual');
  const monthly = rows.filter((r) => r.mode === 'monthly');
  const next = rows.find((r) => r.deadline >= today);

  return (
    <>
      <PageHeader
        title={t('menu.declarations.calendar')}
        subtitle={t('decl.calendarHint')}
        actions={
          <Select
            value={year}
            style={{ width: 110 }}
            options={[thisYear + 1, thisYear, thisYear - 1].map((y) => ({
              value: y,
              label: t('decl.yearOption', { year: y }),
            }))}
            onChange={(y) => setSearch(new URLSearchParams({ year: String(y) }))}
            data-testid="calendar-year"
          />
        }
      />
      {calendar.isError ? (
        <Result status="error" title={t('decl.loadFailed')} subTitle={errorText(calendar.error)} />
      ) : !calendar.data ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          {next && (
            <Col xs={24}>
              <Alert
                type="info"
                showIcon
                data-testid="calendar-next"
                message={t('decl.nextDeadline', { name: next.name, date: formatDate(next.deadline) })}
              />
            </Col>
          )}
          <Col xs={24} xl={10}>
            <Card title={t('decl.annualBatches')} size="small" data-testid="calendar-annual">
              <Typography.Paragraph type="secondary">
                {t('decl.preparationFrom', { date: `${year}-${calendar.data.preparationFrom}` })}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={annual}
                columns={[
                  { title: t('decl.batch'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('decl.deadline'),
                    dataIndex: 'deadline',
                    key: 'deadline',
                    render: (d: string) => (
                      <span>
                        {formatDate(d)} {d < today && <Tag>{t('decl.past')}</Tag>}
                      </span>
                    ),
                  },
                  {
                    title: t('decl.dataMonth'),
                    dataIndex: 'dataMonth',
                    key: 'dataMonth',
                    render: (p: string) => formatPeriod(p, lang),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              title={t('decl.monthlyWindows', { day: calendar.data.monthlyDeadlineDay })}
              size="small"
              data-testid="calendar-monthly"
            >
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={monthly}
                columns={[
                  { title: t('decl.batch'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('decl.deadline'),
                    dataIndex: 'deadline',
                    key: 'deadline',
                    render: (d: string) => (
                      <span>
                        {formatDate(d)} {d < today && <Tag>{t('decl.past')}</Tag>}
                      </span>
                    ),
                  },
                  {
                    title: t('decl.dataMonth'),
                    dataIndex: 'dataMonth',
                    key: 'dataMonth',
                    render: (p: string) => formatPeriod(p, lang),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
