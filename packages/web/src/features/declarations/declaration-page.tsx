// A declaration (/declarations/:id): the materials checklist with uploads, the automatic checks (pass, fail
// or not run; the blocking ones with the step they block and the centre's override with its reason), the
// inspection records (实地踏勘, 资料审核) with photos and the inspecting unit, the history, and the steps the
// user may take. A step stays disabled, with the reasons, while a blocking check or a missing inspection
// record stands in its way (docs/api.md, 入库申报); withdraw and monthly→annual are steps like the others.
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  MinusCircleFilled,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  DECLARATION_STATE_LABELS,
  DECLARATION_TRANSITIONS,
  type DeclarationState,
  declarationOverrideSchema,
  INSPECTION_CONCLUSION_LABELS,
  INSPECTION_CONCLUSIONS,
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  type InspectionConclusion,
  type InspectionKind,
  inspectionCreateSchema,
  MAX_UPLOAD_BYTES,
  type MaterialItem,
} from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { errorText, isApiError } from '../../api/errors';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { DeclarationDetail, DeclarationFile } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatDateTime, formatPeriod } from '../../lib/format';
import { clearedErrors } from '../../lib/library-filters';
import { usePermissions } from '../auth/session';
import { useUnits } from '../org/org-api';
import {
  downloadDeclarationFile,
  uploadInspectionPhoto,
  uploadMaterial,
  useAssignInspectionUnit,
  useConvertDeclaration,
  useDeclaration,
  useDeclarationCalendar,
  useOverrideCheck,
  useRecordInspection,
  useTransition,
} from './declaration-api';
import { STATE_COLORS } from './declaration-board-page';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.xlsx,.docx';

function FileLink({ declarationId, file }: { declarationId: number; file: DeclarationFile }) {
  return (
    <Button
      type="link"
      size="small"
      icon={<DownloadOutlined />}
      onClick={() => downloadDeclarationFile(declarationId, file).catch(reportError)}
      data-testid="declaration-file"
      style={{ paddingInline: 0 }}
    >
      {file.fileName}
      {file.version > 1 ? ` (v${file.version})` : ''}
    </Button>
  );
}

