// 录入数据: one figure for one month and source. A figure that already exists is corrected by adding a
// new version with a reason; the old version stays visible (docs/api.md POST /enterprises/:id/revenue).
import {
  formatPeriodZh,
  REVENUE_SOURCE_UNITS,
  type RevenueSource,
  revenueFactCreateSchema,
  wanToYuan,
} from '@shenggui/domain';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { RevenueFact } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { sourceLabel } from '../../app/labels';
import { currentFact } from '../../lib/revenue-facts';
import { useRecordRevenue } from './enterprise-api';
import { formatFactValue } from './revenue-facts-table';

interface EntryValues {
  period?: Dayjs | null;
  source?: RevenueSource;
  value?: number | null;
  reason?: string;
}

const FIELDS = ['period', 'source', 'value', 'reason'] as const;

interface RevenueEntryModalProps {
  enterpriseId: number;
  open: boolean;
  onClose: () => void;
  /** Only the sources the user may write (revenue:write:<source>). */
  sources: RevenueSource[];
  facts: RevenueFact[];
}

export function RevenueEntryModal({ enterpriseId, open, onClose, sources, facts }: RevenueEntryModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  const record = useRecordRevenue(enterpriseId);
  const period = Form.useWatch('period', form);
  const source = Form.useWatch('source', form);
  const periodText = period ? period.format('YYYY-MM') : null;
  const existing = currentFact(facts, periodText, source);
  const isEnergy = source ? REVENUE_SOURCE_UNITS[source] === 'kWh' : false;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ source: sources[0], period: dayjs().subtract(1, 'month').startOf('month') });
    }
  }, [open, form, sources]);

  const submit = () => {
    const v = form.getFieldsValue(true) as EntryValues;
    const input = {
      period: v.period ? v.period.format('YYYY-MM') : undefined,
      source: v.source,
      value: typeof v.value === 'number' ? (isEnergy ? v.value : wanToYuan(v.value)) : undefined,
      reason: v.reason?.trim() ? v.reason.trim() : undefined,
    };
    const parsed = revenueFactCreateSchema.safeParse(input);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    if (existing && !parsed.data.reason) {
      form.setFields([{ name: 'reason', errors: [t('revenue.reasonRequired')] }]);
      return;
    }
    record.mutate(parsed.data, {
      onSuccess: ({ item }) => {
        message.success(
          t('revenue.saved', {
            period: lang === 'zh' ? formatPeriodZh(item.period) : item.period,
            version: item.version,
          }),
        );
        onClose();
      },
      onError: (error) => applyServerError(form, error, FIELDS),
    });
  };

  return (
    <Modal
      open={open}
      title={t('revenue.entryTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={existing ? t('revenue.saveCorrection') : t('action.save')}
      confirmLoading={record.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'revenue-entry-submit' } as Record<string, string>}
    >
      <Form<EntryValues> form={form} layout="vertical" data-testid="revenue-entry-form">
        <Form.Item name="period" label={t('revenue.period')} required>
          <DatePicker
            picker="month"
            format={lang === 'zh' ? 'YYYY年MM月' : 'YYYY-MM'}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            style={{ width: '100%' }}
            data-testid="revenue-entry-period"
          />
        </Form.Item>
        <Form.Item name="source" label={t('revenue.source')} required>
          <Select
            options={sources.map((s) => ({ value: s, label: sourceLabel(lang, s) }))}
            data-testid="revenue-entry-source"
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={isEnergy ? t('revenue.valueKwh') : t('revenue.valueWan')}
          required
          extra={isEnergy ? undefined : t('revenue.valueWanHint')}
        >
          <InputNumber<number>
            min={0}
            precision={2}
            style={{ width: '100%' }}
            suffix={isEnergy ? 'kWh' : t('unit.wan')}
            data-testid="revenue-entry-value"
          />
        </Form.Item>
        {existing && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('revenue.correctionTitle')}
            description={t('revenue.correctionDetail', {
              value: formatFactValue(existing, t('unit.wan')),
              version: existing.version,
              next: existing.version + 1,
            })}
            data-testid="revenue-correction-notice"
          />
        )}
        <Form.Item name="reason" label={t('revenue.reason')} required={Boolean(existing)}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={existing ? t('revenue.reasonPlaceholder') : t('revenue.reasonOptional')}
            data-testid="revenue-entry-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
