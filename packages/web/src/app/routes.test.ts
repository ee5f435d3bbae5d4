import { permissionsOf, ROLES } from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import { importChoices } from '../features/imports/import-options';
import { allows, type MenuNode, visibleMenu } from '../lib/menu';
import { APP_MENU } from './menu-config';
import { APP_ROUTES, IMPORT_ACCESS } from './routes';

const entries = (nodes: readonly MenuNode[]): MenuNode[] =>
  nodes.flatMap((n) => (n.children ? entries(n.children) : [n]));

describe('the route table', () => {
  it('shows 数据导入 exactly to the roles that may import something (not the county leader)', () => {
    for (const role of ROLES) {
      const permissions = permissionsOf([role]);
      const shown = entries(visibleMenu(APP_MENU, permissions)).some((n) => n.key === 'data.imports');
      expect([role, shown]).toEqual([role, importChoices(permissions).kinds.length > 0]);
      expect(allows(IMPORT_ACCESS, permissions)).toBe(shown);
    }
    expect(entries(visibleMenu(APP_MENU, permissionsOf(['leader']))).map((n) => n.key)).not.toContain(
      'data.imports',
    );
  });

  it('leads every menu entry to a route guarded by the permission the entry is shown on', () => {
    const match = (path: string) =>
      APP_ROUTES.find((r) => new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`).test(path));
    for (const entry of entries(APP_MENU)) {
      const route = entry.path ? match(entry.path) : undefined;
      expect(route, entry.key).toBeDefined();
      expect(entry.permission).toEqual(route?.access);
    }
  });

  it('has one row per path', () => {
    const paths = APP_ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
