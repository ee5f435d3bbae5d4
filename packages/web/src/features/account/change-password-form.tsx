// 修改密码: current + new + confirm, the policy shown beside it and checked with the same rule as the
// server (@shenggui/domain checkPassword); the server's 400 details land on the fields.
import { CheckCircleOutlined } from '@ant-design/icons';
import { checkPassword, passwordChangeSchema } from '@shenggui/domain';
import { App, Button, Form, Input, Typography } from 'antd';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { passwordPolicyHints } from '../../lib/security';
import { policyOf, useMe } from '../auth/session';
import { useChangePassword } from './account-api';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function PasswordPolicyHint({ username }: { username?: string }) {
  const { data: me } = useMe();
  const { t, lang } = useI18n();
  const hints = passwordPolicyHints(policyOf(me), lang);
  return (
    <div className="sg-policy" data-testid="password-policy">
      <Typography.Text strong>{t('password.policyTitle')}</Typography.Text>
      <ul>
        {hints.map((h, i) => (
          <li key={h}>
            <CheckCircleOutlined /> {h}
            {/* The third rule is 不得包含用户名: name it. */}
            {username && i === 2 ? (lang === 'zh' ? `（${username}）` : ` (${username})`) : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChangePasswordForm({ onDone, submitText }: { onDone?: () => void; submitText?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const username = me?.user.username ?? '';
  const policy = policyOf(me);

  const submit = (v: Values) => {
    const parsed = passwordChangeSchema.safeParse({
      currentPassword: v.currentPassword ?? '',
      newPassword: v.newPassword ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    change.mutate(parsed.data, {
      onSuccess: () => {
        form.resetFields();
        message.success(t('password.changed'));
        onDone?.();
      },
      onError: (error) => applyServerError(form, error, FIELDS),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      data-testid="change-password-form"
    >
      {/* Lets the browser's password manager file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        rules={[
          { required: true, message: t('password.newRequired') },
          {
            validator: (_, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const problems = checkPassword(value, username, policy);
              return problems.length > 0 ? Promise.reject(new Error(problems.join('；'))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <PasswordPolicyHint username={username} />
      <Button
        type="primary"
        htmlType="submit"
        loading={change.isPending}
        data-testid="change-password-submit"
        style={{ marginTop: 16 }}
      >
        {submitText ?? t('password.submit')}
      </Button>
    </Form>
  );
}
