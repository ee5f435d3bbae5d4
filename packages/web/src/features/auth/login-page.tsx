// Sign-in (/login). In demo mode the page says so plainly and lists the demo accounts to fill in.
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { loginSchema } from '@shenggui/domain';
import { Alert, Button, Card, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText, isApiError } from '../../api/errors';
import { applyZodErrors } from '../../api/form-errors';
import type { DemoAccount } from '../../api/types';
import { LanguageSwitch, ProductMark } from '../../app/chrome';
import { FullPageSpin } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { safeNext } from '../../lib/navigation';
import { useLogin, useMe, useMeta } from './session';

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
}

interface Failure {
  kind: 'error' | 'locked' | 'rateLimited';
  text: string;
}

/** The server asks for the second factor: 401 with a detail on `totp`. */
function wantsTotp(error: unknown): boolean {
  return isApiError(error) && error.status === 401 && error.details.some((d) => d.path === 'totp');
}

function DemoAccounts({ accounts, onPick }: { accounts: DemoAccount[]; onPick: (a: DemoAccount) => void }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('login.demoAccounts')} data-testid="demo-accounts">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('login.demoHint')}
      </Typography.Paragraph>
      <Table<DemoAccount>
        size="small"
        rowKey="username"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={accounts}
        rowClassName={() => 'sg-demo-row'}
        onRow={(record) => ({ onClick: () => onPick(record) })}
        columns={[
          { title: t('login.username'), dataIndex: 'username', render: (v: string) => <code>{v}</code> },
          { title: t('login.password'), dataIndex: 'password', render: (v: string) => <code>{v}</code> },
          { title: t('login.role'), dataIndex: 'roleLabel' },
          { title: t('login.unit'), dataIndex: 'unitName' },
          {
            title: '',
            key: 'fill',
            width: 88,
            render: (_, record) => (
              <Button
                size="small"
                type="link"
                data-testid={`demo-fill-${record.username}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onPick(record);
                }}
              >
                {t('login.fill')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function LoginPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const meta = useMeta();
  const login = useLogin();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const next = safeNext(params.get('next'));

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={next} replace />;
  // A fresh installation has no account yet: the first security administrator is created first.
  if (meta.data?.needsFirstAdmin) return <Navigate to="/setup" replace />;

  const submit = (values: LoginValues) => {
    setFailure(null);
    const input = {
      username: values.username,
      password: values.password,
      ...(needTotp ? { totp: (values.totp ?? '').replace(/\s+/g, '') } : {}),
    };
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, ['username', 'password', 'totp']);
      return;
    }
    login.mutate(parsed.data, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (error) => {
        if (wantsTotp(error)) {
          // First time: the field appears. A wrong code: say so on the field.
          const detail = isApiError(error) ? error.details.find((d) => d.path === 'totp') : undefined;
          if (needTotp && detail) form.setFields([{ name: 'totp', errors: [detail.message] }]);
          setNeedTotp(true);
          return;
        }
        if (isApiError(error) && error.code === 'LOCKED') setFailure({ kind: 'locked', text: error.message });
        else if (isApiError(error) && error.code === 'RATE_LIMITED')
          setFailure({ kind: 'rateLimited', text: error.message });
        else setFailure({ kind: 'error', text: errorText(error) });
      },
    });
  };

  const demo = meta.data?.demo === true;
  const accounts = meta.data?.demoAccounts ?? [];

  return (
    <div className="sg-login">
      <div className="sg-login-top">
        <span />
        <LanguageSwitch />
      </div>
      <div className="sg-login-brand">
        <ProductMark compact />
        <h1>{t('app.name')}</h1>
        <p>{t('app.subtitle')}</p>
      </div>
      <div className="sg-login-body">
        {demo && (
          <div data-testid="demo-banner">
            <Alert type="warning" showIcon title={t('demo.banner')} description={t('demo.bannerDetail')} />
          </div>
        )}
        <Card className="sg-login-card" title={t('login.title')}>
          {failure && (
            <Alert
              type={failure.kind === 'rateLimited' ? 'warning' : 'error'}
              showIcon
              title={
                failure.kind === 'locked'
                  ? t('login.lockedTitle')
                  : failure.kind === 'rateLimited'
                    ? t('login.rateLimitedTitle')
                    : failure.text
              }
              description={
                failure.kind === 'locked'
                  ? `${failure.text}。${t('login.lockedHint')}`
                  : failure.kind === 'rateLimited'
                    ? `${failure.text}。${t('login.rateLimitedHint')}`
                    : undefined
              }
              style={{ marginBottom: 16 }}
              data-testid="login-error"
              data-kind={failure.kind}
            />
          )}
          {needTotp && !failure && (
            <Alert type="info" showIcon title={t('login.totpNeeded')} style={{ marginBottom: 16 }} />
          )}
          <Form<LoginValues>
            form={form}
            layout="vertical"
            onFinish={submit}
            onValuesChange={(changed: Partial<LoginValues>) => {
              // Another account may have no second factor: ask again only if the server does.
              if ('username' in changed && needTotp) setNeedTotp(false);
            }}
            requiredMark={false}
            autoComplete="on"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                size="large"
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
                data-testid="login-password"
              />
            </Form.Item>
            {needTotp && (
              <Form.Item
                name="totp"
                label={t('login.totp')}
                extra={t('login.totpHint')}
                rules={[{ required: true, message: t('login.totpRequired') }]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  size="large"
                  autoFocus
                  placeholder="123456"
                  style={{ letterSpacing: 4 }}
                  data-testid="login-totp"
                />
              </Form.Item>
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        {demo && accounts.length > 0 && (
          <DemoAccounts
            accounts={accounts}
            onPick={(a) => {
              form.setFieldsValue({ username: a.username, password: a.password, totp: '' });
              setFailure(null);
              setNeedTotp(false);
            }}
          />
        )}
      </div>
      <div className="sg-login-footer">
        {meta.data?.countyName ? `${meta.data.countyName} · ` : ''}
        {t('app.name')} {meta.data?.version ? `v${meta.data.version}` : ''}
      </div>
    </div>
  );
}
