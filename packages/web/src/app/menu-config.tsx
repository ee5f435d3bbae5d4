// The left menu, derived from the route table (routes.tsx): entries the user cannot open are hidden by
// visibleMenu() on the same permission the page's guard checks.
import type { ReactNode } from 'react';
import { type MenuNode, menuFromRoutes } from '../lib/menu';
import type { DictKey } from './dictionary';
import { APP_ROUTES, MENU_GROUPS } from './routes';

export type AppMenuNode = MenuNode<DictKey, ReactNode>;

export const APP_MENU: AppMenuNode[] = menuFromRoutes(APP_ROUTES, MENU_GROUPS);
