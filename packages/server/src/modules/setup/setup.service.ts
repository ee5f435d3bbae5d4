// First-run set-up: the county's organisation from the reference divisions, and with --demo a deterministic
// synthetic population whose figures end with the last complete month before today, the seed's 2024 targets
// and targets for the current year, the current batches' declarations (demo-declarations.ts) and one demo
// account per role.

import { createHash } from 'node:crypto';
import {
  COUNTY_BODIES,
  chinaDate,
  countyUnitSeeds,
  currentPlanYear,
  lastCompletePeriod,
  ROLE_LABELS,
  type Role,
  SEED_CITY_TARGET,
  SEED_SUPERVISING_TARGETS,
  SEED_TERRITORIAL_TARGETS,
  SEED_YEAR,
} from '@shenggui/domain';
import { analyze, type Db } from '../../db/client.js';
import { enterprises, importBatches, scaleStatusHistory } from '../../db/schema.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { insertUser } from '../auth/user.repository.js';
import { type DemoEnterprise, generateDemoPopulation } from '../demo/demo-population.js';
import { freezePastYears, recomputeLibraries } from '../library/library.service.js';
import type { OrgUnitRow } from '../org/org.repository.js';
import { ensureCountyUnits } from '../org/org.service.js';
import { getProgressReport } from '../progress/progress.service.js';
import { insertFirstFactsBulk } from '../revenue/revenue.repository.js';
import { getCountyCode, putSetting } from '../settings/settings.service.js';
import { setTarget } from '../target/target.service.js';
import { type DemoUser, seedDemoDeclarations } from './demo-declarations.js';
import { insertDemoDirectoryEvents } from './demo-directory.js';
import { seedDemoHelp } from './demo-help.js';
import { seedDemoRequests } from './demo-requests.js';
import { seedDemoTraining } from './demo-training.js';
import { seedDemoVisits } from './demo-visits.js';

/** Demo accounts are published on the sign-in page in demo mode only; never created otherwise. */
export const DEMO_PASSWORD = 'Shenggui@2024';
const DEMO_USERS: { username: string; displayName: string; role: Role; unit: string }[] = [
  { username: 'zhongxin', displayName: '王敏（中小企业发展中心）', role: 'centre', unit: 'C01' },
  { username: 'xiushui', displayName: '李强（秀水镇）', role: 'township', unit: '100000' },
  { username: 'nanlou', displayName: '赵磊（南娄镇）', role: 'township', unit: '103000' },
  { username: 'gongxin', displayName: '张伟（县工信局）', role: 'department', unit: 'D01' },
  { username: 'kaifaqu', displayName: '刘洋（县经济技术开发区）', role: 'department', unit: 'Z01' },
  // The energy bureau answers the 用电 requests the centre routes to it (服务工作).
  { username: 'nengyuan', displayName: '钱进（县能源局）', role: 'department', unit: 'D03' },
  { username: 'shuiwu', displayName: '陈静（县税务局）', role: 'tax', unit: 'B01' },
  { username: 'tongji', displayName: '杨帆（县统计局）', role: 'statistics', unit: 'B02' },
  { username: 'lingdao', displayName: '周县长（县政府）', role: 'leader', unit: '000000' },
  { username: 'xitong', displayName: '系统管理员', role: 'sysadmin', unit: 'C01' },
  { username: 'anquan', displayName: '安全管理员', role: 'secadmin', unit: 'C01' },
  { username: 'shenji', displayName: '审计管理员', role: 'auditor', unit: 'C01' },
  // A second person per township, department and zone: whoever prepares a declaration never passes its
  // 乡镇/部门 review (docs/api.md, 入库申报), so each unit has a reviewer of its own.
  { username: 'xiushui-shenhe', displayName: '孙丽（秀水镇，审核）', role: 'township', unit: '100000' },
  { username: 'nanlou-shenhe', displayName: '吴刚（南娄镇，审核）', role: 'township', unit: '103000' },
  { username: 'gongxin-shenhe', displayName: '郑华（县工信局，审核）', role: 'department', unit: 'D01' },
  {
    username: 'kaifaqu-shenhe',
    displayName: '何平（县经济技术开发区，审核）',
    role: 'department',
    unit: 'Z01',
  },
];

export interface InitResult {
  county: string;
  units: number;
  enterprises: number;
  revenueFacts: number;
  users: number;
}

export async function isInitialised(db: Db): Promise<boolean> {
  return (await getCountyCode(db)) !== null;
}

