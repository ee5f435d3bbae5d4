// The demo's 稳规 help and 督导: help plans for most of this year's 临退规 firms (one left without, one review
// overdue) and for last year's, closed at the year's end so the year-close view shows who stayed and who
// left; and the centre's supervisions of townships and departments this year with rectification items, some
// closed by their owner units, one supervision confirmed closed by the centre. Everything goes through the
// help-plan and supervision services as the demo users, dated back from today. Deterministic for a given today.
import {
  addDays,
  chinaDate,
  chinaDayStart,
  currentPlanYear,
  daysBetween,
  type HelpOutcome,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { AtRiskRow } from '../help-plan/help-plan.repository.js';
import { listAtRiskFirms } from '../help-plan/help-plan.repository.js';
import {
  closeHelpPlan,
  createHelpPlan,
  listHelpPlans,
  reviewHelpPlan,
} from '../help-plan/help-plan.service.js';
import {
  closeSupervision,
  closeSupervisionItem,
  createSupervision,
} from '../supervision/supervision.service.js';
import { type DemoUser, demoUserContext } from './demo-declarations.js';

export interface DemoHelpInput {
  users: readonly DemoUser[];
  now: Date;
}

export interface DemoHelpResult {
  plans: number;
  reviews: number;
  supervisions: number;
}

const MEASURES = [
  '协调供电公司办理变压器增容，解决二期生产线用电瓶颈；对接县农商行办理流动资金贷款续贷500万元；组织参加省中小企业产销对接会，帮助拓展订单。',
  '帮助企业申报省级技术改造专项资金；协调税务部门落实增值税留抵退税；包联干部每月上门了解产值和订单变化。',
  '对接下游钢铁企业签订年度供货协议；协调交通部门解决运输车辆进出厂道路问题；指导企业按时规范报送统计报表。',
  '协调人社部门举办专场招聘会，解决一线用工缺口约40人；对接银行开展“银税互动”信用贷款；指导企业完善统计台账和原始记录。',
  '协调自然资源部门办理扩建用地手续；帮助企业对接太原理工大学开展新产品研发；落实稳岗返还和社保补贴政策。',
  '协调生态环境部门指导完成超低排放改造，避免采暖季限产；对接县融资担保公司提供担保；帮助企业拓展省外销售渠道。',
];

const REVIEW_NOTES: Record<HelpOutcome, readonly string[]> = {
  improving: [
    '变压器增容已完成送电，生产线满负荷运行，当月产值环比增长18%，订单排产至年底。',
    '续贷资金已到位，原材料采购恢复正常，月营业收入回升至200万元以上。',
    '新签两家省外客户，订单量明显回升，预计全年营业收入可稳定在规上标准以上。',
  ],
  stable: [
    '订单量与上月基本持平，企业正在洽谈新客户，包联干部继续跟踪。',
    '用工缺口已补齐大半，产能利用率约七成，营业收入与去年同期持平。',
  ],
  worsening: [
    '主要客户压减采购，当月营业收入同比下降25%，已协调参加产销对接会。',
    '受原材料价格上涨影响利润下滑，企业计划阶段性减产，需重点关注。',
  ],
  resolved: ['前三季度累计营业收入已超过规上标准，经研判风险基本解除。'],
};

/** Outcomes of the reviews of a plan, in turn: mostly getting better, one firm worsening. */
const OUTCOME_PATHS: readonly (readonly HelpOutcome[])[] = [
  ['stable', 'improving', 'improving'],
  ['worsening', 'stable'],
  ['improving', 'resolved'],
  ['stable', 'worsening', 'stable'],
];

/** The demo's users who act for a unit: the township or department official, else the centre. */
function actorFor(users: readonly DemoUser[], unitIds: number[], centre: DemoUser): DemoUser {
  for (const id of unitIds) {
    const u = users.find((x) => x.unit.id === id && (x.role === 'township' || x.role === 'department'));
    if (u) return u;
  }
  return centre;
}

export async function seedDemoHelp(db: Db, input: DemoHelpInput): Promise<DemoHelpResult> {
  const { users, now } = input;
  const today = chinaDate(now);
  const year = currentPlanYear(now);
  const centre = users.find((u) => u.role === 'centre');
  if (!centre) return { plans: 0, reviews: 0, supervisions: 0 };
  const yearStart = `${year}-01-04`;
  /** 10 a.m. of a China day, never after now. */
  const at = (day: string, hour = 10) =>
    new Date(Math.min(now.getTime(), chinaDayStart(day).getTime() + hour * 3600_000));
  const ctxOf = (user: DemoUser, day: string, hour = 10) => demoUserContext(user, at(day, hour));
  const whole = { kind: 'subtree' as const, unitId: 0, path: '' };
  const result: DemoHelpResult = { plans: 0, reviews: 0, supervisions: 0 };

  // ---- help plans of a year: firms in id order; the made day, reviews spaced up to `until`.
  const seedPlans = async (
    firms: AtRiskRow[],
    planYear: number,
    from: string,
    until: string,
    current: boolean,
  ) => {
    const made: { id: number; enterpriseId: number; user: DemoUser }[] = [];
    for (const [i, firm] of firms.entries()) {
      // This year the last firm has no plan yet (it shows as 无方案 on the list and, once due, on the to-do).
      if (current && firms.length > 1 && i === firms.length - 1) continue;
      const user = actorFor(users, [firm.townshipId, firm.supervisingUnitId], centre);
      const span = Math.max(0, daysBetween(from, until));
      const madeOn = addDays(from, Math.min(span, 7 + ((i * 23) % 40)));
      const path = OUTCOME_PATHS[i % OUTCOME_PATHS.length]!;
      const reviews = Math.min(path.length, Math.max(0, Math.floor(daysBetween(madeOn, until) / 30)));
      const gap = reviews > 0 ? Math.floor(daysBetween(madeOn, until) / (reviews + 1)) : 30;
      const firstReview = addDays(madeOn, gap);
      const plan = await createHelpPlan(db, ctxOf(user, madeOn), {
        enterpriseId: firm.enterpriseId,
        year: planYear,
        ownerUnitId: user.unit.id,
        ownerUserId: user.id,
        ownerName: user.displayName.replace(/（.*$/, ''),
        measures: MEASURES[(firm.enterpriseId + i) % MEASURES.length]!,
        reviewOn: firstReview > madeOn ? firstReview : addDays(madeOn, 30),
      });
      result.plans++;
      for (let k = 0; k < reviews; k++) {
        const reviewedOn = addDays(madeOn, gap * (k + 1));
        const outcome = path[k]!;
        const notes = REVIEW_NOTES[outcome];
        const last = k === reviews - 1;
        // One plan of this year is left with its review overdue; the others are due again in two to four weeks.
        const next = last
          ? current && i === 0
            ? addDays(today, -4)
            : addDays(current ? today : reviewedOn, 14 + ((i * 7) % 15))
          : addDays(reviewedOn, gap);
        await reviewHelpPlan(db, ctxOf(user, reviewedOn, 15), plan.plan.id, {
          reviewedOn,
          outcome,
          note: notes[(i + k) % notes.length]!,
          nextReviewOn: next > reviewedOn ? next : addDays(reviewedOn, 14),
        });
        result.reviews++;
      }
      made.push({ id: plan.plan.id, enterpriseId: firm.enterpriseId, user });
    }
    return made;
  };

  // This year's at-risk firms (the library as it stands today).
  const current = (await listAtRiskFirms(db, whole, { year })).sort(
    (a, b) => a.enterpriseId - b.enterpriseId,
  );
  if (daysBetween(yearStart, today) >= 0)
    await seedPlans(
      current,
      year,
      yearStart,
      addDays(today, -1) < yearStart ? today : addDays(today, -1),
      true,
    );

  // Last year's, closed at its end with what became of each firm (the year-close view).
  const past = (await listAtRiskFirms(db, whole, { year: year - 1 })).sort(
    (a, b) => a.enterpriseId - b.enterpriseId,
  );
  const made = await seedPlans(
    past.filter((_, i) => i % 5 !== 4),
    year - 1,
    `${year - 1}-02-20`,
    `${year - 1}-12-10`,
    false,
  );
  if (made.length > 0) {
    const closing = `${year - 1}-12-28`;
    const rows = await listHelpPlans(db, ctxOf(centre, today), {
      year: year - 1,
      page: 1,
      pageSize: 200,
    });
    const resultOf = new Map(rows.items.map((r) => [r.enterpriseId, r.result]));
    for (const p of made)
      await closeHelpPlan(
        db,
        ctxOf(p.user, closing, 16),
        p.id,
        resultOf.get(p.enterpriseId) === 'left'
          ? '全年营业收入低于规上标准，年度核定后退库；企业转入培育库，继续跟踪扶持再升规。'
          : '全年营业收入保持在规上标准以上，年度帮扶结束。',
      );
  }

  // ---- 督导: the centre's supervisions this year, each with rectification items.
  const byUser = (name: string) => users.find((u) => u.username === name);
  const plans = [
    {
      unit: 'xiushui',
      daysAgo: 120,
      findings:
        '秀水镇临退规企业帮扶方案制定不及时，2家企业进入临退规库超过5个工作日仍无方案；部分企业走访记录未上传佐证材料；统计台账更新滞后。',
      items: [
        ['两周内补齐临退规企业帮扶方案并录入系统', null, 14],
        ['补传上半年走访照片和签到表', null, 20],
        ['工信局配合核实辖区企业用电和开票数据', 'gongxin', 30],
      ],
    },
    {
      unit: 'gongxin',
      daysAgo: 75,
      findings:
        '县工信局对培育库企业政策宣讲覆盖率偏低，部分企业反映技改资金申报流程不清楚；诉求办理答复不够及时。',
      items: [
        ['组织培育库企业技改资金申报专题培训', null, 30],
        ['梳理超期未答复的企业诉求并逐一回复', null, 15],
      ],
    },
    {
      unit: 'nanlou',
      daysAgo: 40,
      findings:
        '南娄镇对临规企业跟踪不到位，3家企业月度数据未按时核实；入库申报材料准备不充分，存在退回风险。',
      items: [
        ['建立临规企业月度数据核实台账', null, 20],
        ['对拟申报企业逐户开展材料预审', null, 25],
        ['包联干部每月至少走访临规企业一次', null, 60],
      ],
    },
    {
      unit: 'nengyuan',
      daysAgo: 12,
      findings: '县能源局对煤矿企业停产、半停产情况掌握不及时，未及时报送临退规风险。',
      items: [
        ['建立煤矿企业生产状态月报制度', null, 20],
        ['对半停产煤矿企业逐户制定稳产措施', null, 30],
      ],
    },
  ] as const;
  const CLOSURE_NOTES = [
    '已按要求完成整改，相关台账和佐证材料已上传。',
    '已逐一落实，形成整改清单报中心备案。',
    '已完成，建立长效机制，每月跟踪。',
  ];
  for (const [n, s] of plans.entries()) {
    const supervised = byUser(s.unit);
    const heldOn = addDays(today, -s.daysAgo);
    if (!supervised || heldOn < yearStart) continue;
    const detail = await createSupervision(db, ctxOf(centre, heldOn, 16), {
      unitId: supervised.unit.id,
      heldOn,
      findings: s.findings,
      items: s.items.map(([description, owner, dueIn]) => {
        const ownerUser = owner ? byUser(owner) : supervised;
        return {
          description,
          ownerUnitId: ownerUser?.unit.id ?? supervised.unit.id,
          ownerName: (ownerUser ?? supervised).displayName.replace(/（.*$/, ''),
          dueOn: addDays(heldOn, dueIn),
        };
      }),
    });
    result.supervisions++;
    // Items due long enough ago are reported rectified by their owner a few days before the deadline; the
    // most recent supervision is still being worked on, and one item of the second is left overdue.
    for (const [k, item] of detail.itemList.entries()) {
      const closeOn = addDays(item.dueOn, -3);
      if (closeOn >= today || (n === 1 && k === detail.itemList.length - 1)) continue;
      const owner = users.find((u) => u.unit.id === item.ownerUnitId && u.role !== 'centre') ?? centre;
      await closeSupervisionItem(
        db,
        ctxOf(owner, closeOn, 11),
        detail.id,
        item.id,
        CLOSURE_NOTES[(n + k) % 3]!,
      );
    }
    // The oldest one, fully rectified, is confirmed closed by the centre.
    if (n === 0) {
      const lastDue = detail.itemList
        .map((i) => i.dueOn)
        .sort()
        .at(-1)!;
      const confirmOn = addDays(lastDue, 2);
      if (confirmOn < today) await closeSupervision(db, ctxOf(centre, confirmOn, 17), detail.id);
    }
  }
  return result;
}
