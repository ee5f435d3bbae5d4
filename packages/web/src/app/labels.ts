// Labels of domain values, read from the one text registry (texts/labels.ts: Chinese from @shenggui/domain).
import type { LegalForm, RevenueSource, Role, ScaleStatus, UnitKind } from '@shenggui/domain';
import type { ScopeKind } from '../api/types';
import { type Lang, translate } from './dictionary';

export const roleLabel = (lang: Lang, role: Role) => translate(lang, `label.role.${role}`);
export const scaleLabel = (lang: Lang, s: ScaleStatus) => translate(lang, `label.scale.${s}`);
export const legalFormLabel = (lang: Lang, f: LegalForm) => translate(lang, `label.legalForm.${f}`);
export const sourceLabel = (lang: Lang, s: RevenueSource) => translate(lang, `label.source.${s}`);
export const unitKindLabel = (lang: Lang, k: UnitKind) => translate(lang, `label.unitKind.${k}`);
export const scopeLabel = (lang: Lang, k: ScopeKind) => translate(lang, `label.scope.${k}`);
export const shortSourceLabel = (lang: Lang, s: 'statistics' | 'tax') =>
  translate(lang, `label.shortSource.${s}`);
