// 人工纳入 / 移出 / 恢复按规则认定: a manual change of a library's membership, with a required reason and a
// confirmation that says what will change (the history keeps who and why).
import { type Library, libraryMembershipChangeSchema } from '@shenggui/domain';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { EnterpriseList } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { clearedErrors } from '../../lib/library-filters';
import { useChangeMembership } from './library-api';
import { libraryLabel } from './library-labels';

export interface MembershipTarget {
  action: 'add' | 'remove' | 'reset';
  /** null: the user picks the firm (人工纳入 from the list header). */
  enterpriseId: number | null;
  name: string;
  library: Library;
  year: number;
}

interface Values {
  enterpriseId?: number;
  reason?: string;
}

const FIELDS = ['enterpriseId', 'reason'] as const;

function FirmPicker({ value, onChange }: { value?: number; onChange?: (v: number, name: string) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>([]);
  const [loading, setLoading] = useState(false);
  const search = (q: string) => {
    if (q.trim().length < 2) return;
    setLoading(true);
    apiRequest<EnterpriseList>('/enterprises', {
      query: { q: q.trim(), pageSize: 20, scaleStatus: undefined },
    })
      .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }))))
      .catch(() => setOptions([]))
      .finally(() => setLoading(false));
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      loading={loading}
      options={options}
      placeholder={t('lib.pickFirm')}
      notFoundContent={null}
      onChange={(v: number, opt) => onChange?.(v, Array.isArray(opt) ? '' : (opt?.label ?? ''))}
      data-testid="membership-firm"
    />
  );
}

export function MembershipModal({
  target,
  onClose,
}: {
  target: MembershipTarget | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeMembership();
  const [pickedName, setPickedName] = useState('');

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ enterpriseId: target.enterpriseId ?? undefined, reason: '' });
    setPickedName(target.name);
  }, [target, form]);

  if (!target) return null;
  const libName = libraryLabel(lang, target.library);
  const titleKey =
    target.action === 'add'
      ? 'lib.addTitle'
      : target.action === 'remove'
        ? 'lib.removeTitle'
        : 'lib.resetTitle';

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const parsed = libraryMembershipChangeSchema.safeParse({
      enterpriseId: v.enterpriseId,
      year: target.year,
      library: target.library,
      action: target.action,
      reason: v.reason ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      if (!v.enterpriseId) form.setFields([{ name: 'enterpriseId', errors: [t('lib.pickFirmRequired')] }]);
      return;
    }
    const body = parsed.data;
    const name = pickedName || target.name;
    modal.confirm({
      title: t('lib.confirmTitle'),
      content: (
        <div data-testid="membership-confirm">
          <Typography.Paragraph>
            {t(
              target.action === 'add'
                ? 'lib.confirmAdd'
                : target.action === 'remove'
                  ? 'lib.confirmRemove'
                  : 'lib.confirmReset',
              {
                name,
                year: target.year,
                library: libName,
              },
            )}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('lib.confirmReason', { reason: body.reason })}
          </Typography.Paragraph>
        </div>
      ),
      okText: t('lib.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { danger: target.action === 'remove', 'data-testid': 'membership-confirm-ok' } as never,
      onOk: () =>
        change
          .mutateAsync(body)
          .then(() => {
            message.success(t('lib.changed'));
            onClose();
          })
          .catch((error: unknown) => applyServerError(form, error, FIELDS)),
    });
  };

  return (
    <Modal
      open
      title={t(titleKey, { name: target.name, library: libName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('lib.next')}
      cancelText={t('action.cancel')}
      okButtonProps={{ 'data-testid': 'membership-next' } as never}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t(`lib.actionHint.${target.action}`)}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="membership-form"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        {target.enterpriseId === null && (
          <Form.Item name="enterpriseId" label={t('lib.firm')} required>
            <FirmPicker
              onChange={(v, name) => {
                form.setFieldValue('enterpriseId', v);
                setPickedName(name.replace(/（.*$/, ''));
              }}
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('lib.reason')} required>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('lib.reasonPlaceholder')}
            data-testid="membership-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
