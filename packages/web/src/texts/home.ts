// Texts of The workbench 工作台 (features/home).
// Chinese is the source; English is typed against it. Registered in app/dictionary.ts.
import type { EnglishOf } from './kit';

export const zh = {
  'home.welcome': '{name}，您好',
  'home.subtitle': '{county} · 小升规工作平台',
  'home.myUnit': '我的单位',
  'home.unit': '所在单位',
  'home.unitKind': '单位类型',
  'home.roles': '角色',
  'home.scope': '数据范围',
  'home.totalFirms': '企业总数',
  'home.aboveFirms': '规上企业',
  'home.belowFirms': '规下企业',
  'home.firmsUnit': '家',
  'home.viewList': '查看名单',
  'home.noFirmAccess': '您的角色不查看企业数据。您的工作页面在左侧“系统管理”菜单中。',
} as const;

export const en: EnglishOf<typeof zh> = {
  'home.welcome': 'Hello, {name}',
  'home.subtitle': '{county} · Small-to-above-scale work platform',
  'home.myUnit': 'My unit',
  'home.unit': 'Unit',
  'home.unitKind': 'Unit type',
  'home.roles': 'Roles',
  'home.scope': 'Data scope',
  'home.totalFirms': 'Firms',
  'home.aboveFirms': 'Above scale',
  'home.belowFirms': 'Below scale',
  'home.firmsUnit': '',
  'home.viewList': 'View list',
  'home.noFirmAccess': 'Your roles do not read firm data. Your pages are under Administration in the menu.',
};
