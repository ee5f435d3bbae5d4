import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { SetupPage } from '../features/auth/setup-page';
import { EnterpriseCrumb } from '../features/enterprises/enterprise-crumb';
import { HomePage } from '../features/home/home-page';
import type { DictKey } from './dictionary';
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

const ProfilePage = lazy(() =>
  import('../features/account/profile-page').then((m) => ({ default: m.ProfilePage })),
);
const AccountChangesPage = lazy(() =>
  import('../features/admin/account-changes-page').then((m) => ({ default: m.AccountChangesPage })),
);
const UsersPage = lazy(() => import('../features/admin/users-page').then((m) => ({ default: m.UsersPage })));
const UnitsPage = lazy(() => import('../features/admin/units-page').then((m) => ({ default: m.UnitsPage })));
const BusinessSettingsPage = lazy(() =>
  import('../features/admin/business-settings-page').then((m) => ({ default: m.BusinessSettingsPage })),
);
const SecurityPage = lazy(() =>
  import('../features/admin/security-page').then((m) => ({ default: m.SecurityPage })),
);
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));

const LibraryListPage = lazy(() =>
  import('../features/libraries/library-list-page').then((m) => ({ default: m.LibraryListPage })),
);

const DeclarationBoardPage = lazy(() =>
  import('../features/declarations/declaration-board-page').then((m) => ({
    default: m.DeclarationBoardPage,
  })),
);
const DeclarationListPage = lazy(() =>
  import('../features/declarations/declaration-list-page').then((m) => ({
    default: m.DeclarationListPage,
  })),
);
const DeclarationCalendarPage = lazy(() =>
  import('../features/declarations/declaration-calendar-page').then((m) => ({
    default: m.DeclarationCalendarPage,
  })),
);
const DeclarationPage = lazy(() =>
  import('../features/declarations/declaration-page').then((m) => ({ default: m.DeclarationPage })),
);
const ReviewPage = lazy(() =>
  import('../features/declarations/review-page').then((m) => ({ default: m.ReviewPage })),
);
const DeclarationCreatePage = lazy(() =>
  import('../features/declarations/declaration-create-page').then((m) => ({
    default: m.DeclarationCreatePage,
  })),
);

const ImportPage = lazy(() =>
  import('../features/imports/import-page').then((m) => ({ default: m.ImportPage })),
);
const ImportHistoryPage = lazy(() =>
  import('../features/imports/import-history-page').then((m) => ({ default: m.ImportHistoryPage })),
);

// the progress board, targets, notices and directory entries/exits.
const ProgressPage = lazy(() =>
  import('../features/progress/progress-page').then((m) => ({ default: m.ProgressPage })),
);
const TargetsPage = lazy(() =>
  import('../features/targets/targets-page').then((m) => ({ default: m.TargetsPage })),
);
const NoticesPage = lazy(() =>
  import('../features/notices/notices-page').then((m) => ({ default: m.NoticesPage })),
);
const DirectoryPage = lazy(() =>
  import('../features/directory/directory-page').then((m) => ({ default: m.DirectoryPage })),
);

const declarationCrumb = (labelKey: DictKey): RouteHandle => ({
  crumbs: [{ labelKey: 'menu.declarations' }, { labelKey }],
});
const adminCrumb = (labelKey: DictKey, to: string): RouteHandle => ({
  crumbs: [{ labelKey: 'menu.admin' }, { labelKey, to }],
});

