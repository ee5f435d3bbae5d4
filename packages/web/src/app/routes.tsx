// The one route table: every signed-in page with its path, the permission its guard checks, its name, its
// menu group and entries, and the page above it. The router (router.tsx), the left menu (menu-config.tsx)
// and the breadcrumbs are derived from it (lib/menu.ts), so a menu entry is shown on exactly the permission
// its page requires. A new page is one row here.
import {
  AimOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FundOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { REVENUE_SOURCES, revenueWritePermission } from '@shenggui/domain';
import { type ComponentType, lazy, type ReactNode } from 'react';
import type { Params } from 'react-router';
import { EnterpriseCrumb } from '../features/enterprises/enterprise-crumb';
import { HomePage } from '../features/home/home-page';
import type { Access, MenuGroup, RouteEntry } from '../lib/menu';
import type { DictKey } from './dictionary';
import type { Crumb } from './route-handle';

export interface AppRoute extends RouteEntry<DictKey, ReactNode> {
  page: ComponentType;
  /** The last breadcrumb when it depends on the URL (a firm's name, which library). */
  crumb?: (params: Params) => Crumb;
}

const page = <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  lazy(() => load().then((m) => ({ default: pick(m) })));

// Pages load on demand (the sign-in page stays light); the home page is part of the shell.
const EnterpriseListPage = page(
  () => import('../features/enterprises/enterprise-list-page'),
  (m) => m.EnterpriseListPage,
);
const EnterprisePage = page(
  () => import('../features/enterprises/enterprise-page'),
  (m) => m.EnterprisePage,
);
const ProfilePage = page(
  () => import('../features/account/profile-page'),
  (m) => m.ProfilePage,
);
const AccountChangesPage = page(
  () => import('../features/admin/account-changes-page'),
  (m) => m.AccountChangesPage,
);
const UsersPage = page(
  () => import('../features/admin/users-page'),
  (m) => m.UsersPage,
);
const UnitsPage = page(
  () => import('../features/admin/units-page'),
  (m) => m.UnitsPage,
);
const BusinessSettingsPage = page(
  () => import('../features/admin/business-settings-page'),
  (m) => m.BusinessSettingsPage,
);
const SecurityPage = page(
  () => import('../features/admin/security-page'),
  (m) => m.SecurityPage,
);
const AuditPage = page(
  () => import('../features/audit/audit-page'),
  (m) => m.AuditPage,
);
const LibraryListPage = page(
  () => import('../features/libraries/library-list-page'),
  (m) => m.LibraryListPage,
);
const DeclarationBoardPage = page(
  () => import('../features/declarations/declaration-board-page'),
  (m) => m.DeclarationBoardPage,
);
const DeclarationListPage = page(
  () => import('../features/declarations/declaration-list-page'),
  (m) => m.DeclarationListPage,
);
const DeclarationCalendarPage = page(
  () => import('../features/declarations/declaration-calendar-page'),
  (m) => m.DeclarationCalendarPage,
);
const DeclarationPage = page(
  () => import('../features/declarations/declaration-page'),
  (m) => m.DeclarationPage,
);
const ReviewPage = page(
  () => import('../features/declarations/review-page'),
  (m) => m.ReviewPage,
);
const DeclarationCreatePage = page(
  () => import('../features/declarations/declaration-create-page'),
  (m) => m.DeclarationCreatePage,
);
const ImportPage = page(
  () => import('../features/imports/import-page'),
  (m) => m.ImportPage,
);
const ImportHistoryPage = page(
  () => import('../features/imports/import-history-page'),
  (m) => m.ImportHistoryPage,
);
const ProgressPage = page(
  () => import('../features/progress/progress-page'),
  (m) => m.ProgressPage,
);
const TargetsPage = page(
  () => import('../features/targets/targets-page'),
  (m) => m.TargetsPage,
);
const NoticesPage = page(
  () => import('../features/notices/notices-page'),
  (m) => m.NoticesPage,
);
const DirectoryPage = page(
  () => import('../features/directory/directory-page'),
  (m) => m.DirectoryPage,
);

/**
 * 数据导入 is for those who may import at least one kind (features/imports/import-options.ts
 * importChoices: firms, a revenue source, directory events, targets); reading figures is not enough.
 */
export const IMPORT_ACCESS: Access = [
  'enterprise:write',
  ...REVENUE_SOURCES.map(revenueWritePermission),
  'directory:write',
  'target:allocate',
];

const LIBRARY_LABELS: Record<string, DictKey> = {
  base: 'menu.libraries.base',
  cultivation: 'menu.libraries.cultivation',
  near: 'menu.libraries.near',
  atRisk: 'menu.libraries.atRisk',
};

export const MENU_GROUPS: MenuGroup<DictKey, ReactNode>[] = [
  { key: 'enterprises', label: 'menu.enterprises', icon: <BankOutlined /> },
  // 申报管理: the declaration calendar and the batch board (a declaration opens from the board or a firm).
  { key: 'declarations', label: 'menu.declarations', icon: <FileDoneOutlined /> },
  // 服务工作: leads, visits, requests to closure, 稳规 help, training, supervision, workload.
  { key: 'service', label: 'menu.service', icon: <TeamOutlined /> },
  // 数据管理: imports (with preview) and their history.
  { key: 'data', label: 'menu.data', icon: <CloudUploadOutlined /> },
  // 目标考核: targets and allocation, progress notices.
  { key: 'assessment', label: 'menu.assessment', icon: <AimOutlined /> },
  // 系统管理: the three administrators' pages (三权分立: each sees only what their role allows).
  { key: 'admin', label: 'menu.admin', icon: <SettingOutlined /> },
];

// --- pages: service requests ---
const RequestListPage = page(
  () => import('../features/service-requests/request-list-page'),
  (m) => m.RequestListPage,
);
const RedRequestListPage = page(
  () => import('../features/service-requests/request-list-page'),
  (m) => m.RedRequestListPage,
);
const RequestPage = page(
  () => import('../features/service-requests/request-page'),
  (m) => m.RequestPage,
);
const RequestNewPage = page(
  () => import('../features/service-requests/request-new-page'),
  (m) => m.RequestNewPage,
);

// --- pages: visits and leads ---
const VisitListPage = page(
  () => import('../features/visits/visit-list-page'),
  (m) => m.VisitListPage,
);
const VisitFormPage = page(
  () => import('../features/visits/visit-form-page'),
  (m) => m.VisitFormPage,
);
const VisitPage = page(
  () => import('../features/visits/visit-page'),
  (m) => m.VisitPage,
);
const LeadListPage = page(
  () => import('../features/visits/lead-list-page'),
  (m) => m.LeadListPage,
);

// --- pages: help plans and supervision ---
const HelpPlansPage = page(
  () => import('../features/help/help-plans-page'),
  (m) => m.HelpPlansPage,
);
const HelpPlanPage = page(
  () => import('../features/help/help-plan-page'),
  (m) => m.HelpPlanPage,
);
const SupervisionsPage = page(
  () => import('../features/help/supervisions-page'),
  (m) => m.SupervisionsPage,
);
const SupervisionPage = page(
  () => import('../features/help/supervision-page'),
  (m) => m.SupervisionPage,
);
const SupervisionCreatePage = page(
  () => import('../features/help/supervision-create-page'),
  (m) => m.SupervisionCreatePage,
);

// --- pages: training and coverage ---
const TrainingListPage = page(
  () => import('../features/training/training-list-page'),
  (m) => m.TrainingListPage,
);
const TrainingCreatePage = page(
  () => import('../features/training/training-form'),
  (m) => m.TrainingCreatePage,
);
const TrainingPage = page(
  () => import('../features/training/training-page'),
  (m) => m.TrainingPage,
);
const CoveragePage = page(
  () => import('../features/training/coverage-page'),
  (m) => m.CoveragePage,
);
const UnreachedPage = page(
  () => import('../features/training/unreached-page'),
  (m) => m.UnreachedPage,
);

// --- pages: service overview and timeline ---
const ServiceOverviewPage = page(
  () => import('../features/service/service-overview-page'),
  (m) => m.ServiceOverviewPage,
);

/** In menu order: a group's entries appear where its first route is. */
export const APP_ROUTES: AppRoute[] = [
  {
    path: '/',
    page: HomePage,
    label: 'menu.home',
    access: null,
    menu: [{ key: 'home', icon: <DesktopOutlined /> }],
  },
  // 进度看板: units see their own rows (the API filters by scope).
  {
    path: '/progress',
    page: ProgressPage,
    label: 'menu.progress',
    access: 'target:read',
    menu: [{ key: 'progress', icon: <FundOutlined /> }],
  },
  {
    path: '/enterprises',
    page: EnterpriseListPage,
    label: 'menu.enterprises.all',
    access: 'enterprise:read',
    group: 'enterprises',
    menu: [{ key: 'enterprises.all' }],
  },
  {
    path: '/enterprises/:id',
    page: EnterprisePage,
    label: 'menu.enterprises.all',
    access: 'enterprise:read',
    group: 'enterprises',
    parent: '/enterprises',
    crumb: (params) => ({ label: <EnterpriseCrumb id={Number(params.id)} /> }),
  },
  {
    path: '/directory',
    page: DirectoryPage,
    label: 'menu.directory',
    access: 'enterprise:read',
    group: 'enterprises',
    menu: [{ key: 'enterprises.directory' }],
  },
  {
    // 基础库 · 培育库 · 临规 · 临退规 (an unknown library answers the page's own 404).
    path: '/libraries/:library',
    page: LibraryListPage,
    label: 'menu.enterprises',
    access: 'enterprise:read',
    group: 'enterprises',
    crumb: (params) => ({ labelKey: LIBRARY_LABELS[params.library ?? ''] ?? 'menu.enterprises' }),
    menu: Object.entries(LIBRARY_LABELS).map(([library, label]) => ({
      key: `libraries.${library}`,
      path: `/libraries/${library}`,
      label,
    })),
  },
  {
    path: '/declarations/calendar',
    page: DeclarationCalendarPage,
    label: 'menu.declarations.calendar',
    access: 'enterprise:read',
    group: 'declarations',
    menu: [{ key: 'declarations.calendar' }],
  },
  {
    // The to-do list's links (/declarations?year&batch) show the board too.
    path: '/declarations',
    page: DeclarationBoardPage,
    label: 'menu.declarations.board',
    access: 'enterprise:read',
    group: 'declarations',
  },
  {
    path: '/declarations/board',
    page: DeclarationBoardPage,
    label: 'menu.declarations.board',
    access: 'enterprise:read',
    group: 'declarations',
    menu: [{ key: 'declarations.board' }],
  },
  {
    path: '/declarations/list',
    page: DeclarationListPage,
    label: 'menu.declarations.list',
    access: 'enterprise:read',
    group: 'declarations',
    menu: [{ key: 'declarations.list' }],
  },
  {
    path: '/declarations/new',
    page: DeclarationCreatePage,
    label: 'decl.start',
    access: 'enterprise:write',
    group: 'declarations',
  },
  {
    path: '/declarations/:id',
    page: DeclarationPage,
    label: 'decl.summary',
    access: 'enterprise:read',
    group: 'declarations',
    parent: '/declarations/board',
  },
  // 服务工作 in the order a township official meets it; the centre's and leaders' report last.
  {
    path: '/service/visits',
    page: VisitListPage,
    label: 'menu.service.visits',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.visits' }],
  },
  {
    path: '/service/visits/new',
    page: VisitFormPage,
    label: 'menu.service.visitNew',
    access: 'service:write',
    group: 'service',
    parent: '/service/visits',
  },
  {
    path: '/service/visits/:id',
    page: VisitPage,
    label: 'menu.service.visit',
    access: 'service:read',
    group: 'service',
    parent: '/service/visits',
  },
  {
    // 企业诉求: every request the caller may see, with lights; the to-do links carry their filters.
    path: '/service/requests',
    page: RequestListPage,
    label: 'menu.service.requests',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.requests' }],
  },
  {
    // 督办（红灯）: the red requests (the centre's county-wide list, an owner unit's own).
    path: '/service/requests/red',
    page: RedRequestListPage,
    label: 'menu.service.requestsRed',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.requestsRed' }],
  },
  {
    path: '/service/requests/new',
    page: RequestNewPage,
    label: 'req.new.title',
    access: 'service:write',
    group: 'service',
    parent: '/service/requests',
  },
  {
    path: '/service/requests/:id',
    page: RequestPage,
    label: 'req.crumb',
    access: 'service:read',
    group: 'service',
    parent: '/service/requests',
  },
  {
    path: '/service/leads',
    page: LeadListPage,
    label: 'menu.service.leads',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.leads' }],
  },
  {
    // 稳规帮扶: the year's at-risk firms with their plans; last year's shows who stayed and who left.
    path: '/service/help-plans',
    page: HelpPlansPage,
    label: 'menu.service.helpPlans',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.helpPlans' }],
  },
  {
    path: '/service/help-plans/:id',
    page: HelpPlanPage,
    label: 'help.detail.title',
    access: 'service:read',
    group: 'service',
    parent: '/service/help-plans',
  },
  {
    // 培训宣讲: every unit reads the county's events; attendance rows follow the data scope.
    path: '/service/trainings',
    page: TrainingListPage,
    label: 'training.menu',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.trainings' }],
  },
  {
    path: '/service/trainings/new',
    page: TrainingCreatePage,
    label: 'training.newTitle',
    access: 'service:write',
    group: 'service',
    parent: '/service/trainings',
  },
  {
    path: '/service/trainings/:id',
    page: TrainingPage,
    label: 'training.title',
    access: 'service:read',
    group: 'service',
    parent: '/service/trainings',
  },
  {
    // 服务覆盖: unit × library, reached / members; a cell opens the firms not reached yet.
    path: '/service/coverage',
    page: CoveragePage,
    label: 'coverage.menu',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.coverage' }],
  },
  {
    path: '/service/coverage/unreached',
    page: UnreachedPage,
    label: 'coverage.unreached.title',
    access: 'service:read',
    group: 'service',
    parent: '/service/coverage',
  },
  {
    // 督导: the centre's supervision of units and their rectification items.
    path: '/service/supervisions',
    page: SupervisionsPage,
    label: 'menu.service.supervisions',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.supervisions' }],
  },
  {
    path: '/service/supervisions/new',
    page: SupervisionCreatePage,
    label: 'sup.form.title',
    access: 'service:manage',
    group: 'service',
    parent: '/service/supervisions',
  },
  {
    path: '/service/supervisions/:id',
    page: SupervisionPage,
    label: 'sup.title',
    access: 'service:read',
    group: 'service',
    parent: '/service/supervisions',
  },
  {
    path: '/service/overview',
    page: ServiceOverviewPage,
    label: 'menu.service.overview',
    access: 'service:read',
    group: 'service',
    menu: [{ key: 'service.overview' }],
  },
  {
    // 复核清单 (the centre and the auditor): entries without a declaration, unusual effective periods,
    // overrides of checks, withdrawn declarations.
    path: '/review',
    page: ReviewPage,
    label: 'menu.review',
    access: 'review:read',
    menu: [{ key: 'review', icon: <FileSearchOutlined /> }],
  },
  {
    path: '/data/imports',
    page: ImportPage,
    label: 'menu.data.imports',
    access: IMPORT_ACCESS,
    group: 'data',
    menu: [{ key: 'data.imports' }],
  },
  {
    path: '/data/imports/history',
    page: ImportHistoryPage,
    label: 'menu.data.importHistory',
    access: 'enterprise:read',
    group: 'data',
    parent: '/data/imports',
    menu: [{ key: 'data.importHistory' }],
  },
  {
    path: '/targets',
    page: TargetsPage,
    label: 'menu.targets',
    access: 'target:read',
    group: 'assessment',
    menu: [{ key: 'assessment.targets' }],
  },
  {
    path: '/notices',
    page: NoticesPage,
    label: 'menu.notices',
    access: 'target:read',
    group: 'assessment',
    menu: [{ key: 'assessment.notices' }],
  },
  { path: '/profile', page: ProfilePage, label: 'menu.profile', access: null },
  {
    path: '/admin/users',
    page: UsersPage,
    label: 'menu.admin.users',
    access: 'user:manage',
    group: 'admin',
    menu: [{ key: 'admin.users' }],
  },
  {
    path: '/admin/units',
    page: UnitsPage,
    label: 'menu.admin.units',
    access: 'org:manage',
    group: 'admin',
    menu: [{ key: 'admin.units' }],
  },
  {
    path: '/admin/security',
    page: SecurityPage,
    label: 'menu.admin.security',
    access: 'security:manage',
    group: 'admin',
    menu: [{ key: 'admin.security' }],
  },
  {
    path: '/admin/audit',
    page: AuditPage,
    label: 'menu.admin.audit',
    access: 'audit:read',
    group: 'admin',
    menu: [{ key: 'admin.audit' }],
  },
  {
    path: '/admin/account-changes',
    page: AccountChangesPage,
    label: 'menu.admin.accountChanges',
    access: 'account:confirm',
    group: 'admin',
    menu: [{ key: 'admin.accountChanges' }],
  },
  {
    path: '/admin/settings',
    page: BusinessSettingsPage,
    label: 'menu.admin.settings',
    access: 'settings:manage',
    group: 'admin',
    menu: [{ key: 'admin.settings' }],
  },
];
