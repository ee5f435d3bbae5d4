// 导出Excel (docs/ui.md: every list exports): runs the download, spins meanwhile and reports a failure.
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { reportError } from '../api/error-reporter';
import { useI18n } from '../app/i18n';

interface ExportButtonProps {
  /** Starts the download (apiDownload with the page's current filters). */
  onExport: () => Promise<void>;
  disabled?: boolean;
  testId: string;
}

export function ExportButton({ onExport, disabled, testId }: ExportButtonProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onExport();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={run} data-testid={testId}>
      {t('action.exportExcel')}
    </Button>
  );
}
