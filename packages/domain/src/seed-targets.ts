// The 2024 targets of the seed document (盂促企组办发〔2024〕1号, §二 目标任务): the city gave the county 8;
// the county split 10 by township (属地) and 10 by supervising unit (行业主管). Facts of that document, used
// by demo set-up and tests; real targets are entered or imported per year.
import type { CountyBodyKey } from './org.js';

export const SEED_YEAR = 2024;
export const SEED_CITY_TARGET = 8;
export const SEED_TERRITORIAL_TARGETS: ReadonlyArray<{ township: string; target: number }> = [
  { township: '秀水镇', target: 4 },
  { township: '路家村镇', target: 1 },
  { township: '南娄镇', target: 1 },
  { township: '牛村镇', target: 1 },
  { township: '北下庄乡', target: 1 },
  { township: '上社镇', target: 1 },
  { township: '西潘乡', target: 1 },
];
export const SEED_SUPERVISING_TARGETS: ReadonlyArray<{ body: CountyBodyKey; target: number }> = [
  { body: 'zone', target: 3 },
  { body: 'industry', target: 3 },
  { body: 'emergency', target: 2 },
  { body: 'energy', target: 1 },
  { body: 'housing', target: 1 },
];
export const TARGET_DIMENSIONS = ['city', 'territorial', 'supervising'] as const;
export type TargetDimension = (typeof TARGET_DIMENSIONS)[number];
