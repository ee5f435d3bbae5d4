// 登记入库/退库: pick the firm (search by name or credit code), the type and its details; the directory rule
// runs before the confirmation (./directory-precheck.ts), so a refusal (already above scale, a second exit, a
// future approval…) lands once on its field; the server's own refusals land there too.
import {
  directoryEventCreateSchema,
  ENTRY_MODE_LABELS,
  ENTRY_MODES,
  EXIT_REASON_LABELS,
  EXIT_REASONS,
} from '@shenggui/domain';
import { App, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { applyProblems, applyServerError, applyZodErrors } from '../../api/form-errors';
import type { DirectoryEvent, EnterpriseRow } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { scaleLabel } from '../../app/labels';
import { formatPeriod } from '../../lib/format';
import { chinaToday } from '../../lib/today';
import { useEnterprise } from '../enterprises/enterprise-api';
import { searchEnterprises, useEnterpriseDirectoryEvents, useRecordDirectoryEvent } from './directory-api';
import { precheckDirectoryEvent } from './directory-precheck';

interface FormValues {
  enterpriseId?: number;
  type: 'entry' | 'exit';
  mode?: 'monthly' | 'annual';
  batch?: string;
  approvalDate: Dayjs;
  effectivePeriod: Dayjs;
  exitReason?: string;
  note?: string;
}

const FIELDS = [
  'enterpriseId',
  'type',
  'mode',
  'batch',
  'approvalDate',
  'effectivePeriod',
  'exitReason',
  'note',
];

function FirmPicker({
  value,
  onChange,
  onPicked,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  onPicked: (row: EnterpriseRow | null) => void;
}) {
  const { t, lang } = useI18n();
  const [options, setOptions] = useState<EnterpriseRow[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const abort = useRef<AbortController | null>(null);
  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (q.trim().length < 1) return;
    timer.current = setTimeout(async () => {
      abort.current?.abort();
      const ctl = new AbortController();
      abort.current = ctl;
      setLoading(true);
      try {
        setOptions(await searchEnterprises(q.trim(), ctl.signal));
      } catch {
        // a newer search replaced this one, or the network failed: keep the old options
      } finally {
        setLoading(false);
      }
    }, 250);
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      placeholder={t('directory.form.firmPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : null}
      onChange={(v: number | undefined) => {
        onChange?.(v);
        onPicked(options.find((o) => o.id === v) ?? null);
      }}
      allowClear
      options={options.map((o) => ({
        value: o.id,
        label: (
          <span>
            {o.name}{' '}
            <Tag color={o.scaleStatus === 'above' ? 'blue' : 'default'} style={{ marginInlineStart: 4 }}>
              {scaleLabel(lang, o.scaleStatus)}
            </Tag>
            <span style={{ color: '#8c8c8c', fontSize: 12 }}>
              {o.townshipName} · {o.creditCode}
            </span>
          </span>
        ),
      }))}
      data-testid="directory-form-firm"
    />
  );
}

export function DirectoryFormDrawer({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (e: DirectoryEvent) => void;
}) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const record = useRecordDirectoryEvent();
  const [firm, setFirm] = useState<EnterpriseRow | null>(null);
  const type = Form.useWatch('type', form) ?? 'entry';
  const firmId = Form.useWatch('enterpriseId', form) ?? 0;
  const firmDetail = useEnterprise(firmId);
  const firmEvents = useEnterpriseDirectoryEvents(firmId);
  const today = chinaToday();

  useEffect(() => {
    if (open) setFirm(null);
  }, [open]);

  const submit = (v: FormValues) => {
    const body = {
      enterpriseId: v.enterpriseId,
      type: v.type,
      mode: v.type === 'entry' ? v.mode : null,
      batch: v.type === 'entry' ? (v.batch ?? null) : null,
      approvalDate: v.approvalDate?.format('YYYY-MM-DD'),
      effectivePeriod: v.effectivePeriod?.format('YYYY-MM'),
      exitReason: v.type === 'exit' ? v.exitReason : null,
      note: v.note ?? null,
    };
    const parsed = directoryEventCreateSchema.safeParse(body);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    // The rule before the confirmation, once the firm's detail and records are here (else the server judges).
    if (firmDetail.data?.id === parsed.data.enterpriseId && firmEvents.data) {
      const problems = precheckDirectoryEvent(firmDetail.data, firmEvents.data, parsed.data, today);
      if (problems.length > 0) {
        applyProblems(form, problems, FIELDS);
        return;
      }
    }
    const typeLabel = t(v.type === 'entry' ? 'drill.entered' : 'drill.exited');
    const firmName = firm?.name ?? `#${v.enterpriseId}`;
    modal.confirm({
      title: t('directory.form.confirmTitle', { type: typeLabel }),
      content: t('directory.form.confirmBody', {
        firm: firmName,
        change: t(v.type === 'entry' ? 'directory.form.toAbove' : 'directory.form.toBelow'),
        period: formatPeriod(parsed.data.effectivePeriod),
      }),
      okText: t('directory.form.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'directory-confirm-ok' } as never,
      onOk: async () => {
        try {
          const saved = await record.mutateAsync(parsed.data);
          message.success(t('directory.form.done', { type: typeLabel, firm: saved.enterpriseName }));
          form.resetFields();
          onSaved(saved);
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
      title={t('directory.form.title')}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button
            type="primary"
            loading={record.isPending}
            onClick={() => form.submit()}
            data-testid="directory-form-submit"
          >
            {t('directory.form.submit')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          type: 'entry',
          mode: 'annual',
          approvalDate: dayjs(today),
          effectivePeriod: dayjs(today),
        }}
      >
        <Form.Item
          name="enterpriseId"
          label={t('directory.form.firm')}
          rules={[{ required: true, message: t('directory.form.firmRequired') }]}
          extra={
            firm
              ? t('directory.form.scale', {
                  status: scaleLabel(lang, firm.scaleStatus),
                })
              : undefined
          }
        >
          <FirmPicker onPicked={setFirm} />
        </Form.Item>
        <Form.Item name="type" label={t('directory.form.type')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="directory-form-type">
            <Radio.Button value="entry" data-testid="directory-form-type-entry">
              {t('drill.entered')}
            </Radio.Button>
            <Radio.Button value="exit" data-testid="directory-form-type-exit">
              {t('drill.exited')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {type === 'entry' ? (
          <>
            <Form.Item name="mode" label={t('directory.form.mode')}>
              <Radio.Group data-testid="directory-form-mode">
                {ENTRY_MODES.map((m) => (
                  <Radio key={m} value={m} data-testid={`directory-form-mode-${m}`}>
                    {ENTRY_MODE_LABELS[m]}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="batch" label={t('directory.form.batch')}>
              <Input
                maxLength={50}
                placeholder={t('directory.form.batchPlaceholder')}
                data-testid="directory-form-batch"
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="exitReason" label={t('directory.form.exitReason')}>
            <Select
              options={EXIT_REASONS.map((r) => ({ value: r, label: EXIT_REASON_LABELS[r] }))}
              data-testid="directory-form-exit-reason"
            />
          </Form.Item>
        )}
        <Space wrap size={16}>
          <Form.Item name="approvalDate" label={t('directory.form.approvalDate')}>
            <DatePicker
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              data-testid="directory-form-approval"
            />
          </Form.Item>
          <Form.Item name="effectivePeriod" label={t('directory.form.effectivePeriod')}>
            <DatePicker
              picker="month"
              allowClear={false}
              format={lang === 'zh' ? 'YYYY年MM月' : 'YYYY-MM'}
              data-testid="directory-form-period"
            />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('directory.form.note')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            data-testid="directory-form-note"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
