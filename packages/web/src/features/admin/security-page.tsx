// 系统管理 · 安全设置 (/admin/security): the MLPS (等级保护) settings. Saving is an official act: it asks
// for confirmation and lists exactly what will change (the same diff the audit trail shows).
import { SaveOutlined } from '@ant-design/icons';
import { type SecuritySettings, securitySettingsSchema } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { errorText } from '../../api/errors';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { DictKey } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { auditDiff } from '../../lib/audit-diff';
import { useSaveSecuritySettings, useSecuritySettings } from './admin-api';

/** The form's fields by their path in SecuritySettings, with the label shown in the confirmation. */
const FIELD_LABELS: Record<string, DictKey> = {
  level: 'security.level',
  'password.minLength': 'security.minLength',
  'password.minClasses': 'security.minClasses',
  'password.maxAgeDays': 'security.maxAgeDays',
  'lockout.maxFailures': 'security.maxFailures',
  'lockout.lockMinutes': 'security.lockMinutes',
  'session.idleMinutes': 'security.idleMinutes',
  'session.absoluteHours': 'security.absoluteHours',
  loginRatePerMinute: 'security.loginRate',
};

const TOP_FIELDS = ['level', 'password', 'lockout', 'session', 'loginRatePerMinute'] as const;

function NumberField({
  name,
  label,
  min,
  max,
  addon,
  extra,
  testId,
}: {
  name: [string, string] | string;
  label: string;
  min: number;
  max: number;
  addon?: string;
  extra?: string;
  testId: string;
}) {
  return (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, type: 'number', min, max }]}>
      <InputNumber<number>
        min={min}
        max={max}
        precision={0}
        style={{ width: '100%' }}
        suffix={addon}
        data-testid={testId}
      />
    </Form.Item>
  );
}

export function SecurityPage() {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const settings = useSecuritySettings();
  const save = useSaveSecuritySettings();
  const [form] = Form.useForm<SecuritySettings>();
  const level = Form.useWatch('level', form);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isError)
    return (
      <Result
        status="error"
        title={t('security.loadFailed')}
        subTitle={errorText(settings.error)}
        extra={<Button onClick={() => settings.refetch()}>{t('action.retry')}</Button>}
      />
    );
  if (!settings.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const current = settings.data;

  /** 2 → 第二级 in the confirmation; other values as they are. */
  const levelText = (key: string, value: string | null) =>
    key === 'level' && (value === '2' || value === '3')
      ? t(value === '2' ? 'security.level2' : 'security.level3')
      : value;

  const submit = () => {
    const values = form.getFieldsValue(true) as SecuritySettings;
    const parsed = securitySettingsSchema.safeParse(values);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, TOP_FIELDS);
      return;
    }
    const changes = auditDiff(current, parsed.data, lang).filter((r) => r.change !== 'same');
    if (changes.length === 0) {
      message.info(t('security.noChange'));
      return;
    }
    modal.confirm({
      title: t('security.confirmTitle'),
      width: 520,
      content: (
        <div data-testid="security-confirm">
          <Typography.Paragraph>{t('security.confirmIntro')}</Typography.Paragraph>
          <ul className="sg-change-list">
            {changes.map((c) => (
              <li key={c.key}>
                {FIELD_LABELS[c.key] ? t(FIELD_LABELS[c.key] as DictKey) : c.key}：
                <Typography.Text delete type="secondary">
                  {levelText(c.key, c.before)}
                </Typography.Text>{' '}
                → <Typography.Text strong>{levelText(c.key, c.after)}</Typography.Text>
              </li>
            ))}
          </ul>
          {parsed.data.level === 3 && current.level !== 3 && (
            <Alert type="warning" showIcon title={t('security.level3Warning')} />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('security.confirmAudit')}
          </Typography.Paragraph>
        </div>
      ),
      okText: t('security.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'security-confirm-ok' },
      onOk: () =>
        save
          .mutateAsync(parsed.data)
          .then(() => message.success(t('security.saved')))
          .catch((error: unknown) => applyServerError(form, error, TOP_FIELDS)),
    });
  };

  const minutes = t('security.unitMinutes');
  return (
    <>
      <PageHeader title={t('menu.admin.security')} subtitle={t('security.subtitle')} />
      <Form<SecuritySettings>
        form={form}
        layout="vertical"
        initialValues={current}
        onFinish={submit}
        data-testid="security-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card title={t('security.levelCard')} size="small">
              <Form.Item name="level" label={t('security.level')} style={{ marginBottom: 12 }}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 2, label: t('security.level2') },
                    { value: 3, label: t('security.level3') },
                  ]}
                  data-testid="security-level"
                />
              </Form.Item>
              <Alert
                type={level === 3 ? 'warning' : 'info'}
                showIcon
                title={level === 3 ? t('security.level3Explain') : t('security.level2Explain')}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('security.passwordCard')} size="small" style={{ height: '100%' }}>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <NumberField
                    name={['password', 'minLength']}
                    label={t('security.minLength')}
                    min={8}
                    max={64}
                    addon={t('security.unitChars')}
                    testId="security-min-length"
                  />
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={['password', 'minClasses']}
                    label={t('security.minClasses')}
                    extra={t('security.minClassesHint')}
                  >
                    <Select
                      options={[2, 3, 4].map((n) => ({ value: n, label: t('security.classes', { n }) }))}
                      data-testid="security-min-classes"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <NumberField
                    name={['password', 'maxAgeDays']}
                    label={t('security.maxAgeDays')}
                    min={0}
                    max={3650}
                    addon={t('security.unitDays')}
                    extra={t('security.maxAgeHint')}
                    testId="security-max-age"
                  />
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('security.lockoutCard')} size="small" style={{ height: '100%' }}>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <NumberField
                    name={['lockout', 'maxFailures']}
                    label={t('security.maxFailures')}
                    min={3}
                    max={20}
                    addon={t('security.unitTimes')}
                    testId="security-max-failures"
                  />
                </Col>
                <Col xs={24} sm={12}>
                  <NumberField
                    name={['lockout', 'lockMinutes']}
                    label={t('security.lockMinutes')}
                    min={1}
                    max={1440}
                    addon={minutes}
                    testId="security-lock-minutes"
                  />
                </Col>
                <Col xs={24} sm={12}>
                  <NumberField
                    name="loginRatePerMinute"
                    label={t('security.loginRate')}
                    min={3}
                    max={1000}
                    addon={t('security.unitPerMinute')}
                    extra={t('security.loginRateHint')}
                    testId="security-login-rate"
                  />
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('security.sessionCard')} size="small">
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <NumberField
                    name={['session', 'idleMinutes']}
                    label={t('security.idleMinutes')}
                    min={5}
                    max={240}
                    addon={minutes}
                    testId="security-idle"
                  />
                </Col>
                <Col xs={24} sm={12}>
                  <NumberField
                    name={['session', 'absoluteHours']}
                    label={t('security.absoluteHours')}
                    min={1}
                    max={72}
                    addon={t('security.unitHours')}
                    testId="security-absolute"
                  />
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
        <Space style={{ marginTop: 16 }} wrap>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={save.isPending}
            data-testid="security-save"
          >
            {t('security.save')}
          </Button>
          <Button onClick={() => form.setFieldsValue(current)}>{t('security.revert')}</Button>
        </Space>
      </Form>
    </>
  );
}
