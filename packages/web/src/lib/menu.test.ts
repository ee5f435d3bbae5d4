import { describe, expect, it } from 'vitest';
import { activeMenu, type MenuNode, visibleMenu } from './menu';

const menu: MenuNode[] = [
  { key: 'home', label: '工作台', path: '/', permission: null },
  {
    key: 'enterprises',
    label: '企业库',
    permission: 'enterprise:read',
    children: [
      { key: 'enterprises.all', label: '全部企业', path: '/enterprises', permission: 'enterprise:read' },
      { key: 'enterprises.new', label: '新增', path: '/enterprises/new', permission: 'enterprise:write' },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    permission: null,
    children: [{ key: 'system.users', label: '用户', path: '/system/users', permission: 'user:manage' }],
  },
];

describe('visibleMenu', () => {
  it('hides entries whose permission the user lacks, and empty groups', () => {
    const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);
    expect(keys(visibleMenu(menu, ['enterprise:read']))).toEqual(['home', 'enterprises', 'enterprises.all']);
    expect(keys(visibleMenu(menu, []))).toEqual(['home']);
    expect(keys(visibleMenu(menu, ['user:manage']))).toEqual(['home', 'system', 'system.users']);
  });
});

describe('activeMenu', () => {
  it('selects the longest matching path and opens its group', () => {
    expect(activeMenu(menu, '/enterprises/42')).toEqual({
      selected: 'enterprises.all',
      open: ['enterprises'],
    });
    expect(activeMenu(menu, '/enterprises/new')).toEqual({
      selected: 'enterprises.new',
      open: ['enterprises'],
    });
    expect(activeMenu(menu, '/')).toEqual({ selected: 'home', open: [] });
    expect(activeMenu(menu, '/enterprisesX')).toEqual({ selected: null, open: [] });
  });
});
