// How an audit record reads on the 审计日志 page: the action in words and what it was done to. The server
// names most actions (audit.service.ts AUDIT_ACTION_LABELS); the ones it leaves as keys are named here,
// declaration steps by the domain's state labels (docs/domain.md, declarations).
import {
  DECLARATION_STATE_LABELS,
  type DeclarationState,
  LIBRARY_LABELS,
  type Library,
} from '@shenggui/domain';
import type { Lang } from '../../app/dictionary';
import { libraryLabel } from '../libraries/library-labels';

type Pair = { zh: string; en: string };

const ACTION_LABELS: Record<string, Pair> = {
  'declaration.submit': { zh: '提交入库申报', en: 'Declaration submitted' },
  'library.year.freeze': { zh: '固化往年企业库名单', en: 'Past year lists frozen' },
  'library.year.recompute': { zh: '重新计算当年企业库名单', en: 'Year lists recomputed' },
  'directory.entry': { zh: '记录入库', en: 'Entry recorded' },
  'directory.exit': { zh: '记录退库', en: 'Exit recorded' },
};

export const ENTITY_LABELS: Record<string, Pair> = {
  user: { zh: '用户', en: 'User' },
  enterprise: { zh: '企业', en: 'Firm' },
  setting: { zh: '设置', en: 'Setting' },
  unit: { zh: '单位', en: 'Unit' },
  org_unit: { zh: '单位', en: 'Unit' },
  revenue: { zh: '月度数据', en: 'Figure' },
  revenue_fact: { zh: '月度数据', en: 'Figure' },
  target: { zh: '目标', en: 'Target' },
  session: { zh: '会话', en: 'Session' },
  route: { zh: '接口', en: 'Route' },
  declaration: { zh: '入库申报', en: 'Declaration' },
  directory_event: { zh: '入库/退库记录', en: 'Entry/exit' },
  import: { zh: '导入', en: 'Import' },
  import_batch: { zh: '导入批次', en: 'Import batch' },
  library: { zh: '企业库名单', en: 'Library lists' },
  library_membership: { zh: '企业库', en: 'Library' },
  pathway: { zh: '升规路径', en: 'Pathway' },
  notice: { zh: '进度通报', en: 'Progress notice' },
  account_change: { zh: '账号变更', en: 'Account change' },
  audit_log: { zh: '审计记录', en: 'Audit records' },
};

const isDeclarationState = (s: string): s is DeclarationState => s in DECLARATION_STATE_LABELS;
const isLibrary = (s: string): s is Library => s in LIBRARY_LABELS;

/** The action in words: the server's label, else this page's, else the kind of thing acted on. */
export function auditActionLabel(action: string, serverLabel: string, lang: Lang): string {
  if (serverLabel && serverLabel !== action) return serverLabel;
  const own = ACTION_LABELS[action];
  if (own) return own[lang];
  const [head = '', step = ''] = action.split('.');
  if (head === 'declaration' && isDeclarationState(step))
    return lang === 'zh' ? `入库申报：${DECLARATION_STATE_LABELS[step]}` : `Declaration: ${step}`;
  const entity = ENTITY_LABELS[head];
  return entity ? (lang === 'zh' ? `${entity.zh}操作` : `${entity.en} action`) : action;
}

/** What the action was done to: "2026年企业库名单", "培育库（2026年）", "入库申报 #12". */
export function auditTargetText(entityType: string, entityId: string | null, lang: Lang): string {
  const label = ENTITY_LABELS[entityType]?.[lang] ?? entityType;
  if (!entityId) return label;
  if (entityType === 'library' && /^\d{4}$/.test(entityId))
    return lang === 'zh' ? `${entityId}年${label}` : `${label} ${entityId}`;
  const membership = /^(\d{4}):(\w+)$/.exec(entityId);
  if (entityType === 'library_membership' && membership?.[1] && membership[2] && isLibrary(membership[2]))
    return lang === 'zh'
      ? `${libraryLabel(lang, membership[2])}（${membership[1]}年）`
      : `${libraryLabel(lang, membership[2])} (${membership[1]})`;
  if (entityType === 'setting') return `${label}：${entityId}`;
  return `${label} #${entityId}`;
}
