// The firm's page (/enterprises/:id), the centre of gravity (docs/ui.md): profile, revenue by source with the
// history of every figure, and the scale-status history.
import { EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { formatWan, REVENUE_SOURCES, revenueWritePermission } from '@shenggui/domain';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText, isApiError } from '../../api/errors';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { shortSourceLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatDateTime } from '../../lib/format';
import { defaultChartYear, type RevenueChartMode } from '../../lib/revenue-chart-option';
import { planYear } from '../../lib/today';
import { thresholdOf, useMeta, usePermissions } from '../auth/session';
import { DirectoryEventsCard } from '../directory/directory-events-card';
import { FirmLibraryCard } from '../libraries/firm-library-card';
import { FirmTimeline } from '../service/firm-timeline';
import { FirmServiceCard } from '../visits/firm-service-card';
import { useEnterprise, useEnterpriseRevenue } from './enterprise-api';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { FlaggedCodeTag, LegalFormTag, ScaleTag } from './enterprise-tags';
import { RevenueChartCard } from './revenue-chart-card';
import { RevenueEntryModal } from './revenue-entry-modal';
import { RevenueFactsTable } from './revenue-facts-table';
import { ScaleChangeModal } from './scale-change-modal';
import { ScaleHistoryCard } from './scale-history-card';

