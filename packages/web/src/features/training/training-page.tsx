// 服务工作 › 培训宣讲 › an event (/service/trainings/:id): its details, the attendance the caller may read
// (rows of firms outside the data scope are only counted), adding an attendee, importing the sign-in sheet
// with its preview, the materials; editing and voiding for the organiser unit and the centre.
import {
  DeleteOutlined,
  EditOutlined,
  PaperClipOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  ATTENDANCE_KIND_LABELS,
  type AttendanceView,
  TRAINING_FILE_MAX_BYTES,
  type TrainingDetail,
} from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { errorText, isApiError } from '../../api/errors';
import { applyServerError } from '../../api/form-errors';
import type { EnterpriseRow } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { useMe, usePermissions } from '../auth/session';
import { searchEnterprises } from '../directory/directory-api';
import { useOrganiserOptions } from './organiser-options';
import { SigninImportModal } from './signin-import-modal';
import {
  downloadTrainingFile,
  uploadTrainingFile,
  useAddAttendance,
  useDeleteAttendance,
  useInvalidateTrainings,
  useTraining,
  useVoidTraining,
} from './training-api';
import { TrainingForm } from './training-form';
import { KIND_COLORS } from './training-list-page';

const KIND_TAG: Record<AttendanceView['kind'], string> = {
  firm: 'green',
  official: 'blue',
  unmatched: 'gold',
};

function FirmSearch({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<EnterpriseRow[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      searchEnterprises(q.trim())
        .then(setOptions)
        .catch(() => {
          // keep the previous options; the next keystroke searches again
        });
    }, 250);
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('training.att.firmPlaceholder')}
      options={options.map((o) => ({ value: o.id, label: `${o.name}（${o.townshipName}）` }))}
      data-testid="attendance-firm"
    />
  );
}

interface AttendeeValues {
  type: 'firm' | 'official';
  enterpriseId?: number;
  unitId?: number;
  personName: string;
  phone?: string;
}

