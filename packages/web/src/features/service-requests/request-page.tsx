// One request (/service/requests/:id): what the firm asked, the deadlines with their lights (fixed when the
// centre routed it, on the working-day calendar), every step as a timeline, and buttons for exactly the steps
// the server says the caller may take now (route, accept, reply, resolve, return, 无法解决, evaluate), each in
// a modal form with its own checks.
import {
  REQUEST_ACTION_LABELS,
  type RequestDetail,
  type RequestStepAction,
  SATISFACTION_LABELS,
  SATISFACTIONS,
} from '@shenggui/domain';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, isApiError } from '../../api/errors';
import { applyServerError } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useRequest, useRequestStep } from './request-api';
import { RequestLightTag } from './request-light-tag';
import { STATE_COLORS, useActingUnitOptions } from './request-list-page';

const BACKWARD: readonly RequestStepAction[] = ['return', 'unsolvable'];
const LIGHT_COLORS = { green: 'green', yellow: 'orange', red: 'red' } as const;

/** The field each step's form asks for (route a unit, evaluate a choice, the others a text). */
const TEXT_FIELD: Partial<
  Record<RequestStepAction, { name: string; label: string; max: number; required: boolean }>
> = {
  accept: { name: 'note', label: 'req.form.acceptNote', max: 500, required: false },
  reply: { name: 'note', label: 'req.form.replyNote', max: 2000, required: true },
  resolve: { name: 'answer', label: 'req.form.answer', max: 2000, required: true },
  return: { name: 'reason', label: 'req.form.reason', max: 1000, required: true },
  unsolvable: { name: 'reason', label: 'req.form.reason', max: 1000, required: true },
};

