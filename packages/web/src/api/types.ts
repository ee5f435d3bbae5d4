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

// ---- 数据导入 (import.routes.ts) ----

export interface ImportProblem {
  /** Row number as the sheet shows it; 0 for the file as a whole. */
  row: number;
  /** The column's header as in the sheet; '' for the whole row. */
  column: string;
  message: string;
}

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
  imported: number;
  updated: number;
  unchanged: number;
}

export interface ImportHow {
  sheet: string;
  headerRow: number;
  headerRows: number;
  unit: string | null;
  unitSource: 'header' | 'title' | 'default' | 'chosen' | 'missing' | null;
  format: 'long' | 'wide';
  year: number | null;
  encoding: string | null;
  columns: { header: string; field: string | null; period: string | null }[];
}

export interface ImportPreview {
  token: string;
  kind: string;
  source: string | null;
  fileName: string;
  how: ImportHow;
  counts: ImportCounts;
  problems: ImportProblem[];
  warnings: string[];
  /** A money sheet that states no unit and none chosen: 元 or 万元 must be chosen before applying. */
  needsUnit: boolean;
  lines: Record<PreviewLineStatus, number>;
  expiresAt: string;
}

export type PreviewLineStatus = 'new' | 'correction' | 'unchanged' | 'error';

/** One line of GET /imports/:token/rows: what the import will write for a row (or why it cannot). */
export interface PreviewLine {
  seq: number;
  row: number;
  status: PreviewLineStatus;
  enterpriseId: number | null;
  creditCode: string | null;
  name: string | null;
  period: string | null;
  months: number | null;
  periodLabel: string | null;
  column: string | null;
  /** Yuan (kWh for electricity), two decimals. */
  before: string | null;
  after: string | null;
  message: string | null;
}

export interface PreviewLinesPage extends Paged<PreviewLine> {
  counts: Record<PreviewLineStatus, number>;
  source: string | null;
  unit: string | null;
  unitSource: string | null;
}

export interface ImportApplyResult {
  batchId: number;
  counts: ImportCounts;
  rejected: ImportProblem[];
}

export interface ImportBatch {
  id: number;
  kind: string;
  source: string | null;
  fileName: string;
  sha256: string;
  createdAt: string;
  createdByName: string | null;
  unitName: string | null;
  summary: Record<string, unknown> | null;
}

// ── targets, directory events, progress, notices (docs/api.md) ──

export interface ForecastBandPoint {
  period: string;
  p10: number;
  p50: number;
  p90: number;
}

export interface ProgressCumulative {
  year: number;
  asOf: string;
  months: Array<{ period: string; asOf: string; entered: number; exited: number; net: number }>;
  /** Filled by the forecast when it is available. */
  forecast?: ForecastBandPoint[];
}

export interface ProgressFirm {
  id: number;
  creditCode: string;
  name: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  events: Array<{
    id: number;
    type: string;
    mode: string | null;
    batch: string | null;
    approvalDate: string;
    effectivePeriod: string;
    exitReason: string | null;
  }>;
}

export interface ProgressFirmList {
  year: number;
  asOf: string;
  kind: 'entered' | 'exited';
  items: ProgressFirm[];
}

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

export interface ProgressNotice {
  id: number;
  year: number;
  seq: number;
  docNumber: string;
  title: string;
  asOf: string;
  createdAt: string;
  createdByName: string | null;
}

// ---- 企业库: libraries, pathways, operating status (docs/api.md §Libraries; server library.routes.ts) ----
export interface LibraryMember {
  enterpriseId: number;
  creditCode: string;
  name: string;
  legalForm: string;
  industryCode: string;
  scaleStatus: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  priorYearRevenue: string | null;
  /** "2025年", or "2025年（7-12月，6个月）" when the prior year has fewer than twelve months of figures. */
  priorYearLabel: string | null;
  ytdRevenue: string | null;
  ytdMonths: number;
  taxYtd: string | null;
  projectedRevenue: string | null;
  pReachYear: number | null;
  pBelowYearEnd: number | null;
  reasons: string[];
  rule: string | null;
  manual: boolean;
  pathway: Pathway | null;
  pathwaySuggested: Pathway | null;
  pathwayChosen: boolean;
  tier: Tier | null;
  since: string;
}

