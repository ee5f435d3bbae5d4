// 稳规帮扶方案 (/service/help-plans/:id): the firm, its due day and year result, the plan (owner, measures, next
// review) and its reviews; the owner unit or the centre edits it, records a review and closes it.
import { Button, Card, Descriptions, Empty, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useHelpPlan } from './help-api';
import { HelpPlanCloseModal, HelpPlanFormModal, HelpPlanReviewModal } from './help-plan-modals';
import { RESULT_COLORS, STATE_COLORS } from './help-plans-page';

const OUTCOME_COLORS: Record<string, string> = {
  improving: 'green',
  stable: 'blue',
  worsening: 'red',
  resolved: 'green',
};

export function HelpPlanPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const query = useHelpPlan(id);
  const [dialog, setDialog] = useState<'edit' | 'review' | 'close' | null>(null);
  const d = query.data;
  if (query.isError)
    return <Result status="404" title={t('help.detail.title')} subTitle={String(query.error)} />;
  if (!d) return <Skeleton active />;
  const p = d.plan;
  return (
    <>
      <PageHeader
        title={`${t('help.detail.title')}：${d.enterpriseName}`}
        tags={
          <>
            <Tag color={STATE_COLORS[d.state]} data-testid="help-plan-state">
              {d.stateLabel}
            </Tag>
            <Tag color={RESULT_COLORS[d.result]} data-testid="help-plan-result">
              {d.year}年 · {d.resultLabel}
            </Tag>
          </>
        }
        actions={
          d.canAct && (
            <>
              <Button type="primary" onClick={() => setDialog('review')} data-testid="help-plan-review">
                {t('help.action.review')}
              </Button>
              <Button onClick={() => setDialog('edit')} data-testid="help-plan-edit">
                {t('help.action.edit')}
              </Button>
              <Button danger onClick={() => setDialog('close')} data-testid="help-plan-close">
                {t('help.action.close')}
              </Button>
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('help.detail.firm')}>
            <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('help.detail.units')}>
            {d.townshipName} · {d.supervisingUnitName}
          </Descriptions.Item>
          <Descriptions.Item label={t('help.detail.entered')}>{d.enteredOn}</Descriptions.Item>
          <Descriptions.Item label={t('help.detail.due')}>{d.dueOn}</Descriptions.Item>
          <Descriptions.Item label={t('help.detail.owner')}>
            {p.ownerUnitName} · {p.ownerName}
          </Descriptions.Item>
          <Descriptions.Item label={t('help.detail.reviewOn')}>
            {p.closedAt ? (
              '—'
            ) : (
              <Space size={4}>
                {p.reviewOn}
                {p.reviewOverdue && <Tag color="red">{t('help.reviewOverdue')}</Tag>}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('help.detail.createdBy')}>
            {d.createdByName ?? '—'} · {formatDateTime(p.createdAt)}
          </Descriptions.Item>
          {p.closedAt && (
            <Descriptions.Item label={t('help.detail.closed')} span={2}>
              {d.closedByName ?? '—'} · {formatDateTime(p.closedAt)}：{p.closeNote}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('help.detail.measures')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="help-plan-measures-text">
          {p.measures}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('help.detail.reviews')} data-testid="help-plan-reviews">
        {d.reviewList.length === 0 ? (
          <Empty description={t('help.detail.noReviews')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={d.reviewList.map((r) => ({
              color: OUTCOME_COLORS[r.outcome] ?? 'gray',
              children: (
                <div>
                  <Space wrap size={6}>
                    <strong>{r.reviewedOn}</strong>
                    <Tag color={OUTCOME_COLORS[r.outcome]}>{r.outcomeLabel}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('help.detail.recordedBy', { name: r.recordedByName ?? '—' })}
                      {r.nextReviewOn ? ` · ${t('help.detail.nextReview', { date: r.nextReviewOn })}` : ''}
                    </Typography.Text>
                  </Space>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{r.note}</div>
                </div>
              ),
            }))}
          />
        )}
      </Card>
      <HelpPlanFormModal firm={dialog === 'edit' ? d : null} plan={p} onClose={() => setDialog(null)} />
      <HelpPlanReviewModal planId={p.id} open={dialog === 'review'} onClose={() => setDialog(null)} />
      <HelpPlanCloseModal planId={p.id} open={dialog === 'close'} onClose={() => setDialog(null)} />
    </>
  );
}
