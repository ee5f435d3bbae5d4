// The left menu and the breadcrumbs are derived from the one route table (app/routes.tsx): each route
// names the permission its guard checks, and its menu entries are shown on that same permission (docs/ui.md
// menu). Hiding is a courtesy; the server remains the authority.
import type { Permission } from '@shenggui/domain';

/** Who may open a page: one permission, any of several, or (`null`) every signed-in user. */
export type Access = Permission | readonly Permission[] | null;

export function allows(access: Access, permissions: readonly string[]): boolean {
  if (access === null) return true;
  if (typeof access === 'string') return permissions.includes(access);
  return access.some((p) => permissions.includes(p));
}

export interface MenuNode<Label = string, Icon = unknown> {
  key: string;
  label: Label;
  icon?: Icon;
  /** The page this entry opens; groups have none. */
  path?: string;
  /** Required: `null` means every signed-in user may see it; a list means any of them. */
  permission: Access;
  children?: MenuNode<Label, Icon>[];
}

/** Keeps the entries the user may see; a group with no visible child disappears. */
export function visibleMenu<L, I>(
  nodes: readonly MenuNode<L, I>[],
  permissions: readonly string[],
): MenuNode<L, I>[] {
  const out: MenuNode<L, I>[] = [];
  for (const node of nodes) {
    if (!allows(node.permission, permissions)) continue;
    if (node.children) {
      const children = visibleMenu(node.children, permissions);
      if (children.length === 0) continue;
      out.push({ ...node, children });
    } else {
      out.push(node);
    }
  }
  return out;
}

/** The entry whose path is the longest prefix of the pathname, with its ancestors' keys (to open groups). */
export function activeMenu<L, I>(
  nodes: readonly MenuNode<L, I>[],
  pathname: string,
): { selected: string | null; open: string[] } {
  let best: { key: string; length: number; ancestors: string[] } | null = null;
  const walk = (list: readonly MenuNode<L, I>[], ancestors: string[]) => {
    for (const node of list) {
      if (node.path !== undefined) {
        const p = node.path;
        const matches = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
        if (matches && (!best || p.length > best.length))
          best = { key: node.key, length: p.length, ancestors };
      }
      if (node.children) walk(node.children, [...ancestors, node.key]);
    }
  };
  walk(nodes, []);
  const found = best as { key: string; length: number; ancestors: string[] } | null;
  return found ? { selected: found.key, open: found.ancestors } : { selected: null, open: [] };
}

/** A page of the route table, as far as the menu and the breadcrumbs are concerned. */
export interface RouteEntry<Label = string, Icon = unknown> {
  /** Absolute path as react-router matches it (`/enterprises/:id`). */
  path: string;
  /** The page's name: its breadcrumb, and its menu entry unless the entry names another. */
  label: Label;
  /** The permission the route's guard checks; the menu shows the route's entries on the same one. */
  access: Access;
  /** The menu group it sits in, also the first breadcrumb. */
  group?: string;
  /** The path of the page above it in the breadcrumbs (linked). */
  parent?: string;
  /** Its entries in the left menu (a parameterised route may have several, e.g. one per library). */
  menu?: ReadonlyArray<{ key: string; path?: string; label?: Label; icon?: Icon }>;
}

export interface MenuGroup<Label = string, Icon = unknown> {
  key: string;
  label: Label;
  icon?: Icon;
}

/** The left menu in the table's order: groups appear where their first route is. */
export function menuFromRoutes<L, I>(
  routes: readonly RouteEntry<L, I>[],
  groups: readonly MenuGroup<L, I>[],
): MenuNode<L, I>[] {
  const out: MenuNode<L, I>[] = [];
  const groupNodes = new Map<string, MenuNode<L, I>>();
  for (const route of routes) {
    for (const entry of route.menu ?? []) {
      const node: MenuNode<L, I> = {
        key: entry.key,
        label: entry.label ?? route.label,
        path: entry.path ?? route.path,
        permission: route.access,
        ...(entry.icon !== undefined ? { icon: entry.icon } : {}),
      };
      if (!route.group) {
        out.push(node);
        continue;
      }
      let group = groupNodes.get(route.group);
      if (!group) {
        const def = groups.find((g) => g.key === route.group);
        if (!def) throw new Error(`menu group ${route.group} is not defined`);
        group = {
          key: def.key,
          label: def.label,
          permission: null,
          children: [],
          ...(def.icon !== undefined ? { icon: def.icon } : {}),
        };
        groupNodes.set(route.group, group);
        out.push(group);
      }
      group.children?.push(node);
    }
  }
  return out;
}

/** The breadcrumbs of a route: its group, the pages above it (linked), then itself. */
export function crumbTrail<L, I>(
  routes: readonly RouteEntry<L, I>[],
  groups: readonly MenuGroup<L, I>[],
  path: string,
): Array<{ label: L; to?: string }> {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const route = byPath.get(path);
  if (!route) return [];
  const above: Array<{ label: L; to?: string }> = [];
  const seen = new Set<string>([path]);
  for (let p = route.parent; p !== undefined && !seen.has(p); p = byPath.get(p)?.parent) {
    seen.add(p);
    const parent = byPath.get(p);
    if (parent) above.unshift({ label: parent.label, to: parent.path });
  }
  const group = route.group ? groups.find((g) => g.key === route.group) : undefined;
  return [...(group ? [{ label: group.label }] : []), ...above, { label: route.label }];
}
