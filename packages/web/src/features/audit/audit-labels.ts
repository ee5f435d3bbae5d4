// How an audit record reads on the 审计日志 page: the action in words and what it was done to. The server
// names most actions (audit.service.ts AUDIT_ACTION_LABELS); the words for the ones it leaves as keys and for
// the things acted on are texts (texts/audit.ts); declaration steps take the domain's state labels.
import {
  DECLARATION_STATE_LABELS,
  type DeclarationState,
  LIBRARY_LABELS,
  type Library,
} from '@shenggui/domain';
import { type Lang, textOf } from '../../app/dictionary';
import { libraryLabel } from '../libraries/library-labels';

export const isDeclarationState = (s: string): s is DeclarationState => s in DECLARATION_STATE_LABELS;
const isLibrary = (s: string): s is Library => s in LIBRARY_LABELS;

/** The action in words: the server's label, else this page's, else the kind of thing acted on. */
export function auditActionLabel(action: string, serverLabel: string, lang: Lang): string {
  if (serverLabel && serverLabel !== action) return serverLabel;
  const own = textOf(lang, `audit.action.${action}`);
  if (own) return own;
  const [head = '', step = ''] = action.split('.');
  if (head === 'declaration' && isDeclarationState(step))
    return lang === 'zh' ? `入库申报：${DECLARATION_STATE_LABELS[step]}` : `Declaration: ${step}`;
  const entity = textOf(lang, `audit.entity.${head}`);
  return entity ? (lang === 'zh' ? `${entity}操作` : `${entity} action`) : action;
}

/** What the action was done to: "2026年企业库名单", "培育库（2026年）", "入库申报 #12". */
export function auditTargetText(entityType: string, entityId: string | null, lang: Lang): string {
  const label = textOf(lang, `audit.entity.${entityType}`) ?? entityType;
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
