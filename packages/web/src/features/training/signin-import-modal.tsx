// 导入签到表: the sheet is read on the server in a dry run first; the preview shows every row with its
// match (企业 / 干部 / 未匹配 / 重复 / 有错误) and every problem naming the row and column; confirming sends the
// same file again to be written all at once. A sheet with problems is never written.
import { InboxOutlined } from '@ant-design/icons';
import {
  SIGNIN_MATCH_LABELS,
  SIGNIN_MATCHED_BY_LABELS,
  type SigninImportResult,
  type SigninRow,
  TRAINING_FILE_MAX_BYTES,
} from '@shenggui/domain';
import { Alert, App, Button, Modal, Space, Table, type TableProps, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { reportError } from '../../api/error-reporter';
import { useI18n } from '../../app/i18n';
import { importSigninSheet, useInvalidateTrainings } from './training-api';

const MATCH_COLORS: Record<SigninRow['match'], string> = {
  firm: 'green',
  official: 'blue',
  unmatched: 'gold',
  duplicate: 'default',
  invalid: 'red',
};

export function SigninImportModal({
  trainingId,
  open,
  onClose,
}: {
  trainingId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateTrainings();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<SigninImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const read = async (f: File) => {
    setFile(f);
    setPreview(null);
    setBusy(true);
    try {
      setPreview(await importSigninSheet(trainingId, f, true));
    } catch (e) {
      reportError(e);
      setFile(null);
    } finally {
      setBusy(false);
    }
  };

  const toWrite = preview ? preview.counts.rows - preview.counts.duplicates - preview.counts.invalid : 0;
  const apply = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await importSigninSheet(trainingId, file, false);
      message.success(t('training.import.done', { n: done.written }));
      invalidate();
      close();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<SigninRow>['columns'] = [
    { title: t('training.import.col.row'), dataIndex: 'row', key: 'row', width: 56 },
    { title: t('training.import.col.person'), dataIndex: 'personName', key: 'person', width: 90 },
    { title: t('training.import.col.org'), dataIndex: 'orgName', key: 'org', width: 200 },
    {
      title: t('training.import.col.match'),
      key: 'match',
      width: 110,
      render: (_: unknown, r) => (
        <Tag color={MATCH_COLORS[r.match]} data-testid={`signin-match-${r.row}`} data-match={r.match}>
          {SIGNIN_MATCH_LABELS[r.match]}
        </Tag>
      ),
    },
    {
      title: t('training.import.col.matched'),
      key: 'matched',
      width: 220,
      render: (_: unknown, r) =>
        r.enterpriseName || r.unitName ? (
          <div>
            {r.enterpriseName ?? r.unitName}
            {r.matchedBy && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {SIGNIN_MATCHED_BY_LABELS[r.matchedBy]}
                </Typography.Text>
              </div>
            )}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('training.import.col.phone'),
      dataIndex: 'phone',
      key: 'phone',
      width: 120,
      render: (v) => v ?? '—',
    },
  ];

  return (
    <Modal
      open={open}
      title={t('training.import.title')}
      onCancel={close}
      width={880}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close}>{t('action.cancel')}</Button>
          <Button
            type="primary"
            loading={busy && preview !== null}
            disabled={!preview || preview.problems.length > 0 || toWrite === 0}
            onClick={apply}
            data-testid="signin-import-confirm"
          >
            {t('training.import.confirm', { n: toWrite })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('training.import.help')}</Typography.Paragraph>
      <div data-testid="signin-import-file">
        <Upload.Dragger
          accept=".xlsx,.xls,.csv"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            if (f.size > TRAINING_FILE_MAX_BYTES) {
              message.error(t('training.files.tooLarge', { mb: TRAINING_FILE_MAX_BYTES / 1024 / 1024 }));
              return Upload.LIST_IGNORE;
            }
            void read(f);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>
            {busy && file && !preview
              ? t('training.import.reading', { name: file.name })
              : t('training.import.pick')}
          </p>
          {file && <Typography.Text type="secondary">{file.name}</Typography.Text>}
        </Upload.Dragger>
      </div>
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="signin-import-preview">
          <Alert
            type={preview.problems.length > 0 ? 'error' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            message={t('training.import.summary', preview.counts)}
            description={
              preview.problems.length > 0 && (
                <div data-testid="signin-import-problems">
                  <div>{t('training.import.problems')}</div>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {preview.problems.map((p) => (
                      <li key={`${p.row}-${p.column}`}>{p.message}</li>
                    ))}
                  </ul>
                </div>
              )
            }
          />
          <Table<SigninRow>
            size="small"
            rowKey="row"
            columns={columns}
            dataSource={preview.rows}
            pagination={preview.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 800 }}
            rowClassName={(r) => (r.match === 'invalid' ? 'sg-row-voided' : '')}
            data-testid="signin-import-rows"
          />
        </div>
      )}
    </Modal>
  );
}
