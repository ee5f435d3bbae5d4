// The demo's year of requests (诉求): raised by the township and department users on firms of their scope
// in this year's libraries, routed by the centre, answered by the owner units and evaluated by the officials
// who raised them — every step through the request service, as the user on the day it happened, so the
// deadlines are the working-day calendar's and the lights are what a county would see today. Most requests
// are closed and evaluated; some were returned and rerouted, two were found unsolvable; the recent ones are
// open, a handful overdue (red: one unit never accepted, others missed the close), a couple near a deadline.
//
// Deterministic for a given today: the firms in id order, a seeded generator, the dates counted back from today.
import {
  addDays,
  addWorkdays,
  chinaDate,
  chinaDayStart,
  isWorkday,
  type Satisfaction,
  type WorkdayCalendar,
} from '@shenggui/domain';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { enterprises, orgUnits } from '../../db/schema.js';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { AppError } from '../../platform/errors.js';
import { raiseRequest, type StepInput, stepRequest } from '../request/request.service.js';
import { loadWorkdayCalendar } from '../service/service-settings.js';
import { type DemoUser, demoUserContext } from './demo-declarations.js';

export interface DemoRequestsInput {
  users: readonly DemoUser[];
  now: Date;
}

export interface DemoRequestsResult {
  created: number;
  states: Record<string, number>;
}

// ---------------------------------------------------------------- what firms ask
interface Ask {
  title: string;
  detail: string;
  reply: string;
  answer: string;
}

