// The shell of every signed-in page: left menu, header (demo mark, language, user), breadcrumbs.
import { DownOutlined, IdcardOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import {
  Breadcrumb,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Space,
  Typography,
} from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { useLogout, useMe, useMeta, usePermissions } from '../features/auth/session';
import { activeMenu, visibleMenu } from '../lib/menu';
import { DemoTag, LanguageSwitch, ProductMark } from './chrome';
import { FullPageSpin } from './guards';
import { useI18n } from './i18n';
import { roleLabel } from './labels';
import { APP_MENU, type AppMenuNode } from './menu-config';
import type { Crumb, RouteHandle } from './route-handle';

const { Header, Sider, Content, Footer } = Layout;
const SIDER_WIDTH = 208;

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const { permissions } = usePermissions();
  const location = useLocation();
  const navigate = useNavigate();
  const nodes = useMemo(() => visibleMenu(APP_MENU, permissions), [permissions]);
  const active = activeMenu(nodes, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => nodes.filter((n) => n.children).map((n) => n.key));
  const paths = useMemo(() => {
    const map = new Map<string, string>();
    const walk = (list: AppMenuNode[]) => {
      for (const n of list) {
        if (n.path) map.set(n.key, n.path);
        if (n.children) walk(n.children);
      }
    };
    walk(nodes);
    return map;
  }, [nodes]);
  const toItems = (list: AppMenuNode[]): MenuProps['items'] =>
    list.map((n) =>
      n.children
        ? { key: n.key, icon: n.icon, label: t(n.label), children: toItems(n.children) }
        : { key: n.key, icon: n.icon, label: t(n.label) },
    );
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={toItems(nodes)}
      selectedKeys={active.selected ? [active.selected] : []}
      openKeys={[...new Set([...openKeys, ...active.open])]}
      onOpenChange={(keys) => setOpenKeys(keys as string[])}
      onClick={({ key }) => {
        const path = paths.get(key);
        if (path) navigate(path);
        onNavigate?.();
      }}
      data-testid="side-menu"
    />
  );
}

function Breadcrumbs() {
  const matches = useMatches();
  const { t } = useI18n();
  const crumbs: Crumb[] = [];
  for (const m of matches) {
    const handle = m.handle as RouteHandle | undefined;
    if (!handle?.crumbs) continue;
    crumbs.push(...(typeof handle.crumbs === 'function' ? handle.crumbs(m.params) : handle.crumbs));
  }
  if (crumbs.length === 0) return null;
  return (
    <Breadcrumb
      className="sg-breadcrumb"
      items={crumbs.map((c, i) => {
        const label = c.label ?? (c.labelKey ? t(c.labelKey) : '');
        const last = i === crumbs.length - 1;
        return { key: i, title: c.to && !last ? <Link to={c.to}>{label}</Link> : label };
      })}
    />
  );
}

function UserMenu() {
  const { data: me } = useMe();
  const { t, lang } = useI18n();
  const logout = useLogout();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  if (!me) return null;
  const { user } = me;
  const roles = user.roles.map((r) => roleLabel(lang, r)).join('、');
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div className="sg-user-card" data-testid="user-card">
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary">{user.unit.name}</Typography.Text>
          <Typography.Text type="secondary">{roles}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'profile',
      icon: <IdcardOutlined />,
      label: <span data-testid="menu-profile">{t('menu.profile')}</span>,
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/profile');
          if (key === 'logout')
            logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
        },
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Space size={6}>
          <UserOutlined />
          {screens.sm && <span>{user.displayName}</span>}
          {screens.md && <Typography.Text type="secondary">{user.unit.name}</Typography.Text>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const { t } = useI18n();
  const { data: meta } = useMeta();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // useBreakpoint is empty on the first render; treat unknown as desktop to avoid a flash of the drawer.
  const desktop = screens.lg ?? true;

  return (
    <Layout className="sg-shell">
      {desktop && (
        <Sider width={SIDER_WIDTH} className="sg-sider">
          <Link to="/" className="sg-sider-brand">
            <ProductMark />
          </Link>
          <SideMenu />
        </Sider>
      )}
      {!desktop && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={SIDER_WIDTH + 32}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <div className="sg-sider-brand">
            <ProductMark />
          </div>
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Header className="sg-header">
          <Space size={12} align="center">
            {!desktop && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('layout.openMenu')}
              />
            )}
            {!desktop && <ProductMark compact={!screens.sm} />}
            {desktop && meta?.countyName && <Typography.Text strong>{meta.countyName}</Typography.Text>}
            <DemoTag />
          </Space>
          <Space size={desktop ? 16 : 4} align="center">
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content className="sg-content">
          <Breadcrumbs />
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="sg-footer">
          {t('app.name')} · {t('app.subtitle')}
          {meta?.version ? ` · v${meta.version}` : ''}
        </Footer>
      </Layout>
    </Layout>
  );
}
