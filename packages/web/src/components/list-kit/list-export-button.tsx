// 导出Excel of a list: the same filters (and sort) as the table, never the page.
import { ExportButton } from '../export-button';
import type { ListUrlState } from './use-list-query';

interface ListExportButtonProps {
  // biome-ignore lint/suspicious/noExplicitAny: any list's URL state
  list: ListUrlState<any>;
  /** Starts the download of the list's export with this query (the feature's apiDownload call). */
  download: (query: URLSearchParams) => Promise<void>;
  /** The list's total: nothing to export when it is 0. */
  total: number | undefined;
  testId: string;
}

export function ListExportButton({ list, download, total, testId }: ListExportButtonProps) {
  return <ExportButton onExport={() => download(list.exportQuery)} disabled={total === 0} testId={testId} />;
}
