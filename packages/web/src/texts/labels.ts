// Texts of domain values (roles, scale statuses, legal forms, revenue sources, unit kinds, data scopes).
// The Chinese comes from @shenggui/domain, the one source shared with the server and its documents; English
// is typed against the domain's value types. Read through app/labels.ts (roleLabel, scaleLabel, …).
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
import { type EnglishOf, prefixed } from './kit';

type ShortSource = 'statistics' | 'tax';

export const zh = {
  ...prefixed('label.role', ROLE_LABELS),
  ...prefixed('label.scale', SCALE_STATUS_LABELS),
  ...prefixed('label.legalForm', LEGAL_FORM_LABELS),
  ...prefixed('label.source', REVENUE_SOURCE_LABELS),
  ...prefixed('label.unitKind', UNIT_KIND_LABELS),
  ...prefixed<'label.scope', ScopeKind>('label.scope', {
    subtree: '本级及下级全部企业',
    township: '本乡镇属地企业',
    supervising: '本单位主管企业',
    none: '无企业数据权限',
  }),
  /** Short names of the revenue of record's source, shown next to the figure in the list. */
  ...prefixed<'label.shortSource', ShortSource>('label.shortSource', { statistics: '统计', tax: '税务' }),
};

export const en: EnglishOf<typeof zh> = {
  ...prefixed<'label.role', Role>('label.role', {
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
  }),
  ...prefixed<'label.scale', ScaleStatus>('label.scale', { above: 'Above scale', below: 'Below scale' }),
  ...prefixed<'label.legalForm', LegalForm>('label.legalForm', {
    enterprise: 'Legal-person enterprise',
    individual: 'Individual business',
    other: 'Other',
  }),
  ...prefixed<'label.source', RevenueSource>('label.source', {
    tax: 'Tax invoices',
    statistics: 'Statistical report',
    self: 'Self-reported',
    electricity: 'Electricity use',
  }),
  ...prefixed<'label.unitKind', UnitKind>('label.unitKind', {
    province: 'Province',
    city: 'City',
    county: 'County',
    township: 'Township',
    zone: 'Development zone',
    department: 'Supervising department',
    centre: 'SME Development Centre',
    bureau: 'Data-supplier bureau',
  }),
  ...prefixed<'label.scope', ScopeKind>('label.scope', {
    subtree: 'All firms in your area',
    township: 'Firms located in your township',
    supervising: 'Firms your unit supervises',
    none: 'No firm data',
  }),
  ...prefixed<'label.shortSource', ShortSource>('label.shortSource', { statistics: 'stats', tax: 'tax' }),
};
