// While the server works on an upload: its place in the import queue, then the rows read so far (the
// upload's ticket, GET /imports/status/:ticket). Before the first answer: the plain "reading" line.
import { Space, Spin, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { useImportStatus } from './import-api';

export function ImportJobProgress({ ticket }: { ticket: string | undefined }) {
  const { t } = useI18n();
  const { data } = useImportStatus(ticket, true);
  const text =
    data?.state === 'queued'
      ? t('imports.queued', { n: data.position })
      : data?.state === 'reading' && data.rows > 0
        ? t('imports.readingRows', { rows: data.rows.toLocaleString('zh-CN') })
        : data?.state === 'checking'
          ? t('imports.checkingRows', { rows: data.rows.toLocaleString('zh-CN') })
          : t('imports.parsing');
  return (
    <Space>
      <Spin size="small" />
      <Typography.Text data-testid="import-job-status">{text}</Typography.Text>
    </Space>
  );
}
