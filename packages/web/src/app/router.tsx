// The router, derived from the route table (routes.tsx): each page behind its guard, with its breadcrumbs.
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { SetupPage } from '../features/auth/setup-page';
import { crumbTrail } from '../lib/menu';
import { RequireAuth, RequirePermission } from './guards';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import type { Crumb, RouteHandle } from './route-handle';
import { APP_ROUTES, type AppRoute, MENU_GROUPS } from './routes';

function handleOf(route: AppRoute): RouteHandle {
  const trail: Crumb[] = crumbTrail(APP_ROUTES, MENU_GROUPS, route.path).map((c) => ({
    labelKey: c.label,
    ...(c.to ? { to: c.to } : {}),
  }));
  const { crumb } = route;
  if (!crumb) return { crumbs: trail };
  return { crumbs: (params) => [...trail.slice(0, -1), crumb(params)] };
}

function routeObject(route: AppRoute): RouteObject {
  const Page = route.page;
  const element =
    route.access === null ? (
      <Page />
    ) : (
      <RequirePermission permission={route.access}>
        <Page />
      </RequirePermission>
    );
  const handle = handleOf(route);
  return route.path === '/'
    ? { index: true, element, handle }
    : { path: route.path.slice(1), element, handle };
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/setup', element: <SetupPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [...APP_ROUTES.map(routeObject), { path: '*', element: <NotFoundPage /> }],
  },
]);