export async function initCounty(
  db: Db,
  ctx: RequestContext,
  opts: { countyCode: string; demo: boolean; onProgress?: (message: string) => void },
): Promise<InitResult> {
  const progress = opts.onProgress ?? (() => {});
  if (!/^\d{6}$/.test(opts.countyCode)) {
    throw new AppError('VALIDATION', '县级区划代码应为6位数字，如 140322', [
      { path: 'county', message: '县级区划代码应为6位数字' },
    ]);
  }
  const existing = await getCountyCode(db);
  if (existing && existing !== opts.countyCode) {
    throw new AppError('CONFLICT', `数据库已初始化为 ${existing}，不能再初始化为 ${opts.countyCode}`);
  }
  if (opts.demo && existing) {
    const any = await db.select({ id: enterprises.id }).from(enterprises).limit(1);
    if (any.length > 0) throw new AppError('CONFLICT', '数据库中已有企业数据，不能再加入演示数据');
  }
  countyUnitSeeds(opts.countyCode); // validates that reference data exists for the county
  const result: InitResult = { county: opts.countyCode, units: 0, enterprises: 0, revenueFacts: 0, users: 0 };
  const today = chinaDate(ctx.now);
  // Filled inside the transaction; the declarations go through their own service after it commits.
  const seeded: { demo?: { population: DemoEnterprise[]; ids: number[]; users: DemoUser[] } } = {};

  await db.transaction(async (tx) => {
    progress('创建组织机构…');
    const units = await ensureCountyUnits(tx, ctx, opts.countyCode);
    result.units = units.length;
    await putSetting(tx, ctx, 'county', opts.countyCode);
    if (!opts.demo) return;

    const byCode = new Map(units.map((u) => [u.code, u]));
    const unit = (suffix: string): OrgUnitRow => {
      const code = `${opts.countyCode}${suffix}`;
      const u = byCode.get(code);
      if (!u) throw new Error(`missing unit ${code}`);
      return u;
    };
    const county = unit('000000');
    const townships = units.filter((u) => u.kind === 'township');

    progress('生成演示企业…');
    const population = generateDemoPopulation({
      countyCode6: opts.countyCode,
      townships: townships.map((t) => ({ code: t.code, name: t.name })),
      lastPeriod: lastCompletePeriod(ctx.now),
    });
    const bodyUnit = (key: string) => {
      const body = COUNTY_BODIES.find((b) => b.key === key);
      if (!body) throw new Error(`unknown body ${key}`);
      return unit(body.suffix);
    };
    const batchRows = await tx
      .insert(importBatches)
      .values({
        kind: 'demo',
        source: null,
        fileName: '演示数据（合成）',
        sha256: createHash('sha256').update(`demo:${opts.countyCode}`).digest('hex'),
        createdBy: null,
        createdAt: ctx.now,
        summary: { enterprises: population.length },
      })
      .returning();
    const batch = batchRows[0]!;

    const ids: number[] = [];
    for (let i = 0; i < population.length; i += 200) {
      const part = population.slice(i, i + 200);
      const rows = await tx
        .insert(enterprises)
        .values(
          part.map((p) => ({
            creditCode: p.creditCode,
            creditCodeFlagged: false,
            name: p.name,
            legalForm: p.legalForm,
            industryCode: p.industryCode,
            countyId: county.id,
            townshipId: byCode.get(p.townshipCode)!.id,
            supervisingUnitId: bodyUnit(p.supervisingKey).id,
            inZone: p.inZone,
            address: p.address,
            foundedOn: p.foundedOn,
            productionStartedOn: p.productionStartedOn,
            contactName: p.contactName,
            contactPhone: p.contactPhone,
            scaleStatus: p.scaleHistory.at(-1)?.status ?? 'below',
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })),
        )
        .returning({ id: enterprises.id });
      ids.push(...rows.map((r) => r.id));
    }
    result.enterprises = ids.length;

    const history = population.flatMap((p, i) =>
      p.scaleHistory.map((h) => ({
        enterpriseId: ids[i]!,
        status: h.status,
        effectivePeriod: h.effectivePeriod,
        reason: h.reason,
        changedBy: null,
        changedAt: ctx.now,
      })),
    );
    for (let i = 0; i < history.length; i += 500)
      await tx.insert(scaleStatusHistory).values(history.slice(i, i + 500));

    progress('写入月度数据…');
    const facts = population.flatMap((p, i) =>
      p.revenue.map((r) => ({
        enterpriseId: ids[i]!,
        period: r.period,
        source: r.source,
        value: r.value.toFixed(2),
      })),
    );
    await insertFirstFactsBulk(tx, facts, { importBatchId: batch.id, recordedBy: null, recordedAt: ctx.now });
    progress('创建演示账号…');
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users: DemoUser[] = [];
    for (const d of DEMO_USERS) {
      const u = unit(d.unit);
      const user = await insertUser(tx, {
        username: d.username,
        displayName: d.displayName,
        passwordHash,
        unitId: u.id,
        roles: [d.role],
        mustChangePassword: false,
        now: ctx.now,
      });
      users.push({ id: user.id, username: d.username, displayName: d.displayName, role: d.role, unit: u });
      await recordAudit(tx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { username: user.username, unitId: u.id, roles: user.roles, demo: true },
      });
    }
    result.users = users.length;
    seeded.demo = { population, ids, users };
    await insertDemoDirectoryEvents(tx, ctx, {
      enterpriseIds: ids,
      population,
      importBatchId: batch.id,
      recordedBy: users.find((u) => u.role === 'statistics')?.id ?? null,
    });
    result.revenueFacts = facts.length;
    await recordAudit(tx, ctx, {
      action: 'import.apply',
      entityType: 'import_batch',
      entityId: batch.id,
      after: {
        kind: 'demo',
        enterprises: ids.length,
        revenueFacts: facts.length,
        scaleHistory: history.length,
      },
    });

    progress('设置2024年目标任务…');
    await setTarget(tx, ctx, {
      year: SEED_YEAR,
      unitId: county.id,
      dimension: 'city',
      target: SEED_CITY_TARGET,
    });
    for (const t of SEED_TERRITORIAL_TARGETS) {
      const u = townships.find((x) => x.name === t.township);
      if (!u) throw new Error(`township ${t.township} missing`);
      await setTarget(tx, ctx, { year: SEED_YEAR, unitId: u.id, dimension: 'territorial', target: t.target });
    }
    for (const t of SEED_SUPERVISING_TARGETS) {
      await setTarget(tx, ctx, {
        year: SEED_YEAR,
        unitId: bodyUnit(t.body).id,
        dimension: 'supervising',
        target: t.target,
      });
    }

    await putSetting(tx, ctx, 'demo', {
      enabled: true,
      accounts: DEMO_USERS.map((d) => ({
        username: d.username,
        password: DEMO_PASSWORD,
        roleLabel: ROLE_LABELS[d.role],
        unitName: unit(d.unit).name,
      })),
    });
  });
  const demo = seeded.demo;
  if (demo) {
    await analyze(db);
    const lastPeriod = lastCompletePeriod(ctx.now);
    progress(`生成${lastPeriod.slice(0, 4)}年申报批次…`);
    await seedDemoDeclarations(db, {
      population: demo.population,
      enterpriseIds: demo.ids,
      users: demo.users,
      countyCode: opts.countyCode,
      year: Number(lastPeriod.slice(0, 4)),
      now: ctx.now,
    });
    const year = currentPlanYear(ctx.now);
    if (year !== SEED_YEAR) {
      progress(`设置${year}年目标任务…`);
      await setCurrentYearTargets(db, ctx, opts.countyCode, year, today);
    }
    progress('评估培育库…');
    await recomputeLibraries(db, ctx, { year: currentPlanYear(ctx.now) });
    // Past years' libraries as they stood at each year's cut-off (the lists show any year; last year's
    // 临退规 library must stand before its help plans are made, for the year-close view).
    progress('固化往年培育库名单…');
    await freezePastYears(db, ctx, '初始化时按年度截止日固化');
    // Service work of the year, through the services as the demo users on the days it happened.
    progress('登记包联与走访…');
    await seedDemoVisits(db, { users: demo.users, now: ctx.now });
    progress('生成本年度企业诉求…');
    await seedDemoRequests(db, { users: demo.users, now: ctx.now });
    progress('生成稳规帮扶方案和督导记录…');
    await seedDemoHelp(db, { users: demo.users, now: ctx.now });
    progress('登记培训宣讲与签到…');
    await seedDemoTraining(db, { users: demo.users, now: ctx.now });
  }
  return result;
}