const enterprisesHandle: RouteHandle = {
  crumbs: [{ labelKey: 'menu.enterprises' }, { labelKey: 'menu.enterprises.all', to: '/enterprises' }],
};
const enterpriseHandle: RouteHandle = {
  crumbs: (params) => [{ label: <EnterpriseCrumb id={Number(params.id)} /> }],
};

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
      {
        // 企业库 › 基础库 · 培育库 · 临规 · 临退规 (an unknown library answers the page's own 404).
        path: 'libraries/:library',
        handle: {
          crumbs: (params) => [
            { labelKey: 'menu.enterprises' },
            {
              labelKey:
                (
                  {
                    base: 'menu.libraries.base',
                    cultivation: 'menu.libraries.cultivation',
                    near: 'menu.libraries.near',
                    atRisk: 'menu.libraries.atRisk',
                  } as Record<string, DictKey>
                )[params.library ?? ''] ?? 'menu.enterprises',
            },
          ],
        } satisfies RouteHandle,
        element: (
          <RequirePermission permission="enterprise:read">
            <LibraryListPage />
          </RequirePermission>
        ),
      },
      {
        // 申报管理: /declarations (the to-do list's links, ?year&batch) shows the board like /declarations/board.
        path: 'declarations',
        children: [
          {
            index: true,
            handle: declarationCrumb('menu.declarations.board'),
            element: (
              <RequirePermission permission="enterprise:read">
                <DeclarationBoardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'board',
            handle: declarationCrumb('menu.declarations.board'),
            element: (
              <RequirePermission permission="enterprise:read">
                <DeclarationBoardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'list',
            handle: declarationCrumb('menu.declarations.list'),
            element: (
              <RequirePermission permission="enterprise:read">
                <DeclarationListPage />
              </RequirePermission>
            ),
          },
          {
            path: 'calendar',
            handle: declarationCrumb('menu.declarations.calendar'),
            element: (
              <RequirePermission permission="enterprise:read">
                <DeclarationCalendarPage />
              </RequirePermission>
            ),
          },
          {
            path: 'new',
            handle: declarationCrumb('decl.start'),
            element: (
              <RequirePermission permission="enterprise:write">
                <DeclarationCreatePage />
              </RequirePermission>
            ),
          },
          {
            path: ':id',
            handle: {
              crumbs: [
                { labelKey: 'menu.declarations' },
                { labelKey: 'menu.declarations.board', to: '/declarations/board' },
                { labelKey: 'decl.summary' },
              ],
            } satisfies RouteHandle,
            element: (
              <RequirePermission permission="enterprise:read">
                <DeclarationPage />
              </RequirePermission>
            ),
          },
        ],
      },
      {
        // 复核清单: the centre's and the auditor's list of what bypassed the usual path.
        path: 'review',
        handle: { crumbs: [{ labelKey: 'menu.review' }] } satisfies RouteHandle,
        element: (
          <RequirePermission permission="review:read">
            <ReviewPage />
          </RequirePermission>
        ),
      },
      {
        // 数据管理 › 数据导入 (the page itself says which kinds the user may import) and 导入记录.
        path: 'data/imports',
        children: [
          {
            index: true,
            handle: {
              crumbs: [{ labelKey: 'menu.data' }, { labelKey: 'menu.data.imports' }],
            } satisfies RouteHandle,
            element: (
              <RequirePermission permission="revenue:read">
                <ImportPage />
              </RequirePermission>
            ),
          },
          {
            path: 'history',
            handle: {
              crumbs: [
                { labelKey: 'menu.data' },
                { labelKey: 'menu.data.imports', to: '/data/imports' },
                { labelKey: 'menu.data.importHistory' },
              ],
            } satisfies RouteHandle,
            element: (
              <RequirePermission permission="enterprise:read">
                <ImportHistoryPage />
              </RequirePermission>
            ),
          },
        ],
      },
      {
        path: 'progress',
        handle: { crumbs: [{ labelKey: 'menu.progress' }] } satisfies RouteHandle,
        element: (
          <RequirePermission permission="target:read">
            <ProgressPage />
          </RequirePermission>
        ),
      },
      {
        path: 'targets',
        handle: {
          crumbs: [{ labelKey: 'menu.assessment' }, { labelKey: 'menu.targets' }],
        } satisfies RouteHandle,
        element: (
          <RequirePermission permission="target:read">
            <TargetsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'notices',
        handle: {
          crumbs: [{ labelKey: 'menu.assessment' }, { labelKey: 'menu.notices' }],
        } satisfies RouteHandle,
        element: (
          <RequirePermission permission="target:read">
            <NoticesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'directory',
        handle: {
          crumbs: [{ labelKey: 'menu.enterprises' }, { labelKey: 'menu.directory' }],
        } satisfies RouteHandle,
        element: (
          <RequirePermission permission="enterprise:read">
            <DirectoryPage />
          </RequirePermission>
        ),
      },
      {
        path: 'profile',
        element: <ProfilePage />,
        handle: { crumbs: [{ labelKey: 'menu.profile' }] } satisfies RouteHandle,
      },
      {
        path: 'admin/users',
        handle: adminCrumb('menu.admin.users', '/admin/users'),
        element: (
          <RequirePermission permission="user:manage">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/units',
        handle: adminCrumb('menu.admin.units', '/admin/units'),
        element: (
          <RequirePermission permission="org:manage">
            <UnitsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/security',
        handle: adminCrumb('menu.admin.security', '/admin/security'),
        element: (
          <RequirePermission permission="security:manage">
            <SecurityPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/audit',
        handle: adminCrumb('menu.admin.audit', '/admin/audit'),
        element: (
          <RequirePermission permission="audit:read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/account-changes',
        handle: adminCrumb('menu.admin.accountChanges', '/admin/account-changes'),
        element: (
          <RequirePermission permission="account:confirm">
            <AccountChangesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'admin/settings',
        handle: adminCrumb('menu.admin.settings', '/admin/settings'),
        element: (
          <RequirePermission permission="settings:manage">
            <BusinessSettingsPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
