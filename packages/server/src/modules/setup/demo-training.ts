// The demo's training and publicity of the year (培训宣讲): the centre's county 专题培训 on the 小升规 policy and
// the statistics reports, its sign-in sheet imported as a township would hand it in (a title row, the header
// under it, a bank's guest who matches no firm); an earlier 线上 session on the online reporting platform;
// and 秀水镇's own 政策宣讲 to its firms. Recorded by the demo users through the training services, dated
// before today in the current year, so the coverage page shows some of each library reached and the rest
// on the unreached list.
//
// Deterministic for a given today: the firms are the libraries' members in their list order, the names and
// phones come from their positions.
import {
  chinaDate,
  chinaDayStart,
  currentPlanYear,
  type Library,
  type LibraryMember,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { listAllOfLibrary } from '../library/library-reads.js';
import { importSigninSheet } from '../training/signin-import.js';
import { addAttendance, createTraining } from '../training/training.service.js';
import { type DemoUser, demoUserContext } from './demo-declarations.js';

export interface DemoTrainingInput {
  users: readonly DemoUser[];
  now: Date;
}

export interface DemoTrainingResult {
  trainings: number;
  attendance: number;
}

const DAY = 86_400_000;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = [
  '建国',
  '志强',
  '海燕',
  '晓东',
  '丽娟',
  '文斌',
  '俊峰',
  '红梅',
  '永刚',
  '雪芳',
  '国庆',
  '鹏飞',
  '春花',
  '立新',
  '敏',
  '磊',
  '静',
  '勇',
  '洁',
  '涛',
  '慧敏',
  '宏伟',
  '亚楠',
  '振华',
];
const TITLES = ['总经理', '财务负责人', '统计员', '办公室主任', '副总经理', '会计', '生产厂长'];
const PREFIXES = ['139', '135', '137', '152', '158', '183', '134', '150'];

/** A believable person for position i (surname and given name walk with coprime steps). */
export function demoPerson(i: number): { name: string; phone: string; title: string } {
  const surname = SURNAMES[(i * 7) % SURNAMES.length]!;
  const given = GIVEN[(i * 5 + 3) % GIVEN.length]!;
  const digits = String((i * 7_919_113 + 35_301_234) % 100_000_000).padStart(8, '0');
  return {
    name: `${surname}${given}`,
    phone: `${PREFIXES[i % PREFIXES.length]}${digits}`,
    title: TITLES[i % TITLES.length]!,
  };
}

/** The date `daysBack` before today, kept inside the year and before today (null when the year has no room). */
function pastDay(now: Date, preferred: string, daysBack: number): string | null {
  const today = chinaDate(now);
  const year = today.slice(0, 4);
  const first = `${year}-01-02`;
  const latest = chinaDate(chinaDayStart(today).getTime() - daysBack * DAY);
  const day = preferred < latest ? preferred : latest;
  return day >= first ? day : null;
}

const morning = (date: string, minutes = 0) =>
  new Date(chinaDayStart(date).getTime() + 9 * 3_600_000 + minutes * 60_000);

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export async function seedDemoTraining(db: Db, input: DemoTrainingInput): Promise<DemoTrainingResult> {
  const result: DemoTrainingResult = { trainings: 0, attendance: 0 };
  const centre = input.users.find((u) => u.role === 'centre');
  const township = input.users.find((u) => u.username === 'xiushui');
  if (!centre) return result;
  const year = currentPlanYear(input.now);
  const readAs = demoUserContext(centre, input.now);
  const members = async (library: Library): Promise<LibraryMember[]> =>
    (await listAllOfLibrary(db, readAs, library, { year })).items;
  const cultivation = await members('cultivation');
  const near = await members('near');
  const atRisk = await members('atRisk');
  let person = 0;

  // 1. An online session early in the year: the online reporting platform, for the firms near the line.
  const onlineDay = pastDay(input.now, `${year}-03-12`, 40);
  if (onlineDay) {
    const ctx = demoUserContext(centre, morning(onlineDay));
    const t = await createTraining(db, ctx, {
      heldOn: onlineDay,
      topic: '统计联网直报平台操作及一套表填报线上培训',
      kind: 'online',
      organiserUnitId: null,
      location: '腾讯会议（线上）',
      note: '面向临规、临退规企业统计人员，讲解联网直报平台注册、月报与年报填报要点',
    });
    result.trainings++;
    const firms = [...near.slice(0, 14), ...atRisk.slice(0, 6)];
    for (const f of firms) {
      const p = demoPerson(person++);
      await addAttendance(db, demoUserContext(centre, morning(onlineDay, 120)), t.id, {
        enterpriseId: f.enterpriseId,
        personName: p.name,
        phone: p.phone,
      });
      result.attendance++;
    }
  }

  // 2. The county's 专题培训: its sign-in sheet, as the townships hand it in, imported by the centre.
  const courseDay = pastDay(input.now, `${year}-04-16`, 21);
  if (courseDay) {
    const ctx = demoUserContext(centre, morning(courseDay));
    const t = await createTraining(db, ctx, {
      heldOn: courseDay,
      topic: '小升规申报政策与统计报表填报专题培训',
      kind: 'course',
      organiserUnitId: null,
      location: '县政务服务中心三楼会议室',
      note: '县中小企业发展中心主办，县统计局、县税务局授课；培育库、临规库企业负责人及各乡镇经发办人员参加',
    });
    result.trainings++;
    // Most of the cultivation library, then the near and at-risk firms not already on the sheet.
    const onSheet = new Set<number>();
    const firms = [...cultivation.slice(0, 36), ...near, ...atRisk, ...cultivation.slice(36)]
      .filter((f) => !onSheet.has(f.enterpriseId) && onSheet.add(f.enterpriseId))
      .slice(0, 48);
    const lines: string[][] = [];
    firms.forEach((f, i) => {
      const p = demoPerson(person++);
      // Some sheets carry the credit code, most only the name as the person wrote it.
      lines.push([
        String(lines.length + 1),
        p.name,
        f.name,
        i % 3 === 0 ? f.creditCode : '',
        p.title,
        p.phone,
        `8:${String(30 + (i % 29)).padStart(2, '0')}`,
      ]);
    });
    // Officials of the townships whose firms came, and a guest from a bank (matches no firm: 未匹配).
    const townships = [...new Map(firms.map((f) => [f.townshipId, f.townshipName])).values()].slice(0, 6);
    for (const name of townships) {
      const p = demoPerson(person++);
      lines.push([String(lines.length + 1), p.name, `${name}人民政府`, '', '经发办主任', p.phone, '8:20']);
    }
    const guest = demoPerson(person++);
    lines.push([
      String(lines.length + 1),
      guest.name,
      '中国农业银行县支行',
      '',
      '客户经理',
      guest.phone,
      '8:50',
    ]);
    const csv = [
      ['小升规申报政策与统计报表填报专题培训签到表', '', '', '', '', '', ''],
      ['序号', '姓名', '单位名称', '统一社会信用代码', '职务', '联系电话', '签到时间'],
      ...lines,
    ]
      .map((row) => row.map(csvCell).join(','))
      .join('\r\n');
    const imported = await importSigninSheet(db, demoUserContext(centre, morning(courseDay, 300)), t.id, {
      fileName: '专题培训签到表.csv',
      bytes: Buffer.from(`\uFEFF${csv}`, 'utf8'),
      dryRun: false,
    });
    result.attendance += imported.written;
  }

  // 3. 秀水镇's own 政策宣讲 to the firms of the township in any library.
  const briefingDay = pastDay(input.now, `${year}-09-18`, 9);
  if (township && briefingDay) {
    const ctx = demoUserContext(township, morning(briefingDay));
    const t = await createTraining(db, ctx, {
      heldOn: briefingDay,
      topic: '秀水镇工业企业升规纳统政策宣讲会',
      kind: 'briefing',
      organiserUnitId: null,
      location: '秀水镇便民服务中心二楼会议室',
      note: '宣讲省市县小升规奖励政策、入库申报流程及统计数据报送要求',
    });
    result.trainings++;
    const own = (m: LibraryMember) => m.townshipId === township.unit.id;
    const seen = new Set<number>();
    const firms = [...cultivation.filter(own), ...near.filter(own), ...atRisk.filter(own)]
      .filter((f) => !seen.has(f.enterpriseId) && seen.add(f.enterpriseId))
      .slice(0, 16);
    const at = demoUserContext(township, morning(briefingDay, 150));
    for (const f of firms) {
      const p = demoPerson(person++);
      await addAttendance(db, at, t.id, { enterpriseId: f.enterpriseId, personName: p.name, phone: p.phone });
      result.attendance++;
    }
    for (let i = 0; i < 2; i++) {
      const p = demoPerson(person++);
      await addAttendance(db, at, t.id, { unitId: township.unit.id, personName: p.name, phone: p.phone });
      result.attendance++;
    }
  }
  return result;
}
