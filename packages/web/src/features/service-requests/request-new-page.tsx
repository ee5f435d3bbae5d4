// 提出诉求 (/service/requests/new?enterpriseId=): the firm (preselected from the firm page, or searched among
// the caller's firms), a category from the county's list (with its deadlines shown), a title and the details.
// The request then waits for the centre to route it.
import { requestRaiseSchema } from '@shenggui/domain';
import { App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { apiRequest } from '../../api/client';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { EnterpriseList } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { useEnterprise } from '../enterprises/enterprise-api';
import { useRequestCategoryOptions, useServiceSettings } from '../service/service-api';
import { useRaiseRequest } from './request-api';

interface Values {
  enterpriseId?: number;
  category?: string;
  title?: string;
  detail?: string;
}
const FIELDS = ['enterpriseId', 'category', 'title', 'detail'] as const;

function FirmPicker({
  value,
  onChange,
  initial,
}: {
  value?: number;
  onChange?: (v: number) => void;
  initial: { value: number; label: string } | null;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>([]);
  const [loading, setLoading] = useState(false);
  const search = (q: string) => {
    if (q.trim().length < 2) return;
    setLoading(true);
    apiRequest<EnterpriseList>('/enterprises', { query: { q: q.trim(), pageSize: 20 } })
      .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }))))
      .catch(() => setOptions([]))
      .finally(() => setLoading(false));
  };
  const all = initial && !options.some((o) => o.value === initial.value) ? [initial, ...options] : options;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      loading={loading}
      options={all}
      placeholder={t('req.new.pickFirm')}
      notFoundContent={null}
      onChange={(v: number) => onChange?.(v)}
      data-testid="request-new-firm"
    />
  );
}

export function RequestNewPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const preset = Number(search.get('enterpriseId'));
  const firm = useEnterprise(preset);
  const [form] = Form.useForm<Values>();
  const categories = useRequestCategoryOptions();
  const settings = useServiceSettings();
  const raise = useRaiseRequest();
  const category = Form.useWatch('category', form);
  const chosen = settings.data?.categories.find((c) => c.code === category);

  useEffect(() => {
    if (firm.data) form.setFieldsValue({ enterpriseId: firm.data.id });
  }, [firm.data, form]);

  const submit = async (values: Values) => {
    const parsed = requestRaiseSchema.safeParse(values);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    try {
      const created = await raise.mutateAsync(parsed.data);
      message.success(t('req.new.saved'));
      navigate(`/service/requests/${created.id}`);
    } catch (error) {
      applyServerError(form, error, FIELDS);
    }
  };

  return (
    <>
      <PageHeader title={t('req.new.title')} subtitle={t('req.new.subtitle')} />
      <Card style={{ maxWidth: 760 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="request-new-form">
          <Form.Item
            name="enterpriseId"
            label={t('req.new.firm')}
            rules={[{ required: true, message: t('req.new.pickFirmFirst') }]}
          >
            <FirmPicker
              initial={
                firm.data
                  ? { value: firm.data.id, label: `${firm.data.name}（${firm.data.creditCode}）` }
                  : null
              }
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('req.new.category')}
            rules={[{ required: true, message: t('req.new.pickCategory') }]}
            extra={
              chosen
                ? t('req.new.categoryHelp', {
                    accept: chosen.acceptDays,
                    reply: chosen.replyDays,
                    close: chosen.closeDays,
                  })
                : undefined
            }
          >
            <Select
              options={categories}
              data-testid="request-new-category"
              placeholder={t('req.new.pickCategory')}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('req.new.title.label')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('req.form.required', { field: t('req.new.title.label') }),
              },
            ]}
          >
            <Input
              maxLength={100}
              showCount
              placeholder={t('req.new.titlePlaceholder')}
              data-testid="request-new-title"
            />
          </Form.Item>
          <Form.Item
            name="detail"
            label={t('req.new.detail')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('req.form.required', { field: t('req.new.detail') }),
              },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 4 }}
              maxLength={2000}
              showCount
              placeholder={t('req.new.detailPlaceholder')}
              data-testid="request-new-detail"
            />
          </Form.Item>
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              loading={raise.isPending}
              data-testid="request-new-submit"
            >
              {t('req.new.submit')}
            </Button>
            <Link to="/service/requests">{t('req.back')}</Link>
          </Space>
        </Form>
      </Card>
    </>
  );
}
