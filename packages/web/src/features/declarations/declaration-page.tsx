// A declaration (/declarations/:id): the materials checklist with uploads, the automatic checks, the
// inspection records (实地踏勘, 资料审核) with photos, the history, and the steps the user may take. The
// centre's approval stays disabled, with the reasons, until both inspection records hold.
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  type DeclarationState,
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
import { Link, useParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { errorText, isApiError } from '../../api/errors';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { DeclarationDetail, DeclarationFile } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatDateTime, formatPeriod } from '../../lib/format';
import { clearedErrors } from '../../lib/library-filters';
import { usePermissions } from '../auth/session';
import {
  downloadDeclarationFile,
  uploadInspectionPhoto,
  uploadMaterial,
  useDeclaration,
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
  const writable = can('enterprise:write') && d.state !== 'entered' && d.state !== 'submitted';

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
              const blocked = a.to === 'submitted' && d.approvalProblems.length > 0;
              const button = (
                <Button
                  key={a.to}
                  type={a.to === 'returned' ? 'default' : 'primary'}
                  danger={a.to === 'returned'}
                  disabled={blocked}
                  onClick={() => setActing(a)}
                  data-testid={`declaration-action-${a.to}`}
                >
                  {a.label}
                </Button>
              );
              return blocked ? (
                <Tooltip key={a.to} title={d.approvalProblems.join('；')}>
                  <span>{button}</span>
                </Tooltip>
              ) : (
                button
              );
            })}
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
      {d.actions.some((a) => a.to === 'submitted') && d.approvalProblems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="declaration-approval-blocked"
          message={t('decl.approvalBlocked')}
          description={d.approvalProblems.join('；')}
        />
      )}
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
                <List.Item data-testid="declaration-check" data-ok={String(c.ok)}>
                  <Space align="start">
                    {c.ok ? (
                      <CheckCircleFilled style={{ color: '#16a34a' }} />
                    ) : (
                      <CloseCircleFilled style={{ color: '#dc2626' }} />
                    )}
                    <Typography.Text type={c.ok ? undefined : 'danger'}>{c.message}</Typography.Text>
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
              writable && (
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
                      writable
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
                  color: h.to === 'returned' ? 'red' : h.to === 'entered' ? 'green' : 'blue',
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
    </>
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
  type V = { comment?: string; approvalDate?: Dayjs | null; effectivePeriod?: Dayjs | null };
  const [form] = Form.useForm<V>();
  const transition = useTransition(d.id);
  // Defaults set as the dialog opens (not after its animation, which would overwrite what was typed).
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue({ comment: '', approvalDate: dayjs(), effectivePeriod: dayjs().startOf('month') });
  }, [action, form]);
  if (!action) return null;
  const entering = action.to === ('entered' satisfies DeclarationState);
  const submit = async () => {
    const v = form.getFieldsValue(true) as V;
    const comment = v.comment?.trim() ?? '';
    if (action.commentRequired && comment.length === 0) {
      form.setFields([{ name: 'comment', errors: [t('decl.commentRequired')] }]);
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
              },
            }
          : {}),
      });
      message.success(t('decl.transitioned', { state: action.label }));
      onClose();
    } catch (error) {
      applyServerError(form, error, ['comment', 'entry.approvalDate', 'entry.effectivePeriod']);
    }
  };
  return (
    <Modal
      open
      title={action.label}
      onCancel={onClose}
      onOk={submit}
      okText={t('decl.confirmAction', { action: action.label })}
      okButtonProps={{ danger: action.to === 'returned', 'data-testid': 'transition-ok' } as never}
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
            <Form.Item name="effectivePeriod" label={t('decl.effectivePeriod')} required>
              <DatePicker
                picker="month"
                style={{ width: '100%' }}
                data-testid="transition-effective-period"
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="comment"
          label={action.commentRequired ? t('decl.returnReason') : t('decl.comment')}
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
