// 数据管理 · 数据导入 (/data/imports): choose what to import (and for monthly figures the source),
// drop a file → it uploads with progress → the preview shows how the sheet was read, the counts and every
// problem by row and column → the user applies (only the valid rows, if ticked) after a confirmation.
// Nothing is written before 导入; the kind, source and year live in the URL.
import {
  CheckCircleOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  HistoryOutlined,
  InboxOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { RevenueSource } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Progress,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import type { ImportApplyResult, ImportCounts, ImportPreview, ImportProblem } from '../../api/types';
import type { DictKey } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { sourceLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import { usePermissions } from '../auth/session';
import {
  downloadErrorSheet,
  downloadTemplate,
  newImportTicket,
  uploadForPreview,
  useApplyImport,
} from './import-api';
import { PreviewLinesCard, UnitChoice } from './import-lines';
import {
  checkImportFile,
  columnTarget,
  formatBytes,
  IMPORT_ACCEPT,
  type ImportKind,
  importChoices,
  importFormFromSearch,
  MAX_IMPORT_MB,
} from './import-options';
import { ImportJobProgress } from './import-status';

type Phase =
  | { step: 'choose' }
  | { step: 'uploading'; fileName: string; size: number; loaded: number; ticket?: string }
  | { step: 'preview'; preview: ImportPreview; file: File; rereading?: boolean }
  | { step: 'done'; preview: ImportPreview; result: ImportApplyResult; skipped: number };

const KIND_LABEL: Record<ImportKind, DictKey> = {
  enterprises: 'imports.kind.enterprises',
  revenue: 'imports.kind.revenue',
  directory: 'imports.kind.directory',
  targets: 'imports.kind.targets',
};

const COUNT_KEYS: { key: keyof ImportCounts; label: DictKey }[] = [
  { key: 'rows', label: 'imports.counts.rows' },
  { key: 'valid', label: 'imports.counts.valid' },
  { key: 'invalid', label: 'imports.counts.invalid' },
  { key: 'imported', label: 'imports.counts.imported' },
  { key: 'updated', label: 'imports.counts.updated' },
  { key: 'unchanged', label: 'imports.counts.unchanged' },
];

function countUnitKey(kind: string): DictKey {
  return kind === 'enterprises' ? 'imports.countsUnitEnterprises' : 'imports.countsUnitRevenue';
}

function TemplateLinks({ kinds }: { kinds: ImportKind[] }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<ImportKind | null>(null);
  const get = async (kind: ImportKind) => {
    setBusy(kind);
    try {
      await downloadTemplate(kind, t(KIND_LABEL[kind]));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap size={4} data-testid="import-templates">
      <Typography.Text type="secondary">
        {t('imports.templates')}
        {lang === 'zh' ? '：' : ':'}
      </Typography.Text>
      {kinds.map((k) => (
        <Button
          key={k}
          type="link"
          size="small"
          icon={<FileExcelOutlined />}
          loading={busy === k}
          onClick={() => get(k)}
          data-testid={`import-template-${k}`}
        >
          {t('imports.template', { kind: t(KIND_LABEL[k]) })}
        </Button>
      ))}
    </Space>
  );
}

function HowCard({ preview }: { preview: ImportPreview }) {
  const { t, lang } = useI18n();
  const { how } = preview;
  const last = how.headerRow + how.headerRows - 1;
  return (
    <Card size="small" title={t('imports.how')} style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        data-testid="import-how"
        items={[
          {
            key: 'file',
            label: t('imports.history.file'),
            children: <span data-testid="import-how-file">{preview.fileName}</span>,
          },
          { key: 'sheet', label: t('imports.sheet'), children: how.sheet },
          {
            key: 'header',
            label: t('imports.headerRow'),
            children: (
              <span data-testid="import-how-header">
                {how.headerRows > 1
                  ? t('imports.headerRowsValue', { row: how.headerRow, last, count: how.headerRows })
                  : t('imports.headerRowValue', { row: how.headerRow })}
              </span>
            ),
          },
          {
            key: 'unit',
            label: t('imports.unit'),
            children: (
              <span data-testid="import-how-unit">
                {how.unit ?? '—'}
                {how.unitSource && (
                  <Typography.Text type="secondary">
                    {' '}
                    {lang === 'zh'
                      ? `（${t(`imports.unitFrom.${how.unitSource}` as DictKey)}）`
                      : `(${t(`imports.unitFrom.${how.unitSource}` as DictKey)})`}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            key: 'format',
            label: t('imports.format'),
            children: (
              <span data-testid="import-how-format" data-format={how.format}>
                {t(how.format === 'wide' ? 'imports.format.wide' : 'imports.format.long')}
              </span>
            ),
          },
          {
            key: 'year',
            label: t('imports.detectedYear'),
            children: <span data-testid="import-how-year">{how.year ?? '—'}</span>,
          },
          ...(how.encoding
            ? [{ key: 'encoding', label: t('imports.encoding'), children: how.encoding }]
            : []),
          {
            key: 'columns',
            label: t('imports.columns'),
            span: 'filled' as const,
            children: (
              <div data-testid="import-how-columns" style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {how.columns.map((c, i) => {
                  const target = columnTarget(c, lang);
                  return (
                    <Tag
                      // biome-ignore lint/suspicious/noArrayIndexKey: the same header may appear twice
                      key={`${i}-${c.header}`}
                      color={target ? 'blue' : undefined}
                      style={{ marginInlineEnd: 0 }}
                    >
                      {c.header || '—'} → {target ?? t('imports.ignoredColumn')}
                    </Tag>
                  );
                })}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}

function CountCards({ counts, kind }: { counts: ImportCounts; kind: string }) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="import-counts">
      {COUNT_KEYS.map(({ key, label }) => {
        const value = counts[key];
        const danger = key === 'invalid' && value > 0;
        const rowsUnit = key === 'rows' || key === 'valid' || key === 'invalid';
        return (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card
              size="small"
              className="sg-stat-card"
              data-testid={`import-count-${key}`}
              data-value={value}
            >
              <Statistic
                title={t(label)}
                value={value}
                suffix={
                  <span style={{ fontSize: 13 }}>
                    {rowsUnit ? t('imports.rowsUnit') : t(countUnitKey(kind))}
                  </span>
                }
                styles={{ content: danger ? { color: '#cf1322' } : undefined }}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function ProblemsCard({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  const [downloading, setDownloading] = useState(false);
  const { problems } = preview;
  const download = async () => {
    setDownloading(true);
    try {
      await downloadErrorSheet(preview.token, preview.fileName);
    } catch (error) {
      reportError(error);
    } finally {
      setDownloading(false);
    }
  };
  const columns: TableProps<ImportProblem & { key: number }>['columns'] = [
    {
      title: t('imports.problem.row'),
      dataIndex: 'row',
      width: 90,
      render: (r: number) => (r === 0 ? t('imports.wholeFile') : r),
    },
    {
      title: t('imports.problem.column'),
      dataIndex: 'column',
      width: 200,
      render: (c: string) => c || <Typography.Text type="secondary">{t('imports.wholeRow')}</Typography.Text>,
    },
    { title: t('imports.problem.message'), dataIndex: 'message' },
  ];
  const rows = useMemo(() => problems.map((p, key) => ({ ...p, key })), [problems]);
  return (
    <Card
      size="small"
      title={t('imports.problems', { count: problems.length })}
      style={{ marginBottom: 16 }}
      extra={
        problems.length > 0 && (
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={download}
            data-testid="import-download-errors"
          >
            {t('imports.downloadErrors')}
          </Button>
        )
      }
      styles={{ body: problems.length > 0 ? { padding: 0 } : undefined }}
    >
      {problems.length === 0 ? (
        <Alert type="success" showIcon title={t('imports.noProblems')} data-testid="import-no-problems" />
      ) : (
        <div data-testid="import-problems">
          <Table<ImportProblem & { key: number }>
            size="small"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 640 }}
            pagination={{
              defaultPageSize: 10,
              showSizeChanger: true,
              pageSizeOptions: ['10', '20', '50', '100'],
              hideOnSinglePage: false,
              style: { padding: '0 16px' },
            }}
          />
        </div>
      )}
    </Card>
  );
}

function PreviewView({
  preview,
  rereading,
  onApplied,
  onRestart,
  onChooseUnit,
}: {
  preview: ImportPreview;
  rereading: boolean;
  onApplied: (result: ImportApplyResult, skipped: number) => void;
  onRestart: () => void;
  onChooseUnit: (unit: '元' | '万元') => void;
}) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const apply = useApplyImport();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const { counts } = preview;
  const hasInvalid = counts.invalid > 0 || preview.problems.length > 0;
  const blocked = (hasInvalid && !skipInvalid) || counts.valid === 0 || preview.needsUnit || rereading;
  const unit = t(countUnitKey(preview.kind));

  const confirm = () => {
    const skip = hasInvalid ? counts.invalid : 0;
    modal.confirm({
      title: t('imports.confirmTitle'),
      width: 520,
      content: (
        <div data-testid="import-confirm">
          <p style={{ fontWeight: 500 }} data-testid="import-confirm-body">
            {t('imports.confirmBody', {
              imported: counts.imported,
              updated: counts.updated,
              unchanged: counts.unchanged,
              unit,
            })}
            {skip > 0 && `${lang === 'zh' ? '；' : '; '}${t('imports.confirmSkip', { count: skip })}`}
          </p>
          <p>{t('imports.confirmFile', { file: preview.fileName })}</p>
          <Typography.Text type="secondary">{t('imports.confirmAudit')}</Typography.Text>
        </div>
      ),
      okText: t('imports.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'import-confirm-ok' } as Record<string, string>,
      onOk: async () => {
        try {
          const result = await apply.mutateAsync({
            token: preview.token,
            skipInvalid: hasInvalid && skipInvalid,
          });
          onApplied(result, skip);
        } catch {
          // shown by the error reporter (mutation cache); the preview stays for another try
        }
      },
    });
  };

  return (
    <div data-testid="import-preview">
      <HowCard preview={preview} />
      {preview.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('imports.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
          data-testid="import-warnings"
        />
      )}
      <UnitChoice preview={preview} busy={rereading} onChoose={onChooseUnit} />
      <CountCards counts={counts} kind={preview.kind} />
      {preview.kind === 'revenue' && <PreviewLinesCard key={preview.token} preview={preview} />}
      <ProblemsCard preview={preview} />
      <Card size="small">
        {preview.needsUnit && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('imports.unitChoice.required')}
            data-testid="import-unit-required"
          />
        )}
        {hasInvalid && (
          <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
            {!skipInvalid && (
              <Alert type="error" showIcon title={t('imports.blocked', { count: counts.invalid })} />
            )}
            <Checkbox
              checked={skipInvalid}
              onChange={(e) => setSkipInvalid(e.target.checked)}
              disabled={counts.valid === 0}
              data-testid="import-skip-invalid"
            >
              {t('imports.skipInvalid')}
            </Checkbox>
            {skipInvalid && (
              <Alert
                type="warning"
                showIcon
                title={t('imports.skipWarning', { count: counts.invalid })}
                data-testid="import-skip-warning"
              />
            )}
          </Space>
        )}
        <Space wrap>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            disabled={blocked}
            loading={apply.isPending}
            onClick={confirm}
            data-testid="import-apply"
          >
            {t('imports.apply')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={onRestart} data-testid="import-reupload">
            {t('imports.reupload')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}

function DoneView({ phase, onRestart }: { phase: Extract<Phase, { step: 'done' }>; onRestart: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { result, preview, skipped } = phase;
  const unit = t(countUnitKey(preview.kind));
  return (
    <Card data-testid="import-result" data-batch={result.batchId}>
      <Result
        status="success"
        icon={<CheckCircleOutlined />}
        title={t('imports.doneTitle', { id: result.batchId })}
        subTitle={
          <span data-testid="import-result-body">
            {t('imports.doneBody', {
              imported: result.counts.imported,
              updated: result.counts.updated,
              unchanged: result.counts.unchanged,
              skipped,
              unit,
            })}
          </span>
        }
        extra={[
          <Button
            key="list"
            type="primary"
            onClick={() => navigate('/enterprises')}
            data-testid="import-result-link"
          >
            {t(preview.kind === 'enterprises' ? 'imports.toEnterprises' : 'imports.toFirmList')}
          </Button>,
          <Button key="again" onClick={onRestart} data-testid="import-again">
            {t('imports.again')}
          </Button>,
          <Button key="history" onClick={() => navigate('/data/imports/history')}>
            {t('imports.toHistory')}
          </Button>,
        ]}
      />
    </Card>
  );
}

export function ImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { permissions } = usePermissions();
  const choices = useMemo(() => importChoices(permissions), [permissions]);
  const [search, setSearch] = useSearchParams();
  const form = importFormFromSearch(search, choices);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const setParam = (key: 'kind' | 'source' | 'year', value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'kind' && value !== 'revenue') next.delete('source');
    setSearch(next, { replace: true });
  };

  const restart = () => {
    abortRef.current?.abort();
    abortRef.current = null;
    setPhase({ step: 'choose' });
  };

  const upload = async (file: File, unit?: '元' | '万元') => {
    if (!form.kind) return;
    const check = checkImportFile(file);
    if (!check.ok) {
      message.error(
        check.reason === 'type'
          ? t('imports.badType')
          : check.reason === 'empty'
            ? t('imports.empty')
            : t('imports.tooLarge', { size: formatBytes(file.size), mb: MAX_IMPORT_MB }),
      );
      return;
    }
    if (form.kind === 'revenue' && !form.source) {
      message.error(t('imports.sourceRequired'));
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    const ticket = newImportTicket();
    // Choosing the unit reads the same file again: the current preview stays on screen meanwhile.
    setPhase((p) =>
      unit && p.step === 'preview'
        ? { ...p, rereading: true }
        : { step: 'uploading', fileName: file.name, size: file.size, loaded: 0, ticket },
    );
    try {
      const preview = await uploadForPreview({
        kind: form.kind,
        source: form.kind === 'revenue' ? form.source : undefined,
        year: form.year,
        unit,
        file,
        signal: controller.signal,
        ticket,
        onProgress: (loaded) =>
          setPhase((p) => (p.step === 'uploading' ? { ...p, loaded: Math.min(loaded, p.size) } : p)),
      });
      if (controller.signal.aborted) return;
      setPhase({ step: 'preview', preview, file });
    } catch (error) {
      if (controller.signal.aborted) return;
      reportError(error);
      setPhase((p) => (unit && p.step === 'preview' ? { ...p, rereading: false } : { step: 'choose' }));
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  };

  if (choices.kinds.length === 0) {
    return (
      <>
        <PageHeader title={t('menu.data.imports')} />
        <Result status="info" title={t('imports.nothingAllowed')} data-testid="import-not-allowed" />
      </>
    );
  }

  const kindLocked = phase.step !== 'choose';
  return (
    <>
      <PageHeader
        title={t('menu.data.imports')}
        subtitle={t('imports.subtitle')}
        actions={
          <Link to="/data/imports/history">
            <Button icon={<HistoryOutlined />} data-testid="import-history-link">
              {t('menu.data.importHistory')}
            </Button>
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} extra={<TemplateLinks kinds={choices.kinds} />}>
        <Form layout="vertical" data-testid="import-form">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={t('imports.kind')} style={{ marginBottom: 12 }}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={form.kind}
                  disabled={kindLocked}
                  onChange={(e) => setParam('kind', e.target.value as string)}
                  options={choices.kinds.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
                  data-testid="import-kind"
                />
              </Form.Item>
            </Col>
            {form.kind === 'revenue' && (
              <>
                <Col xs={24} sm={12} md={8}>
                  <Form.Item label={t('imports.source')} required style={{ marginBottom: 12 }}>
                    <Select<RevenueSource>
                      value={form.source}
                      disabled={kindLocked}
                      onChange={(v) => setParam('source', v)}
                      options={choices.sources.map((s) => ({ value: s, label: sourceLabel(lang, s) }))}
                      data-testid="import-source"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} md={8}>
                  <Form.Item
                    label={t('imports.year')}
                    tooltip={t('imports.yearHint')}
                    style={{ marginBottom: 12 }}
                  >
                    <InputNumber
                      min={1990}
                      max={2100}
                      precision={0}
                      value={form.year ?? null}
                      disabled={kindLocked}
                      placeholder={t('imports.yearPlaceholder')}
                      onChange={(v) => setParam('year', typeof v === 'number' ? String(v) : undefined)}
                      style={{ width: '100%' }}
                      data-testid="import-year"
                    />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        </Form>
        {phase.step === 'choose' && (
          <div data-testid="import-upload">
            <Upload.Dragger
              accept={IMPORT_ACCEPT}
              multiple={false}
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.dropTitle')}</p>
              <p className="ant-upload-hint">{t('imports.dropHint', { mb: MAX_IMPORT_MB })}</p>
            </Upload.Dragger>
          </div>
        )}
        {phase.step === 'uploading' && (
          <div data-testid="import-progress" style={{ padding: '16px 8px' }}>
            <Space wrap style={{ marginBottom: 8 }}>
              <FileExcelOutlined />
              <Typography.Text strong data-testid="import-file-name">
                {phase.fileName}
              </Typography.Text>
              <Typography.Text type="secondary">{formatBytes(phase.size)}</Typography.Text>
            </Space>
            {phase.loaded < phase.size ? (
              <>
                <Typography.Text type="secondary">{t('imports.uploading')}</Typography.Text>
                <Progress
                  percent={phase.size ? Math.floor((phase.loaded / phase.size) * 100) : 0}
                  status="active"
                />
              </>
            ) : (
              <ImportJobProgress ticket={phase.ticket} />
            )}
            <div style={{ marginTop: 8 }}>
              <Button size="small" onClick={restart} data-testid="import-cancel">
                {t('imports.cancel')}
              </Button>
            </div>
          </div>
        )}
        {(phase.step === 'preview' || phase.step === 'done') && (
          <Space wrap>
            <FileExcelOutlined />
            <Typography.Text strong data-testid="import-file-name">
              {phase.preview.fileName}
            </Typography.Text>
            {phase.preview.source && <Tag>{sourceLabel(lang, phase.preview.source as RevenueSource)}</Tag>}
          </Space>
        )}
      </Card>
      {phase.step === 'preview' && (
        <PreviewView
          preview={phase.preview}
          rereading={phase.rereading === true}
          onChooseUnit={(unit) => void upload(phase.file, unit)}
          onRestart={restart}
          onApplied={(result, skipped) => setPhase({ step: 'done', preview: phase.preview, result, skipped })}
        />
      )}
      {phase.step === 'done' && <DoneView phase={phase} onRestart={restart} />}
    </>
  );
}
