import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { EnterpriseCrumb } from '../features/enterprises/enterprise-crumb';
import { HomePage } from '../features/home/home-page';
import { RequireAuth, RequirePermission } from './guards';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';
import type { RouteHandle } from './route-handle';

// The list and the firm page (with ECharts) load on demand: the sign-in page stays light.
const EnterpriseListPage = lazy(() =>
  import('../features/enterprises/enterprise-list-page').then((m) => ({ default: m.EnterpriseListPage })),
);
const EnterprisePage = lazy(() =>
  import('../features/enterprises/enterprise-page').then((m) => ({ default: m.EnterprisePage })),
);

const enterprisesHandle: RouteHandle = {
  crumbs: [{ labelKey: 'menu.enterprises' }, { labelKey: 'menu.enterprises.all', to: '/enterprises' }],
};
const enterpriseHandle: RouteHandle = {
  crumbs: (params) => [{ label: <EnterpriseCrumb id={Number(params.id)} /> }],
};

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      {
        index: true,
        element: <HomePage />,
        handle: { crumbs: [{ labelKey: 'menu.home' }] } satisfies RouteHandle,
      },
      {
        path: 'enterprises',
        handle: enterprisesHandle,
        children: [
          {
            index: true,
            element: (
              <RequirePermission permission="enterprise:read">
                <EnterpriseListPage />
              </RequirePermission>
            ),
          },
          {
            path: ':id',
            handle: enterpriseHandle,
            element: (
              <RequirePermission permission="enterprise:read">
                <EnterprisePage />
              </RequirePermission>
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
