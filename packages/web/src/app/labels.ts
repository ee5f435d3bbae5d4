// Labels of domain values. Chinese comes from @shenggui/domain (the source of truth); English is ours.
import {
  LEGAL_FORM_LABELS,
  type LegalForm,
  REVENUE_SOURCE_LABELS,
  type RevenueSource,
  ROLE_LABELS,
  type Role,
  SCALE_STATUS_LABELS,
  type ScaleStatus,
  UNIT_KIND_LABELS,
  type UnitKind,
} from '@shenggui/domain';
import type { ScopeKind } from '../api/types';
import type { Lang } from './dictionary';

const EN_ROLES: Record<Role, string> = {
  sysadmin: 'System administrator',
  secadmin: 'Security administrator',
  auditor: 'Audit administrator',
  centre: 'SME Development Centre',
  township: 'Township staff',
  department: 'Department staff',
  tax: 'Tax bureau',
  statistics: 'Statistics bureau',
  leader: 'County leader',
  city: 'City viewer',
};
const EN_SCALE: Record<ScaleStatus, string> = { above: 'Above scale', below: 'Below scale' };
const EN_LEGAL_FORMS: Record<LegalForm, string> = {
  enterprise: 'Legal-person enterprise',
  individual: 'Individual business',
  other: 'Other',
};
const EN_SOURCES: Record<RevenueSource, string> = {
  tax: 'Tax invoices',
  statistics: 'Statistical report',
  self: 'Self-reported',
  electricity: 'Electricity use',
};
const EN_UNIT_KINDS: Record<UnitKind, string> = {
  province: 'Province',
  city: 'City',
  county: 'County',
  township: 'Township',
  zone: 'Development zone',
  department: 'Supervising department',
  centre: 'SME Development Centre',
  bureau: 'Data-supplier bureau',
};
const ZH_SCOPES: Record<ScopeKind, string> = {
  subtree: '本级及下级全部企业',
  township: '本乡镇属地企业',
  supervising: '本单位主管企业',
  none: '无企业数据权限',
};
const EN_SCOPES: Record<ScopeKind, string> = {
  subtree: 'All firms in your area',
  township: 'Firms located in your township',
  supervising: 'Firms your unit supervises',
  none: 'No firm data',
};
/** Short names of the revenue of record's source, shown next to the figure in the list. */
const ZH_SHORT_SOURCES: Record<'statistics' | 'tax', string> = { statistics: '统计', tax: '税务' };
const EN_SHORT_SOURCES: Record<'statistics' | 'tax', string> = { statistics: 'stats', tax: 'tax' };

const pick = <K extends string>(lang: Lang, zh: Record<K, string>, en: Record<K, string>, key: K): string =>
  (lang === 'en' ? en[key] : zh[key]) ?? key;

export const roleLabel = (lang: Lang, role: Role) => pick(lang, ROLE_LABELS, EN_ROLES, role);
export const scaleLabel = (lang: Lang, s: ScaleStatus) => pick(lang, SCALE_STATUS_LABELS, EN_SCALE, s);
export const legalFormLabel = (lang: Lang, f: LegalForm) => pick(lang, LEGAL_FORM_LABELS, EN_LEGAL_FORMS, f);
export const sourceLabel = (lang: Lang, s: RevenueSource) => pick(lang, REVENUE_SOURCE_LABELS, EN_SOURCES, s);
export const unitKindLabel = (lang: Lang, k: UnitKind) => pick(lang, UNIT_KIND_LABELS, EN_UNIT_KINDS, k);
export const scopeLabel = (lang: Lang, k: ScopeKind) => pick(lang, ZH_SCOPES, EN_SCOPES, k);
export const shortSourceLabel = (lang: Lang, s: 'statistics' | 'tax') =>
  pick(lang, ZH_SHORT_SOURCES, EN_SHORT_SOURCES, s);
