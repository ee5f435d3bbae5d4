// 首次运行 (/setup): a county initialised without demo data has no account. The first security
// administrator is created here (POST /setup/first-admin); they then create every other account.
import { checkPassword, DEFAULT_SECURITY_SETTINGS, userCreateSchema } from '@shenggui/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Result } from 'antd';
import { useNavigate } from 'react-router';
import { apiRequest } from '../../api/client';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { queryKeys } from '../../api/query-keys';
import { LanguageSwitch, ProductMark } from '../../app/chrome';
import { FullPageSpin } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { passwordPolicyHints } from '../../lib/security';
import { useMeta } from './session';

interface Values {
  username?: string;
  displayName?: string;
  password?: string;
  confirmPassword?: string;
}

const schema = userCreateSchema.pick({ username: true, displayName: true, password: true });
const FIELDS = ['username', 'displayName', 'password', 'confirmPassword'] as const;
const POLICY = DEFAULT_SECURITY_SETTINGS.password;

export function SetupPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const meta = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (body: { username: string; displayName: string; password: string }) =>
      apiRequest<void>('/setup/first-admin', { method: 'POST', body }),
    meta: { handlesErrors: true },
  });

  if (meta.isPending) return <FullPageSpin />;

  const submit = (v: Values) => {
    const parsed = schema.safeParse({
      username: v.username ?? '',
      displayName: v.displayName ?? '',
      password: v.password ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    const problems = checkPassword(parsed.data.password, parsed.data.username, POLICY);
    if (problems.length > 0) {
      form.setFields([{ name: 'password', errors: problems }]);
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: queryKeys.meta });
        message.success(t('setup.done'));
        navigate('/login', { replace: true });
      },
      onError: (error) => applyServerError(form, error, FIELDS),
    });
  };

  return (
    <div className="sg-login">
      <div className="sg-login-top">
        <span />
        <LanguageSwitch />
      </div>
      <div className="sg-login-brand">
        <ProductMark compact />
        <h1>{t('app.name')}</h1>
        <p>{meta.data?.countyName ? `${meta.data.countyName} · ${t('app.subtitle')}` : t('app.subtitle')}</p>
      </div>
      <div className="sg-login-body">
        {meta.data && !meta.data.needsFirstAdmin ? (
          <Card className="sg-login-card">
            <Result
              status="success"
              title={t('setup.alreadyTitle')}
              subTitle={t('setup.already')}
              extra={
                <Button type="primary" onClick={() => navigate('/login')}>
                  {t('setup.toLogin')}
                </Button>
              }
            />
          </Card>
        ) : (
          <Card className="sg-login-card" title={t('setup.title')} data-testid="setup-card">
            <Alert type="info" showIcon title={t('setup.intro')} style={{ marginBottom: 16 }} />
            <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item name="username" label={t('user.username')} extra={t('user.usernameHint')}>
                <Input autoComplete="username" autoFocus data-testid="setup-username" />
              </Form.Item>
              <Form.Item name="displayName" label={t('user.displayName')}>
                <Input maxLength={50} data-testid="setup-display-name" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                extra={passwordPolicyHints(POLICY, lang).join(lang === 'zh' ? '；' : '; ')}
              >
                <Input.Password autoComplete="new-password" data-testid="setup-password" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('password.confirm')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('password.confirmRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) =>
                      !value || value === getFieldValue('password')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('password.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="setup-confirm" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={create.isPending}
                data-testid="setup-submit"
              >
                {t('setup.submit')}
              </Button>
            </Form>
          </Card>
        )}
      </div>
    </div>
  );
}