function UploadButton({
  label,
  accept,
  upload,
  testId,
}: {
  label: string;
  accept: string;
  upload: (file: File) => Promise<unknown>;
  testId: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept={accept}
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size > MAX_UPLOAD_BYTES) {
          message.error(t('decl.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
          return Upload.LIST_IGNORE;
        }
        setBusy(true);
        upload(file)
          .then(() => message.success(t('decl.uploaded', { name: file.name })))
          .catch(reportError)
          .finally(() => setBusy(false));
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}

export function DeclarationPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const declaration = useDeclaration(id);
  const { can } = usePermissions();
  const [acting, setActing] = useState<DeclarationDetail['actions'][number] | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [overriding, setOverriding] = useState<DeclarationDetail['checks'][number] | null>(null);
  const [converting, setConverting] = useState(false);

  if (declaration.isError) {
    const notFound = isApiError(declaration.error) && declaration.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('decl.notFound') : t('decl.loadFailed')}
        subTitle={notFound ? undefined : errorText(declaration.error)}
        extra={<Link to="/declarations/board">{t('menu.declarations.board')}</Link>}
      />
    );
  }
  if (!declaration.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const d = declaration.data;
  const refresh = () => void declaration.refetch();
  const writable = can('enterprise:write') && d.can.materials;
  const blockedSteps = d.actions.filter((a) => a.blockedBy.length > 0);

  return (
    <>
      <PageHeader
        title={
          <span data-testid="declaration-title">
            <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link> · {d.batchName}
          </span>
        }
        tags={
          <Tag color={STATE_COLORS[d.state]} data-testid="declaration-state" data-state={d.state}>
            {d.stateLabel}
          </Tag>
        }
        subtitle={`${d.modeLabel} · ${t('decl.deadlineOn', { date: formatDate(d.deadline) })} · ${t(
          'decl.dataTo',
          {
            period: formatPeriod(d.dataMonth, lang),
          },
        )}`}
        actions={
          <Space wrap data-testid="declaration-actions">
            {d.actions.map((a) => {
              const blocked = a.blockedBy.length > 0;
              const backward = a.to === 'returned' || a.to === 'withdrawn';
              const button = (
                <Button
                  key={a.to}
                  type={backward ? 'default' : 'primary'}
                  danger={backward}
                  disabled={blocked}
                  onClick={() => setActing(a)}
                  data-testid={`declaration-action-${a.to}`}
                >
                  {a.label}
                </Button>
              );
              return blocked ? (
                <Tooltip key={a.to} title={a.blockedBy.join('；')}>
                  <span>{button}</span>
                </Tooltip>
              ) : (
                button
              );
            })}
            {d.can.convert && (
              <Button onClick={() => setConverting(true)} data-testid="declaration-convert">
                {t('decl.convert')}
              </Button>
            )}
          </Space>
        }
      />
      {d.state === 'returned' && d.lastComment && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('decl.returnedWith', { reason: d.lastComment })}
        />
      )}
      {d.state === 'withdrawn' && d.lastComment && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="declaration-withdrawn"
          message={t('decl.withdrawnWith', { reason: d.lastComment })}
        />
      )}
      {d.replacesId && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          message={
            <Link to={`/declarations/${d.replacesId}`}>{t('decl.replaces', { id: d.replacesId })}</Link>
          }
        />
      )}
      {blockedSteps.map((a) => (
        <Alert
          key={a.to}
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid={a.to === 'submitted' ? 'declaration-approval-blocked' : 'declaration-blocked'}
          data-step={a.to}
          message={t('decl.blocked', { action: a.label })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {a.blockedBy.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('decl.materials')} size="small" data-testid="declaration-materials">
            <List
              size="small"
              dataSource={d.materials}
              renderItem={(m) => (
                <List.Item
                  data-testid="declaration-material"
                  data-item={m.item}
                  actions={
                    writable
                      ? [
                          <UploadButton
                            key="up"
                            label={m.files.length ? t('decl.uploadNew') : t('decl.upload')}
                            accept={ACCEPT}
                            upload={(file) =>
                              uploadMaterial(d.id, m.item as MaterialItem, file).then(refresh)
                            }
                            testId={`declaration-upload-${m.item}`}
                          />,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    avatar={
                      m.files.length ? (
                        <CheckCircleFilled style={{ color: '#16a34a' }} />
                      ) : (
                        <CloseCircleFilled style={{ color: '#d1d5db' }} />
                      )
                    }
                    title={m.label}
                    description={
                      m.files.length ? (
                        <Space size={0} direction="vertical">
                          {m.files.map((f) => (
                            <FileLink key={f.id} declarationId={d.id} file={f} />
                          ))}
                        </Space>
                      ) : (
                        t('decl.noFile')
                      )
                    }
                  />
                </List.Item>
              )}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('decl.uploadRules', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('decl.checks')}
            size="small"
            data-testid="declaration-checks"
            style={{ marginBottom: 16 }}
          >
            <List
              size="small"
              dataSource={d.checks}
              renderItem={(c) => (
                <List.Item
                  data-testid="declaration-check"
                  data-check={c.key}
                  data-ok={String(c.ok)}
                  data-status={c.status}
                  actions={
                    d.can.override && c.gate && c.status !== 'pass' && !c.override
                      ? [
                          <Button
                            key="override"
                            size="small"
                            onClick={() => setOverriding(c)}
                            data-testid={`override-open-${c.key}`}
                          >
                            {t('decl.check.override')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Space align="start">
                    {c.status === 'pass' ? (
                      <CheckCircleFilled style={{ color: '#16a34a' }} />
                    ) : c.status === 'fail' ? (
                      <CloseCircleFilled style={{ color: '#dc2626' }} />
                    ) : (
                      <MinusCircleFilled style={{ color: '#9ca3af' }} />
                    )}
                    <div>
                      <Space size={4} wrap>
                        <Typography.Text strong>{c.label}</Typography.Text>
                        <Tag color={c.status === 'pass' ? 'green' : c.status === 'fail' ? 'red' : 'default'}>
                          {c.statusLabel}
                        </Tag>
                        {c.gate && c.status !== 'pass' && !c.override && (
                          <Tag color="orange">
                            {t('decl.check.gate', {
                              step:
                                DECLARATION_TRANSITIONS.find((x) => x.to === c.gate)?.label ??
                                DECLARATION_STATE_LABELS[c.gate],
                            })}
                          </Tag>
                        )}
                        {c.override && <Tag color="purple">{t('decl.check.overridden')}</Tag>}
                      </Space>
                      <div>
                        <Typography.Text type={c.status === 'pass' ? undefined : 'danger'}>
                          {c.message}
                        </Typography.Text>
                      </div>
                      {c.override && (
                        <Typography.Text
                          type="secondary"
                          style={{ fontSize: 12 }}
                          data-testid="check-override"
                        >
                          {t('decl.check.overrideBy', {
                            name: c.override.actorName ?? '—',
                            at: formatDateTime(c.override.at),
                            reason: c.override.reason,
                          })}
                        </Typography.Text>
                      )}
                    </div>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('decl.summary')} size="small">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'code', label: t('lib.col.creditCode'), children: d.creditCode },
                { key: 'township', label: t('field.township'), children: d.townshipName },
                { key: 'unit', label: t('field.supervisingUnit'), children: d.supervisingUnitName },
                { key: 'created', label: t('decl.createdAt'), children: formatDateTime(d.createdAt) },
                {
                  key: 'inspectionUnit',
                  label: t('decl.inspectionUnit'),
                  children: d.can.assignInspectionUnit ? (
                    <InspectionUnitSelect declaration={d} />
                  ) : (
                    (d.inspectionUnitName ?? t('decl.inspectionUnit.none'))
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={t('decl.inspections')}
            size="small"
            data-testid="declaration-inspections"
            extra={
              d.can.inspect && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setInspecting(true)}
                  data-testid="inspection-add"
                >
                  {t('decl.addInspection')}
                </Button>
              )
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('decl.inspectionRule')}
            </Typography.Paragraph>
            {d.inspections.length === 0 ? (
              <Typography.Text type="secondary">{t('decl.noInspection')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={d.inspections}
                renderItem={(i) => (
                  <List.Item
                    data-testid="inspection"
                    actions={
                      d.can.inspect
                        ? [
                            <UploadButton
                              key="photo"
                              label={t('decl.addPhoto')}
                              accept=".jpg,.jpeg,.png"
                              upload={(file) => uploadInspectionPhoto(d.id, i.id, file).then(refresh)}
                              testId="inspection-photo-upload"
                            />,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Tag color="blue">{i.kindLabel}</Tag>
                          <Tag color={i.conclusion === 'pass' ? 'green' : 'red'}>{i.conclusionLabel}</Tag>
                          <span>
                            {formatDate(i.inspectedOn)} · {i.inspectors}
                          </span>
                        </Space>
                      }
                      description={
                        <div>
                          <div style={{ whiteSpace: 'pre-wrap' }}>{i.findings}</div>
                          {i.photos.map((p) => (
                            <FileLink key={p.id} declarationId={d.id} file={p} />
                          ))}
                          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                            {t('decl.recordedBy', {
                              name: i.recordedByName ?? '—',
                              at: formatDateTime(i.recordedAt),
                            })}
                          </Typography.Text>
                        </div>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('decl.history')} size="small" data-testid="declaration-history">
            <Timeline
              items={[...d.history]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((h) => ({
                  color:
                    h.to === 'returned' || h.to === 'withdrawn'
                      ? 'red'
                      : h.to === 'entered'
                        ? 'green'
                        : 'blue',
                  children: (
                    <div>
                      <div>
                        {h.fromLabel ? `${h.fromLabel} → ` : ''}
                        <strong>{h.toLabel}</strong>
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(h.at)} · {h.actorName ?? '—'}
                      </Typography.Text>
                      {h.comment && <div>{h.comment}</div>}
                    </div>
                  ),
                }))}
            />
          </Card>
        </Col>
      </Row>
      <TransitionModal declaration={d} action={acting} onClose={() => setActing(null)} />
      <InspectionModal declarationId={d.id} open={inspecting} onClose={() => setInspecting(false)} />
      <OverrideModal declaration={d} check={overriding} onClose={() => setOverriding(null)} />
      <ConvertModal declaration={d} open={converting} onClose={() => setConverting(false)} />
    </>
  );
}

/** The centre picks the township or department that records the inspections (never the declaring unit). */
function InspectionUnitSelect({ declaration: d }: { declaration: DeclarationDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const units = useUnits();
  const assign = useAssignInspectionUnit(d.id);
  const options = [
    { value: 0, label: t('decl.inspectionUnit.none') },
    ...(units.data ?? [])
      .filter((u) => u.kind === 'township' || u.kind === 'department' || u.kind === 'zone')
      .map((u) => ({ value: u.id, label: u.name })),
  ];
  return (
    <Select
      size="small"
      style={{ minWidth: 200 }}
      value={d.inspectionUnitId ?? 0}
      options={options}
      loading={units.isLoading || assign.isPending}
      showSearch
      optionFilterProp="label"
      data-testid="declaration-inspection-unit"
      onChange={(v: number) =>
        assign
          .mutateAsync(v === 0 ? null : v)
          .then(() => message.success(t('decl.inspectionUnit.saved')))
          .catch(reportError)
      }
    />
  );
}

/** The centre's override of a blocking check: a written reason, confirmed. */
function OverrideModal({
  declaration: d,
  check,
  onClose,
}: {
  declaration: DeclarationDetail;
  check: DeclarationDetail['checks'][number] | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const override = useOverrideCheck(d.id);
  useEffect(() => {
    if (check) form.resetFields();
  }, [check, form]);
  if (!check) return null;
  const submit = async () => {
    const parsed = declarationOverrideSchema.safeParse({
      check: check.key,
      reason: form.getFieldValue('reason') ?? '',
    });
    if (!parsed.success) {
      form.setFields([{ name: 'reason', errors: [t('decl.override.reasonRequired')] }]);
      return;
    }
    try {
      await override.mutateAsync(parsed.data);
      message.success(t('decl.override.saved', { check: check.label }));
      onClose();
    } catch (error) {
      applyServerError(form, error, ['reason']);
    }
  };
  return (
    <Modal
      open
      title={t('decl.override.title', { check: check.label })}
      onCancel={onClose}
      onOk={submit}
      okText={t('decl.override.ok')}
      okButtonProps={{ 'data-testid': 'override-ok' } as never}
      cancelText={t('action.cancel')}
      confirmLoading={override.isPending}
    >
      <Typography.Paragraph>
        {t('decl.override.body', { status: check.statusLabel, message: check.message })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        <Form.Item name="reason" label={t('decl.override.reason')} required>
          <Input.TextArea rows={3} maxLength={1000} data-testid="override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Monthly → annual: the annual batch of the same year and the reason. Opens the new declaration. */
function ConvertModal({
  declaration: d,
  open,
  onClose,
}: {
  declaration: DeclarationDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const calendar = useDeclarationCalendar(d.year);
  const [form] = Form.useForm<{ batch?: string; reason?: string }>();
  const convert = useConvertDeclaration(d.id);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  if (!open) return null;
  const submit = async () => {
    const v = form.getFieldsValue(true) as { batch?: string; reason?: string };
    const errors = [
      { name: 'batch' as const, errors: v.batch ? [] : [t('decl.convert.batch')] },
      { name: 'reason' as const, errors: v.reason?.trim() ? [] : [t('decl.convert.reasonRequired')] },
    ];
    if (errors.some((e) => e.errors.length)) {
      form.setFields(errors);
      return;
    }
    try {
      const created = await convert.mutateAsync({ batch: v.batch ?? '', reason: v.reason?.trim() ?? '' });
      message.success(t('decl.convert.done'));
      onClose();
      navigate(`/declarations/${created.id}`);
    } catch (error) {
      applyServerError(form, error, ['batch', 'reason']);
    }
  };
  return (
    <Modal
      open
      title={t('decl.convert')}
      onCancel={onClose}
      onOk={submit}
      okText={t('decl.convert')}
      okButtonProps={{ 'data-testid': 'convert-ok' } as never}
      cancelText={t('action.cancel')}
      confirmLoading={convert.isPending}
    >
      <Typography.Paragraph>{t('decl.convert.body')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        <Form.Item name="batch" label={t('decl.convert.batch')} required>
          <Select
            options={(calendar.data?.batches ?? []).map((b) => ({
              value: b.key,
              label: `${b.name}（${formatDate(b.deadline)}）`,
            }))}
            data-testid="convert-batch"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('decl.convert.reason')} required>
          <Input.TextArea rows={3} maxLength={1000} data-testid="convert-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TransitionModal({
  declaration: d,
  action,
  onClose,
}: {
  declaration: DeclarationDetail;
  action: DeclarationDetail['actions'][number] | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  type V = {
    comment?: string;
    approvalDate?: Dayjs | null;
    effectivePeriod?: Dayjs | null;
    effectivePeriodReason?: string;
  };
  const [form] = Form.useForm<V>();
  const transition = useTransition(d.id);
  // Defaults set as the dialog opens (not after its animation, which would overwrite what was typed).
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue({
      comment: '',
      approvalDate: dayjs(),
      effectivePeriod: dayjs(`${d.defaultEffectivePeriod}-01`),
      effectivePeriodReason: '',
    });
  }, [action, form, d.defaultEffectivePeriod]);
  const effective = Form.useWatch('effectivePeriod', form) as Dayjs | null | undefined;
  const unusual = !!effective && effective.format('YYYY-MM') !== d.defaultEffectivePeriod;
  if (!action) return null;
  const entering = action.to === ('entered' satisfies DeclarationState);
  const submit = async () => {
    const v = form.getFieldsValue(true) as V;
    const comment = v.comment?.trim() ?? '';
    if (action.commentRequired && comment.length === 0) {
      form.setFields([{ name: 'comment', errors: [t('decl.commentRequired')] }]);
      return;
    }
    const reason = v.effectivePeriodReason?.trim() ?? '';
    if (entering && unusual && reason.length < 4) {
      form.setFields([
        {
          name: 'effectivePeriodReason',
          errors: [t('decl.effectiveReasonRequired', { period: d.defaultEffectivePeriod })],
        },
      ]);
      return;
    }
    if (entering && (!v.approvalDate || !v.effectivePeriod)) {
      form.setFields([
        { name: 'approvalDate', errors: v.approvalDate ? [] : [t('decl.approvalDateRequired')] },
        { name: 'effectivePeriod', errors: v.effectivePeriod ? [] : [t('decl.effectivePeriodRequired')] },
      ]);
      return;
    }
    try {
      await transition.mutateAsync({
        to: action.to,
        comment: comment || null,
        ...(entering && v.approvalDate && v.effectivePeriod
          ? {
              entry: {
                approvalDate: v.approvalDate.format('YYYY-MM-DD'),
                effectivePeriod: v.effectivePeriod.format('YYYY-MM'),
                effectivePeriodReason: unusual ? reason : null,
              },
            }
          : {}),
      });
      message.success(t('decl.transitioned', { state: action.label }));
      onClose();
    } catch (error) {
      applyServerError(form, error, [
        'comment',
        'entry.approvalDate',
        'entry.effectivePeriod',
        'entry.effectivePeriodReason',
      ]);
    }
  };
  return (
    <Modal
      open
      title={action.label}
      onCancel={onClose}
      onOk={submit}
      okText={t('decl.confirmAction', { action: action.label })}
      okButtonProps={
        {
          danger: action.to === 'returned' || action.to === 'withdrawn',
          'data-testid': 'transition-ok',
        } as never
      }
      cancelText={t('action.cancel')}
      confirmLoading={transition.isPending}
    >
      <Typography.Paragraph data-testid="transition-confirm">
        {t('decl.transitionBody', { name: d.enterpriseName, from: d.stateLabel, action: action.label })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="transition-form"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        {entering && (
          <>
            <Form.Item name="approvalDate" label={t('decl.approvalDate')} required>
              <DatePicker style={{ width: '100%' }} data-testid="transition-approval-date" />
            </Form.Item>
            <Form.Item
              name="effectivePeriod"
              label={t('decl.effectivePeriod')}
              required
              extra={t('decl.effectiveDefault', { period: d.defaultEffectivePeriod })}
            >
              <DatePicker
                picker="month"
                style={{ width: '100%' }}
                data-testid="transition-effective-period"
              />
            </Form.Item>
            {unusual && (
              <Form.Item name="effectivePeriodReason" label={t('decl.effectiveReason')} required>
                <Input.TextArea rows={2} maxLength={500} data-testid="transition-effective-reason" />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item
          name="comment"
          label={
            action.to === 'withdrawn'
              ? t('decl.withdrawReason')
              : action.commentRequired
                ? t('decl.returnReason')
                : t('decl.comment')
          }
          required={action.commentRequired}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="transition-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function InspectionModal({
  declarationId,
  open,
  onClose,
}: {
  declarationId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  type V = {
    kind?: InspectionKind;
    inspectedOn?: Dayjs | null;
    inspectors?: string;
    findings?: string;
    conclusion?: InspectionConclusion;
  };
  const [form] = Form.useForm<V>();
  const record = useRecordInspection(declarationId);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      kind: 'field',
      inspectedOn: dayjs(),
      conclusion: 'pass',
      inspectors: '',
      findings: '',
    });
  }, [open, form]);
  const FIELDS = ['kind', 'inspectedOn', 'inspectors', 'findings', 'conclusion'] as const;
  const submit = async () => {
    const v = form.getFieldsValue(true) as V;
    const parsed = inspectionCreateSchema.safeParse({
      ...v,
      inspectedOn: v.inspectedOn ? v.inspectedOn.format('YYYY-MM-DD') : '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    try {
      await record.mutateAsync(parsed.data);
      message.success(t('decl.inspectionSaved'));
      onClose();
    } catch (error) {
      applyServerError(form, error, FIELDS);
    }
  };
  return (
    <Modal
      open={open}
      title={t('decl.addInspection')}
      onCancel={onClose}
      onOk={submit}
      okText={t('action.save')}
      okButtonProps={{ 'data-testid': 'inspection-save' } as never}
      cancelText={t('action.cancel')}
      confirmLoading={record.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="inspection-form"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        <Form.Item name="kind" label={t('decl.inspectionKind')} required>
          <Radio.Group data-testid="inspection-kind">
            {INSPECTION_KINDS.map((k) => (
              <Radio key={k} value={k} data-testid={`inspection-kind-${k}`}>
                {INSPECTION_KIND_LABELS[k]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="inspectedOn" label={t('decl.inspectedOn')} required>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="inspectors" label={t('decl.inspectors')} required>
          <Input maxLength={200} data-testid="inspection-inspectors" />
        </Form.Item>
        <Form.Item name="findings" label={t('decl.findings')} required>
          <Input.TextArea rows={3} maxLength={2000} data-testid="inspection-findings" />
        </Form.Item>
        <Form.Item name="conclusion" label={t('decl.conclusion')} required>
          <Select
            options={INSPECTION_CONCLUSIONS.map((c) => ({
              value: c,
              label: INSPECTION_CONCLUSION_LABELS[c],
            }))}
            data-testid="inspection-conclusion"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
