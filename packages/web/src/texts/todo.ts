// Texts of The to-do list 待办事项 (features/todo).
// Chinese is the source; English is typed against it. Registered in app/dictionary.ts.
import type { EnglishOf } from './kit';

export const zh = {
  'todo.title': '待办事项',
  'todo.none': '暂无待办事项',
  'todo.unreportedTag': '达规未入统',
  'todo.unreportedIntro': '以下企业{year}年税务开票收入已达{threshold}万元但尚未入库',
  'todo.unreportedLine': '{township} · 税务累计 {value} 万元（{months}个月，至{period}）',
  'todo.unreportedNone': '暂无达规未入统企业',
  'todo.handle': '处理',
  'todo.due': '{date} 截止',
} as const;

export const en: EnglishOf<typeof zh> = {
  'todo.title': 'To do',
  'todo.none': 'Nothing is waiting for you',
  'todo.unreportedTag': 'Reached, not reported',
  'todo.unreportedIntro':
    'These firms’ {year} tax invoiced revenue has reached {threshold} (10k yuan) but they are not yet reported',
  'todo.unreportedLine': '{township} · tax YTD {value} (10k yuan, {months} months, to {period})',
  'todo.unreportedNone': 'No firm reached the threshold unreported',
  'todo.handle': 'Open',
  'todo.due': 'due {date}',
};
