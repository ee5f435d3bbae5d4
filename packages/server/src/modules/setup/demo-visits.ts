// The demo's 包联 and 走访 for the plan year in progress, through the lead and visit services as the demo users
// (demoUserContext), so every rule applies. Leads: about nine firms in ten of the year's libraries get their
// suggested unit in January (the centre's to-do shows the rest); a unit with a demo account leads through
// that account, the others through a named official without one. Visits: from January up to today, by the
// township and department accounts to firms of their own scope, with varied purposes and findings, a few
// with officials of two units, a few voided, and a few firms visited by two units within a week (what the
// form's 近30天走访 panel is for). No requests are raised here (the requests' demo does that).
//
// Deterministic for a given today: a seeded generator, the firms in the list's order.
import {
  addDays,
  chinaDate,
  chinaDayStart,
  currentPlanYear,
  daysBetween,
  isWorkday,
  type LeadRow,
  type VisitPurpose,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { assignLead, assignSuggestedLeads, leadNameOf, listAllLeads } from '../lead/lead.service.js';
import { loadWorkdayCalendar } from '../service/service-settings.js';
import { recordVisit, voidVisit } from '../visit/visit.service.js';
import { type DemoUser, demoUserContext } from './demo-declarations.js';

export interface DemoVisitsInput {
  users: readonly DemoUser[];
  now: Date;
}

export interface DemoVisitsResult {
  leads: number;
  withoutLead: number;
  visits: number;
  voided: number;
}

/** A small deterministic generator (mulberry32). */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The instant at `hour` China time on the ISO date, never after `now`. */
function at(date: string, hour: number, now: Date): Date {
  const t = new Date(chinaDayStart(date).getTime() + hour * 3_600_000);
  return t > now ? now : t;
}

/** Lead officials of the units without a demo account (named, no account). */
const NAMED_LEADS = ['高建军', '马晓东', '韩志刚', '武丽华', '冯国强', '牛晓燕', '郭永红', '许文斌'];
/** Officials of another unit who join a visit. */
const COMPANIONS: Record<string, string> = {
  D01: '张伟',
  D02: '高建军',
  D03: '钱进',
  D04: '马晓东',
  Z01: '刘洋',
  C01: '王敏',
};

const FINDINGS: Record<VisitPurpose, readonly string[]> = {
  policy: [
    '宣讲小升规奖励政策和入规后统计报表要求，企业负责人表示{month}月前完成财务规范，争取年底前申报入库。',
    '送达《盂县规上工业企业培育扶持政策汇编》，逐条讲解首次入规奖励和技改补助申报条件，企业对设备更新补助很感兴趣。',
    '讲解增值税留抵退税和研发费用加计扣除政策，企业财务人员现场核对了上年度研发投入，约{amount}万元可享受加计扣除。',
    '向企业宣讲稳岗返还和以工代训政策，企业现有职工{workers}人，计划下半年再招聘{hire}名一线工人。',
  ],
  survey: [
    '企业1-{month}月累计营业收入约{amount}万元，同比增长{growth}%，订单已排到{next}月，产能利用率约八成。',
    '实地查看生产车间，两条生产线正常运行，企业反映原材料价格回落，毛利率有所回升，预计全年营收可达{total}万元。',
    '摸底了解企业用工、用电和订单情况：现有职工{workers}人，月均用电量约{power}万千瓦时，主要客户集中在省内。',
    '企业新购置的数控设备已安装调试完毕，计划{next}月投产，投产后月产值可增加{amount}万元左右。',
    '了解到企业正在办理厂房产权证，土地手续已齐全，财务报表由代账公司编制，建议尽快配备专职统计人员。',
  ],
  declaration: [
    '辅导企业准备入库申报材料，核对营业执照、财务报表和增值税申报表，提醒统计数据真实性承诺书须法人签字。',
    '对照入库条件逐项核查，企业1-{month}月主营业务收入已超过2000万元，税务开票数据与财务报表基本一致。',
    '指导企业填报法人单位基本情况表，更正了行业代码和登记注册类型，约定下周提交全部申报材料。',
    '现场查看厂门标牌和设备运行情况并拍照留存，企业申报材料已基本齐全，尚缺最近一期资产负债表。',
  ],
  retention: [
    '企业受下游需求减弱影响，1-{month}月营收同比下降{decline}%，已帮助对接两家潜在客户，下月回访跟进。',
    '企业因设备检修停产半月，现已恢复生产，预计本季度营收可回升至去年同期水平，继续列入重点帮扶名单。',
    '了解企业资金周转困难，已联系县内银行开展银企对接，企业拟申请{amount}万元流动资金贷款。',
    '帮助企业分析营收下滑原因，主要是单一客户订单减少，建议拓展省外市场，并协调参加下月产品推介会。',
  ],
  relief: [
    '企业反映新厂房用电增容审批进度慢，已记录并与供电部门沟通，约定本周内现场踏勘。',
    '企业反映招工难，一线技术工人缺口约{hire}人，已联系县人社局纳入下期招聘会岗位目录。',
    '企业反映原料运输车辆通行受限，已协调交通部门研究解决办法，企业对响应速度表示满意。',
    '企业反映环评手续办理周期长，已告知并联审批流程，并安排专人帮助准备补充材料。',
  ],
  supervision: [
    '督导检查包联责任落实情况，查阅走访台账，企业诉求均有记录和回复，要求进一步规范走访记录填写。',
    '督导入库申报进度，核实企业统计报表填报情况，未发现数据异常，提醒按时报送月度数据。',
  ],
  other: [
    '陪同县领导调研企业生产经营情况，企业汇报了技改项目进展和明年的产能扩张计划。',
    '走访了解企业安全生产和环保设施运行情况，现场未发现明显问题，提醒做好冬季防火防冻工作。',
  ],
};

const VOID_REASONS = ['企业名称选错，已重新登记', '与同日走访重复登记', '走访日期填错，已重新登记'];

function fill(text: string, rand: () => number, month: number): string {
  const pick = (lo: number, hi: number) => String(Math.round(lo + rand() * (hi - lo)));
  return text
    .replaceAll('{month}', String(Math.max(1, month - 1)))
    .replaceAll('{next}', String(Math.min(12, month + 1)))
    .replaceAll('{amount}', pick(80, 900))
    .replaceAll('{total}', pick(1800, 4200))
    .replaceAll('{growth}', pick(6, 35))
    .replaceAll('{decline}', pick(12, 38))
    .replaceAll('{workers}', pick(35, 260))
    .replaceAll('{hire}', pick(8, 40))
    .replaceAll('{power}', pick(3, 60));
}

/** Who visits, how often (weights), and the purposes they use most. */
const RECORDERS: { username: string; weight: number; purposes: readonly VisitPurpose[] }[] = [
  { username: 'xiushui', weight: 18, purposes: ['survey', 'policy', 'declaration', 'relief', 'survey'] },
  { username: 'xiushui-shenhe', weight: 6, purposes: ['survey', 'declaration'] },
  { username: 'nanlou', weight: 13, purposes: ['survey', 'policy', 'retention', 'relief'] },
  { username: 'nanlou-shenhe', weight: 5, purposes: ['survey', 'declaration'] },
  { username: 'gongxin', weight: 18, purposes: ['policy', 'survey', 'declaration', 'retention', 'relief'] },
  { username: 'gongxin-shenhe', weight: 5, purposes: ['survey', 'policy'] },
  { username: 'kaifaqu', weight: 12, purposes: ['survey', 'policy', 'declaration', 'relief'] },
  { username: 'kaifaqu-shenhe', weight: 4, purposes: ['survey'] },
  { username: 'nengyuan', weight: 9, purposes: ['survey', 'retention', 'relief', 'policy'] },
  {
    username: 'zhongxin',
    weight: 10,
    purposes: ['supervision', 'declaration', 'retention', 'other', 'policy'],
  },
];

function inScope(user: DemoUser, firm: LeadRow): boolean {
  if (user.unit.kind === 'township') return firm.townshipId === user.unit.id;
  if (user.unit.kind === 'department' || user.unit.kind === 'zone')
    return firm.supervisingUnitId === user.unit.id;
  return true;
}

export async function seedDemoVisits(db: Db, input: DemoVisitsInput): Promise<DemoVisitsResult> {
  const { users, now } = input;
  const today = chinaDate(now);
  const year = currentPlanYear(now);
  const result: DemoVisitsResult = { leads: 0, withoutLead: 0, visits: 0, voided: 0 };
  const byName = new Map(users.map((u) => [u.username, u]));
  const centre = byName.get('zhongxin');
  if (!centre) return result;
  const rand = generator(year * 7919);

  // ---- leads, assigned in January (or today, early in the year)
  const leadDay = today < `${year}-01-20` ? today : `${year}-01-20`;
  const centreCtx = demoUserContext(centre, at(leadDay, 10, now));
  const { items: firms } = await listAllLeads(db, centreCtx, { year });
  if (firms.length === 0) return result;
  const chosen = firms.filter((_, i) => i % 10 !== 6);
  result.withoutLead = firms.length - chosen.length;
  const leadUnits = new Set(
    users.filter((u) => u.role === 'township' || u.role === 'department').map((u) => u.unit.id),
  );
  const viaAccount = chosen.filter((f) => leadUnits.has(f.suggested.unitId));
  for (let i = 0; i < viaAccount.length; i += 500) {
    const r = await assignSuggestedLeads(
      db,
      centreCtx,
      viaAccount.slice(i, i + 500).map((f) => f.enterpriseId),
    );
    result.leads += r.assigned;
  }
  const named = new Map<number, string>();
  for (const f of chosen.filter((x) => !leadUnits.has(x.suggested.unitId))) {
    if (!named.has(f.suggested.unitId))
      named.set(f.suggested.unitId, NAMED_LEADS[named.size % NAMED_LEADS.length]!);
    await assignLead(db, centreCtx, f.enterpriseId, {
      leadUnitId: f.suggested.unitId,
      leadName: named.get(f.suggested.unitId)!,
      leadPhone: `0353-60${String(2000 + named.size * 37).padStart(5, '0')}`,
    });
    result.leads++;
  }

  // ---- visits from January up to today
  const yearStart = `${year}-01-01`;
  const calendar = await loadWorkdayCalendar(db);
  /** The working day on or after `date` within the year up to today, else the one before. */
  const workdayNear = (date: string): string => {
    for (let d = date; d <= today; d = addDays(d, 1)) if (isWorkday(calendar, d)) return d;
    for (let d = date; d >= yearStart; d = addDays(d, -1)) if (d <= today && isWorkday(calendar, d)) return d;
    return today;
  };
  const span = Math.max(1, daysBetween(yearStart, today));
  const target = Math.max(10, Math.round(210 * Math.min(1, span / 334)));
  const recorders = RECORDERS.flatMap((r) => {
    const user = byName.get(r.username);
    const pool = user ? firms.filter((f) => inScope(user, f)) : [];
    return user && pool.length > 0 ? [{ ...r, user, pool }] : [];
  });
  if (recorders.length === 0) return result;
  const totalWeight = recorders.reduce((s, r) => s + r.weight, 0);
  const pickRecorder = () => {
    let x = rand() * totalWeight;
    for (const r of recorders) {
      x -= r.weight;
      if (x <= 0) return r;
    }
    return recorders.at(-1)!;
  };
  const unitByCode = new Map(users.map((u) => [u.unit.code.slice(6), u.unit]));

  interface Planned {
    day: string;
    user: DemoUser;
    firm: LeadRow;
    purpose: VisitPurpose;
    companion: boolean;
  }
  const planned: Planned[] = [];
  for (let i = 0; i < target; i++) {
    const r = pickRecorder();
    // Spread over the year on working days (the Chinese calendar, 调休 included).
    const day = workdayNear(addDays(yearStart, Math.min(span, Math.floor(((i + rand()) * span) / target))));
    const firm = r.pool[Math.floor(rand() * r.pool.length)]!;
    const atRisk = firm.libraries.some((l) => l.library === 'atRisk');
    const purpose =
      atRisk && rand() < 0.5 ? 'retention' : r.purposes[Math.floor(rand() * r.purposes.length)]!;
    planned.push({ day, user: r.user, firm, purpose, companion: rand() < 0.09 });
  }
  // A few firms visited by their township and their supervising department within a week.
  const pairs = recorders.filter((r) => r.user.unit.kind === 'township');
  for (let k = 0; k < 6 && pairs.length > 0; k++) {
    const t = pairs[k % pairs.length]!;
    const firm = t.pool[Math.floor(rand() * t.pool.length)]!;
    const dept = recorders.find(
      (r) => r.user.unit.id === firm.supervisingUnitId && !r.user.username.endsWith('-shenhe'),
    );
    if (!dept) continue;
    const first = workdayNear(addDays(today, -Math.floor(3 + rand() * 40) - k * 11));
    if (first < yearStart) continue;
    planned.push({ day: first, user: dept.user, firm, purpose: 'survey', companion: false });
    const second = workdayNear(addDays(first, 2 + Math.floor(rand() * 4)));
    if (second <= today && second > first)
      planned.push({ day: second, user: t.user, firm, purpose: 'policy', companion: false });
  }
  planned.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  const recorded: { id: number; user: DemoUser; day: string }[] = [];
  for (const [i, p] of planned.entries()) {
    const ctx = demoUserContext(p.user, at(p.day, 16 + (i % 3), now));
    const officials: { userId?: number; name: string; unitId: number }[] = [
      { userId: p.user.id, name: leadNameOf(p.user.displayName), unitId: p.user.unit.id },
    ];
    if (p.companion) {
      // The township's visit with the firm's supervising department, or the department's with the centre.
      const otherCode = p.user.unit.kind === 'township' ? null : 'C01';
      const other =
        otherCode === null
          ? { id: p.firm.supervisingUnitId, name: p.firm.supervisingUnitName }
          : unitByCode.get(otherCode);
      const code = [...unitByCode.entries()].find(([, u]) => u.id === other?.id)?.[0];
      const name = code ? COMPANIONS[code] : undefined;
      if (other && name && other.id !== p.user.unit.id) officials.push({ name, unitId: other.id });
    }
    const findings = FINDINGS[p.purpose];
    const text = fill(findings[Math.floor(rand() * findings.length)]!, rand, Number(p.day.slice(5, 7)));
    const visit = await recordVisit(db, ctx, {
      enterpriseId: p.firm.enterpriseId,
      visitedOn: p.day,
      purpose: p.purpose,
      findings: text,
      officials,
    });
    recorded.push({ id: visit.id, user: p.user, day: p.day });
    result.visits++;
  }
  // A few recorded in error, voided by the recording unit the next working day.
  for (let k = 0; k < 4 && recorded.length > 20; k++) {
    const v = recorded[Math.floor((k + 0.5) * (recorded.length / 4))]!;
    const next = workdayNear(addDays(v.day, 1));
    await voidVisit(
      db,
      demoUserContext(v.user, next > v.day ? at(next, 9, now) : at(v.day, 18, now)),
      v.id,
      VOID_REASONS[k % VOID_REASONS.length]!,
    );
    result.voided++;
  }
  return result;
}