const ASKS: Record<string, readonly Ask[]> = {
  power: [
    {
      title: '新增生产线需增容至1250千伏安',
      detail: '企业新上两条注塑生产线，设备已进场，现有630千伏安变压器满负荷运行，申请协调供电公司尽快增容。',
      reply: '已会同供电公司现场踏勘，增容方案已报批，预计两周内施工。',
      answer: '增容工程已完工送电，新生产线正常投产。',
    },
    {
      title: '夏季高峰时段频繁限电影响连续生产',
      detail: '7月以来每周限电两到三次，熔炼炉中途停炉造成废品，请协调错峰用电方案或专线保障。',
      reply: '已将企业纳入重点保障用户名单，正在核定错峰时段。',
      answer: '已纳入迎峰度夏重点保障名单，限电期间保障基本负荷，企业连续生产未再中断。',
    },
    {
      title: '申请电力外线工程费用分摊政策',
      detail: '新厂区外线工程报价较高，企业咨询能否享受“三零”“三省”办电政策，由供电公司投资到红线。',
      reply: '已向供电公司核实企业报装容量，符合低压接入延伸条件。',
      answer: '供电公司投资建设至厂区红线，企业节省外线费用约40万元。',
    },
    {
      title: '天然气供气压力不足影响窑炉温度',
      detail: '冬季用气高峰期管网末端压力偏低，隧道窑温度达不到工艺要求，请协调燃气公司调压。',
      reply: '燃气公司已安排在厂区入口加装调压设备，正在施工。',
      answer: '调压设备投运，供气压力稳定，窑炉温度恢复正常。',
    },
    {
      title: '光伏项目并网手续办理缓慢',
      detail: '企业屋顶分布式光伏已建成一个多月，并网验收迟迟未排期，请协调加快办理。',
      reply: '已督促供电公司排期，本周内完成并网验收。',
      answer: '光伏项目已完成并网验收，正常发电。',
    },
  ],
  land: [
    {
      title: '扩建厂房用地指标需求',
      detail: '企业订单增长，拟在现厂区东侧扩建8000平方米厂房，咨询用地指标和规划调整程序。',
      reply: '已对接规划部门，东侧地块属工业用地，可按程序办理。',
      answer: '已指导企业完成用地预审申请，地块纳入本年度供地计划。',
    },
    {
      title: '厂区道路与周边村民通行纠纷',
      detail: '厂区新修道路与村民田间道交叉，部分村民阻挡车辆通行，影响原料进厂，请协调解决。',
      reply: '镇村两级已召集企业与村民代表座谈，初步达成通行方案。',
      answer: '签订道路共用协议，企业出资硬化田间道，通行恢复正常。',
    },
    {
      title: '历史遗留厂房不动产登记办理',
      detail: '企业2009年建成的厂房因当时手续不全至今未办理不动产证，影响融资抵押，请帮助协调补办。',
      reply: '已梳理所缺材料清单，正协调相关部门联合会审。',
      answer: '经联合会审补齐手续，不动产权证已发放。',
    },
    {
      title: '仓储用地租赁期满续租协调',
      detail: '企业租用的村集体仓储用地年底到期，村委会拟收回另作他用，企业希望续租三年。',
      reply: '已与村委会沟通，正在研究续租条件。',
      answer: '村委会同意续租三年，合同已签订。',
    },
  ],
  finance: [
    {
      title: '流动资金贷款到期续贷困难',
      detail:
        '企业500万元流动资金贷款下月到期，银行要求先还后贷，企业短期资金周转困难，申请协调续贷或转贷资金。',
      reply: '已推荐企业申请县转贷应急资金，正在审核材料。',
      answer: '通过县转贷应急资金完成续贷，企业节省过桥费用约6万元。',
    },
    {
      title: '设备购置申请技改贷款贴息',
      detail: '企业购置数控加工中心等设备投资1200万元，咨询技改贷款贴息政策及申报条件。',
      reply: '已向企业解读贴息政策，指导准备申报材料。',
      answer: '企业技改项目已纳入贴息名单，按规定享受贷款贴息。',
    },
    {
      title: '首贷难，缺少抵押物',
      detail: '企业为轻资产运营，无土地厂房可抵押，银行授信困难，请帮助对接信用贷款产品。',
      reply: '已组织两家银行上门对接，正在进行授信调查。',
      answer: '银行以“专精特新贷”发放信用贷款200万元。',
    },
    {
      title: '应收账款回款慢，申请供应链融资',
      detail: '企业对下游国有企业应收账款较多，账期长，咨询应收账款质押融资渠道。',
      reply: '已协助企业在中征应收账款融资服务平台注册。',
      answer: '企业通过应收账款质押获得融资150万元。',
    },
  ],
  labour: [
    {
      title: '旺季一线操作工缺口约60人',
      detail: '企业新增订单，一线操作工缺口约60人，自行招聘效果不好，请协助组织专场招聘。',
      reply: '已将企业岗位纳入本月专场招聘会。',
      answer: '专场招聘会现场达成意向42人，已到岗35人。',
    },
    {
      title: '技术工人技能培训补贴申领',
      detail: '企业组织焊工、电工岗位技能培训，咨询职业技能培训补贴申领流程。',
      reply: '已告知申领条件，指导企业整理培训台账。',
      answer: '培训补贴已申领到位。',
    },
    {
      title: '外地员工子女入学协调',
      detail: '企业引进的12名外地技术骨干子女需在本地就读，请协调就近入学。',
      reply: '已与教育部门对接，正在统筹学位。',
      answer: '12名员工子女已全部安排就近入学。',
    },
  ],
  approval: [
    {
      title: '扩建项目环评审批进度咨询',
      detail: '企业扩建项目环评报告已报送两个月，请协调加快审批，以免影响项目开工。',
      reply: '已与审批部门对接，报告正在技术评估。',
      answer: '环评批复已下达，项目按期开工。',
    },
    {
      title: '安全生产许可证延期办理',
      detail: '企业安全生产许可证三个月后到期，咨询延期所需材料，希望提前预审。',
      reply: '已安排专人指导企业准备延期材料。',
      answer: '许可证延期手续已办结。',
    },
    {
      title: '新建厂房施工许可并联审批',
      detail: '企业新建厂房已取得规划许可，申请施工许可与消防设计审查并联办理。',
      reply: '已纳入并联审批，正在组织联合审查。',
      answer: '施工许可证已核发，较常规流程提前10个工作日。',
    },
  ],
  policy: [
    {
      title: '首次升规奖励资金兑现',
      detail: '企业去年首次纳入规模以上工业企业，按县里政策应享受升规奖励，咨询兑现时间。',
      reply: '已核实企业入库情况，奖励资金已列入本批拨付计划。',
      answer: '升规奖励资金已拨付到企业账户。',
    },
    {
      title: '研发费用加计扣除政策辅导',
      detail: '企业今年研发投入增加，希望了解研发费用加计扣除的归集口径和申报方式。',
      reply: '已联系税务部门安排上门辅导。',
      answer: '税务部门已上门辅导，企业按季度预缴享受加计扣除。',
    },
    {
      title: '专精特新企业认定申报指导',
      detail: '企业拟申报省级专精特新中小企业，请对照条件进行评估并指导申报材料。',
      reply: '已对照认定条件逐项评估，指导补充知识产权材料。',
      answer: '企业申报材料已按期报送，通过县级初审推荐。',
    },
    {
      title: '稳岗返还资金未到账',
      detail: '企业符合稳岗返还条件，名单公示已过一个月，资金尚未到账，请帮助查询。',
      reply: '已向人社部门查询，资金在拨付流程中。',
      answer: '稳岗返还资金已到账。',
    },
  ],
  market: [
    {
      title: '产品进入政府采购目录咨询',
      detail: '企业生产的节能型产品希望进入政府采购目录，咨询申报渠道。',
      reply: '已提供申报指引并推荐参加产销对接会。',
      answer: '企业参加县产销对接会，与两家本地单位签订供货意向。',
    },
    {
      title: '组织参加省内产销对接活动',
      detail: '企业希望拓展省内市场，请推荐参加省工信厅组织的产销对接活动。',
      reply: '已将企业报名省级产销对接会。',
      answer: '企业参加产销对接会，签订合同约300万元。',
    },
  ],
  other: [
    {
      title: '厂区周边路灯和排水设施损坏',
      detail: '厂区门口道路路灯损坏、雨季排水不畅，夜间倒班员工出行不便，请协调维修。',
      reply: '已安排镇建设办实地查看，列入维修计划。',
      answer: '路灯和排水设施已维修完成。',
    },
    {
      title: '员工通勤班车站点设置',
      detail: '企业员工多住县城，希望协调公交公司在工业园区增设站点。',
      reply: '已与公交公司沟通，正在调整线路方案。',
      answer: '公交公司已增设园区站点，早晚高峰加密班次。',
    },
  ],
};

