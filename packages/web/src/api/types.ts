// Response shapes of the HTTP API (docs/api.md). The domain package holds request schemas only, so the
// web keeps these here; money is yuan as a decimal string, dates `YYYY-MM-DD`, periods `YYYY-MM`.
import type { LegalForm, Permission, RevenueSource, Role, ScaleStatus, UnitKind } from '@shenggui/domain';

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: ErrorDetail[] };
  requestId?: string;
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  unit: Pick<Unit, 'id' | 'code' | 'name' | 'kind'>;
}

export type ScopeKind = 'subtree' | 'township' | 'supervising' | 'none';

/** What the user must do before anything else: change the password, or enrol a second factor. */
export type Restriction = 'password' | 'totp';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
  /** 0 = passwords do not expire. */
  maxAgeDays: number;
}

export interface Me {
  user: SessionUser;
  permissions: Permission[];
  scope: { kind: ScopeKind; unitId: number | null };
  /** Optional only for older servers; null = nothing to do. */
  restriction?: Restriction | null;
  totp?: { enabled: boolean; required: boolean };
  passwordPolicy?: PasswordPolicy;
}

export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface TotpSetup {
  secret: string;
  /** otpauth:// URI for an authenticator app. */
  uri: string;
}

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  roleLabels: string[];
  unit: { id: number; name: string; kind: UnitKind };
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  createdAt: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditItem {
  id: number;
  at: string;
  action: string;
  actionLabel: string;
  actorUsername: string | null;
  actorName: string | null;
  actorUnitName: string | null;
  entityType: string;
  entityId: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  algorithm: string;
  firstId: number | null;
  lastId: number | null;
  broken: { id: number; reason: 'hash' | 'link' } | null;
  /** Records the signed checkpoint vouches for that are gone (docs/api.md §Audit). */
  missing: { where: 'head' | 'middle' | 'tail'; fromId: number; toId: number }[];
  missingCount: number;
  checkpoint: { at: string; lastId: number | null; count: number; reason: string } | null;
  checkpointInvalid: boolean;
}

/** A change to an auditor account waiting for the system administrator (docs/api.md §Users). */
export interface PendingAccountChange {
  pending: { id: number; kind: string; kindLabel: string; username: string | null; status: string };
}

export interface DemoAccount {
  username: string;
  password: string;
  roleLabel: string;
  unitName: string;
}

export interface Meta {
  demo: boolean;
  demoAccounts?: DemoAccount[];
  countyName: string | null;
  scaleThresholdYuan: number | string;
  /** A fresh installation without any user: the first security administrator must be created. */
  needsFirstAdmin?: boolean;
  securityLevel?: 2 | 3;
  version: string;
}

export interface EnterpriseRow {
  id: number;
  creditCode: string;
  creditCodeFlagged: boolean;
  name: string;
  legalForm: LegalForm;
  industryCode: string;
  industryName: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  scaleStatus: ScaleStatus;
  revenue: string | null;
  revenueSource: 'statistics' | 'tax' | null;
  /** The revenue year with its months when fewer than twelve have figures. */
  revenueLabel: string | null;
  updatedAt: string;
}

export interface EnterpriseList {
  items: EnterpriseRow[];
  total: number;
  page: number;
  pageSize: number;
  revenueYear: number;
}

export interface ScaleHistoryEntry {
  status: ScaleStatus;
  effectivePeriod: string;
  reason: string;
  changedAt: string;
  changedByName: string | null;
}

export interface EnterpriseDetail extends EnterpriseRow {
  /** Located in the county's development zone. */
  inZone?: boolean;
  address: string | null;
  foundedOn: string | null;
  productionStartedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  /** The year `revenue` belongs to (sent by the server, not yet in docs/api.md). */
  revenueYear?: number;
  scaleHistory: ScaleHistoryEntry[];
}

export interface RevenueFact {
  id: number;
  /** The last month covered; `months` 3 = a quarterly figure for the quarter ending in it. */
  period: string;
  months?: number;
  source: RevenueSource;
  value: string;
  version: number;
  isCurrent: boolean;
  reason: string | null;
  recordedAt: string;
  recordedByName: string | null;
  importBatchId: number | null;
}

export interface SupervisingSuggestion {
  unitId: number;
  unitName: string;
}

// ---- 数据导入: packages/domain/src/contracts/import.ts ----
export type {
  ImportApplyResult,
  ImportBatch,
  ImportCounts,
  ImportHow,
  ImportPreview,
  ImportProblem,
  PreviewLine,
  PreviewLineStatus,
  PreviewLinesPage,
} from '@shenggui/domain';

// ── targets, directory events, progress, notices (docs/api.md) ──

// 净增进度: the shapes are the domain's contracts (packages/domain/src/contracts/progress.ts).
export type {
  ForecastBandPoint,
  ProgressCumulative,
  ProgressFirm,
  ProgressFirmList,
} from '@shenggui/domain';

export interface TargetUnitRow {
  unitId: number;
  code: string;
  name: string;
  target: number | null;
}

export interface TargetsView {
  year: number;
  cityTarget: number | null;
  territorial: TargetUnitRow[];
  supervising: TargetUnitRow[];
  sums: { territorial: number; supervising: number };
  warnings: string[];
}

export interface DirectoryEvent {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  type: 'entry' | 'exit';
  typeLabel: string;
  mode: 'monthly' | 'annual' | null;
  modeLabel: string | null;
  batch: string | null;
  approvalDate: string;
  effectivePeriod: string;
  exitReason: string | null;
  exitReasonLabel: string | null;
  note: string | null;
  recordedAt: string;
  recordedByName: string | null;
  importBatchId: number | null;
  voided: boolean;
  voidedAt: string | null;
  voidedByName: string | null;
  voidReason: string | null;
}

// 进度通报: packages/domain/src/contracts/notice.ts.
// ---- 企业库: libraries, pathways, operating status (packages/domain/src/contracts/library.ts) ----
// ---- 申报管理: declarations (packages/domain/src/contracts/declaration.ts) ----
// 复核清单: packages/domain/src/contracts/review.ts.
export type {
  DeclarationBoard,
  DeclarationDetail,
  DeclarationFile,
  DeclarationInspection,
  DeclarationView,
  FirmLibraryHistory,
  LibraryList,
  LibraryMember,
  LibraryRecomputeResult,
  ProgressNotice,
  ReviewItem,
  UnreportedItem,
  UnreportedList,
} from '@shenggui/domain';

export interface TodoItem {
  kind: 'deadline' | 'declaration' | 'unreported';
  title: string;
  due: string | null;
  link: string;
  count: number | null;
}
