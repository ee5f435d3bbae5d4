// Response shapes of the HTTP API (docs/api.md). The domain package holds request schemas only, so the
// web keeps these here; money is yuan as a decimal string, dates `YYYY-MM-DD`, periods `YYYY-MM`.
import type {
  CheckStatus,
  DeclarationCheckKey,
  DeclarationState,
  LegalForm,
  Library,
  MaterialItem,
  OperatingStatus,
  Pathway,
  Permission,
  RevenueSource,
  ReviewKind,
  Role,
  ScaleStatus,
  Tier,
  UnitKind,
} from '@shenggui/domain';

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: ErrorDetail[] };
  requestId?: string;
}

// 组织 (packages/domain/src/contracts/org.ts)
// 登录与账号 (packages/domain/src/contracts/auth.ts)
// 用户管理 (packages/domain/src/contracts/user.ts)
export type {
  AdminUserView as AdminUser,
  DemoAccount,
  Me,
  Meta,
  PasswordPolicy,
  PendingAccountChange,
  Restriction,
  ScopeKind,
  SessionInfo,
  SessionUser,
  TotpSetup,
  UnitView as Unit,
} from '@shenggui/domain';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// 审计 (packages/domain/src/contracts/audit.ts)
// 企业库 (packages/domain/src/contracts/enterprise.ts)
// 月度数据 (packages/domain/src/contracts/revenue.ts)
// ---- 数据导入: packages/domain/src/contracts/import.ts ----
export type {
  AuditItem,
  AuditVerifyResult,
  EnterpriseDetail,
  EnterpriseList,
  EnterpriseView as EnterpriseRow,
  ImportApplyResult,
  ImportBatch,
  ImportCounts,
  ImportHow,
  ImportPreview,
  ImportProblem,
  PreviewLine,
  PreviewLineStatus,
  PreviewLinesPage,
  RevenueFactView as RevenueFact,
  ScaleHistoryEntry,
  SupervisingSuggestion,
} from '@shenggui/domain';

// ── targets, directory events, progress, notices (docs/api.md) ──

// 净增进度: the shapes are the domain's contracts (packages/domain/src/contracts/progress.ts).
// 目标任务 (packages/domain/src/contracts/target.ts)
// 入库退库 (packages/domain/src/contracts/directory.ts)
// 进度通报: packages/domain/src/contracts/notice.ts.
// ---- 企业库: libraries, pathways, operating status (packages/domain/src/contracts/library.ts) ----
// ---- 申报管理: declarations (packages/domain/src/contracts/declaration.ts) ----
// 复核清单: packages/domain/src/contracts/review.ts.
// 待办 (packages/domain/src/contracts/todo.ts)
export type {
  DeclarationBoard,
  DeclarationDetail,
  DeclarationFile,
  DeclarationInspection,
  DeclarationView,
  DirectoryEventView as DirectoryEvent,
  FirmLibraryHistory,
  ForecastBandPoint,
  LibraryList,
  LibraryMember,
  LibraryRecomputeResult,
  ProgressCumulative,
  ProgressFirm,
  ProgressFirmList,
  ProgressNotice,
  ReviewItem,
  TargetsView,
  TargetUnitView as TargetUnitRow,
  TodoItem,
  UnreportedItem,
  UnreportedList,
} from '@shenggui/domain';
