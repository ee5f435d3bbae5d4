import type { ReactNode } from 'react';
import type { Params } from 'react-router';
import type { DictKey } from './dictionary';

export interface Crumb {
  labelKey?: DictKey;
  label?: ReactNode;
  to?: string;
}

/** What a route adds to the breadcrumbs (router.tsx derives it from the route table). */
export interface RouteHandle {
  crumbs?: Crumb[] | ((params: Params) => Crumb[]);
}
