// 发起申报 (/declarations/new?enterpriseId=): the firm's township or supervising unit opens a declaration for
// an annual batch of the year's calendar, or a monthly window (new firms only; the server checks).
import {
  DECLARATION_MODE_LABELS,
  type DeclarationMode,
  declarationCreateSchema,
  periodOf,
} from '@shenggui/domain';
import { Alert, Button, Card, Form, Radio, Result, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../lib/format';
import { clearedErrors } from '../../lib/library-filters';
import { planYear } from '../../lib/today';
import { useMe } from '../auth/session';
import { useEnterprise } from '../enterprises/enterprise-api';
import { useCreateDeclaration, useDeclarationCalendar } from './declaration-api';

interface Values {
  year: number;
  mode: DeclarationMode;
  batch?: string;
}
const FIELDS = ['year', 'mode', 'batch'] as const;

export function DeclarationCreatePage() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const enterpriseId = Number(search.get('enterpriseId'));
  const firm = useEnterprise(enterpriseId);
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const thisYear = planYear();
  const year = Form.useWatch('year', form) ?? thisYear;
  const mode = Form.useWatch('mode', form) ?? 'annual';
  const calendar = useDeclarationCalendar(year);
  const create = useCreateDeclaration();
  const mayCreate = (me?.user.roles ?? []).some((r) => r === 'township' || r === 'department');

  useEffect(() => {
    form.setFieldsValue({ year: thisYear, mode: 'annual' });
  }, [form, thisYear]);

  if (!Number.isSafeInteger(enterpriseId) || enterpriseId <= 0) {
    return (
      <Result
        status="warning"
        title={t('decl.pickFirmFirst')}
        extra={<Link to="/libraries/cultivation">{t('menu.libraries.cultivation')}</Link>}
      />
    );
  }

  const batchOptions =
    mode === 'annual'
      ? (calendar.data?.batches ?? []).map((b) => ({
          value: b.key,
          label: `${b.name}（${t('decl.deadlineOn', { date: formatDate(b.deadline) })}）`,
        }))
      : Array.from({ length: 12 }, (_, i) => periodOf(year, i + 1)).map((p) => ({
          value: p,
          label: t('decl.monthOption', { year: p.slice(0, 4), month: Number(p.slice(5)) }),
        }));

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const parsed = declarationCreateSchema.safeParse({
      enterpriseId,
      year: v.year,
      mode: v.mode,
      batch: v.batch ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    create
      .mutateAsync(parsed.data)
      .then((d) => navigate(`/declarations/${d.id}`))
      .catch((e: unknown) => applyServerError(form, e, FIELDS));
  };

  return (
    <>
      <PageHeader
        title={t('decl.start')}
        subtitle={firm.data ? <Link to={`/enterprises/${enterpriseId}`}>{firm.data.name}</Link> : undefined}
      />
      <Card style={{ maxWidth: 640 }}>
        {!mayCreate && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('decl.createByUnit')} />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="declaration-create-form"
          onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
          onFinish={submit}
        >
          <Form.Item name="year" label={t('lib.filter.year')} required>
            <Select
              options={[thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
              onChange={() => form.setFieldValue('batch', undefined)}
            />
          </Form.Item>
          <Form.Item name="mode" label={t('decl.mode')} required extra={t('decl.monthlyHint')}>
            <Radio.Group
              onChange={() => form.setFieldValue('batch', undefined)}
              data-testid="declaration-mode"
            >
              {(['annual', 'monthly'] as const).map((m) => (
                <Radio key={m} value={m}>
                  {DECLARATION_MODE_LABELS[m]}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="batch" label={t('decl.batch')} required>
            <Select options={batchOptions} loading={calendar.isPending} data-testid="declaration-batch" />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              data-testid="declaration-create-submit"
            >
              {t('decl.create')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
          </Space>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('decl.createHint')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