/**
 * The current year's targets in the seed's proportions, kept above the net increase the board shows today so
 * the year is visibly in progress: the county's target is at least three above today's net, and the extra is
 * given to 秀水镇 and the 工信局, the units with the most candidates.
 */
async function setCurrentYearTargets(
  db: Db,
  ctx: RequestContext,
  countyCode: string,
  year: number,
  today: string,
): Promise<void> {
  const report = await getProgressReport(db, ctx, { year, asOf: today });
  const city = Math.max(SEED_CITY_TARGET, report.county.net + 3);
  const extra = city - SEED_CITY_TARGET;
  await db.transaction(async (tx) => {
    const units = await ensureCountyUnits(tx, ctx, countyCode);
    const byName = new Map(units.map((u) => [u.name, u]));
    const county = units.find((u) => u.code === `${countyCode}000000`)!;
    await setTarget(tx, ctx, { year, unitId: county.id, dimension: 'city', target: city });
    for (const t of SEED_TERRITORIAL_TARGETS) {
      const u = byName.get(t.township);
      if (!u) continue;
      const target = t.township === '秀水镇' ? t.target + extra : t.target;
      await setTarget(tx, ctx, { year, unitId: u.id, dimension: 'territorial', target });
    }
    for (const t of SEED_SUPERVISING_TARGETS) {
      const body = COUNTY_BODIES.find((b) => b.key === t.body)!;
      const u = units.find((x) => x.code === `${countyCode}${body.suffix}`);
      if (!u) continue;
      const target = t.body === 'industry' ? t.target + extra : t.target;
      await setTarget(tx, ctx, { year, unitId: u.id, dimension: 'supervising', target });
    }
  });
}
