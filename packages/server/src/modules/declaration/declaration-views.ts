// The shapes a declaration is answered in: the list row, the file, the check with its override, the detail.
import {
  type DeclarationCheckView as CheckView,
  DECLARATION_MODE_LABELS,
  DECLARATION_STATE_LABELS,
  type DeclarationDetail,
  type DeclarationMode,
  type DeclarationState,
  type DeclarationView,
  type DeclarationFile as FileView,
} from '@shenggui/domain';

export type { CheckView, DeclarationDetail, DeclarationView, FileView };

import type { DeclarationListRow, FileMeta } from './declaration.repository.js';

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
