// 服务工作 › 稳规帮扶 (/service/help-plans): every firm that was in the 临退规 library in the year, with its plan
// due day, plan and the year's result. For a closed year (last year) the summary says it in one line:
// 帮扶N家，保持规上X家，退规Y家，无方案Z家. A firm without a plan gets one from its row (service:write).
import {
  HELP_PLAN_STATE_LABELS,
  HELP_PLAN_STATES,
  type HelpPlanRow,
  type HelpPlanState,
  RETENTION_RESULT_LABELS,
  RETENTION_RESULTS,
  type RetentionResult,
} from '@shenggui/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Space,
  Statistic,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import {
  FilterSelect,
  FilterText,
  FilterYearSelect,
  ListExportButton,
  ListFilterBar,
  ListTable,
  optionText,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { helpPlanListQuery } from '../../lib/help-filters';
import { planYear } from '../../lib/today';
import { useMe, usePermissions } from '../auth/session';
import { useUnitOptions } from '../org/org-api';
import { downloadHelpPlanExport, useHelpPlans } from './help-api';
import { HelpPlanFormModal, type PlanFirm } from './help-plan-modals';

export const STATE_COLORS: Record<HelpPlanState, string> = {
  none: 'default',
  overdue: 'red',
  active: 'processing',
  closed: 'default',
};
export const RESULT_COLORS: Record<RetentionResult, string> = {
  stayed: 'green',
  left: 'red',
  open: 'default',
};

/** The API needs the year: the page's, or the plan year in progress. */
function withYear(query: URLSearchParams, year: number): URLSearchParams {
  const q = new URLSearchParams(query);
  if (!q.has('year')) q.set('year', String(year));
  return q;
}

export function HelpPlansPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const me = useMe();
  const navigate = useNavigate();
  const list = useListQuery(helpPlanListQuery);
  const current = planYear();
  const year = list.state.year ?? current;
  const query = useHelpPlans(withYear(list.apiQuery, year));
  const units = useUnitOptions();
  const [creating, setCreating] = useState<PlanFirm | null>(null);
  const data = query.data;
  const unitOptions = useMemo(
    () => [...units.townships, ...units.supervising],
    [units.townships, units.supervising],
  );
  const stateOptions = HELP_PLAN_STATES.map((s) => ({ value: s, label: HELP_PLAN_STATE_LABELS[s] }));
  const resultOptions = RETENTION_RESULTS.map((r) => ({ value: r, label: RETENTION_RESULT_LABELS[r] }));
  const flagOptions = [
    { value: 'true', label: t('help.filter.reviewOverdueYes') },
    { value: 'false', label: t('help.filter.reviewOverdueNo') },
  ];

  const columns: TableProps<HelpPlanRow>['columns'] = [
    {
      title: t('help.col.firm'),
      key: 'firm',
      width: 230,
      render: (_: unknown, r) => (
        <div>
          <Link to={`/enterprises/${r.enterpriseId}`} data-testid="help-firm-link">
            {r.enterpriseName}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.townshipName} · {r.supervisingUnitName}
            </Typography.Text>
          </div>
          {!r.inLibrary && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('help.leftLibrary')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: `${t('help.col.entered')} / ${t('help.col.due')}`,
      key: 'dates',
      width: 130,
      render: (_: unknown, r) => (
        <div>
          <div>{r.enteredOn}</div>
          <Typography.Text type={r.state === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t('help.col.due')} {r.dueOn}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('help.col.state'),
      key: 'state',
      width: 120,
      render: (_: unknown, r) => (
        <Tag color={STATE_COLORS[r.state]} data-testid={`help-state-${r.enterpriseId}`}>
          {r.stateLabel}
        </Tag>
      ),
    },
    {
      title: t('help.col.owner'),
      key: 'owner',
      width: 150,
      render: (_: unknown, r) =>
        r.plan ? (
          <div>
            <div>{r.plan.ownerUnitName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.plan.ownerName}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('help.col.measures'),
      key: 'measures',
      width: 260,
      render: (_: unknown, r) =>
        r.plan ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.plan.measures }} style={{ marginBottom: 0 }}>
            {r.plan.measures}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: t('help.col.review'),
      key: 'review',
      width: 120,
      render: (_: unknown, r) =>
        r.plan && !r.plan.closedAt ? (
          <Space size={4} wrap>
            <span>{r.plan.reviewOn}</span>
            {r.plan.reviewOverdue && <Tag color="red">{t('help.reviewOverdue')}</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('help.col.reviews'),
      key: 'reviews',
      width: 110,
      render: (_: unknown, r) =>
        r.plan ? (
          <div>
            <div>{t('help.reviewsCount', { n: r.plan.reviews })}</div>
            {r.plan.lastOutcomeLabel && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('help.lastOutcome', { outcome: r.plan.lastOutcomeLabel })}
              </Typography.Text>
            )}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('help.col.result'),
      key: 'result',
      width: 100,
      render: (_: unknown, r) => (
        <Tag color={RESULT_COLORS[r.result]} data-testid={`help-result-${r.enterpriseId}`}>
          {r.resultLabel}
        </Tag>
      ),
    },
    {
      title: t('help.col.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_: unknown, r) =>
        r.plan && r.state !== 'closed' ? (
          <Button
            size="small"
            type="link"
            onClick={() => navigate(`/service/help-plans/${r.plan!.id}`)}
            data-testid={`help-open-${r.enterpriseId}`}
          >
            {t('help.open')}
          </Button>
        ) : (
          <Space size={0} wrap>
            {r.plan && (
              <Button
                size="small"
                type="link"
                onClick={() => navigate(`/service/help-plans/${r.plan!.id}`)}
                data-testid={`help-open-${r.enterpriseId}`}
              >
                {t('help.open')}
              </Button>
            )}
            {can('service:write') && (
              <Button
                size="small"
                type="link"
                onClick={() => setCreating(r)}
                data-testid={`help-create-${r.enterpriseId}`}
              >
                {t('help.create')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  const s = data?.summary;
  return (
    <>
      <PageHeader
        title={t('help.title')}
        subtitle={t('help.subtitle', { days: data?.helpPlanWorkdays ?? '…' })}
        actions={
          <ListExportButton
            list={list}
            download={(q) => downloadHelpPlanExport(withYear(q, year))}
            total={data?.total}
            testId="help-export"
          />
        }
      />
      {s && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="help-summary">
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {t('help.summary', {
              year,
              atRisk: s.atRisk,
              withPlan: s.withPlan,
              stayed: s.stayed,
              left: s.left,
              withoutPlan: s.withoutPlan,
            })}
            {s.overdue > 0 && (
              <Typography.Text type="danger" style={{ marginLeft: 8 }}>
                {t('help.summaryOverdue', { overdue: s.overdue })}
              </Typography.Text>
            )}
          </Typography.Paragraph>
          <Row gutter={[12, 12]}>
            {(
              [
                ['help.stat.atRisk', s.atRisk, undefined],
                ['help.stat.withPlan', s.withPlan, '#1677ff'],
                ['help.stat.stayed', s.stayed, '#389e0d'],
                ['help.stat.left', s.left, '#cf1322'],
                ['help.stat.withoutPlan', s.withoutPlan, s.overdue > 0 ? '#cf1322' : undefined],
              ] as const
            ).map(([key, value, color]) => (
              <Col xs={12} sm={8} md={4} key={key}>
                <Statistic title={t(key)} value={value} valueStyle={color ? { color } : undefined} />
              </Col>
            ))}
          </Row>
          <Alert
            style={{ marginTop: 8 }}
            type={data.yearClosed ? 'success' : 'info'}
            showIcon
            message={
              data.yearClosed
                ? t('help.yearClosed', { year, cutoff: data.cutoff })
                : t('help.yearOpen', { cutoff: data.cutoff })
            }
            data-testid="help-year-state"
          />
        </Card>
      )}
      <ListFilterBar list={list} testId="help-filter">
        <FilterYearSelect
          name="year"
          label={t('help.year')}
          years={yearsDown(current, 5)}
          yearLabel={(y) => t('help.yearOption', { year: y })}
          placeholder={t('help.yearOption', { year: current })}
          testId="help-filter-year"
        />
        <FilterSelect
          name="state"
          label={t('help.filter.state')}
          options={stateOptions}
          testId="help-filter-state"
        />
        <FilterSelect
          name="result"
          label={t('help.filter.result')}
          options={resultOptions}
          testId="help-filter-result"
        />
        <FilterSelect
          name="unitId"
          label={t('help.filter.unit')}
          options={unitOptions}
          loading={units.isLoading}
          search
          testId="help-filter-unit"
        />
        <FilterSelect
          name="reviewOverdue"
          label={t('help.filter.reviewOverdue')}
          options={flagOptions}
          testId="help-filter-review"
        />
        <FilterText
          name="q"
          label={t('help.filter.q')}
          maxLength={100}
          placeholder={t('help.filter.qPlaceholder')}
          testId="help-filter-q"
        />
      </ListFilterBar>
      <ListTable<HelpPlanRow>
        list={list}
        result={query}
        rowKey="enterpriseId"
        columns={columns}
        testId="help-table"
        scrollX={1300}
        totalText={(total) => t('help.total', { total })}
        empty={<Empty description={t('help.empty')} />}
        emptyFiltered={t('help.emptyFiltered')}
        filterLabels={{
          state: { label: t('help.filter.state'), value: optionText(stateOptions) },
          result: { label: t('help.filter.result'), value: optionText(resultOptions) },
          unitId: { label: t('help.filter.unit'), value: optionText(unitOptions) },
          reviewOverdue: { label: t('help.filter.reviewOverdue'), value: optionText(flagOptions) },
          q: { label: t('help.filter.q') },
        }}
      />
      <HelpPlanFormModal
        firm={creating}
        defaultOwnerUnitId={me.data?.user.unit.id}
        onClose={() => setCreating(null)}
        onSaved={(d) => navigate(`/service/help-plans/${d.plan.id}`)}
      />
    </>
  );
}