export interface LibraryList {
  items: LibraryMember[];
  total: number;
  page: number;
  pageSize: number;
  year: number;
  library: Library;
  /** Set for a past year: its libraries as they stood at the year's cut-off. */
  frozen: { asOf: string; frozenAt: string; reason: string } | null;
}

export interface LibraryRecomputeResult {
  year: number;
  asOf: string;
  evaluated: number;
  entered: number;
  left: number;
  members: number;
  frozen: boolean;
}

export interface FirmLibraryHistory {
  items: Array<{
    id: number;
    year: number;
    library: Library;
    current: boolean;
    manual: boolean;
    enteredAt: string;
    enteredRule: string | null;
    enteredReason: string;
    enteredByName: string | null;
    leftAt: string | null;
    leftReason: string | null;
    leftByName: string | null;
  }>;
  pathways: Array<{
    year: number;
    pathway: Pathway;
    reason: string;
    setAt: string;
    setByName: string | null;
  }>;
  operatingStatus: Array<{
    status: OperatingStatus;
    since: string;
    reason: string;
    recordedAt: string;
    recordedByName: string | null;
  }>;
}

export interface UnreportedItem {
  enterpriseId: number;
  creditCode: string;
  name: string;
  legalForm: string;
  industryCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  taxRevenue: string;
  taxMonths: number;
  lastPeriod: string;
  statisticsRevenue: string | null;
  pathway: Pathway;
  reason: string;
}

export interface UnreportedList {
  year: number;
  threshold: string;
  items: UnreportedItem[];
}

// ---- 申报管理: declarations and the general to-do (server declaration.routes.ts, todo.routes.ts) ----
export interface DeclarationView {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  year: number;
  mode: 'monthly' | 'annual';
  modeLabel: string;
  batch: string;
  batchName: string;
  deadline: string;
  dataMonth: string;
  state: DeclarationState;
  stateLabel: string;
  lastComment: string | null;
  directoryEventId: number | null;
  inspectionUnitId: number | null;
  inspectionUnitName: string | null;
  replacesId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeclarationFile {
  id: number;
  version: number;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string | null;
}

export interface DeclarationInspection {
  id: number;
  kind: 'field' | 'document';
  kindLabel: string;
  inspectedOn: string;
  inspectors: string;
  findings: string;
  conclusion: 'pass' | 'fail';
  conclusionLabel: string;
  recordedAt: string;
  recordedByName: string | null;
  photos: DeclarationFile[];
}

export interface DeclarationDetail extends DeclarationView {
  actions: Array<{ to: DeclarationState; label: string; commentRequired: boolean; blockedBy: string[] }>;
  checks: Array<{
    key: DeclarationCheckKey;
    label: string;
    status: CheckStatus;
    statusLabel: string;
    ok: boolean;
    /** The step this check blocks while not passed (null: informative). */
    gate: DeclarationState | null;
    message: string;
    override: {
      reason: string;
      actorName: string | null;
      at: string;
      status: CheckStatus;
      message: string;
    } | null;
  }>;
  can: {
    override: boolean;
    convert: boolean;
    assignInspectionUnit: boolean;
    inspect: boolean;
    materials: boolean;
  };
  defaultEffectivePeriod: string;
  approvalProblems: string[];
  materials: Array<{ item: MaterialItem; label: string; files: DeclarationFile[] }>;
  inspections: DeclarationInspection[];
  history: Array<{
    id: number;
    from: DeclarationState | null;
    fromLabel: string | null;
    to: DeclarationState;
    toLabel: string;
    at: string;
    actorName: string | null;
    comment: string | null;
  }>;
}

export interface DeclarationBoard {
  year: number;
  batches: Array<{
    batch: string;
    batchName: string;
    mode: 'monthly' | 'annual';
    deadline: string;
    total: number;
    states: Array<{
      state: DeclarationState;
      stateLabel: string;
      count: number;
      firms: Array<{
        declarationId: number;
        enterpriseId: number;
        enterpriseName: string;
        townshipName: string;
      }>;
    }>;
  }>;
}

export interface ReviewItem {
  key: string;
  kind: ReviewKind;
  kindLabel: string;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipName: string;
  subject: string;
  reason: string | null;
  actorName: string | null;
  at: string;
  link: string;
}

export interface TodoItem {
  kind: 'deadline' | 'declaration' | 'unreported';
  title: string;
  due: string | null;
  link: string;
  count: number | null;
}
