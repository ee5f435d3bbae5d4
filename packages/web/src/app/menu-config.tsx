// The left menu (ui.md). A slice adds its pages here with the permission they need; entries the user
// cannot use are hidden by visibleMenu().
import { BankOutlined, CloudUploadOutlined, DesktopOutlined, SettingOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MenuNode } from '../lib/menu';
import type { DictKey } from './dictionary';

export type AppMenuNode = MenuNode<DictKey, ReactNode>;

export const APP_MENU: AppMenuNode[] = [
  { key: 'home', label: 'menu.home', icon: <DesktopOutlined />, path: '/', permission: null },
  {
    key: 'enterprises',
    label: 'menu.enterprises',
    icon: <BankOutlined />,
    permission: 'enterprise:read',
    children: [
      {
        key: 'enterprises.all',
        label: 'menu.enterprises.all',
        path: '/enterprises',
        permission: 'enterprise:read',
      },
    ],
  },
  {
    // 数据管理: imports (with preview) and their history. Who may import what is decided on the page from
    // the user's write permissions (enterprise:write, revenue:write:<source>); the menu needs one permission.
    key: 'data',
    label: 'menu.data',
    icon: <CloudUploadOutlined />,
    permission: 'revenue:read',
    children: [
      { key: 'data.imports', label: 'menu.data.imports', path: '/data/imports', permission: 'revenue:read' },
      {
        key: 'data.importHistory',
        label: 'menu.data.importHistory',
        path: '/data/imports/history',
        permission: 'enterprise:read',
      },
    ],
  },
  {
    // 系统管理: the three administrators' pages (三权分立: each sees only what their role allows).
    key: 'admin',
    label: 'menu.admin',
    icon: <SettingOutlined />,
    permission: null,
    children: [
      { key: 'admin.users', label: 'menu.admin.users', path: '/admin/users', permission: 'user:manage' },
      { key: 'admin.units', label: 'menu.admin.units', path: '/admin/units', permission: 'org:manage' },
      {
        key: 'admin.security',
        label: 'menu.admin.security',
        path: '/admin/security',
        permission: 'security:manage',
      },
      { key: 'admin.audit', label: 'menu.admin.audit', path: '/admin/audit', permission: 'audit:read' },
    ],
  },
];
