// 进度通报 (/notices): the notices issued for a year with their Word and PDF, and (for the
// centre, target:allocate) a form to generate the next one: preview → confirm → issue → download.
import { FilePdfOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { applyServerError } from '../../api/form-errors';
import type { ProgressNotice } from '../../api/types';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import {
  DEFAULT_NOTICE_ATTENTION,
  DEFAULT_NOTICE_PRAISE,
  defaultNoticeAsOf,
  defaultNoticeTitle,
  parseYearParam,
} from '../../lib/notice-form';
import { boardYears } from '../../lib/progress-board';
import { chinaToday } from '../../lib/today';
import { usePermissions } from '../auth/session';
import {
  downloadNotice,
  downloadNoticeListExport,
  downloadNoticePreview,
  useIssueNotice,
  useNotices,
} from './notices-api';

interface FormValues {
  year: number;
  asOf: Dayjs;
  title: string;
  praise: string;
  attention: string;
  cc?: string;
  autoSummary: boolean;
}

const FIELDS = ['year', 'asOf', 'title', 'praise', 'attention', 'cc', 'autoSummary'];

function NoticeFormDrawer({
  open,
  year,
  onClose,
  onIssued,
}: {
  open: boolean;
  year: number;
  onClose: () => void;
  onIssued: (n: ProgressNotice) => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const issue = useIssueNotice();
  const [previewing, setPreviewing] = useState(false);
  const today = chinaToday();
  const currentYear = Number(today.slice(0, 4));

  const initial: FormValues = {
    year,
    asOf: dayjs(defaultNoticeAsOf(year, today)),
    title: defaultNoticeTitle(year),
    praise: DEFAULT_NOTICE_PRAISE,
    attention: DEFAULT_NOTICE_ATTENTION,
    autoSummary: true,
  };

  const preview = async () => {
    const v = form.getFieldsValue();
    setPreviewing(true);
    try {
      await downloadNoticePreview(v.year, v.asOf?.format('YYYY-MM-DD'));
    } catch (error) {
      reportError(error);
    } finally {
      setPreviewing(false);
    }
  };

  const submit = (v: FormValues) => {
    const asOf = v.asOf.format('YYYY-MM-DD');
    modal.confirm({
      title: t('notices.confirmTitle'),
      content: t('notices.confirmBody', { year: v.year, title: v.title, asOf }),
      okText: t('notices.confirmOk'),
      okButtonProps: { 'data-testid': 'notice-confirm-ok' } as never,
      onOk: async () => {
        try {
          const n = await issue.mutateAsync({
            year: v.year,
            asOf,
            title: v.title.trim(),
            praise: v.praise ?? '',
            attention: v.attention ?? '',
            cc: v.cc?.trim() || undefined,
            autoSummary: v.autoSummary,
          });
          message.success(t('notices.issued', { docNumber: n.docNumber }));
          onIssued(n);
          await downloadNotice(n, 'docx').catch(reportError);
        } catch (error) {
          applyServerError(form, error, FIELDS);
        }
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('notices.form.title')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button
            icon={<FileWordOutlined />}
            loading={previewing}
            onClick={preview}
            data-testid="notice-preview"
          >
            {t('notices.preview')}
          </Button>
          <Button
            type="primary"
            loading={issue.isPending}
            onClick={() => form.submit()}
            data-testid="notice-issue"
          >
            {t('notices.issue')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        onValuesChange={(changed: Partial<FormValues>) => {
          if (changed.year) {
            form.setFieldsValue({
              title: defaultNoticeTitle(changed.year),
              asOf: dayjs(defaultNoticeAsOf(changed.year, today)),
            });
          }
        }}
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          <Form.Item name="year" label={t('notices.form.year')} style={{ width: 140 }}>
            <Select
              options={boardYears(currentYear, year).map((y) => ({
                value: y,
                label: t('board.yearOption', { year: y }),
              }))}
              data-testid="notice-year"
            />
          </Form.Item>
          <Form.Item name="asOf" label={t('notices.form.asOf')} rules={[{ required: true }]}>
            <DatePicker
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              data-testid="notice-asof"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label={t('notices.form.docTitle')}
          rules={[{ required: true, whitespace: true }, { max: 100 }]}
        >
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="praise" label={t('notices.form.praise')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="notice-praise" />
        </Form.Item>
        <Form.Item name="attention" label={t('notices.form.attention')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="notice-attention" />
        </Form.Item>
        <Form.Item name="autoSummary" label={t('notices.form.autoSummary')} valuePropName="checked">
          <Switch data-testid="notice-auto-summary" />
        </Form.Item>
        <Form.Item
          name="cc"
          label={t('notices.form.cc')}
          extra={t('notices.form.ccHint')}
          rules={[{ max: 200 }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

export function NoticesPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  const today = chinaToday();
  const currentYear = Number(today.slice(0, 4));
  const year = parseYearParam(searchParams.get('year'), currentYear);
  const notices = useNotices(year);
  const [creating, setCreating] = useState(searchParams.get('new') === '1');
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (n: ProgressNotice, ext: 'docx' | 'pdf') => {
    setBusy(`${n.id}-${ext}`);
    try {
      await downloadNotice(n, ext);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableProps<ProgressNotice>['columns'] = [
    { title: t('notices.col.docNumber'), dataIndex: 'docNumber', key: 'docNumber', width: 200 },
    { title: t('notices.col.title'), dataIndex: 'title', key: 'title' },
    { title: t('notices.col.asOf'), dataIndex: 'asOf', key: 'asOf', width: 110 },
    {
      title: t('notices.col.by'),
      dataIndex: 'createdByName',
      key: 'by',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('notices.col.at'),
      dataIndex: 'createdAt',
      key: 'at',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('notices.col.actions'),
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_: unknown, n) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<FileWordOutlined />}
            loading={busy === `${n.id}-docx`}
            onClick={() => download(n, 'docx')}
            data-testid={`notice-docx-${n.id}`}
          >
            {t('notices.downloadWord')}
          </Button>
          <Button
            size="small"
            icon={<FilePdfOutlined />}
            loading={busy === `${n.id}-pdf`}
            onClick={() => download(n, 'pdf')}
            data-testid={`notice-pdf-${n.id}`}
          >
            {t('notices.downloadPdf')}
          </Button>
        </Space>
      ),
    },
  ];

  const newButton = (testId: string) => (
    <Can permission="target:allocate">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={testId}>
        {t('notices.new')}
      </Button>
    </Can>
  );

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        subtitle={t('notices.subtitle')}
        actions={
          <>
            <Select
              value={year}
              style={{ width: 108 }}
              onChange={(y) => setSearchParams(y === currentYear ? {} : { year: String(y) })}
              options={boardYears(currentYear, year).map((y) => ({
                value: y,
                label: t('board.yearOption', { year: y }),
              }))}
              data-testid="notice-list-year"
            />
            {newButton('notice-new')}
            <ExportButton
              onExport={() => downloadNoticeListExport(year)}
              disabled={notices.data?.length === 0}
              testId="notice-export"
            />
          </>
        }
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="notice-table">
          <Table<ProgressNotice>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={notices.data ?? []}
            loading={notices.isFetching}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, style: { padding: '0 16px' } }}
            locale={{
              emptyText: notices.isPending ? (
                ' '
              ) : (
                <Empty description={t('notices.empty', { year })}>
                  {can('target:allocate') && newButton('notice-new-empty')}
                </Empty>
              ),
            }}
          />
        </div>
      </Card>
      {can('target:allocate') && (
        <NoticeFormDrawer
          open={creating}
          year={year}
          onClose={() => setCreating(false)}
          onIssued={(n) => {
            setCreating(false);
            if (n.year !== year) setSearchParams(n.year === currentYear ? {} : { year: String(n.year) });
          }}
        />
      )}
    </>
  );
}
