// 变更规模状态: an official act (规上 ↔ 规下 from a month on, with a reason). The form is checked with the
// domain's scaleChangeSchema; a confirmation states exactly what will change before it is sent.
import { SCALE_STATUSES, type ScaleStatus, scaleChangeSchema } from '@shenggui/domain';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { EnterpriseDetail } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { scaleLabel } from '../../app/labels';
import { formatPeriod } from '../../lib/format';
import { useChangeScale } from './enterprise-api';

interface Values {
  status?: ScaleStatus;
  effectivePeriod?: Dayjs | null;
  reason?: string;
}

const FIELDS = ['status', 'effectivePeriod', 'reason'] as const;

export function ScaleChangeModal({
  enterprise,
  open,
  onClose,
}: {
  enterprise: EnterpriseDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeScale(enterprise.id);
  const status = Form.useWatch('status', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      status: enterprise.scaleStatus === 'above' ? 'below' : 'above',
      effectivePeriod: dayjs().startOf('month'),
      reason: '',
    });
  }, [open, form, enterprise.scaleStatus]);

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const parsed = scaleChangeSchema.safeParse({
      status: v.status,
      effectivePeriod: v.effectivePeriod ? v.effectivePeriod.format('YYYY-MM') : '',
      reason: v.reason ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    const body = parsed.data;
    modal.confirm({
      title: t('scale.confirmTitle'),
      width: 480,
      content: (
        <div data-testid="scale-change-confirm">
          <Typography.Paragraph>
            {t('scale.confirmBody', {
              name: enterprise.name,
              from: scaleLabel(lang, enterprise.scaleStatus),
              to: scaleLabel(lang, body.status),
              period: formatPeriod(body.effectivePeriod, lang),
            })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('scale.confirmReason', { reason: body.reason })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('scale.confirmAudit')}
          </Typography.Paragraph>
        </div>
      ),
      okText: t('scale.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'scale-change-confirm-ok' },
      onOk: () =>
        change
          .mutateAsync(body)
          .then(() => {
            message.success(t('scale.changed'));
            onClose();
          })
          .catch((error: unknown) => applyServerError(form, error, FIELDS)),
    });
  };

  return (
    <Modal
      open={open}
      title={t('scale.changeTitle', { name: enterprise.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('scale.next')}
      cancelText={t('action.cancel')}
      okButtonProps={{ loading: change.isPending, 'data-testid': 'scale-change-submit' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" data-testid="scale-change-form">
        <Form.Item label={t('scale.current')}>
          <Typography.Text strong>{scaleLabel(lang, enterprise.scaleStatus)}</Typography.Text>
        </Form.Item>
        <Form.Item name="status" label={t('scale.newStatus')} required>
          <Radio.Group
            optionType="button"
            options={SCALE_STATUSES.map((s) => ({ value: s, label: scaleLabel(lang, s) }))}
            data-testid="scale-change-status"
          />
        </Form.Item>
        {status === enterprise.scaleStatus && (
          <Alert type="info" showIcon title={t('scale.sameStatus')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="effectivePeriod"
          label={t('scale.effectivePeriod')}
          required
          extra={t('scale.effectiveHint')}
        >
          <DatePicker
            picker="month"
            format={lang === 'zh' ? 'YYYY年MM月' : 'YYYY-MM'}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('scale.reason')} required>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('scale.reasonPlaceholder')}
            data-testid="scale-change-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
