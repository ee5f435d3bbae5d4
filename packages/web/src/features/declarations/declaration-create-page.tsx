// 发起申报 (/declarations/new?enterpriseId=): the firm's township or supervising unit opens a declaration for
// an annual batch of the year's calendar, or a monthly window (new firms only). The domain's rules decide what
// is offered before the server judges: a firm that cannot enter (declarationBlockers) gets the reason and no
// button, a mode it cannot use (checkEntryEligibility) is disabled, a batch past its deadline is not chosen.
import {
  canCreateDeclaration,
  checkEntryEligibility,
  DECLARATION_MODE_LABELS,
  type DeclarationMode,
  declarationBlockers,
  declarationCreateSchema,
} from '@shenggui/domain';
import { Alert, Button, Card, Form, Radio, Result, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../lib/format';
import { clearedErrors } from '../../lib/library-filters';
import { chinaToday, planYear } from '../../lib/today';
import { useMe } from '../auth/session';
import { useEnterprise } from '../enterprises/enterprise-api';
import { batchOptions } from './batch-options';
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
  const today = chinaToday();
  const thisYear = planYear();
  const year = Form.useWatch('year', form) ?? thisYear;
  const mode = Form.useWatch('mode', form) ?? 'annual';
  const calendar = useDeclarationCalendar(year);
  const create = useCreateDeclaration();
  const mayCreate = canCreateDeclaration(me?.user.roles ?? []);

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

  const blockers = firm.data ? declarationBlockers(firm.data, year) : [];
  const monthlyProblem = firm.data
    ? checkEntryEligibility(firm.data, { mode: 'monthly', declaredYear: year }).find((p) => p.path === 'mode')
    : undefined;
  const batches = calendar.data ? batchOptions(calendar.data, year, mode, today) : [];
  const options = batches.map((b) => {
    const name =
      mode === 'annual'
        ? b.name
        : t('decl.monthOption', { year: b.key.slice(0, 4), month: Number(b.key.slice(5)) });
    const due = t(b.closedReason ? 'decl.closedOn' : 'decl.deadlineOn', { date: formatDate(b.deadline) });
    return {
      value: b.key,
      label: `${name}（${due}）`,
      disabled: b.closedReason !== null,
      title: b.closedReason ?? '',
    };
  });
  const allClosed = batches.length > 0 && batches.every((b) => b.closedReason !== null);

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
        {blockers.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('decl.cannotDeclare')}
            description={blockers.map((b) => b.message).join('；')}
            data-testid="declaration-blocked"
          />
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
                <Tooltip key={m} title={m === 'monthly' ? monthlyProblem?.message : undefined}>
                  <Radio value={m} disabled={m === 'monthly' && monthlyProblem !== undefined}>
                    {DECLARATION_MODE_LABELS[m]}
                  </Radio>
                </Tooltip>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="batch"
            label={t('decl.batch')}
            required
            extra={allClosed ? t('decl.allBatchesClosed', { year }) : undefined}
          >
            <Select options={options} loading={calendar.isPending} data-testid="declaration-batch" />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              disabled={blockers.length > 0}
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