function AddAttendeeModal({
  training,
  open,
  onClose,
}: {
  training: TrainingDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AttendeeValues>();
  const type = Form.useWatch('type', form) ?? 'firm';
  const me = useMe();
  const units = useOrganiserOptions();
  const add = useAddAttendance(training.id);
  const submit = (v: AttendeeValues) => {
    const body =
      v.type === 'firm'
        ? { enterpriseId: v.enterpriseId ?? null, personName: v.personName ?? '', phone: v.phone ?? null }
        : { unitId: v.unitId ?? null, personName: v.personName ?? '', phone: v.phone ?? null };
    add.mutate(body, {
      onSuccess: (row) => {
        message.success(t('training.att.added', { name: row.personName }));
        form.resetFields(['enterpriseId', 'personName', 'phone']);
      },
      onError: (e) => applyServerError(form, e, ['enterpriseId', 'unitId', 'personName', 'phone']),
    });
  };
  return (
    <Modal
      open={open}
      title={t('training.att.addTitle')}
      onCancel={onClose}
      okText={t('training.att.add')}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'attendance-submit' } as never}
      destroyOnHidden
    >
      <Form<AttendeeValues>
        form={form}
        layout="vertical"
        initialValues={{ type: 'firm', unitId: me.data?.user.unit.id }}
        onFinish={submit}
        data-testid="attendance-form"
      >
        <Form.Item name="type" label={t('training.att.type')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'firm', label: t('training.att.typeFirm') },
              { value: 'official', label: t('training.att.typeOfficial') },
            ]}
            data-testid="attendance-type"
          />
        </Form.Item>
        {type === 'firm' ? (
          <Form.Item name="enterpriseId" label={t('training.att.firm')} required>
            <FirmSearch />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" label={t('training.att.unit')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={units.options}
              data-testid="attendance-unit"
            />
          </Form.Item>
        )}
        <Form.Item name="personName" label={t('training.att.person')} required>
          <Input maxLength={50} data-testid="attendance-person" />
        </Form.Item>
        <Form.Item name="phone" label={t('training.att.phone')}>
          <Input maxLength={30} inputMode="tel" data-testid="attendance-phone" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Materials({ training }: { training: TrainingDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateTrainings();
  const [busy, setBusy] = useState(false);
  return (
    <Card
      title={t('training.files.title')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        training.canManage && (
          <Upload
            accept=".pdf,.pptx,.docx,.xlsx,.jpg,.jpeg,.png"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > TRAINING_FILE_MAX_BYTES) {
                message.error(t('training.files.tooLarge', { mb: TRAINING_FILE_MAX_BYTES / 1024 / 1024 }));
                return Upload.LIST_IGNORE;
              }
              setBusy(true);
              uploadTrainingFile(training.id, file)
                .then(() => {
                  message.success(t('training.files.uploaded', { name: file.name }));
                  invalidate();
                })
                .catch(reportError)
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="training-file-upload">
              {t('training.files.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {training.files.length === 0 ? (
        <Typography.Text type="secondary">{t('training.files.empty')}</Typography.Text>
      ) : (
        <Space direction="vertical" size={4}>
          {training.files.map((f) => (
            <Button
              key={f.id}
              type="link"
              icon={<PaperClipOutlined />}
              style={{ paddingInline: 0 }}
              onClick={() => void downloadTrainingFile(training.id, f).catch(reportError)}
              data-testid={`training-file-${f.id}`}
            >
              {f.fileName}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {(f.size / 1024).toFixed(0)} KB · {f.uploadedByName ?? '—'} · {formatDateTime(f.uploadedAt)}
              </Typography.Text>
            </Button>
          ))}
        </Space>
      )}
      {training.canManage && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('training.files.help')}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}

export function TrainingPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const training = useTraining(id);
  const { can } = usePermissions();
  const { modal, message } = App.useApp();
  const voidIt = useVoidTraining(id);
  const remove = useDeleteAttendance(id);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  if (training.isError) {
    const notFound = isApiError(training.error) && training.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('training.notFound') : t('training.loadFailed')}
        subTitle={notFound ? undefined : errorText(training.error)}
        extra={<Link to="/service/trainings">{t('training.title')}</Link>}
      />
    );
  }
  if (!training.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const d = training.data;
  const writable = can('service:write') && !d.voided;

  const confirmVoid = () => {
    let reason = '';
    modal.confirm({
      title: t('training.voidTitle'),
      content: (
        <Form layout="vertical" style={{ marginTop: 8 }}>
          <p>{t('training.voidBody')}</p>
          <Form.Item label={t('training.voidReason')} required style={{ marginBottom: 0 }}>
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              maxLength={200}
              onChange={(e) => {
                reason = e.target.value;
              }}
              data-testid="training-void-reason"
            />
          </Form.Item>
        </Form>
      ),
      okText: t('training.void'),
      okButtonProps: { danger: true, 'data-testid': 'training-void-ok' } as never,
      cancelText: t('action.cancel'),
      onOk: async () => {
        if (!reason.trim()) {
          message.warning(t('training.voidReasonRequired'));
          throw new Error('reason');
        }
        await voidIt.mutateAsync(reason.trim()).catch((e) => {
          reportError(e);
          throw e;
        });
        message.success(t('training.voidDone'));
      },
    });
  };

  const confirmDelete = (r: AttendanceView) =>
    modal.confirm({
      title: t('training.att.deleteTitle', { name: r.personName }),
      okText: t('training.att.delete'),
      okButtonProps: { danger: true, 'data-testid': 'attendance-delete-ok' } as never,
      cancelText: t('action.cancel'),
      onOk: () =>
        remove
          .mutateAsync(r.id)
          .then(() => message.success(t('training.att.deleted')))
          .catch((e) => {
            reportError(e);
            throw e;
          }),
    });

  const columns: TableProps<AttendanceView>['columns'] = [
    { title: t('training.att.col.person'), dataIndex: 'personName', key: 'person', width: 100 },
    {
      title: t('training.att.col.org'),
      key: 'org',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 180 }}>
          {r.enterpriseId ? (
            <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
          ) : (
            (r.unitName ?? r.orgNameAsWritten ?? '—')
          )}
          {r.townshipName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              · {r.townshipName}
            </Typography.Text>
          )}
          {r.orgNameAsWritten &&
            r.kind !== 'unmatched' &&
            r.orgNameAsWritten !== (r.enterpriseName ?? r.unitName) && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('training.att.asWritten', { name: r.orgNameAsWritten })}
                </Typography.Text>
              </div>
            )}
        </div>
      ),
    },
    {
      title: t('training.att.col.kind'),
      key: 'kind',
      width: 90,
      render: (_: unknown, r) => <Tag color={KIND_TAG[r.kind]}>{ATTENDANCE_KIND_LABELS[r.kind]}</Tag>,
    },
    {
      title: t('training.att.col.phone'),
      dataIndex: 'phone',
      key: 'phone',
      width: 130,
      render: (v) => v ?? '—',
    },
    {
      title: t('training.att.col.source'),
      key: 'source',
      width: 100,
      render: (_: unknown, r) =>
        r.source === 'import' ? t('training.att.sourceImport') : t('training.att.sourceManual'),
    },
  ];
  if (writable)
    columns.push({
      key: 'actions',
      width: 70,
      render: (_: unknown, r) => (
        <Button
          type="link"
          size="small"
          danger
          icon={<DeleteOutlined />}
          onClick={() => confirmDelete(r)}
          data-testid={`attendance-delete-${r.id}`}
          aria-label={t('training.att.delete')}
        />
      ),
    });

  return (
    <>
      <PageHeader
        title={<span data-testid="training-title">{d.topic}</span>}
        tags={
          <>
            <Tag color={KIND_COLORS[d.kind]}>{d.kindLabel}</Tag>
            {d.voided && <Tag data-testid="training-voided">{t('training.voided')}</Tag>}
          </>
        }
        actions={
          d.canManage && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="training-edit">
                {t('training.edit')}
              </Button>
              <Button danger onClick={confirmVoid} data-testid="training-void">
                {t('training.void')}
              </Button>
            </>
          )
        }
      />
      {d.voided && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('training.detail.voidedText', {
            at: formatDateTime(d.voidedAt),
            reason: d.voidReason ?? '',
          })}
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="training-details">
          <Descriptions.Item label={t('training.form.heldOn')}>{d.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('training.detail.organiser')}>{d.organiserUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('training.detail.location')}>{d.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.detail.counts')}>
            <span data-testid="training-counts">
              {t('training.detail.countsText', {
                firms: d.firmCount,
                officials: d.officialCount,
                unmatched: d.unmatchedCount,
              })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.detail.recordedBy')}>
            {d.createdByName ?? '—'} · {formatDateTime(d.createdAt)}
          </Descriptions.Item>
          {d.note && <Descriptions.Item label={t('training.detail.note')}>{d.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card
        title={t('training.att.title')}
        size="small"
        style={{ marginTop: 16 }}
        extra={
          writable && (
            <Space wrap>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="attendance-add"
              >
                {t('training.att.add')}
              </Button>
              {d.canManage && (
                <Button
                  size="small"
                  type="primary"
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                  data-testid="signin-import"
                >
                  {t('training.import.button')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {d.hiddenCount > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('training.att.hidden', { n: d.hiddenCount })}
            data-testid="attendance-hidden"
          />
        )}
        <Table<AttendanceView>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={d.attendance}
          pagination={d.attendance.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty description={t('training.att.empty')} /> }}
          data-testid="attendance-table"
        />
      </Card>
      <Materials training={d} />
      <Modal
        open={editing}
        title={t('training.editTitle')}
        footer={null}
        onCancel={() => setEditing(false)}
        destroyOnHidden
      >
        <TrainingForm
          training={d}
          onSaved={() => {
            message.success(t('training.form.saved'));
            setEditing(false);
          }}
        />
      </Modal>
      <AddAttendeeModal training={d} open={adding} onClose={() => setAdding(false)} />
      <SigninImportModal trainingId={d.id} open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
