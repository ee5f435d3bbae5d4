// The page a restricted session sees instead of the app (GET /me `restriction`): the password must be
// changed (first sign-in, after a reset, or expired), or — at 等级保护三级 — an administrator must bind a
// second factor. Every other route answers 403 until this is done.
import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Me, Restriction } from '../../api/types';
import { LanguageSwitch, ProductMark } from '../../app/chrome';
import { useI18n } from '../../app/i18n';
import { ChangePasswordForm } from '../account/change-password-form';
import { TotpEnrol } from '../account/totp-enrol';
import { useLogout } from './session';

export function RestrictedScreen({ me, restriction }: { me: Me; restriction: Restriction }) {
  const { t } = useI18n();
  const logout = useLogout();
  const navigate = useNavigate();
  const password = restriction === 'password';
  return (
    <div className="sg-login" data-testid={password ? 'restricted-password' : 'restricted-totp'}>
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
        <Card
          className={password ? 'sg-login-card sg-restricted-card' : 'sg-login-card sg-restricted-card-wide'}
          title={password ? t('restricted.passwordTitle') : t('restricted.totpTitle')}
          extra={
            <Button
              type="link"
              size="small"
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
              }
              data-testid="restricted-logout"
            >
              {t('auth.logout')}
            </Button>
          }
        >
          <Typography.Paragraph>
            {t('restricted.who', {
              name: me.user.displayName,
              username: me.user.username,
              unit: me.user.unit.name,
            })}
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={password ? t('restricted.passwordWhy') : t('restricted.totpWhy')}
          />
          {password ? <ChangePasswordForm submitText={t('restricted.passwordSubmit')} /> : <TotpEnrol />}
        </Card>
      </div>
    </div>
  );
}
