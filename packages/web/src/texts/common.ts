// Texts of The application's frame: name, menu, shared actions, the demo tag, error pages (app/).
// Chinese is the source; English is typed against it. Registered in app/dictionary.ts.
import type { EnglishOf } from './kit';

export const zh = {
  'app.name': '升规通',
  'app.subtitle': '小升规工作平台',
  'app.wan': '万元',

  'menu.home': '工作台',
  'menu.enterprises': '企业库',
  'menu.enterprises.all': '全部企业',
  'menu.progress': '进度看板',
  'menu.directory': '入库/退库',
  'menu.assessment': '目标考核',
  'menu.service': '服务工作',
  'menu.targets': '目标任务',
  'menu.notices': '进度通报',

  'action.search': '查询',
  'action.reset': '重置',
  'action.save': '保存',
  'action.cancel': '取消',
  'action.edit': '编辑',
  'action.retry': '重试',
  'action.backHome': '返回工作台',
  'action.exportExcel': '导出Excel',

  'demo.tag': '演示数据',
  'demo.tagHint': '本系统当前运行在演示模式，所有数据均为虚构，仅供体验',
  'demo.banner': '演示数据，仅供体验',
  'demo.bannerDetail': '本系统当前运行在演示模式：企业、数据和账号均为虚构，请勿录入真实信息。',

  'auth.logout': '退出登录',

  'layout.openMenu': '打开菜单',

  'error.loadSession': '无法获取登录状态',
  'error.forbiddenTitle': '没有权限',
  'error.forbiddenPage': '您的角色不能查看此页面。如需开通，请联系本单位的安全管理员。',
  'error.notFoundTitle': '页面不存在',
  'error.notFoundPage': '您访问的页面不存在，请从左侧菜单进入。',

  'menu.admin': '系统管理',
  'menu.admin.users': '用户管理',
  'menu.admin.units': '单位管理',
  'menu.admin.security': '安全设置',
  'menu.admin.audit': '审计日志',
  'menu.admin.accountChanges': '账号变更确认',
  'menu.profile': '个人中心',

  'menu.data': '数据管理',
  'menu.data.imports': '数据导入',
  'menu.data.importHistory': '导入记录',

  'menu.libraries.base': '基础库',
  'menu.libraries.cultivation': '培育库',
  'menu.libraries.near': '临规',
  'menu.libraries.atRisk': '临退规',

  'menu.declarations': '申报管理',
  'menu.declarations.calendar': '申报日历',
  'menu.declarations.board': '批次看板',
  'menu.declarations.list': '申报列表',
  'menu.review': '复核清单',
  'menu.admin.settings': '业务设置',
  'listKit.loadFailed': '列表加载失败',
  'listKit.activeFilters': '当前筛选：{filters}',
  'listKit.filterSeparator': '；',
} as const;

export const en: EnglishOf<typeof zh> = {
  'app.name': 'Shenggui',
  'app.subtitle': 'Small-to-above-scale work platform',
  'app.wan': '10k yuan',

  'menu.home': 'Workbench',
  'menu.enterprises': 'Enterprises',
  'menu.enterprises.all': 'All firms',
  'menu.progress': 'Progress board',
  'menu.directory': 'Entries and exits',
  'menu.assessment': 'Targets and assessment',
  'menu.service': 'Service work',
  'menu.targets': 'Targets',
  'menu.notices': 'Progress notices',

  'action.search': 'Search',
  'action.reset': 'Reset',
  'action.save': 'Save',
  'action.cancel': 'Cancel',
  'action.edit': 'Edit',
  'action.retry': 'Retry',
  'action.backHome': 'Back to workbench',
  'action.exportExcel': 'Export Excel',

  'demo.tag': 'Demo data',
  'demo.tagHint': 'This system runs in demo mode; all data is fictitious and for trying out only',
  'demo.banner': 'Demo data, for trying out only',
  'demo.bannerDetail':
    'Demo mode: firms, figures and accounts are fictitious. Do not enter real information.',

  'auth.logout': 'Sign out',

  'layout.openMenu': 'Open menu',

  'error.loadSession': 'Could not check your session',
  'error.forbiddenTitle': 'No permission',
  'error.forbiddenPage': 'Your roles cannot open this page. Ask your unit’s security administrator.',
  'error.notFoundTitle': 'Page not found',
  'error.notFoundPage': 'This page does not exist. Use the menu on the left.',

  'menu.admin': 'Administration',
  'menu.admin.users': 'Users',
  'menu.admin.units': 'Units',
  'menu.admin.security': 'Security settings',
  'menu.admin.audit': 'Audit trail',
  'menu.admin.accountChanges': 'Account changes to confirm',
  'menu.profile': 'My account',

  'menu.data': 'Data',
  'menu.data.imports': 'Import',
  'menu.data.importHistory': 'Import history',

  'menu.libraries.base': 'Base library',
  'menu.libraries.cultivation': 'Cultivation library',
  'menu.libraries.near': 'Near threshold',
  'menu.libraries.atRisk': 'At risk',

  'menu.declarations': 'Declarations',
  'menu.declarations.calendar': 'Calendar',
  'menu.declarations.board': 'Batch board',
  'menu.declarations.list': 'All declarations',
  'menu.review': 'Review list',
  'menu.admin.settings': 'Business settings',
  'listKit.loadFailed': 'Could not load the list',
  'listKit.activeFilters': 'Filters in force: {filters}',
  'listKit.filterSeparator': '; ',
};