const RETURN_REASONS = [
  '该事项不属本单位职责，建议改派相关部门办理。',
  '企业诉求涉及跨部门事项，本单位无法牵头，请中心重新分派。',
];
const UNSOLVABLE_REASONS = [
  '企业拟扩建地块位于永久基本农田范围内，现阶段无法调整规划，已向企业解释并建议另行选址。',
  '企业要求的补贴不符合现行政策条件，已向企业说明政策依据，待新政策出台后再行对接。',
];
const UNSATISFIED_NOTES = ['办理时间偏长，企业希望提高效率', '问题只解决了一部分，企业仍有顾虑'];
const BASIC_NOTES = ['问题基本解决', '办理及时，但后续仍需跟进'];

// ---------------------------------------------------------------- the year's plan
type Script =
  /** Closed and (unless resolved in the last days) evaluated; `late` resolves after the close deadline. */
  | { kind: 'closed'; raisedOn: string; late: boolean }
  | { kind: 'rerouted'; raisedOn: string }
  | { kind: 'unsolvable'; raisedOn: string }
  /** Open at today: how far it got. */
  | {
      kind: 'open';
      raisedOn: string;
      upTo: 'submitted' | 'pending' | 'accepted' | 'replied' | 'resolved';
      noUser?: boolean;
    };

