// The left menu (docs/ui.md). A slice adds its pages here with the permission they need; entries the user
// cannot use are hidden by visibleMenu().
import {
  AimOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FundOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MenuNode } from '../lib/menu';
import type { DictKey } from './dictionary';

export type AppMenuNode = MenuNode<DictKey, ReactNode>;

export const APP_MENU: AppMenuNode[] = [
  { key: 'home', label: 'menu.home', icon: <DesktopOutlined />, path: '/', permission: null },
  // 进度看板: units see their own rows (the API filters by scope).
  {
    key: 'progress',
    label: 'menu.progress',
    icon: <FundOutlined />,
    path: '/progress',
    permission: 'target:read',
  },
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
      {
        key: 'enterprises.directory',
        label: 'menu.directory',
        path: '/directory',
        permission: 'enterprise:read',
      },
      {
        key: 'libraries.base',
        label: 'menu.libraries.base',
        path: '/libraries/base',
        permission: 'enterprise:read',
      },
      {
        key: 'libraries.cultivation',
        label: 'menu.libraries.cultivation',
        path: '/libraries/cultivation',
        permission: 'enterprise:read',
      },
      {
        key: 'libraries.near',
        label: 'menu.libraries.near',
        path: '/libraries/near',
        permission: 'enterprise:read',
      },
      {
        key: 'libraries.atRisk',
        label: 'menu.libraries.atRisk',
        path: '/libraries/atRisk',
        permission: 'enterprise:read',
      },
    ],
  },
  {
    // 申报管理: the declaration calendar and the batch board (a declaration opens from the board or a firm).
    key: 'declarations',
    label: 'menu.declarations',
    icon: <FileDoneOutlined />,
    permission: 'enterprise:read',
    children: [
      {
        key: 'declarations.calendar',
        label: 'menu.declarations.calendar',
        path: '/declarations/calendar',
        permission: 'enterprise:read',
      },
      {
        key: 'declarations.board',
        label: 'menu.declarations.board',
        path: '/declarations/board',
        permission: 'enterprise:read',
      },
      {
        key: 'declarations.list',
        label: 'menu.declarations.list',
        path: '/declarations/list',
        permission: 'enterprise:read',
      },
    ],
  },
  {
    // 复核清单 (the centre and the auditor): entries without a declaration, unusual effective periods,
    // overrides of checks, withdrawn declarations.
    key: 'review',
    label: 'menu.review',
    icon: <FileSearchOutlined />,
    path: '/review',
    permission: 'review:read',
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
    // 目标考核: targets and allocation, progress notices.
    key: 'assessment',
    label: 'menu.assessment',
    icon: <AimOutlined />,
    permission: 'target:read',
    children: [
      { key: 'assessment.targets', label: 'menu.targets', path: '/targets', permission: 'target:read' },
      { key: 'assessment.notices', label: 'menu.notices', path: '/notices', permission: 'target:read' },
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
      {
        key: 'admin.accountChanges',
        label: 'menu.admin.accountChanges',
        path: '/admin/account-changes',
        permission: 'account:confirm',
      },
      {
        key: 'admin.settings',
        label: 'menu.admin.settings',
        path: '/admin/settings',
        permission: 'settings:manage',
      },
    ],
  },
];
