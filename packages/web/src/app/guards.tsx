// Route guards. They decide what to render; the server still checks every request.
import type { Permission } from '@shenggui/domain';
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorText } from '../api/errors';
import { RestrictedScreen } from '../features/auth/restricted-screen';
import { useMe, usePermissions } from '../features/auth/session';
import { type Access, allows } from '../lib/menu';
import { loginPath } from '../lib/navigation';
import { useI18n } from './i18n';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Not signed in → /login, remembering where the user was going. A restricted session (password to
 * change, second factor to bind) sees only that screen until it is done; then the page it asked for.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, isError, error, refetch } = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (isPending) return <FullPageSpin />;
  if (isError) {
    return (
      <Result
        status="warning"
        title={t('error.loadSession')}
        subTitle={errorText(error)}
        extra={<Button onClick={() => refetch()}>{t('action.retry')}</Button>}
      />
    );
  }
  if (!me) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (me.restriction) return <RestrictedScreen me={me} restriction={me.restriction} />;
  return <>{children}</>;
}

/** A page the user's roles do not allow (one permission, or any of several): say so, not an empty page. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Exclude<Access, null>;
  children: ReactNode;
}) {
  const { permissions } = usePermissions();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (!allows(permission, permissions)) {
    return (
      <Result
        status="403"
        title={t('error.forbiddenTitle')}
        subTitle={t('error.forbiddenPage')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('action.backHome')}
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}

/** Renders children only when the user holds the permission (buttons, menu entries). */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = usePermissions();
  return can(permission) ? children : null;
}