/** A seeded generator (mulberry32): the same year every time for the same today. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The working day `n` working days before `date`. */
function workdaysBack(cal: WorkdayCalendar, date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkday(cal, d)) left -= 1;
  }
  return d;
}

function plan(cal: WorkdayCalendar, today: string, rand: () => number): Script[] {
  const year = today.slice(0, 4);
  const first = addWorkdays(cal, `${year}-01-04`, 0);
  const lastClosed = workdaysBack(cal, today, 16);
  const out: Script[] = [];
  // The open ones, counted back from today: red (overdue), yellow (due today or next), green.
  const open: Array<[number, Extract<Script, { kind: 'open' }>['upTo'], boolean?]> = [
    [22, 'replied'], // close deadline long past
    [15, 'replied'], // close deadline just past
    [13, 'accepted'], // never replied, close past
    [7, 'pending', true], // routed to a unit that never accepted
    [5, 'pending', true],
    [6, 'accepted'], // reply deadline past
    [3, 'accepted'], // reply due today: yellow
    [2, 'accepted'], // reply due next working day: yellow
    [10, 'resolved'], // resolved, waiting for the raiser to record the firm's evaluation
    [8, 'resolved'],
    [6, 'replied'],
    [4, 'replied'],
    [3, 'replied'],
    [1, 'pending'],
    [0, 'submitted'],
  ];
  for (const [back, upTo, noUser] of open) {
    const raisedOn = workdaysBack(cal, today, back);
    if (raisedOn >= first) out.push({ kind: 'open', raisedOn, upTo, ...(noUser ? { noUser } : {}) });
  }
  if (lastClosed <= first) return out;
  // The closed ones, spread over the year up to three weeks ago.
  const span = Math.max(
    1,
    Math.round((chinaDayStart(lastClosed).getTime() - chinaDayStart(first).getTime()) / 86_400_000),
  );
  const closedCount = Math.max(4, Math.min(64, Math.round(span / 5)));
  for (let i = 0; i < closedCount; i++) {
    const day = addWorkdays(cal, addDays(first, Math.floor((span * i) / closedCount + rand() * 3)), 0);
    if (day > lastClosed) continue;
    const r = rand();
    if (i % 19 === 7) out.push({ kind: 'rerouted', raisedOn: day });
    else if (i === Math.floor(closedCount / 3) || i === Math.floor((closedCount * 3) / 4))
      out.push({ kind: 'unsolvable', raisedOn: day });
    else out.push({ kind: 'closed', raisedOn: day, late: r < 0.12 });
  }
  return out;
}

// ---------------------------------------------------------------- firms, raisers, owners
interface Firm {
  id: number;
  townshipId: number;
  supervisingUnitId: number;
}

const RAISERS = [
  'xiushui',
  'nanlou',
  'gongxin',
  'kaifaqu',
  'xiushui-shenhe',
  'nanlou-shenhe',
  'gongxin-shenhe',
];
const CATEGORIES = [
  'power',
  'finance',
  'land',
  'policy',
  'labour',
  'approval',
  'power',
  'finance',
  'market',
  'other',
];