export function EnterprisePage() {
  const { t, lang } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { can } = usePermissions();
  const meta = useMeta();
  const detail = useEnterprise(id);
  const revenue = useEnterpriseRevenue(id, can('revenue:read'));
  const [editing, setEditing] = useState(false);
  const [entering, setEntering] = useState(false);
  const [changingScale, setChangingScale] = useState(false);

  const facts = revenue.data ?? [];
  const writableSources = useMemo(() => REVENUE_SOURCES.filter((s) => can(revenueWritePermission(s))), [can]);
  // Year and view live in the URL (replace, not push) so a link shows the same chart.
  const yearParam = Number(search.get('year'));
  const year =
    Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100
      ? yearParam
      : defaultChartYear(facts, planYear() - 1);
  const mode: RevenueChartMode = search.get('view') === 'cumulative' ? 'cumulative' : 'monthly';
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };

  if (
    !Number.isSafeInteger(id) ||
    id <= 0 ||
    (detail.isError && isApiError(detail.error) && detail.error.status === 404)
  ) {
    return (
      <Result
        status="404"
        title={t('enterprise.notFoundTitle')}
        subTitle={t('enterprise.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/enterprises')}>
            {t('enterprise.backToList')}
          </Button>
        }
      />
    );
  }
  if (detail.isError) {
    return (
      <Result
        status="error"
        title={t('enterprise.loadFailed')}
        subTitle={errorText(detail.error)}
        extra={<Button onClick={() => detail.refetch()}>{t('action.retry')}</Button>}
      />
    );
  }
  if (!detail.data) return <Skeleton active paragraph={{ rows: 8 }} />;

  const e = detail.data;
  const empty = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <>
      <PageHeader
        title={<span data-testid="enterprise-name">{e.name}</span>}
        tags={
          <>
            <ScaleTag status={e.scaleStatus} />
            <LegalFormTag form={e.legalForm} />
            {e.creditCodeFlagged && <FlaggedCodeTag />}
          </>
        }
        subtitle={
          <Typography.Text copyable={{ text: e.creditCode }} style={{ fontFamily: 'monospace' }}>
            {t('field.creditCode')}
            {lang === 'zh' ? '：' : ': '}
            {e.creditCode}
          </Typography.Text>
        }
        actions={
          <>
            {can('revenue:read') && writableSources.length > 0 && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => setEntering(true)}
                data-testid="revenue-entry-open"
              >
                {t('revenue.enter')}
              </Button>
            )}
            <Can permission="enterprise:write">
              <Button
                icon={<SwapOutlined />}
                onClick={() => setChangingScale(true)}
                data-testid="scale-change-open"
              >
                {t('scale.change')}
              </Button>
            </Can>
            <Can permission="enterprise:write">
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="enterprise-edit"
              >
                {t('action.edit')}
              </Button>
            </Can>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('enterprise.profile')} style={{ height: '100%' }}>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 2, xxl: 3 }}
              size="small"
              items={[
                {
                  key: 'industry',
                  label: t('field.industry'),
                  children: (
                    <span>
                      <Typography.Text style={{ fontFamily: 'monospace' }}>{e.industryCode}</Typography.Text>{' '}
                      {e.industryName}
                    </span>
                  ),
                },
                {
                  key: 'township',
                  label: t('field.township'),
                  children: (
                    <span>
                      {e.townshipName}
                      {e.inZone && (
                        <Tag color="purple" style={{ marginLeft: 6 }}>
                          {t('enterprise.inZoneTag')}
                        </Tag>
                      )}
                    </span>
                  ),
                },
                { key: 'supervising', label: t('field.supervisingUnit'), children: e.supervisingUnitName },
                {
                  key: 'revenue',
                  label: e.revenueYear ? t('list.revenueOfYear', { year: e.revenueYear }) : t('list.revenue'),
                  children: (
                    <span className="sg-money">
                      {formatWan(e.revenue)}
                      {e.revenue !== null && e.revenueSource && (
                        <span className="sg-source-hint">{shortSourceLabel(lang, e.revenueSource)}</span>
                      )}
                      {e.revenueLabel?.includes('（') && (
                        <span className="sg-source-hint">
                          {e.revenueLabel.slice(e.revenueLabel.indexOf('（'))}
                        </span>
                      )}
                    </span>
                  ),
                },
                {
                  key: 'founded',
                  label: t('field.foundedOn'),
                  children: e.foundedOn ? formatDate(e.foundedOn) : empty,
                },
                {
                  key: 'production',
                  label: t('field.productionStartedOn'),
                  children: e.productionStartedOn ? formatDate(e.productionStartedOn) : empty,
                },
                { key: 'contact', label: t('field.contactName'), children: e.contactName || empty },
                { key: 'phone', label: t('field.contactPhone'), children: e.contactPhone || empty },
                { key: 'updated', label: t('field.updatedAt'), children: formatDateTime(e.updatedAt) },
                { key: 'address', label: t('field.address'), children: e.address || empty, span: 'filled' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <ScaleHistoryCard history={e.scaleHistory ?? []} />
          <div style={{ marginTop: 16 }}>
            <DirectoryEventsCard enterpriseId={e.id} />
          </div>
        </Col>
        <Col xs={24}>
          <FirmLibraryCard enterpriseId={e.id} creditCode={e.creditCode} name={e.name} />
        </Col>
        {can('service:read') && (
          <Col xs={24}>
            <FirmServiceCard enterpriseId={e.id} />
          </Col>
        )}
        {can('revenue:read') && (
          <Col xs={24}>
            <RevenueChartCard
              facts={facts}
              year={year}
              onYearChange={(y) => setParam('year', String(y))}
              mode={mode}
              onModeChange={(m) => setParam('view', m)}
              thresholdYuan={thresholdOf(meta.data)}
              loading={revenue.isPending}
            />
          </Col>
        )}
        {can('service:read') && (
          <Col xs={24}>
            <FirmTimeline enterpriseId={e.id} />
          </Col>
        )}
        {can('revenue:read') && (
          <Col xs={24}>
            <RevenueFactsTable facts={facts} year={year} loading={revenue.isPending} />
          </Col>
        )}
      </Row>
      <EnterpriseFormDrawer
        open={editing}
        enterprise={e}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      {can('enterprise:write') && (
        <ScaleChangeModal enterprise={e} open={changingScale} onClose={() => setChangingScale(false)} />
      )}
      {writableSources.length > 0 && (
        <RevenueEntryModal
          enterpriseId={e.id}
          open={entering}
          onClose={() => setEntering(false)}
          sources={writableSources}
          facts={facts}
        />
      )}
    </>
  );
}
