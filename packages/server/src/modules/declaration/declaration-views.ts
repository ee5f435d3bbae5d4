// The shapes a declaration is answered in: the list row, the file, the check with its override, the detail.
import {
  type CheckStatus,
  DECLARATION_MODE_LABELS,
  DECLARATION_STATE_LABELS,
  type DeclarationCheck,
  type DeclarationMode,
  type DeclarationState,
  type InspectionConclusion,
  type InspectionKind,
  type MaterialItem,
} from '@shenggui/domain';
import type { DeclarationListRow, FileMeta } from './declaration.repository.js';

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
  mode: DeclarationMode;
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

export function toView(r: DeclarationListRow): DeclarationView {
  const d = r.d;
  const mode = d.mode as DeclarationMode;
  const state = d.state as DeclarationState;
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    year: d.year,
    mode,
    modeLabel: DECLARATION_MODE_LABELS[mode] ?? d.mode,
    batch: d.batch,
    batchName: d.batchName,
    deadline: d.deadline,
    dataMonth: d.dataMonth,
    state,
    stateLabel: DECLARATION_STATE_LABELS[state] ?? d.state,
    lastComment: d.lastComment,
    directoryEventId: d.directoryEventId,
    inspectionUnitId: d.inspectionUnitId,
    inspectionUnitName: r.inspectionUnitName,
    replacesId: d.replacesId,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export interface FileView {
  id: number;
  version: number;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string | null;
}

export function toFileView(f: FileMeta): FileView {
  return {
    id: f.id,
    version: f.version,
    fileName: f.fileName,
    fileType: f.fileType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
    uploadedByName: f.uploadedByName,
  };
}

export interface CheckView extends DeclarationCheck {
  statusLabel: string;
  label: string;
  /** The centre's override of this check, if any. */
  override: {
    reason: string;
    actorName: string | null;
    at: string;
    status: CheckStatus;
    message: string;
  } | null;
}

export interface DeclarationDetail extends DeclarationView {
  /** What the caller may do next; `blockedBy` names why a step cannot be taken yet (empty: it can). */
  actions: { to: DeclarationState; label: string; commentRequired: boolean; blockedBy: string[] }[];
  checks: CheckView[];
  /** What the caller may do besides the steps. */
  can: {
    override: boolean;
    convert: boolean;
    assignInspectionUnit: boolean;
    inspect: boolean;
    materials: boolean;
  };
  /** The default effective period of the entry (any other needs a reason). */
  defaultEffectivePeriod: string;
  /** Why the centre cannot approve yet (missing or failed inspection records); empty when it can. */
  approvalProblems: string[];
  materials: { item: MaterialItem; label: string; files: FileView[] }[];
  inspections: {
    id: number;
    kind: InspectionKind;
    kindLabel: string;
    inspectedOn: string;
    inspectors: string;
    findings: string;
    conclusion: InspectionConclusion;
    conclusionLabel: string;
    recordedAt: string;
    recordedByName: string | null;
    photos: FileView[];
  }[];
  history: {
    id: number;
    from: DeclarationState | null;
    fromLabel: string | null;
    to: DeclarationState;
    toLabel: string;
    at: string;
    actorName: string | null;
    comment: string | null;
  }[];
}
