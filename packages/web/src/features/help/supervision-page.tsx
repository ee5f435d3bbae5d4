// 督导 (/service/supervisions/:id): the findings, the rectification items with owner, deadline and state — the
// owner unit reports an item rectified, the centre may close it too — the files, and the centre's closure
// once every item is closed (the supervised unit never closes its own supervision).
import { UploadOutlined } from '@ant-design/icons';
import type { SupervisionItem } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Result,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { applyServerError } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import {
  downloadSupervisionFile,
  useCloseSupervision,
  useCloseSupervisionItem,
  useSupervision,
  useUploadSupervisionFile,
} from './help-api';
import { SUPERVISION_STATE_COLORS } from './supervisions-page';

export function SupervisionPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const id = Number(useParams().id);
  const query = useSupervision(id);
  const closeItem = useCloseSupervisionItem(id);
  const close = useCloseSupervision(id);
  const upload = useUploadSupervisionFile(id);
  const [closing, setClosing] = useState<SupervisionItem | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const d = query.data;
  if (query.isError) return <Result status="404" title={t('sup.title')} subTitle={String(query.error)} />;
  if (!d) return <Skeleton active />;

  const submitItem = async () => {
    const v = await form.validateFields();
    try {
      await closeItem.mutateAsync({ itemId: closing!.id, note: v.note.trim() });
      message.success(t('sup.item.closed'));
      setClosing(null);
      form.resetFields();
    } catch (error) {
      applyServerError(form, error, ['note']);
    }
  };
  const confirmClose = () =>
    modal.confirm({
      title: t('sup.close'),
      content: t('sup.closeConfirm'),
      okText: t('sup.close'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'sup-close-ok' } as never,
      onOk: async () => {
        await close.mutateAsync(undefined).catch((err) => {
          reportError(err);
          throw err;
        });
        message.success(t('sup.closed'));
      },
    });

  return (
    <>
      <PageHeader
        title={`${t('sup.title')}：${d.unitName}（${d.heldOn}）`}
        tags={
          <Tag color={SUPERVISION_STATE_COLORS[d.state]} data-testid="sup-state">
            {d.stateLabel}
          </Tag>
        }
        actions={
          d.canClose && (
            <Button type="primary" onClick={confirmClose} data-testid="sup-close">
              {t('sup.close')}
            </Button>
          )
        }
      />
      {d.state === 'awaiting' && !d.canClose && (
        <Alert type="info" showIcon message={t('sup.awaitingHint')} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('sup.detail.unit')}>{d.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('sup.detail.heldOn')}>{d.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('sup.detail.recordedBy')}>
            {d.recordedByName ?? '—'} · {formatDateTime(d.recordedAt)}
          </Descriptions.Item>
          {d.closedAt && (
            <Descriptions.Item label={t('sup.detail.closedBy')}>
              {d.closedByName ?? '—'} · {formatDateTime(d.closedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('sup.detail.findings')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.findings}</Typography.Paragraph>
      </Card>
      <Card size="small" title={t('sup.detail.items')} style={{ marginBottom: 12 }} data-testid="sup-items">
        {d.itemList.length === 0 ? (
          <Empty description={t('sup.detail.noItems')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={d.itemList}
            renderItem={(i) => (
              <List.Item
                data-testid={`sup-item-${i.id}`}
                actions={
                  i.canClose
                    ? [
                        <Button
                          key="close"
                          size="small"
                          onClick={() => setClosing(i)}
                          data-testid={`sup-item-close-${i.id}`}
                        >
                          {t('sup.item.close')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={6}>
                      <span>{i.description}</span>
                      <Tag color={i.state === 'closed' ? 'green' : i.overdue ? 'red' : 'processing'}>
                        {i.overdue ? t('sup.item.overdue') : i.stateLabel}
                      </Tag>
                    </Space>
                  }
                  description={
                    <div>
                      <div>
                        {t('sup.item.owner')}：{i.ownerUnitName} · {i.ownerName}　{t('sup.item.due')}：
                        {i.dueOn}
                      </div>
                      {i.closedAt && (
                        <div>
                          {t('sup.item.closedBy', {
                            name: i.closedByName ?? '—',
                            at: formatDateTime(i.closedAt),
                            note: i.closureNote ?? '',
                          })}
                        </div>
                      )}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('sup.detail.files')}
        extra={
          d.canUpload && (
            <Upload
              showUploadList={false}
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              beforeUpload={(file) => {
                upload
                  .mutateAsync(file)
                  .then((f) => message.success(t('sup.detail.uploaded', { name: f.fileName })))
                  .catch(reportError);
                return false;
              }}
            >
              <Button
                size="small"
                icon={<UploadOutlined />}
                loading={upload.isPending}
                data-testid="sup-upload"
              >
                {t('sup.detail.upload')}
              </Button>
            </Upload>
          )
        }
      >
        {d.canUpload && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sup.detail.uploadHint')}
          </Typography.Text>
        )}
        {d.files.length === 0 ? (
          <Empty description={t('sup.detail.noFiles')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            size="small"
            dataSource={d.files}
            renderItem={(f) => (
              <List.Item>
                <Button type="link" onClick={() => void downloadSupervisionFile(id, f).catch(reportError)}>
                  {f.fileName}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.uploadedByName ?? '—'} · {formatDateTime(f.uploadedAt)}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Modal
        open={closing !== null}
        title={t('sup.item.closeTitle')}
        onCancel={() => setClosing(null)}
        onOk={submitItem}
        okText={t('sup.item.close')}
        cancelText={t('action.cancel')}
        confirmLoading={closeItem.isPending}
        okButtonProps={{ 'data-testid': 'sup-item-close-ok' } as never}
        destroyOnHidden
      >
        {closing && <Typography.Paragraph>{closing.description}</Typography.Paragraph>}
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label={t('sup.item.note')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('sup.form.required', { field: t('sup.item.note') }),
              },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={2000}
              placeholder={t('sup.item.notePlaceholder')}
              data-testid="sup-item-note"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
