// The left menu (ui.md). A slice adds its pages here with the permission they need; entries the user
// cannot use are hidden by visibleMenu().
import { BankOutlined, DesktopOutlined } from '@ant-design/icons';
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
];