function StepModal({
  request,
  action,
  onClose,
}: {
  request: RequestDetail;
  action: RequestStepAction | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const step = useRequestStep(request.id);
  const units = useActingUnitOptions();
  if (!action) return null;
  const text = TEXT_FIELD[action];
  const fields = ['ownerUnitId', 'note', 'answer', 'reason', 'satisfaction'];
  const submit = async () => {
    // A refused field shows its message under it; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
    );
    try {
      await step.mutateAsync({ action, body });
      message.success(t('req.done', { action: t(`req.action.${action}`) }));
      form.resetFields();
      onClose();
    } catch (error) {
      applyServerError(form, error, fields);
    }
  };
  return (
    <Modal
      open
      title={`${t(`req.action.${action}`)} · ${request.title}`}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={submit}
      okText={t(`req.action.${action}`)}
      okButtonProps={
        {
          loading: step.isPending,
          danger: BACKWARD.includes(action),
          'data-testid': 'request-step-ok',
        } as never
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid={`request-form-${action}`} requiredMark="optional">
        {action === 'route' && (
          <Form.Item
            name="ownerUnitId"
            label={t('req.form.owner')}
            extra={t('req.form.ownerHelp')}
            rules={[{ required: true, message: t('req.form.pickOwner') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={units}
              data-testid="request-form-owner"
              placeholder={t('req.form.pickOwner')}
            />
          </Form.Item>
        )}
        {action === 'evaluate' && (
          <>
            <Form.Item
              name="satisfaction"
              label={t('req.form.satisfaction')}
              rules={[{ required: true, message: t('req.form.pickSatisfaction') }]}
            >
              <Radio.Group
                data-testid="request-form-satisfaction"
                options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('req.form.evalNote')} rules={[{ max: 500 }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="request-form-note" />
            </Form.Item>
          </>
        )}
        {text && (
          <Form.Item
            name={text.name}
            label={t(text.label as 'req.form.reason')}
            rules={
              text.required
                ? [
                    {
                      required: true,
                      whitespace: true,
                      message: t('req.form.required', { field: t(text.label as 'req.form.reason') }),
                    },
                  ]
                : []
            }
          >
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={text.max}
              showCount
              data-testid={`request-form-${text.name}`}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function RequestPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const request = useRequest(id);
  const [acting, setActing] = useState<RequestStepAction | null>(null);

  if (request.isError) {
    const notFound = isApiError(request.error) && request.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('req.notFound') : errorText(request.error)}
        extra={<Link to="/service/requests">{t('req.back')}</Link>}
      />
    );
  }
  if (!request.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const r = request.data;
  const finished = r.state === 'unsolvable' ? 'reason' : 'answer';

  return (
    <>
      <PageHeader
        title={<span data-testid="request-title">{r.title}</span>}
        tags={
          <>
            <Tag color={STATE_COLORS[r.state]} data-testid="request-state" data-state={r.state}>
              {r.stateLabel}
            </Tag>
            {r.light && <RequestLightTag {...r} withDue={false} />}
          </>
        }
        subtitle={
          <span>
            <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> · {r.categoryLabel} ·{' '}
            {r.raisedByName} {formatDateTime(r.raisedAt)}
          </span>
        }
        actions={
          <Space wrap data-testid="request-actions">
            {r.actions.map((a) => (
              <Button
                key={a}
                type={BACKWARD.includes(a) ? 'default' : 'primary'}
                danger={BACKWARD.includes(a)}
                onClick={() => setActing(a)}
                data-testid={`request-action-${a}`}
              >
                {t(`req.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('req.section.facts')} size="small">
            <Descriptions column={1} size="small" data-testid="request-facts">
              <Descriptions.Item label={t('req.field.firm')}>
                <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
                <Typography.Text type="secondary"> · {r.townshipName}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('req.field.category')}>{r.categoryLabel}</Descriptions.Item>
              <Descriptions.Item label={t('req.field.detail')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {r.detail}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('req.field.raisedBy')}>
                {r.raisedByName}（{r.raisedUnitName}）
              </Descriptions.Item>
              <Descriptions.Item label={t('req.field.raisedAt')}>
                {formatDateTime(r.raisedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('req.field.owner')}>
                {r.ownerUnitName ?? <Typography.Text type="secondary">{t('req.notRouted')}</Typography.Text>}
              </Descriptions.Item>
              {r.answer && (
                <Descriptions.Item label={t(finished === 'reason' ? 'req.field.reason' : 'req.field.answer')}>
                  <span data-testid="request-answer" style={{ whiteSpace: 'pre-wrap' }}>
                    {r.answer}
                  </span>
                </Descriptions.Item>
              )}
              {r.decidedByName && (
                <Descriptions.Item label={t('req.field.decidedBy')}>{r.decidedByName}</Descriptions.Item>
              )}
              {r.satisfactionLabel && (
                <Descriptions.Item label={t('req.field.satisfaction')}>
                  <span data-testid="request-satisfaction">
                    {r.satisfactionLabel}
                    {r.evaluationNote ? `：${r.evaluationNote}` : ''}
                  </span>
                  <Typography.Text type="secondary">
                    {' '}
                    · {r.evaluatedByName} {formatDateTime(r.evaluatedAt)}
                  </Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('req.section.deadlines')} size="small" style={{ marginBottom: 16 }}>
            {r.deadlines.length <= 1 && (
              <Typography.Paragraph type="secondary">{t('req.deadline.none')}</Typography.Paragraph>
            )}
            <Descriptions column={1} size="small" data-testid="request-deadlines">
              {r.deadlines.map((d) => (
                <Descriptions.Item key={d.kind} label={d.label}>
                  <Space wrap size={4} data-testid={`request-deadline-${d.kind}`}>
                    <span>{t('req.deadline.due', { date: d.dueOn })}</span>
                    {d.light && (
                      <Tag color={LIGHT_COLORS[d.light]} data-testid="request-light" data-light={d.light}>
                        {t(`req.light.${d.light}`)}
                        {d.light === 'red' && r.daysOverdue > 0
                          ? ` · ${t('req.light.overdue', { days: r.daysOverdue })}`
                          : ''}
                      </Tag>
                    )}
                    {d.doneAt && (
                      <Typography.Text type={d.onTime ? 'secondary' : 'danger'}>
                        {t(d.onTime ? 'req.deadline.doneOnTime' : 'req.deadline.doneLate', {
                          at: formatDateTime(d.doneAt),
                        })}
                      </Typography.Text>
                    )}
                  </Space>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card title={t('req.section.history')} size="small">
            <Timeline
              data-testid="request-history"
              items={r.events.map((e) => ({
                color:
                  e.action === 'return' || e.action === 'unsolvable'
                    ? 'red'
                    : e.action === 'evaluate' || e.action === 'resolve'
                      ? 'green'
                      : 'blue',
                children: (
                  <div data-testid="request-event" data-action={e.action}>
                    <Typography.Text strong>{e.label || REQUEST_ACTION_LABELS[e.action]}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      · {e.actorName}（{e.unitName}） · {formatDateTime(e.at)}
                    </Typography.Text>
                    {e.action === 'route' && e.ownerUnitName && (
                      <div>{t('req.event.owner', { unit: e.ownerUnitName })}</div>
                    )}
                    {e.note && e.action !== 'route' && e.action !== 'raise' && (
                      <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {r.actions.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {t('req.noActions')}
        </Typography.Paragraph>
      )}
      <StepModal request={r} action={acting} onClose={() => setActing(null)} />
    </>
  );
}
