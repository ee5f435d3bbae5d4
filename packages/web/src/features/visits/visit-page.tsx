// 走访详情 (/service/visits/:id): the visit, its officials, photos and files (upload with antd Upload, download),
// the requests raised on it (each links to its own page), and 作废 for the recording unit or the centre.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { MAX_UPLOAD_BYTES, type VisitDetail } from '@shenggui/domain';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Result,
  Row,
  Skeleton,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { isApiError } from '../../api/errors';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { PurposeTag, VisitStatusTag } from './visit-labels';
import { downloadVisitFile, useUploadVisitFile, useVisit, useVoidVisit } from './visits-api';

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function FilesCard({ visit }: { visit: VisitDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadVisitFile(visit.id);
  const [busy, setBusy] = useState(false);
  return (
    <Card
      title={t('visit.detail.files')}
      size="small"
      data-testid="visit-files"
      extra={
        visit.mayUpload && (
          <Upload
            accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              if (file.size > MAX_UPLOAD_BYTES) {
                message.error(t('visit.detail.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
                return Upload.LIST_IGNORE;
              }
              setBusy(true);
              upload
                .mutateAsync(file)
                .then(() => message.success(t('visit.detail.uploaded', { name: file.name })))
                .catch(reportError)
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="visit-file-upload">
              {t('visit.detail.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {visit.mayUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('visit.detail.uploadHint')}
        </Typography.Paragraph>
      )}
      {visit.files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visit.detail.filesEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={visit.files}
          renderItem={(f) => (
            <List.Item
              data-testid="visit-file"
              actions={[
                <Button
                  key="download"
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => downloadVisitFile(visit.id, f).catch(reportError)}
                  data-testid={`visit-file-download-${f.id}`}
                />,
              ]}
            >
              <List.Item.Meta
                title={f.fileName}
                description={`${formatSize(f.size)} · ${f.uploadedByName} · ${formatDateTime(f.uploadedAt)}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function VisitPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const id = Number(params.id);
  const query = useVisit(id);
  const voidVisit = useVoidVisit();

  if (
    !Number.isSafeInteger(id) ||
    id <= 0 ||
    (query.isError && isApiError(query.error) && query.error.status === 404)
  )
    return (
      <Result
        status="404"
        title={t('visit.detail.notFound')}
        extra={<Link to="/service/visits">{t('menu.service.visits')}</Link>}
      />
    );
  if (!query.data) return <Skeleton active />;
  const v = query.data;

  const confirmVoid = () => {
    let reason = '';
    modal.confirm({
      title: t('visit.voidTitle'),
      width: 480,
      content: (
        <Form layout="vertical" style={{ marginTop: 8 }}>
          <p>{t('visit.voidBody', { firm: v.enterpriseName, date: v.visitedOn })}</p>
          <Form.Item label={t('visit.voidReason')} required style={{ marginBottom: 0 }}>
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              maxLength={500}
              onChange={(e) => {
                reason = e.target.value;
              }}
              data-testid="visit-void-reason"
            />
          </Form.Item>
        </Form>
      ),
      okText: t('visit.voidOk'),
      okButtonProps: { danger: true, 'data-testid': 'visit-void-ok' } as never,
      cancelText: t('action.cancel'),
      onOk: async () => {
        if (reason.trim().length < 2) {
          message.warning(t('visit.voidReasonRequired'));
          throw new Error('reason');
        }
        await voidVisit.mutateAsync({ id: v.id, reason: reason.trim() }).catch((err) => {
          reportError(err);
          throw err;
        });
        message.success(t('visit.voidDone'));
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('visit.detail.title', { firm: v.enterpriseName })}
        subtitle={
          <Link to={`/enterprises/${v.enterpriseId}`}>
            {v.enterpriseName} · {v.creditCode}
          </Link>
        }
        tags={
          <>
            <PurposeTag v={v} />
            <VisitStatusTag v={v} t={t} />
          </>
        }
        actions={
          v.mayVoid && (
            <Button danger onClick={confirmVoid} data-testid="visit-void">
              {t('visit.void')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('visit.detail.info')} size="small" data-testid="visit-detail">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('visit.col.date')}>{v.visitedOn}</Descriptions.Item>
              <Descriptions.Item label={t('visit.col.purpose')}>{v.purposeLabel}</Descriptions.Item>
              <Descriptions.Item label={t('visit.detail.placement')}>
                {v.townshipName} · {v.supervisingUnitName}
              </Descriptions.Item>
              <Descriptions.Item label={t('visit.detail.recordedBy')}>
                {v.recordedByName} · {formatDateTime(v.recordedAt)}
              </Descriptions.Item>
              {v.voided && (
                <Descriptions.Item label={t('visit.voided')} span={2}>
                  {t('visit.voidedBy', {
                    name: v.voidedByName ?? '—',
                    at: formatDateTime(v.voidedAt),
                    reason: v.voidReason ?? '',
                  })}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {t('visit.col.findings')}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="visit-findings">
              {v.findings}
            </Typography.Paragraph>
          </Card>
          <Card
            title={t('visit.detail.requests')}
            size="small"
            style={{ marginTop: 16 }}
            data-testid="visit-requests"
            extra={
              !v.voided && (
                <Can permission="service:write">
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => navigate(`/service/requests/new?enterpriseId=${v.enterpriseId}`)}
                  >
                    {t('visit.detail.raiseMore')}
                  </Button>
                </Can>
              )
            }
          >
            {v.requests.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visit.detail.requestsEmpty')} />
            ) : (
              <List
                size="small"
                dataSource={v.requests}
                renderItem={(r) => (
                  <List.Item data-testid="visit-request-link">
                    <Link to={`/service/requests/${r.id}`}>{r.title}</Link>
                    <span>
                      <Tag>{r.categoryLabel}</Tag>
                      <Tag color="processing">{r.stateLabel}</Tag>
                    </span>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('visit.detail.officials')} size="small" data-testid="visit-officials">
            <List
              size="small"
              dataSource={v.officials}
              renderItem={(o) => (
                <List.Item>
                  <Typography.Text strong>{o.name}</Typography.Text>
                  <Typography.Text type="secondary">{o.unitName}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
          <div style={{ marginTop: 16 }}>
            <FilesCard visit={v} />
          </div>
        </Col>
      </Row>
    </>
  );
}