export async function seedDemoRequests(db: Db, input: DemoRequestsInput): Promise<DemoRequestsResult> {
  const { now, users } = input;
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const cal = await loadWorkdayCalendar(db);
  const rand = generator(year * 7919 + Number(today.slice(5, 7)) * 31 + Number(today.slice(8, 10)));
  const result: DemoRequestsResult = { created: 0, states: {} };

  const members = await db
    .selectDistinct({
      id: enterprises.id,
      townshipId: enterprises.townshipId,
      supervisingUnitId: enterprises.supervisingUnitId,
    })
    .from(libraryMemberships)
    .innerJoin(enterprises, eq(enterprises.id, libraryMemberships.enterpriseId))
    .where(and(eq(libraryMemberships.year, year), isNull(libraryMemberships.leftAt)))
    .orderBy(asc(enterprises.id));
  const units = await db.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits);
  const unitId = (suffix: string) => units.find((u) => u.code.endsWith(suffix) && u.code.length === 9)?.id;
  const byName = (username: string) => users.find((u) => u.username === username);
  const centre = byName('zhongxin');
  if (!centre) return result;

  // Each raiser's firms (in its scope), taken in turn so no firm is asked about too often.
  const raisers = RAISERS.map(byName)
    .filter((u): u is DemoUser => !!u)
    .map((u) => ({
      user: u,
      firms: members.filter((f: Firm) =>
        u.unit.kind === 'township' ? f.townshipId === u.unit.id : f.supervisingUnitId === u.unit.id,
      ),
      next: 0,
    }))
    .filter((r) => r.firms.length > 0);
  if (raisers.length === 0) return result;

  const usersOf = (id: number) =>
    users.filter(
      (u) => u.unit.id === id && u.role !== 'sysadmin' && u.role !== 'secadmin' && u.role !== 'auditor',
    );
  const d01 = unitId('D01');
  const d03 = unitId('D03');
  const d04 = unitId('D04');
  const c01 = centre.unit.id;
  /** Who answers a category for a firm (a unit with a demo user, so the year can run). */
  const ownerFor = (category: string, firm: Firm, i: number): number | undefined => {
    const township = usersOf(firm.townshipId).length > 0 ? firm.townshipId : undefined;
    const zone = usersOf(firm.supervisingUnitId).some((u) => u.unit.kind === 'zone')
      ? firm.supervisingUnitId
      : undefined;
    switch (category) {
      case 'power':
        return d03;
      case 'land':
      case 'other':
        return township ?? c01;
      case 'finance':
      case 'policy':
        return i % 2 ? d01 : c01;
      case 'labour':
        return township ?? c01;
      case 'approval':
        return zone ?? d01;
      default:
        return d01;
    }
  };
  /** The wrong first owner of a rerouted request. */
  const wrongOwner = (right: number | undefined) => (right === d03 ? d01 : d03);

  const scripts = plan(cal, today, rand);
  for (const [i, script] of scripts.entries()) {
    const raiser = raisers[i % raisers.length]!;
    const firm = raiser.firms[raiser.next++ % raiser.firms.length]!;
    let category = CATEGORIES[(i * 7 + Math.floor(rand() * 3)) % CATEGORIES.length]!;
    if (script.kind === 'open' && script.noUser) category = i % 2 ? 'land' : 'approval';
    if (script.kind === 'rerouted') category = i % 2 ? 'power' : 'finance';
    if (script.kind === 'unsolvable') category = i % 2 ? 'land' : 'policy';
    const asks = ASKS[category]!;
    const ask = asks[Math.floor(rand() * asks.length)]!;
    const owner = script.kind === 'open' && script.noUser ? d04 : ownerFor(category, firm, i);
    if (!owner) continue;

    // The steps, each on a working day at an office hour, never after now.
    let cursor = 0;
    let stopped = false;
    const at = (date: string, hour: number): Date | null => {
      const t = Math.max(
        chinaDayStart(date).getTime() + hour * 3_600_000 + Math.floor(rand() * 50) * 60_000,
        cursor + 5 * 60_000,
      );
      if (t > now.getTime()) return null;
      cursor = t;
      return new Date(t);
    };
    const actorOf = (unit: number): DemoUser => {
      const candidates = usersOf(unit);
      return candidates.find((u) => u.id !== raiser.user.id) ?? candidates[0] ?? centre;
    };
    let id = 0;
    let state = 'submitted';
    const step = async (who: DemoUser, date: string, hour: number, s: StepInput) => {
      if (stopped) return;
      const when = at(date, hour);
      if (!when) {
        stopped = true;
        return;
      }
      try {
        state = (await stepRequest(db, demoUserContext(who, when), id, s)).state;
      } catch (err) {
        // A rule refused the step: the request stays where it stands, as it would for a real user.
        if (!(err instanceof AppError)) throw err;
        stopped = true;
      }
    };

    const raisedAt = at(script.raisedOn, 9);
    if (!raisedAt) continue;
    try {
      id = (
        await raiseRequest(db, demoUserContext(raiser.user, raisedAt), {
          enterpriseId: firm.id,
          category,
          title: ask.title,
          detail: ask.detail,
        })
      ).id;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      continue;
    }
    result.created += 1;
    const wd = (from: string, n: number) => addWorkdays(cal, from, n);
    const routedOn =
      script.kind === 'open' && script.upTo === 'submitted'
        ? null
        : rand() < 0.7
          ? script.raisedOn
          : wd(script.raisedOn, 1);
    if (routedOn) {
      if (script.kind === 'rerouted') {
        await step(centre, routedOn, 10, { action: 'route', ownerUnitId: wrongOwner(owner)! });
        const backOn = wd(routedOn, 1);
        await step(actorOf(wrongOwner(owner)!), backOn, 11, {
          action: 'return',
          reason: RETURN_REASONS[i % 2]!,
        });
        await step(centre, backOn, 15, { action: 'route', ownerUnitId: owner });
      } else {
        await step(centre, routedOn, 10, { action: 'route', ownerUnitId: owner });
      }
    }
    const handler = actorOf(owner);
    const base = routedOn ?? script.raisedOn;
    switch (script.kind) {
      case 'closed':
      case 'rerouted': {
        const acceptOn = wd(base, script.kind === 'rerouted' ? 1 : rand() < 0.6 ? 0 : 1);
        await step(handler, acceptOn, 14, { action: 'accept' });
        const replyOn = wd(acceptOn, 1 + Math.floor(rand() * 2));
        await step(handler, replyOn, 10, { action: 'reply', note: ask.reply });
        const late = script.kind === 'closed' && script.late;
        const resolveOn = late
          ? wd(base, 11 + Math.floor(rand() * 4))
          : wd(replyOn, 1 + Math.floor(rand() * 6));
        await step(handler, resolveOn, 16, { action: 'resolve', answer: ask.answer });
        const r = rand();
        const satisfaction: Satisfaction = late
          ? r < 0.5
            ? 'unsatisfied'
            : 'basic'
          : r < 0.68
            ? 'satisfied'
            : r < 0.94
              ? 'basic'
              : 'unsatisfied';
        const note =
          satisfaction === 'unsatisfied'
            ? UNSATISFIED_NOTES[i % 2]
            : satisfaction === 'basic'
              ? BASIC_NOTES[i % 2]
              : undefined;
        // The raiser records the firm's word a few days later (the latest ones are still waiting for it).
        const evaluateOn = addWorkdays(cal, resolveOn, 1 + Math.floor(rand() * 4));
        if (evaluateOn < today)
          await step(raiser.user, evaluateOn, 11, {
            action: 'evaluate',
            satisfaction,
            ...(note ? { note } : {}),
          });
        break;
      }
      case 'unsolvable': {
        const acceptOn = wd(base, 1);
        await step(handler, acceptOn, 14, { action: 'accept' });
        await step(handler, wd(acceptOn, 2), 10, { action: 'reply', note: ask.reply });
        await step(centre, wd(acceptOn, 7), 15, { action: 'unsolvable', reason: UNSOLVABLE_REASONS[i % 2]! });
        break;
      }
      case 'open': {
        if (script.upTo === 'submitted' || script.upTo === 'pending') break;
        const acceptOn = routedOn ?? base;
        await step(handler, acceptOn, 14, { action: 'accept' });
        if (script.upTo === 'accepted') break;
        const replyOn = wd(acceptOn, 2);
        await step(handler, replyOn, 10, { action: 'reply', note: ask.reply });
        if (script.upTo === 'resolved')
          await step(handler, wd(replyOn, 3), 16, { action: 'resolve', answer: ask.answer });
        break;
      }
    }
    result.states[state] = (result.states[state] ?? 0) + 1;
  }
  return result;
}
