// Texts of Targets 目标任务 and the counting rule (features/targets).
// Chinese is the source; English is typed against it. Registered in app/dictionary.ts.
import type { EnglishOf } from './kit';

export const zh = {
  'targets.title': '目标任务',
  'targets.subtitle': '市下达目标与县内两个维度的分解（可超额分解，合计低于市下达目标时提示）',
  'targets.cityTarget': '市下达目标',
  'targets.cityTargetHint': '市里下达给全县的年度净增目标，是全县考核的底线',
  'targets.sum': '合计 {sum} 户',
  'targets.overInfo': '超出市下达目标 {over} 户（有意超额分解）',
  'targets.underWarn': '低于市下达目标 {under} 户',
  'targets.equal': '与市下达目标一致',
  'targets.col.unit': '单位',
  'targets.col.code': '代码',
  'targets.col.target': '分解目标（户）',
  'targets.edit': '编辑目标',
  'targets.save': '保存目标',
  'targets.noChanges': '没有改动',
  'targets.confirmTitle': '保存{year}年目标任务？',
  'targets.confirmBody': '以下 {count} 项将被修改，并记入审计日志：',
  'targets.confirmOk': '确认保存',
  'targets.saved': '目标任务已保存',
  'targets.change': '{label}：{from} → {to}',
  'targets.none': '未设',
  'targets.readOnly': '您可以查看目标任务；分解和修改由促进中心负责。',
  'rule.title': '计数规则',
  'rule.basis': '计入年度的依据',
  'rule.basis.approval': '批准日期',
  'rule.basis.effective': '生效期间',
  'rule.cutoff': '年度截止日（月-日）',
  'rule.explain.approval':
    '以批准日期计：批准日期在 {year} 年 1 月 1 日至 {cutoff} 之间的入库、退库计入 {year} 年；此后批准的计入下一年。',
  'rule.explain.effective':
    '以生效期间计：生效期间在 {year} 年、且不晚于截止日所在月份的入库、退库计入 {year} 年。',
  'rule.save': '保存计数规则',
  'rule.confirmTitle': '修改{year}年计数规则？',
  'rule.confirmBody':
    '计入依据：{basis}；截止日：{cutoff}。修改后全年进度将按新规则重新统计，并记入审计日志。',
  'rule.saved': '计数规则已保存',
  'rule.cutoffInvalid': '请按 MM-DD 填写，如 12-31',
  'rule.cutoffDay': '{month}月{day}日',
} as const;

export const en: EnglishOf<typeof zh> = {
  'targets.title': 'Targets',
  'targets.subtitle':
    'The city target and the county allocation in two dimensions (over-allocation allowed; a sum below the city target is warned)',
  'targets.cityTarget': 'City target',
  'targets.cityTargetHint': 'The net increase the city sets for the county: the floor it is assessed on',
  'targets.sum': 'Sum {sum}',
  'targets.overInfo': '{over} above the city target (deliberate over-allocation)',
  'targets.underWarn': '{under} below the city target',
  'targets.equal': 'Equal to the city target',
  'targets.col.unit': 'Unit',
  'targets.col.code': 'Code',
  'targets.col.target': 'Target (firms)',
  'targets.edit': 'Edit targets',
  'targets.save': 'Save targets',
  'targets.noChanges': 'Nothing changed',
  'targets.confirmTitle': 'Save the {year} targets?',
  'targets.confirmBody': '{count} changes, recorded in the audit trail:',
  'targets.confirmOk': 'Save',
  'targets.saved': 'Targets saved',
  'targets.change': '{label}: {from} → {to}',
  'targets.none': 'none',
  'targets.readOnly': 'You can read the targets; the centre allocates and changes them.',
  'rule.title': 'Counting rule',
  'rule.basis': 'Year decided by',
  'rule.basis.approval': 'Approval date',
  'rule.basis.effective': 'Effective period',
  'rule.cutoff': 'Cut-off (MM-DD)',
  'rule.explain.approval':
    'By approval date: entries and exits approved from 1 January to {cutoff} of {year} count in {year}; later ones count in the next year.',
  'rule.explain.effective':
    'By effective period: entries and exits effective in {year}, no later than the cut-off month, count in {year}.',
  'rule.save': 'Save the rule',
  'rule.confirmTitle': 'Change the {year} counting rule?',
  'rule.confirmBody':
    'Basis: {basis}; cut-off: {cutoff}. The year’s progress is recounted by the new rule; recorded in the audit trail.',
  'rule.saved': 'Counting rule saved',
  'rule.cutoffInvalid': 'Use MM-DD, e.g. 12-31',
  'rule.cutoffDay': '{month}/{day}',
};
