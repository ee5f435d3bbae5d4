// The left menu is data: each entry names the permission it needs, so a later slice adds its pages by
// adding entries (docs/ui.md menu). Hiding is a courtesy; the server remains the authority.
import type { Permission } from '@shenggui/domain';

export interface MenuNode<Label = string, Icon = unknown> {
  key: string;
  label: Label;
  icon?: Icon;
  /** The page this entry opens; groups have none. */
  path?: string;
  /** Required: `null` means every signed-in user may see it. */
  permission: Permission | null;
  children?: MenuNode<Label, Icon>[];
}

/** Keeps the entries the user may see; a group with no visible child disappears. */
export function visibleMenu<L, I>(
  nodes: readonly MenuNode<L, I>[],
  permissions: readonly string[],
): MenuNode<L, I>[] {
  const out: MenuNode<L, I>[] = [];
  for (const node of nodes) {
    if (node.permission !== null && !permissions.includes(node.permission)) continue;
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
