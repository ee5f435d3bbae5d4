import { describe, expect, it } from 'vitest';
import {
  activeMenu,
  allows,
  crumbTrail,
  type MenuGroup,
  type MenuNode,
  menuFromRoutes,
  type RouteEntry,
  visibleMenu,
} from './menu';

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

describe('menu and breadcrumbs from one route table', () => {
  const routes: RouteEntry[] = [
    { path: '/', label: '工作台', access: null, menu: [{ key: 'home' }] },
    {
      path: '/things',
      label: '全部物品',
      access: 'enterprise:read',
      group: 'things',
      menu: [{ key: 'all' }],
    },
    { path: '/things/:id', label: '物品', access: 'enterprise:read', group: 'things', parent: '/things' },
    {
      path: '/imports',
      label: '导入',
      access: ['enterprise:write', 'directory:write'],
      group: 'data',
      menu: [{ key: 'imports' }],
    },
    {
      path: '/kinds/:kind',
      label: '种类',
      access: 'enterprise:read',
      group: 'things',
      menu: [
        { key: 'kinds.a', path: '/kinds/a', label: '甲类' },
        { key: 'kinds.b', path: '/kinds/b', label: '乙类' },
      ],
    },
  ];
  const groups: MenuGroup[] = [
    { key: 'things', label: '物品库' },
    { key: 'data', label: '数据管理' },
  ];

  it('builds the menu in the table order, each entry on its route’s permission', () => {
    const menu = menuFromRoutes(routes, groups);
    const keys = (nodes: MenuNode[]): string[] => nodes.flatMap((n) => [n.key, ...keys(n.children ?? [])]);
    expect(keys(menu)).toEqual(['home', 'things', 'all', 'kinds.a', 'kinds.b', 'data', 'imports']);
    expect(menu[1]?.children?.[1]).toMatchObject({
      path: '/kinds/a',
      label: '甲类',
      permission: 'enterprise:read',
    });
    // A reader may open neither import kind: the menu does not lead to the page the guard refuses.
    expect(keys(visibleMenu(menu, ['enterprise:read']))).toEqual([
      'home',
      'things',
      'all',
      'kinds.a',
      'kinds.b',
    ]);
    expect(keys(visibleMenu(menu, ['directory:write']))).toEqual(['home', 'data', 'imports']);
  });

  it('gives each route its group, the pages above it and itself', () => {
    expect(crumbTrail(routes, groups, '/things/:id')).toEqual([
      { label: '物品库' },
      { label: '全部物品', to: '/things' },
      { label: '物品' },
    ]);
    expect(crumbTrail(routes, groups, '/')).toEqual([{ label: '工作台' }]);
    expect(crumbTrail(routes, groups, '/nowhere')).toEqual([]);
  });

  it('allows one permission, any of several, or everyone', () => {
    expect(allows(null, [])).toBe(true);
    expect(allows('audit:read', ['audit:read'])).toBe(true);
    expect(allows(['user:manage', 'audit:read'], ['audit:read'])).toBe(true);
    expect(allows(['user:manage', 'audit:read'], ['enterprise:read'])).toBe(false);
  });
});
