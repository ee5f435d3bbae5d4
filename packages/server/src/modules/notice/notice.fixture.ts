// A progress report as the progress slice produces it, for the notice's tests: the seed's 2024 allocation
// (8 from the city, 10 by township, 10 by supervising unit) as it stood on 25 November.
import type { ProgressReport, ProgressRow } from '@shenggui/domain';

const row = (
  unitId: number,
  code: string,
  name: string,
  target: number | null,
  entered: number,
  exited: number,
  rank: number,
): ProgressRow => ({
  unitId,
  code,
  name,
  target,
  entered,
  exited,
  net: entered - exited,
  remaining: target === null ? null : Math.max(0, target - (entered - exited)),
  rank,
  pReachTarget: null,
});

export const FIXTURE_REPORT: ProgressReport = {
  year: 2024,
  asOf: '2024-11-25',
  county: {
    unitId: 1,
    code: '140322000000',
    name: '盂县',
    cityTarget: 8,
    territorialTarget: 10,
    supervisingTarget: 10,
    entered: 9,
    exited: 2,
    net: 7,
    pReachCityTarget: 0.62,
  },
  dimensions: {
    territorial: [
      row(2, '140322100000', '秀水镇', 4, 4, 0, 1),
      row(3, '140322101000', '孙家庄镇', null, 1, 0, 2),
      row(4, '140322102000', '路家村镇', 1, 1, 0, 2),
      row(5, '140322103000', '南娄镇', 1, 1, 1, 5),
      row(6, '140322104000', '牛村镇', 1, 1, 0, 2),
      row(7, '140322105000', '苌池镇', null, 0, 0, 5),
      row(8, '140322106000', '上社镇', 1, 0, 1, 12),
      row(9, '140322107000', '西烟镇', null, 0, 0, 5),
      row(10, '140322200000', '仙人乡', null, 0, 0, 5),
      row(11, '140322201000', '北下庄乡', 1, 1, 0, 2),
      row(12, '140322202000', '梁家寨乡', null, 0, 0, 5),
      row(13, '140322203000', '西潘乡', 1, 0, 0, 5),
    ],
    supervising: [
      row(20, '140322Z01', '县经济技术开发区', 3, 3, 0, 1),
      row(21, '140322D01', '县工信局', 3, 3, 1, 2),
      row(22, '140322D02', '县应急局', 2, 1, 0, 3),
      row(23, '140322D03', '县能源局', 1, 1, 1, 4),
      row(24, '140322D04', '县住建局', 1, 1, 0, 3),
    ],
  },
};
